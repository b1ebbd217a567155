package dev.nsoha.scenarios.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusWatchTest {
  private static StatusWatch.Row row(String node, String role, String ro) {
    return new StatusWatch.Row(node, "10.0.0.1", role, ro, "6.5.1", "", "dummy 1.0");
  }

  @Test
  void aRoleThatChangedSinceThePreviousTableIsMarked() {
    StatusWatch w =
        new StatusWatch(null, Output.plain(new PrintWriter(new StringWriter())), Clock.systemUTC());
    String first =
        w.render(
            List.of(row("n1", "primary", "rw"), row("n2", "secondary", "ro")),
            Instant.EPOCH,
            false);
    assertThat(first).doesNotContain("*").contains("NODE").contains("n2    10.0.0.1  secondary");
    String second =
        w.render(List.of(row("n1", "down", "-"), row("n2", "primary", "ro")), Instant.EPOCH, false);
    assertThat(second)
        .contains("n1    10.0.0.1  *down (was primary)")
        .contains("n2    10.0.0.1  *primary (was secondary)");
    String third =
        w.render(List.of(row("n1", "down", "-"), row("n2", "primary", "ro")), Instant.EPOCH, false);
    assertThat(third).doesNotContain("*");
  }

  @Test
  void onATerminalTheTableIsRedrawnInPlace() {
    StatusWatch w =
        new StatusWatch(
            null,
            new Output(new PrintWriter(new StringWriter()), true, false, false),
            Clock.systemUTC());
    assertThat(w.render(List.of(row("n1", "primary", "rw")), Instant.EPOCH, true))
        .startsWith("\u001B[H\u001B[2J");
  }
}
