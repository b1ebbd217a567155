package dev.nsoha.sim.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CliFormatTest {

  @Test
  void quotingForOutput() {
    assertThat(CliFormat.quote("1.2.3.4")).isEqualTo("1.2.3.4");
    assertThat(CliFormat.quote("hello world")).isEqualTo("\"hello world\"");
    assertThat(CliFormat.quote("")).isEqualTo("\"\"");
    assertThat(CliFormat.quote("a\"b")).isEqualTo("\"a\\\"b\"");
    assertThat(CliFormat.quote("$9$xyz")).isEqualTo("$9$xyz");
    assertThat(CliFormat.quote("/high-availability/ha-node[id='n1']"))
        .isEqualTo("/high-availability/ha-node[id='n1']");
    assertThat(CliFormat.quote("[x")).isEqualTo("\"[x\"");
  }
}
