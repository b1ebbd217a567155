package dev.nsoha.sim.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.sim.util.CryptHash.Algorithm;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The crypt(3) hashes against values computed by {@code openssl passwd -1|-5|-6 -salt S -stdin}
 * (OpenSSL 3 on Debian), and the store/verify rules of NSO's AAA passwords.
 */
class CryptHashTest {
  private static final String LONG =
      "a-much-longer-password-than-sixty-four-bytes-to-cover-the-loops-0123456789";

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
