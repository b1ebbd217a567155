package dev.nsoha.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NsoExceptionTest {
  @Test
  void aNodesControlCharactersAreWrittenAsEscapesAndNeverReachTheMessage() {
    ProtocolException e =
        new ProtocolException(
            "n1 (127.0.1.1, cli)",
            "read the HA status",
            "bad \u001b]0;owned\u0007\u009b2J\nnext\tline");
    assertThat(e.getMessage())
        .isEqualTo(
            "n1 (127.0.1.1, cli): read the HA status: bad \\u001b]0;owned\\u0007\\u009b2J\nnext\tline");
    assertThat(e.detail()).doesNotContain("\u001b", "\u0007", "\u009b");
  }

  @Test
  void plainTextIsKeptAsItIs() {
    assertThat(NsoException.printable("node is in read-only mode"))
        .isEqualTo("node is in read-only mode");
    assertThat(NsoException.printable(null)).isNull();
  }
}
