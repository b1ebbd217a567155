package dev.nsoha.sim.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CliTextTest {

  @Test
  void quotingForOutput() {
    assertThat(CliText.quote("1.2.3.4")).isEqualTo("1.2.3.4");
    assertThat(CliText.quote("hello world")).isEqualTo("\"hello world\"");
    assertThat(CliText.quote("")).isEqualTo("\"\"");
    assertThat(CliText.quote("a\"b")).isEqualTo("\"a\\\"b\"");
    assertThat(CliText.quote("$9$xyz")).isEqualTo("$9$xyz");
    assertThat(CliText.quote("/high-availability/ha-node[id='n1']"))
        .isEqualTo("/high-availability/ha-node[id='n1']");
    assertThat(CliText.quote("[x")).isEqualTo("\"[x\"");
  }
}
