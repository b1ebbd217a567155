package dev.nsoha.scenarios.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.PlanEvent;
import dev.nsoha.core.plan.Step;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The waiting line on a terminal and in a log, driven by a clock of the test's own. */
class ProgressListenerTest {
  private final StringWriter text = new StringWriter();
  private final AtomicLong nanos = new AtomicLong();
  private final Step step = Step.of("Enable HA", List.of(NodeId.of("n2")), ctx -> {}, ctx -> null);

  private PlanEvent.WaitProgress progress(long elapsedMs, String observed) {
    return new PlanEvent.WaitProgress(
        Instant.EPOCH,
        4,
        step,
        "n2 is primary",
        observed,
        Duration.ofMillis(elapsedMs),
        Duration.ofSeconds(60));
  }

  private PlanEvent.WaitEnded ended() {
    return new PlanEvent.WaitEnded(
        Instant.EPOCH,
        4,
        step,
        "n2 is primary",
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        true,
        "enabled primary rw");
  }

  private void advance(long ms) {
    nanos.addAndGet(Duration.ofMillis(ms).toNanos());
  }

  @Test
  void onATerminalOneLineIsRedrawnInPlaceAndErasedAtTheEnd() {
    Output out = new Output(new PrintWriter(text), true, false, false);
    ProgressListener p = new ProgressListener(out, 200, nanos::get, false);
    p.on(progress(0, "nothing observed yet"));
    advance(300);
    p.tick();
    p.on(progress(800, "enabled secondary ro"));
    p.on(ended());
    assertThat(text.toString())
        .isEqualTo(
            "\r\u001B[K        waiting until n2 is primary: 0.0 s of 60.0 s, nothing observed yet"
                + "\r\u001B[K        waiting until n2 is primary: 0.3 s of 60.0 s, nothing observed"
                + " yet"
                + "\r\u001B[K        waiting until n2 is primary: 0.8 s of 60.0 s, enabled"
                + " secondary ro"
                + "\r\u001B[K");
  }

  @Test
  void theTerminalLineIsCutToTheWidthAndStaysOffWhileAnotherLineIsPrinted() {
    Output out = new Output(new PrintWriter(text), true, false, false);
    ProgressListener p = new ProgressListener(out, 40, nanos::get, false);
    p.on(progress(0, "nothing observed yet"));
    String first = text.toString();
    assertThat(first.substring(first.lastIndexOf('K') + 1)).hasSize(39).endsWith("…");
    p.on(new PlanEvent.Waiting(Instant.EPOCH, 4, step, "n2 is primary", "enabled secondary"));
    String afterWaiting = text.toString();
    assertThat(afterWaiting).endsWith("\r\u001B[K");
    advance(500);
    p.tick();
    assertThat(text.toString()).isEqualTo(afterWaiting);
  }

  @Test
  void inALogShortWaitsPrintNothingAndLongOnesALineEveryFewSeconds() {
    Output out = Output.plain(new PrintWriter(text));
    ProgressListener p = new ProgressListener(out, 80, nanos::get, false);
    p.on(progress(0, "nothing observed yet"));
    advance(1500);
    p.tick();
    assertThat(text.toString()).isEmpty();
    advance(600);
    p.tick();
    assertThat(text.toString())
        .isEqualTo(
            "        waiting until n2 is primary: 2.1 s of 60.0 s, nothing observed yet"
                + System.lineSeparator());
    advance(3000);
    p.on(progress(5100, "enabled secondary ro"));
    p.tick();
    assertThat(text.toString().lines()).hasSize(1);
    advance(2100);
    p.tick();
    assertThat(text.toString().lines())
        .hasSize(2)
        .last()
        .isEqualTo("        waiting until n2 is primary: 7.2 s of 60.0 s, enabled secondary ro");
    p.on(ended());
    assertThat(text.toString()).doesNotContain("\u001B");
  }
}
