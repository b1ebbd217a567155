package dev.nsoha.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.nsoha.core.error.NsoTimeoutException;
import dev.nsoha.core.error.OperationFailedException;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runner's rules: skip what is in place, stop at the first failure, report every step. */
class PlanRunnerTest {
  private static final NodeId N1 = NodeId.of("n1");
  private final List<PlanEvent> events = new ArrayList<>();
  private final List<String> ran = new ArrayList<>();
  private ClusterAccess cluster;

  @BeforeEach
  void setUp() {
    NodeClient client = mock(NodeClient.class);
    when(client.version()).thenReturn(NsoVersion.parse("6.4.4"));
    when(client.haStatus()).thenReturn(HaStatus.disabled(Optional.of(N1), false));
    when(client.packages()).thenReturn(List.of());
    cluster =
        new ClusterAccess() {
          @Override
          public ClusterSpec spec() {
            return ClusterSpec.example();
          }

          @Override
          public NodeClient client(NodeId node) {
            return client;
          }

          @Override
          public NodeHost host(NodeId node) {
            throw new IllegalStateException("no host in this test");
          }
        };
  }

  private RunResult run(Step... steps) {
    PlanListener failing =
        e -> {
          throw new IllegalStateException("a broken listener must not stop the run");
        };
    return new PlanRunner(
            cluster,
            new PlanSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
            List.of(failing, events::add))
        .run(new Plan("test", "a test plan", List.of(steps)));
  }

  private Step step(String name, boolean alreadyDone) {
    return Step.of(
        name,
        List.of(N1),
        ctx -> ran.add(name),
        ctx -> new Check(alreadyDone || ran.contains(name), name + " observed"));
  }

  @Test
  void aResumedRunReportsTheEarlierStepsSkippedWithoutCheckingThemAndRunsFromTheResumePoint() {
    List<String> checked = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    for (String name : List.of("a", "b", "c", "d")) {
      steps.add(
          Step.of(
              name,
              List.of(N1),
              ctx -> ran.add(name),
              ctx -> {
                checked.add(name);
                return new Check(ran.contains(name), name + " observed");
              }));
    }
    RunResult r =
        new PlanRunner(
                cluster,
                new PlanSettings(
                    Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
                List.of(events::add))
            .run(new Plan("test", "a test plan", steps), 3, "done by attempt 1 (run journal)");

    assertThat(r.succeeded()).isTrue();
    assertThat(r.stepsSkipped()).isEqualTo(2);
    assertThat(ran).containsExactly("c", "d");
    assertThat(checked)
        .as("steps before the resume point are not checked")
        .doesNotContain("a", "b");
    assertThat(events)
        .filteredOn(e -> e instanceof PlanEvent.StepSkipped)
        .map(e -> ((PlanEvent.StepSkipped) e).observed())
        .containsExactly("done by attempt 1 (run journal)", "done by attempt 1 (run journal)");
    assertThat(events).filteredOn(e -> e instanceof PlanEvent.StepStarted).hasSize(4);
  }

  @Test
  void skipsStepsWhosePostconditionHoldsAndRunsTheOthersInOrder() {
    RunResult r = run(step("a", false), step("b", true), step("c", false));

    assertThat(r.succeeded()).isTrue();
    assertThat(ran).containsExactly("a", "c");
    assertThat(r.stepsRun()).isEqualTo(2);
    assertThat(r.stepsSkipped()).isEqualTo(1);
    assertThat(r.nodeStates().nodes()).containsKeys(N1);
    assertThat(events)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly(
            "PlanStarted",
            "StepStarted",
            "StepDone",
            "StepStarted",
            "StepSkipped",
            "StepStarted",
            "StepDone",
            "PlanFinished");
  }

  @Test
  void stopsAtTheFirstFailureAndRunsNothingAfterIt() {
    Step failing =
        Step.always(
            "fails",
            List.of(N1),
            ctx -> {
              throw new OperationFailedException("n1", "do it", "refused");
            });
    RunResult r = run(step("a", false), failing, step("c", false));

    assertThat(r.succeeded()).isFalse();
    assertThat(r.failedStep()).contains(2);
    assertThat(r.failedTitle()).contains("fails");
    assertThat(r.summary()).startsWith("failed at step 2 (fails)").contains("refused");
    assertThat(ran).containsExactly("a");
    assertThat(events).filteredOn(PlanEvent.StepFailed.class::isInstance).hasSize(1);
    assertThat(events.get(events.size() - 1)).isInstanceOf(PlanEvent.PlanFinished.class);
  }

  @Test
  void aStepWhoseResultIsNotInPlaceAfterItsActionFails() {
    Step noEffect =
        Step.of("no effect", List.of(N1), ctx -> {}, ctx -> Check.fails("still not there"));
    RunResult r = run(noEffect);

    assertThat(r.succeeded()).isFalse();
    assertThat(r.error().orElseThrow().getMessage())
        .contains("the step ran but its result is not in place")
        .contains("still not there");
  }

  @Test
  void waitsReportEachNewObservationAndTimeOutWithTheLastOne() {
    AtomicInteger reads = new AtomicInteger();
    Step waiting =
        Step.always(
            "wait",
            List.of(N1),
            ctx ->
                ctx.waitUntil(
                    "n1 is ready",
                    N1,
                    () -> Math.min(reads.incrementAndGet(), 3),
                    n -> false,
                    n -> "read " + n,
                    Duration.ofMillis(300)));
    RunResult r = run(waiting);

    assertThat(r.error()).get().isInstanceOf(NsoTimeoutException.class);
    assertThat(r.error().orElseThrow().getMessage()).contains("n1 is ready").contains("read 3");
    assertThat(events)
        .filteredOn(PlanEvent.Waiting.class::isInstance)
        .extracting(e -> ((PlanEvent.Waiting) e).observed())
        .containsExactly("read 1", "read 2", "read 3");
  }
}
