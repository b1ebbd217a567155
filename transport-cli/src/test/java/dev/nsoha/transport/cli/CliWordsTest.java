package dev.nsoha.transport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CliWordsTest {
  @Test
  void quoting() {
    assertThat(CliWords.quote("1.2.3.4")).isEqualTo("1.2.3.4");
    assertThat(CliWords.quote("/abs/dummy-1.1.tar.gz")).isEqualTo("/abs/dummy-1.1.tar.gz");
    assertThat(CliWords.quote("hello world")).isEqualTo("\"hello world\"");
    assertThat(CliWords.quote("a|b")).isEqualTo("\"a|b\"");
    assertThat(CliWords.quote("")).isEqualTo("\"\"");
  }

  @Test
  void splittingRoundTrips() {
    String v = "say \"hi\" \\ there";
    assertThat(CliWords.split("description " + CliWords.quote(v)))
        .containsExactly("description", v);
    assertThat(CliWords.rest("info SyntaxError: invalid syntax"))
        .isEqualTo("SyntaxError: invalid syntax");
    assertThat(CliWords.rest("result \"a b\"")).isEqualTo("a b");
  }
}
