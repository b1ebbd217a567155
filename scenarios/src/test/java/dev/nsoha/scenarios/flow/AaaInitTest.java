package dev.nsoha.scenarios.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The example's aaa_init.xml: SHA-512 crypt as {@code openssl passwd -6} computes it, no clear
 * text.
 */
class AaaInitTest {
  @Test
  void hashesAsOpensslDoes() {
    // printf 'Hello world!' | openssl passwd -6 -salt saltstring -stdin
    assertThat(AaaInit.sha512Crypt("Hello world!", "saltstring"))
        .isEqualTo(
            "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEd"
                + "FCoEOfaS35inz1");
    // printf 'pw-0f1e2d3c-ü' | openssl passwd -6 -salt 'AbCdEfGh./123456' -stdin (UTF-8)
    assertThat(AaaInit.sha512Crypt("pw-0f1e2d3c-ü", "AbCdEfGh./123456"))
        .isEqualTo(
            "$6$AbCdEfGh./123456$DUcVxdYIQ8wKbPv91WJUMetFMPKqNi89G5xiHGzceso57t8QfzbTwYqSzbwauO0vPe"
                + "QL187hVzL0qv.MqLlTt/");
  }

  @Test
  void writesTheUserWithAHashOnly() {
    String pw = "pw-" + UUID.randomUUID();
    String xml = AaaInit.xml("ops", pw);
    assertThat(xml)
        .doesNotContain(pw)
        .contains("<name>ops</name>")
        .containsPattern("<password>\\$6\\$[./0-9A-Za-z]{16}\\$[./0-9A-Za-z]{86}</password>")
        .contains("<user-name>ops</user-name>");
    assertThat(AaaInit.xml("ops", pw)).as("a new salt each time").isNotEqualTo(xml);
    assertThatThrownBy(() -> AaaInit.xml("a/b", pw)).hasMessageContaining("a/b");
  }
}
