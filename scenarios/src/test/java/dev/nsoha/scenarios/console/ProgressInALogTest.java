package dev.nsoha.scenarios.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.ClusterAccess;
import dev.nsoha.core.plan.ConsoleListener;
import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plan.PlanRunner;
import dev.nsoha.core.plan.PlanSettings;
import dev.nsoha.core.plan.Step;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * CI-style output: a real runner, a step whose wait takes over two seconds, the progress listener
 * with its real ticker, and output that is no terminal. The wait's line appears as a plain line
 * between the step's lines; no terminal control characters appear.
 */
class ProgressInALogTest {
  @Test
  void aLongWaitPrintsPlainProgressLinesBetweenTheStepLines() {
    ClusterSpec spec = ClusterSpec.example();
    NodeClient down =
        mock(
            NodeClient.class,
            inv -> {
              throw new UnreachableException("n2", inv.getMethod().getName(), "connection refused");
            });
    ClusterAccess cluster =
        new ClusterAccess() {
          @Override
          public ClusterSpec spec() {
            return spec;
          }

          @Override
          public NodeClient client(NodeId node) {
            return down;
          }

          @Override
          public NodeHost host(NodeId node) {
            throw new IllegalStateException("no hosts here");
          }
        };
    // the condition holds 2.6 s after the wait's first probe
    AtomicLong firstProbe = new AtomicLong();
    long holdsAfter = Duration.ofMillis(2600).toNanos();
    Step step =
        new Step(
            "Wait for n2",
            List.of(NodeId.of("n2")),
            ctx ->
                ctx.waitUntil(
                    "n2 is primary",
                    NodeId.of("n2"),
                    () -> {
                      firstProbe.compareAndSet(0, System.nanoTime());
                      return System.nanoTime() - firstProbe.get() - holdsAfter;
                    },
                    left -> left >= 0,
                    left -> left >= 0 ? "primary" : "secondary ro",
                    Duration.ofSeconds(30)),
            Optional.empty(),
            false);
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text, true);
    ProgressListener progress = new ProgressListener(Output.plain(out), 80);
    new PlanRunner(
            cluster, PlanSettings.defaults(), List.of(progress, new ConsoleListener(out, false)))
        .run(new Plan("test", "a long wait", List.of(step)));
    List<String> lines = text.toString().lines().toList();
    assertThat(lines.get(1)).isEqualTo("[ 1/1] Wait for n2");
    assertThat(lines.get(2))
        .matches(
            "        waiting until n2 is primary: ([2-9]|\\d\\d)\\.\\d s of 30\\.0 s, secondary ro");
    assertThat(lines.get(3)).matches("        done in \\d+\\.\\d s");
    assertThat(text.toString()).doesNotContain("\u001B").doesNotContain("\r");
  }
}
