package dev.nsoha.sim.util;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Password hashes in the crypt(3) formats NSO stores AAA passwords in ({@code iana-crypt-hash}):
 * {@code $1$} (MD5-crypt), {@code $5$} (SHA-256-crypt) and {@code $6$} (SHA-512-crypt), and {@code
 * $0$<clear>} on input, which is hashed with the algorithm of ncs.conf {@code
 * /ncs-config/aaa/crypt-hash/algorithm}. The algorithms are the public ones of glibc's crypt
 * (Poul-Henning Kamp's MD5-crypt, Ulrich Drepper's SHA-crypt). Stateless and thread-safe.
 */
public final class CryptHash {
  /** The hash algorithms of {@code /ncs-config/aaa/crypt-hash/algorithm}. */
  public enum Algorithm {
    MD5("$1$"),
    SHA_256("$5$"),
    SHA_512("$6$");

    private final String prefix;

    Algorithm(String prefix) {
      this.prefix = prefix;
    }

    /** Parses ncs.conf's {@code md5}, {@code sha-256} or {@code sha-512}. */
    public static Algorithm parse(String s) {
      return switch (s.strip().toLowerCase(Locale.ROOT)) {
        case "md5" -> MD5;
        case "sha-256" -> SHA_256;
        case "sha-512" -> SHA_512;
        default ->
            throw new IllegalArgumentException("expected md5, sha-256 or sha-512, not '" + s + "'");
      };
    }
  }

