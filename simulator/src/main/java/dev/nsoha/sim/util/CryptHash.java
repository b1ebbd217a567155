package dev.nsoha.sim.util;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.Md5Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;

/**
 * Password hashes in the crypt(3) formats NSO stores AAA passwords in ({@code iana-crypt-hash}):
 * {@code $1$} (MD5-crypt), {@code $5$} (SHA-256-crypt) and {@code $6$} (SHA-512-crypt), and {@code
 * $0$<clear>} on input, which is hashed with the algorithm of ncs.conf {@code
 * /ncs-config/aaa/crypt-hash/algorithm}. The hashing itself is Apache Commons Codec's {@link
 * Md5Crypt} and {@link Sha2Crypt} (glibc's algorithms); this class adds NSO's rules: which values
 * are hashes, the salt lengths of new hashes (8 for MD5, 16 for SHA), and the default 5,000 rounds.
 * Stateless and thread-safe.
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

  /**
   * A stored hash: the salt in crypt's alphabet (what the {@code iana-crypt-hash} type allows), and
   * a round count of at most nine digits.
   */
  private static final Pattern STORED =
      Pattern.compile(
          "\\$([156])\\$((?:rounds=[0-9]{1,9}\\$)?)([./0-9A-Za-z]{1,16})\\$[./0-9A-Za-z]+");

  private static final SecureRandom RANDOM = new SecureRandom();

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
   * @param salt the salt in crypt's alphabet ({@code [./0-9A-Za-z]}; MD5 uses its first 8
   *     characters, SHA its first 16), for SHA-crypt optionally preceded by {@code rounds=N$}
   *     (clamped to 1,000 to 999,999,999, as glibc does)
   */
  public static String hash(String clear, Algorithm algorithm, String salt) {
    byte[] pw = clear.getBytes(StandardCharsets.UTF_8);
    String spec = algorithm.prefix + salt;
    return switch (algorithm) {
      case MD5 -> Md5Crypt.md5Crypt(pw, spec);
      case SHA_256 -> Sha2Crypt.sha256Crypt(pw, spec);
      case SHA_512 -> Sha2Crypt.sha512Crypt(pw, spec);
    };
  }

  private static String randomSalt(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(ITOA64.charAt(RANDOM.nextInt(64)));
    }
    return b.toString();
  }
}
