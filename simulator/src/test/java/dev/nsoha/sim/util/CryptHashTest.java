package dev.nsoha.sim.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.sim.util.CryptHash.Algorithm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The crypt(3) hashes against values computed by {@code openssl passwd -1|-5|-6 -salt S -stdin}
 * (OpenSSL 3 on Debian): recorded ones, and fresh ones from running openssl on random passwords and
 * salts; and the store/verify rules of NSO's AAA passwords.
 */
class CryptHashTest {
  private static final String LONG =
      "a-much-longer-password-than-sixty-four-bytes-to-cover-the-loops-0123456789";

  private static final String ALPHABET =
      "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  /** Each line made by {@code printf '%s' PASSWORD | openssl passwd -1|-5|-6 -salt SALT -stdin}. */
  @Test
  void matchesOpensslForEveryAlgorithm() {
    assertThat(CryptHash.hash("Hello world!", Algorithm.MD5, "saltstring"))
        .isEqualTo("$1$saltstri$YMyguxXMBpd2TEZ.vS/3q1");
    assertThat(CryptHash.hash("Hello world!", Algorithm.SHA_256, "saltstring"))
        .isEqualTo("$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5");
    assertThat(CryptHash.hash("Hello world!", Algorithm.SHA_512, "saltstring"))
        .isEqualTo(
            "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEd"
                + "FCoEOfaS35inz1");
    assertThat(CryptHash.hash(LONG, Algorithm.SHA_512, "0123456789abcdefXYZ"))
        .isEqualTo(
            "$6$0123456789abcdef$l0saBPDCxJQD3F7pDvwedwKWpajjHiryQ4cdXCiKBtiUCptPgbvIR3k7L532PUU1vO"
                + "/BQ5pNIqhbcLT/Oi9c9.");
    assertThat(CryptHash.hash(LONG, Algorithm.SHA_256, "short"))
        .isEqualTo("$5$short$LyWrFkyxKZULdCSF4qpgHLLw4fMp1yP9Cw9X9wkhhW5");
    assertThat(CryptHash.hash(LONG, Algorithm.MD5, "eightchr"))
        .isEqualTo("$1$eightchr$Kkl7SkPNMJsBl58lfjz180");
  }

  @Test
  void matchesOpensslRunNowOnRandomPasswordsAndSalts() throws Exception {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 4; i++) {
      String pw = "pw-" + UUID.randomUUID() + "-ü".repeat(i * 20);
      String salt = randomSalt(random, 16);
      assertThat(CryptHash.hash(pw, Algorithm.MD5, salt)).isEqualTo(openssl("-1", salt, pw));
      assertThat(CryptHash.hash(pw, Algorithm.SHA_256, salt)).isEqualTo(openssl("-5", salt, pw));
      assertThat(CryptHash.hash(pw, Algorithm.SHA_512, salt)).isEqualTo(openssl("-6", salt, pw));
      String stored = CryptHash.store(pw, Algorithm.values()[i % 3]);
      String storedSalt = stored.substring(3, stored.indexOf('$', 3));
      assertThat(storedSalt).hasSize(i % 3 == 0 ? 8 : 16);
      assertThat(stored).isEqualTo(openssl("-" + "156".charAt(i % 3), storedSalt, pw));
    }
  }

  private static String randomSalt(SecureRandom random, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  /** {@code openssl passwd}, the password on standard input (never on the command line). */
  private static String openssl(String algorithm, String salt, String password)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("openssl", "passwd", algorithm, "-salt", salt, "-stdin")
            .redirectErrorStream(true)
            .start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(password.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("openssl passwd ended: %s", out).isTrue();
    assertThat(p.exitValue()).as("openssl passwd %s: %s", algorithm, out).isZero();
    return out;
  }

  @Test
  void refusesValuesOutsideTheHashForms() {
    assertThat(CryptHash.isHash("$6$$abc")).as("empty salt").isFalse();
    assertThat(CryptHash.isHash("$6$a-b$abc")).as("salt outside crypt's alphabet").isFalse();
    assertThat(CryptHash.isHash("$6$rounds=9999999999$abc$def")).as("rounds too large").isFalse();
    assertThat(CryptHash.isHash("$6$rounds=5000$abc$def")).isTrue();
    assertThat(CryptHash.isHash("$2$abc$def")).isFalse();
  }

  @Test
  void verifiesAgainstTheStoredHashOnly() {
    String stored =
        "$6$nsosimadmin$SHeQvGW3LjwDaF1eG.viMmEHMwtDy7kkCi9MJD.63/RvlGbH3H6mCInn.juPei/0zxB9lUtrS."
            + "NJwk9IpiLVM.";
    assertThat(CryptHash.verify("admin", stored)).isTrue();
    assertThat(CryptHash.verify("admin ", stored)).isFalse();
    assertThat(CryptHash.verify("Admin", stored)).isFalse();
    assertThat(CryptHash.verify("admin", "admin")).as("clear text is no hash").isFalse();
    assertThat(CryptHash.verify("admin", "$0$admin")).isFalse();
  }

  @Test
  void storesClearInputHashedWithTheConfiguredAlgorithm() {
    String pw = "pw-" + UUID.randomUUID();
    for (Algorithm a : Algorithm.values()) {
      String fromMarker = CryptHash.store("$0$" + pw, a);
      String fromCli = CryptHash.store(pw, a);
      assertThat(fromMarker)
          .startsWith(a == Algorithm.MD5 ? "$1$" : a == Algorithm.SHA_256 ? "$5$" : "$6$");
      assertThat(fromMarker).doesNotContain(pw).isNotEqualTo(fromCli);
      assertThat(CryptHash.verify(pw, fromMarker)).isTrue();
      assertThat(CryptHash.verify(pw, fromCli)).isTrue();
      assertThat(CryptHash.store(fromMarker, Algorithm.SHA_512))
          .as("a hash is kept")
          .isEqualTo(fromMarker);
    }
  }

  @Test
  void keepsACustomRoundCount() {
    String h = CryptHash.hash("secret", Algorithm.SHA_512, "rounds=1000$abc");
    assertThat(h).startsWith("$6$rounds=1000$abc$");
    assertThat(CryptHash.verify("secret", h)).isTrue();
    assertThat(CryptHash.verify("secret", h.replace("rounds=1000", "rounds=1001"))).isFalse();
  }

  @Test
  void parsesNcsConfAlgorithms() {
    assertThat(Algorithm.parse("sha-512")).isEqualTo(Algorithm.SHA_512);
    assertThat(Algorithm.parse(" md5 ")).isEqualTo(Algorithm.MD5);
    assertThatThrownBy(() -> Algorithm.parse("sha-1")).hasMessageContaining("sha-1");
  }
}
