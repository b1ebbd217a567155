package dev.nsoha.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.ClusterSnapshot;
import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plan.PlanEvent;
import dev.nsoha.core.plan.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal records which steps stop nodes, and tells from the attempts which nodes a run may
 * have left stopped, read back from the file as a rerun reads it.
 */
class JournalListenerTest {
  @TempDir Path dir;

  private static final NodeId N1 = NodeId.of("n1");
  private static final NodeId N2 = NodeId.of("n2");
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  private static Step plain(String title) {
    return Step.always(title, List.of(N1), ctx -> {});
  }

  private final Plan upgrade =
      new Plan(
          "upgrade-nso",
          "test",
          List.of(
              plain("Enable read-only mode"),
              plain("Upgrade node n1").restarting(List.of(N1)),
              plain("Upgrade node n2").restarting(List.of(N2))));

  private final Plan rollback =
      new Plan(
          "rollback",
          "test",
          List.of(
              plain("Stop node n1 and n2").stopping(List.of(N1, N2)),
              plain("Restore node n1").restarting(List.of(N1)),
              plain("Restore node n2").restarting(List.of(N2))));

  private JournalStore store;
  private Journal journal;

  private JournalListener attempt(String kind, Plan plan) {
    JournalListener l = new JournalListener(journal, store, kind);
    l.on(new PlanEvent.PlanStarted(T0, plan));
    return l;
  }

  private void step(JournalListener l, Plan plan, int number, String outcome) {
    Step s = plan.steps().get(number - 1);
    l.on(new PlanEvent.StepStarted(T0, number, s));
    switch (outcome) {
      case "done" -> l.on(new PlanEvent.StepDone(T0, number, s, Duration.ZERO, none()));
      case "skipped" -> l.on(new PlanEvent.StepSkipped(T0, number, s, "in place", none()));
      default -> {
        // killed: the step stays "started"
      }
    }
  }

  private static ClusterSnapshot none() {
    return ClusterSnapshot.empty();
  }

  private Map<NodeId, Journal.StoppedBy> reread() {
    return store.load().orElseThrow().nodesStoppedByRun();
  }

  @Test
  void aNodeIsLeftStoppedByAnInterruptedStepThatStopsItUntilAStepThatStartsItFinishes() {
    store = new JournalStore(dir.resolve("journal.json"));
    journal =
        Journal.start(
            "upgrade-nso",
            "NSO 6.5.1",
            Map.of(),
            ClusterSpec.example("127.0.1.1", "127.0.2.1", "127.0.3.1"),
            "cli",
            Map.of(),
            ClusterSnapshot.empty(),
            "ab".repeat(32),
            T0);

    // Attempt 1 is killed in n1's upgrade.
    JournalListener a1 = attempt("upgrade", upgrade);
    step(a1, upgrade, 1, "done");
    step(a1, upgrade, 2, "killed");
    assertThat(reread()).containsOnlyKeys(N1);
    Journal.StoppedBy by = reread().get(N1);
    assertThat(by.attempt()).isEqualTo(1);
    assertThat(by.step()).isEqualTo(2);
    assertThat(by.describe())
        .isEqualTo("the interrupted upgrade stopped it in step 2 (Upgrade node n1)");
    assertThat(store.load().orElseThrow().attempts().get(0).get("steps").toString())
        .contains("stops=[n1]", "starts=[n1]");

    // Attempt 2 is killed before it gets there: n1 is still explained by attempt 1.
    JournalListener a2 = attempt("upgrade", upgrade);
    step(a2, upgrade, 1, "killed");
    assertThat(reread().get(N1).attempt()).isEqualTo(1);

    // Attempt 3 finishes n1's upgrade and is killed in n2's.
    JournalListener a3 = attempt("upgrade", upgrade);
    step(a3, upgrade, 1, "skipped");
    step(a3, upgrade, 2, "done");
    step(a3, upgrade, 3, "killed");
    assertThat(reread()).containsOnlyKeys(N2);
    assertThat(reread().get(N2).attempt()).isEqualTo(3);

    // A rollback stops both, then is killed after restoring n1: n2 is left stopped by its stop.
    JournalListener r = attempt("rollback", rollback);
    step(r, rollback, 1, "done");
    step(r, rollback, 2, "done");
    assertThat(reread()).containsOnlyKeys(N2);
    assertThat(reread().get(N2).describe())
        .isEqualTo("the rollback stopped it in step 1 (Stop node n1 and n2)");

    // A step that found its result in place (skipped) leaves its nodes running.
    JournalListener r2 = attempt("rollback", rollback);
    step(r2, rollback, 1, "skipped");
    assertThat(reread()).isEmpty();
  }
}
