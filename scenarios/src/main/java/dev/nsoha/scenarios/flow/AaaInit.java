package dev.nsoha.scenarios.flow;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.apache.commons.codec.digest.Sha2Crypt;

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
    return Sha2Crypt.sha512Crypt(password.getBytes(StandardCharsets.UTF_8), "$6$" + salt);
  }
}
