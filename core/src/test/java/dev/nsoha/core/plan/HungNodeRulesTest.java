package dev.nsoha.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.nsoha.core.error.NodeUnresponsiveException;
import dev.nsoha.core.error.NsoTimeoutException;
import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rules for a hung node: one deadline marks it, later calls fail at once, a wait on it ends at
 * once, a step on it is not done, and no step starts once a node is hung.
 */
class HungNodeRulesTest {
  private static final NodeId N1 = NodeId.of("n1");
  private static final NodeId N3 = NodeId.of("n3");

  private final Unresponsive hung = new Unresponsive();
  private final List<String> ran = new ArrayList<>();

  /** n3's client times out on every HA status read; the others answer. */
  private ClusterAccess cluster(NodeClient n3) {
    NodeClient ok = mock(NodeClient.class);
    when(ok.version()).thenReturn(NsoVersion.parse("6.4.4"));
    when(ok.haStatus()).thenReturn(HaStatus.disabled(Optional.of(N1), false));
    when(ok.packages()).thenReturn(List.of());
    NodeClient w1 = hung.wrap(N1, ok);
    NodeClient w3 = hung.wrap(N3, n3);
    return new ClusterAccess() {
      @Override
      public ClusterSpec spec() {
        return ClusterSpec.example();
      }

      @Override
      public NodeClient client(NodeId node) {
        return node.equals(N3) ? w3 : w1;
      }

      @Override
      public NodeHost host(NodeId node) {
        throw new IllegalStateException("no host in this test");
      }

      @Override
      public Map<NodeId, Unresponsive.Mark> unresponsive() {
        return hung.marks();
      }
    };
  }

  private static NodeClient timingOut() {
    NodeClient c = mock(NodeClient.class);
    when(c.version()).thenReturn(NsoVersion.parse("6.4.4"));
    when(c.haStatus())
        .thenThrow(new NsoTimeoutException("n3 (127.0.3.1, cli)", "read the HA status", "x"));
    when(c.packages()).thenReturn(List.of());
    return c;
  }

  @Test
  void oneDeadlineMarksTheNodeAndLaterCallsFailAtOnce() {
    NodeClient n3 = timingOut();
    NodeClient c = cluster(n3).client(N3);
    assertThatThrownBy(c::haStatus)
        .isInstanceOf(NodeUnresponsiveException.class)
        .hasMessageContaining("n3 is taken as hung");
    assertThatThrownBy(c::version)
        .isInstanceOf(NodeUnresponsiveException.class)
        .hasMessageContaining("n3 stopped answering at")
        .hasMessageContaining("does not ask it again");
    verify(n3, times(0)).version();
    assertThat(hung.marks()).containsOnlyKeys(N3);
    hung.clear(N3);
    assertThat(c.version()).isEqualTo(NsoVersion.parse("6.4.4"));
  }

  @Test
  void aRefusedConnectionDoesNotMarkTheNode() {
    NodeClient n3 = mock(NodeClient.class);
    when(n3.haStatus())
        .thenThrow(new UnreachableException("n3", "connect", "connection refused by x"));
    NodeClient c = cluster(n3).client(N3);
    assertThatThrownBy(c::haStatus).isNotInstanceOf(NodeUnresponsiveException.class);
    assertThat(hung.marks()).isEmpty();
  }

  @Test
  void aWaitOnAHungNodeEndsAtOnce() {
    NodeClient c = cluster(timingOut()).client(N3);
    long t0 = System.nanoTime();
    assertThatThrownBy(
            () ->
                Wait.until(
                    "n3 is primary",
                    "n3",
                    c::haStatus,
                    HaStatus::isPrimary,
                    HaStatus::summary,
                    Duration.ofSeconds(30)))
        .isInstanceOf(NodeUnresponsiveException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aStepWhoseCheckFindsANodeHungIsNotSkippedAndDoesNotStart() {
    ClusterAccess cluster = cluster(timingOut());
    List<PlanEvent> events = new ArrayList<>();
    // The postcondition holds from n1's view only: it must not make the step skipped or done.
    Step onN3 =
        Step.of(
            "Disable high availability for node n3",
            List.of(N3),
            ctx -> ran.add("disable n3"),
            ctx -> {
              ctx.observe(); // every node is read; n3 gives no answer
              return Check.holds("n1 no longer lists n3");
            });
    Step next = Step.always("Upgrade node n1", List.of(N1), ctx -> ran.add("upgrade n1"));
    RunResult r = run(cluster, events, onN3, next);
    assertThat(r.failedStep()).contains(1);
    assertThat(r.error().orElseThrow()).isInstanceOf(NodeUnresponsiveException.class);
    assertThat(r.error().orElseThrow().getMessage())
        .contains("n3 stopped answering")
        .contains("this step was not started");
    assertThat(ran).isEmpty();
    assertThat(events).noneMatch(e -> e instanceof PlanEvent.StepDone);
    assertThat(events).noneMatch(e -> e instanceof PlanEvent.StepSkipped);
  }

  @Test
  void anActionTheNodeDidNotAnswerIsNotDone() {
    ClusterAccess cluster = cluster(timingOut());
    List<PlanEvent> events = new ArrayList<>();
    Step onN3 =
        Step.always(
            "Disable high availability for node n3",
            List.of(N3),
            ctx -> {
              ran.add("disable n3");
              try {
                ctx.client(N3).haStatus();
              } catch (NodeUnresponsiveException e) {
                // an action that swallowed the node's silence
              }
            });
    Step next = Step.always("Upgrade node n1", List.of(N1), ctx -> ran.add("upgrade n1"));
    RunResult r = run(cluster, events, onN3, next);
    assertThat(r.failedStep()).contains(1);
    assertThat(r.error().orElseThrow().getMessage())
        .contains("n3 stopped answering")
        .contains("the step's effect on it is unknown");
    assertThat(ran).containsExactly("disable n3");
    assertThat(events).noneMatch(e -> e instanceof PlanEvent.StepDone);
  }

  private static RunResult run(ClusterAccess cluster, List<PlanEvent> events, Step... steps) {
    return new PlanRunner(
            cluster,
            new PlanSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
            List.of(events::add))
        .run(new Plan("test", "a test plan", List.of(steps)));
  }

  @Test
  void aNodeFoundHungAfterAStepStopsTheRunBeforeTheNextStep() {
    ClusterAccess cluster = cluster(timingOut());
    Step a = Step.always("Read node n1", List.of(N1), ctx -> ran.add("a"));
    Step b = Step.always("Upgrade node n1", List.of(N1), ctx -> ran.add("b"));
    RunResult r =
        new PlanRunner(
                cluster,
                new PlanSettings(
                    Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
                List.of())
            .run(new Plan("test", "a test plan", List.of(a, b)));
    assertThat(ran).as("step a's observation found n3 hung; b never ran").containsExactly("a");
    assertThat(r.failedStep()).contains(2);
    assertThat(r.error().orElseThrow().getMessage()).contains("this step was not started");
    assertThat(r.nodeStates().node(N3).reachable()).isFalse();
  }
}
