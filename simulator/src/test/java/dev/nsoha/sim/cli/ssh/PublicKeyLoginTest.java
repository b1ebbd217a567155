package dev.nsoha.sim.cli.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PublicKeyLoginTest {

  @Test
  void modesAsNcsConfNamesThem() {
    assertThat(PublicKeyLogin.Mode.parse("none")).isEqualTo(PublicKeyLogin.Mode.NONE);
    assertThat(PublicKeyLogin.Mode.parse(" local ")).isEqualTo(PublicKeyLogin.Mode.LOCAL);
    assertThat(PublicKeyLogin.Mode.parse("system")).isEqualTo(PublicKeyLogin.Mode.SYSTEM);
    assertThatThrownBy(() -> PublicKeyLogin.Mode.parse("yes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected none, local or system, not 'yes'");
  }

  @Test
  void onlyPlainUserNamesNameAKeyDirectory() {
    assertThat(PublicKeyLogin.isPlainUserName("admin")).isTrue();
    assertThat(PublicKeyLogin.isPlainUserName("oper.1_x-y")).isTrue();
    assertThat(PublicKeyLogin.isPlainUserName("..")).isFalse();
    assertThat(PublicKeyLogin.isPlainUserName(".ssh")).isFalse();
    assertThat(PublicKeyLogin.isPlainUserName("a/b")).isFalse();
    assertThat(PublicKeyLogin.isPlainUserName("")).isFalse();
    assertThat(PublicKeyLogin.isPlainUserName(null)).isFalse();
  }
}
