package dev.nsoha.sim.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code $9$} strings: AES-256-CFB-128 with ncs.conf's key and a random IV, as openssl computes it.
 */
class CryptoTest {
  private static final String OTHER_KEY =
      "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

  @AfterEach
  void demoKey() {
    Crypto.useKey(Crypto.DEMO_KEY);
  }

  @Test
  void decryptsWhatOpensslEncrypts() {
    // printf super-secret | openssl enc -aes-256-cfb -K <demo key> -iv
    // 00112233445566778899aabbccddeeff
    // as $9$ + base64(iv + cipher text)
    assertThat(Crypto.decrypt("$9$ABEiM0RVZneImaq7zN3u/xR+RoSjfZL11tWdng=="))
        .isEqualTo("super-secret");
  }

  @Test
  void encryptsWithARandomIvAndNeverShowsTheClearText() {
    String token = "tok-" + UUID.randomUUID();
    String a = Crypto.encrypt(token);
    String b = Crypto.encrypt(token);
    assertThat(a).startsWith("$9$").isNotEqualTo(b).doesNotContain(token);
    assertThat(Base64.getDecoder().decode(a.substring(3))).hasSize(16 + token.length());
    assertThat(Crypto.decrypt(a)).isEqualTo(token);
    assertThat(Crypto.decrypt(b)).isEqualTo(token);
    assertThat(Crypto.encrypt(a)).as("encrypted input is kept").isEqualTo(a);
    assertThat(Crypto.decrypt("clear")).isEqualTo("clear");
    assertThat(Crypto.decrypt("$9$abc")).as("too short to decrypt").isEqualTo("$9$abc");
  }

  @Test
  void anotherKeyDoesNotDecrypt() {
    String enc = Crypto.encrypt("super-secret");
    Crypto.useKey(OTHER_KEY);
    assertThat(Crypto.decrypt(enc)).isNotEqualTo("super-secret");
    assertThatThrownBy(() -> Crypto.useKey("0123")).hasMessageContaining("64 hex digits");
  }
}
