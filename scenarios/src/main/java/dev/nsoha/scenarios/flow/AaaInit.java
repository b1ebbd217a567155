package dev.nsoha.scenarios.flow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The example's {@code ncs-cdb/aaa_init.xml}: the one local user the example logs in as, with its
 * password stored only as a SHA-512 crypt hash ({@code $6$}, the hash NSO's local install is set up
 * with), in the NSO administrators' group {@code ncsadmin}, which a NACM rule list gives every
 * right. NSO loads the file into its empty database at first start, so the clear password is never
 * written to disk.
 */
public final class AaaInit {
  private static final String ITOA64 =
      "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int ROUNDS = 5000;
  private static final int[][] ORDER = {
    {0, 21, 42},
    {22, 43, 1},
    {44, 2, 23},
    {3, 24, 45},
    {25, 46, 4},
    {47, 5, 26},
    {6, 27, 48},
    {28, 49, 7},
    {50, 8, 29},
    {9, 30, 51},
    {31, 52, 10},
    {53, 11, 32},
    {12, 33, 54},
    {34, 55, 13},
    {56, 14, 35},
    {15, 36, 57},
    {37, 58, 16},
    {59, 17, 38},
    {18, 39, 60},
    {40, 61, 19},
    {62, 20, 41}
  };

  private AaaInit() {}

  /** The aaa_init.xml text for {@code user} with {@code password} (hashed, random salt). */
  public static String xml(String user, String password) {
    if (!user.matches("[A-Za-z0-9_][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException("user name '" + user + "' cannot name an NSO user");
    }
    StringBuilder salt = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      salt.append(ITOA64.charAt(RANDOM.nextInt(64)));
    }
    return "<config xmlns=\"http://tail-f.com/ns/config/1.0\">\n"
        + "  <aaa xmlns=\"http://tail-f.com/ns/aaa/1.1\">\n"
        + "    <authentication>\n"
        + "      <users>\n"
        + "        <user>\n"
        + "          <name>"
        + user
        + "</name>\n"
        + "          <uid>9000</uid>\n"
        + "          <gid>100</gid>\n"
        + "          <password>"
        + sha512Crypt(password, salt.toString())
        + "</password>\n"
        + "          <ssh_keydir>./homes/"
        + user
        + "/.ssh</ssh_keydir>\n"
        + "          <homedir>./homes/"
        + user
        + "</homedir>\n"
        + "        </user>\n"
        + "      </users>\n"
        + "    </authentication>\n"
        + "  </aaa>\n"
        + "  <nacm xmlns=\"urn:ietf:params:xml:ns:yang:ietf-netconf-acm\">\n"
        + "    <groups>\n"
        + "      <group>\n"
        + "        <name>ncsadmin</name>\n"
        + "        <user-name>"
        + user
        + "</user-name>\n"
        + "      </group>\n"
        + "    </groups>\n"
        + "    <rule-list>\n"
        + "      <name>admin</name>\n"
        + "      <group>ncsadmin</group>\n"
        + "      <rule>\n"
        + "        <name>any-access</name>\n"
        + "        <action>permit</action>\n"
        + "      </rule>\n"
        + "      <cmdrule xmlns=\"http://tail-f.com/yang/acm\">\n"
        + "        <name>any-command</name>\n"
        + "        <action>permit</action>\n"
        + "      </cmdrule>\n"
        + "    </rule-list>\n"
        + "  </nacm>\n"
        + "</config>\n";
  }

  /** SHA-512 crypt ({@code $6$salt$hash}, 5000 rounds), as glibc's crypt(3) computes it. */
  static String sha512Crypt(String password, String salt) {
    byte[] pw = password.getBytes(StandardCharsets.UTF_8);
    byte[] s = salt.getBytes(StandardCharsets.UTF_8);
    MessageDigest b = sha512();
    b.update(pw);
    b.update(s);
    b.update(pw);
    byte[] bd = b.digest();
    MessageDigest a = sha512();
    a.update(pw);
    a.update(s);
    int cnt;
    for (cnt = pw.length; cnt > 64; cnt -= 64) {
      a.update(bd);
    }
    a.update(bd, 0, cnt);
    for (cnt = pw.length; cnt > 0; cnt >>= 1) {
      a.update((cnt & 1) != 0 ? bd : pw);
    }
    byte[] acc = a.digest();
    MessageDigest dp = sha512();
    for (int i = 0; i < pw.length; i++) {
      dp.update(pw);
    }
    byte[] p = repeat(dp.digest(), pw.length);
    MessageDigest ds = sha512();
    for (int i = 0; i < 16 + (acc[0] & 0xff); i++) {
      ds.update(s);
    }
    byte[] sb = repeat(ds.digest(), s.length);
    for (int r = 0; r < ROUNDS; r++) {
      MessageDigest c = sha512();
      c.update((r & 1) != 0 ? p : acc);
      if (r % 3 != 0) {
        c.update(sb);
      }
      if (r % 7 != 0) {
        c.update(p);
      }
      c.update((r & 1) != 0 ? acc : p);
      acc = c.digest();
    }
    StringBuilder out = new StringBuilder("$6$").append(salt).append('$');
    for (int[] o : ORDER) {
      to64(out, acc[o[0]], acc[o[1]], acc[o[2]], 4);
    }
    to64(out, (byte) 0, (byte) 0, acc[63], 2);
    return out.toString();
  }

  private static byte[] repeat(byte[] block, int n) {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = block[i % block.length];
    }
    return out;
  }

  private static void to64(StringBuilder out, byte b2, byte b1, byte b0, int n) {
    int w = ((b2 & 0xff) << 16) | ((b1 & 0xff) << 8) | (b0 & 0xff);
    for (int i = 0; i < n; i++) {
      out.append(ITOA64.charAt(w & 0x3f));
      w >>>= 6;
    }
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