  private static final String ITOA64 =
      "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final Pattern STORED =
      Pattern.compile("\\$([156])\\$((?:rounds=[0-9]+\\$)?)([^$]{0,16})\\$[./0-9A-Za-z]+");
  private static final int DEFAULT_ROUNDS = 5000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final int[][] SHA512_ORDER = {
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
  private static final int[][] SHA256_ORDER = {
    {0, 10, 20},
    {21, 1, 11},
    {12, 22, 2},
    {3, 13, 23},
    {24, 4, 14},
    {15, 25, 5},
    {6, 16, 26},
    {27, 7, 17},
    {18, 28, 8},
    {9, 19, 29}
  };

  private CryptHash() {}

  /** Whether {@code value} is a stored hash ({@code $1$}, {@code $5$} or {@code $6$} form). */
  public static boolean isHash(String value) {
    return value != null && STORED.matcher(value).matches();
  }

  /**
   * What NSO stores for a written password: a hash is kept, {@code $0$<clear>} (or a value in no
   * hash form, as the CLI takes it) is hashed with {@code algorithm} and a random salt.
   */
  public static String store(String written, Algorithm algorithm) {
    if (isHash(written)) {
      return written;
    }
    String clear = written.startsWith("$0$") ? written.substring(3) : written;
    return hash(clear, algorithm, randomSalt(algorithm == Algorithm.MD5 ? 8 : 16));
  }

  /** Whether {@code clear} matches the stored hash {@code stored}; false for a non-hash. */
  public static boolean verify(String clear, String stored) {
    if (clear == null || stored == null) {
      return false;
    }
    Matcher m = STORED.matcher(stored);
    if (!m.matches()) {
      return false;
    }
    Algorithm a =
        switch (m.group(1)) {
          case "1" -> Algorithm.MD5;
          case "5" -> Algorithm.SHA_256;
          default -> Algorithm.SHA_512;
        };
    String again = hash(clear, a, m.group(2) + m.group(3));
    return MessageDigest.isEqual(
        again.getBytes(StandardCharsets.UTF_8), stored.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The crypt(3) hash of {@code clear}.
   *
   * @param salt the salt, optionally preceded by {@code rounds=N$} for SHA-crypt
   */
  public static String hash(String clear, Algorithm algorithm, String salt) {
    byte[] pw = clear.getBytes(StandardCharsets.UTF_8);
    return algorithm == Algorithm.MD5 ? md5Crypt(pw, salt) : shaCrypt(pw, salt, algorithm);
  }

  private static String randomSalt(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(ITOA64.charAt(RANDOM.nextInt(64)));
    }
    return b.toString();
  }

  private static String md5Crypt(byte[] pw, String saltText) {
    String s = saltText.length() > 8 ? saltText.substring(0, 8) : saltText;
    byte[] salt = s.getBytes(StandardCharsets.UTF_8);
    MessageDigest ctx = digest("MD5");
    ctx.update(pw);
    ctx.update("$1$".getBytes(StandardCharsets.UTF_8));
    ctx.update(salt);
    MessageDigest alt = digest("MD5");
    alt.update(pw);
    alt.update(salt);
    alt.update(pw);
    byte[] f = alt.digest();
    for (int pl = pw.length; pl > 0; pl -= 16) {
      ctx.update(f, 0, Math.min(pl, 16));
    }
    for (int i = pw.length; i != 0; i >>>= 1) {
      if ((i & 1) != 0) {
        ctx.update((byte) 0);
      } else {
        ctx.update(pw[0]);
      }
    }
    f = ctx.digest();
    for (int i = 0; i < 1000; i++) {
      MessageDigest c = digest("MD5");
      c.update((i & 1) != 0 ? pw : f);
      if (i % 3 != 0) {
        c.update(salt);
      }
      if (i % 7 != 0) {
        c.update(pw);
      }
      c.update((i & 1) != 0 ? f : pw);
      f = c.digest();
    }
    StringBuilder out = new StringBuilder("$1$").append(s).append('$');
    int[][] order = {{0, 6, 12}, {1, 7, 13}, {2, 8, 14}, {3, 9, 15}, {4, 10, 5}};
    for (int[] o : order) {
      to64(out, f[o[0]], f[o[1]], f[o[2]], 4);
    }
    to64(out, (byte) 0, (byte) 0, f[11], 2);
    return out.toString();
  }

  private static String shaCrypt(byte[] pw, String saltText, Algorithm a) {
    String prefix = a.prefix;
    int rounds = DEFAULT_ROUNDS;
    boolean custom = false;
    String s = saltText;
    if (s.startsWith("rounds=")) {
      int end = s.indexOf('$');
      if (end > 0) {
        try {
          rounds =
              (int) Math.max(1000, Math.min(999_999_999L, Long.parseLong(s.substring(7, end))));
          custom = true;
          s = s.substring(end + 1);
        } catch (NumberFormatException e) {
          // not a rounds specification: part of the salt
        }
      }
    }
    if (s.length() > 16) {
      s = s.substring(0, 16);
    }
    byte[] salt = s.getBytes(StandardCharsets.UTF_8);
    String algo = a == Algorithm.SHA_512 ? "SHA-512" : "SHA-256";
    int len = a == Algorithm.SHA_512 ? 64 : 32;
    MessageDigest b = digest(algo);
    b.update(pw);
    b.update(salt);
    b.update(pw);
    byte[] bd = b.digest();
    MessageDigest ad = digest(algo);
    ad.update(pw);
    ad.update(salt);
    int cnt;
    for (cnt = pw.length; cnt > len; cnt -= len) {
      ad.update(bd);
    }
    ad.update(bd, 0, cnt);
    for (cnt = pw.length; cnt > 0; cnt >>= 1) {
      ad.update((cnt & 1) != 0 ? bd : pw);
    }
    byte[] acc = ad.digest();
    MessageDigest dp = digest(algo);
    for (int i = 0; i < pw.length; i++) {
      dp.update(pw);
    }
    byte[] p = repeat(dp.digest(), pw.length);
    MessageDigest ds = digest(algo);
    for (int i = 0; i < 16 + (acc[0] & 0xff); i++) {
      ds.update(salt);
    }
    byte[] sb = repeat(ds.digest(), salt.length);
    for (int r = 0; r < rounds; r++) {
      MessageDigest c = digest(algo);
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
    StringBuilder out = new StringBuilder(prefix);
    if (custom) {
      out.append("rounds=").append(rounds).append('$');
    }
    out.append(s).append('$');
    if (a == Algorithm.SHA_512) {
      for (int[] o : SHA512_ORDER) {
        to64(out, acc[o[0]], acc[o[1]], acc[o[2]], 4);
      }
      to64(out, (byte) 0, (byte) 0, acc[63], 2);
    } else {
      for (int[] o : SHA256_ORDER) {
        to64(out, acc[o[0]], acc[o[1]], acc[o[2]], 4);
      }
      to64(out, (byte) 0, acc[31], acc[30], 3);
    }
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

  private static MessageDigest digest(String name) {
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
