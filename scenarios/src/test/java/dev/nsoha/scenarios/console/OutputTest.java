package dev.nsoha.scenarios.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Colours only on a terminal, never with --no-color or NO_COLOR; quiet drops the progress. */
class OutputTest {
  private final PrintWriter out = new PrintWriter(new StringWriter());

  @Test
  void coloursOnlyOnATerminalThatAllowsThem() {
    assertThat(Output.of(out, true, false, false, Map.of("TERM", "xterm")).color()).isTrue();
    assertThat(Output.of(out, true, false, false, Map.of("TERM", "xterm")).red("x"))
        .isEqualTo("\u001B[31mx\u001B[0m");
    assertThat(Output.of(out, false, false, false, Map.of("TERM", "xterm")).color()).isFalse();
    assertThat(Output.of(out, true, true, false, Map.of("TERM", "xterm")).color()).isFalse();
    assertThat(Output.of(out, true, false, false, Map.of("NO_COLOR", "1")).color()).isFalse();
    assertThat(Output.of(out, true, false, false, Map.of("NO_COLOR", "1")).red("x")).isEqualTo("x");
    assertThat(Output.of(out, true, false, false, Map.of("TERM", "dumb")).terminal()).isFalse();
  }

  @Test
  void quietDropsTheProgress() {
    StringWriter text = new StringWriter();
    Output quiet = Output.of(new PrintWriter(text), false, false, true, Map.of());
    quiet.progress().println("[ 1/16] step");
    quiet.progress().flush();
    quiet.out().println("Verified.");
    quiet.out().flush();
    assertThat(text.toString()).isEqualTo("Verified." + System.lineSeparator());
  }
}
