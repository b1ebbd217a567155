package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.journal.Journal;
import dev.nsoha.core.journal.JournalStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rollback} from every step boundary of both plans, on one simulated cluster per plan: for
 * each k the upgrade stops after step k (the test hook; k = the last step is a finished upgrade),
 * {@code plan rollback} prints the way back, {@code rollback} takes it and verifies nominal roles,
 * the old version or packages and the original fingerprint on every node, and the next case starts
 * from the cluster the rollback left. {@code -Drollback.steps=3,6} runs only those boundaries.
 */
class RollbackIT {
  @TempDir Path dir;

  private ProgramRun.Outcome last;

  private int run(ExampleCluster cluster, String... args) {
    last = ProgramRun.on(cluster, dir.resolve("run"), args);
    return last.code();
  }

  private static List<Integer> boundaries(int steps) {
    String only = System.getProperty("rollback.steps");
    if (only != null && !only.isBlank()) {
      return Arrays.stream(only.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }
    return IntStream.rangeClosed(1, steps).boxed().toList();
  }

  @Test
  void nsoUpgradeRollsBackFromEveryStepBoundary() {
    rollsBackFromEveryBoundary("upgrade-nso", 16, "every node back on NSO 6.4.4");
  }

  @Test
  void packageUpgradeRollsBackFromEveryStepBoundary() {
    rollsBackFromEveryBoundary("upgrade-pkgs-sys", 9, "packages [dummy-1.0] up");
  }

  private void rollsBackFromEveryBoundary(String scenario, int steps, String verified) {
    ExampleCluster cluster = new ExampleCluster();
    Path runRoot = dir.resolve("run");
    JournalStore store = new JournalStore(runRoot.resolve("journal.json"));
    try {
      assertThat(run(cluster, "example", scenario, "--transport", "cli", "--setup-only"))
          .as("%s", last)
          .isZero();
      for (int k : boundaries(steps)) {
        System.setProperty(UpgradeRun.STOP_AFTER_STEP, Integer.toString(k));
        int upgraded;
        try {
          upgraded = run(cluster, scenario, "--transport", "cli");
        } finally {
          System.clearProperty(UpgradeRun.STOP_AFTER_STEP);
        }
        assertThat(upgraded)
            .as("upgrade stopped after step %d:%n%s", k, last)
            .isEqualTo(k >= steps ? ExitCodes.OK : ExitCodes.FAILED);
        String original = store.load().orElseThrow().originalFingerprint();

        last =
            ProgramRun.run(
                "plan",
                "rollback",
                "-a",
                cluster.a,
                "-b",
                cluster.b,
                "-c",
                cluster.c,
                "--run-root",
                runRoot.toString());
        assertThat(last.code()).as("plan rollback after step %d:%n%s", k, last).isZero();
        String planText = last.out();
        assertThat(planText).contains("rollback: rollback of").contains("Check that ");

        int rolledBack = run(cluster, "rollback", "--transport", "cli");
        assertThat(rolledBack)
            .as("rollback after step %d:%nplan:%n%s%n%s", k, planText, last)
            .isZero();
        assertThat(last.out())
            .as("rollback after step %d", k)
            .contains("Verified: n1 is primary with every secondary connected, ")
            .contains(verified)
            .contains("configuration unchanged on every node");
        Journal j = store.load().orElseThrow();
        assertThat(j.state()).as("after step %d", k).isEqualTo(Journal.State.ROLLED_BACK);
        assertThat(j.originalFingerprint()).isEqualTo(original);
      }
    } finally {
      cluster.stop();
      ExampleCluster.remove(runRoot);
    }
  }
}
