package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.journal.Journal;
import dev.nsoha.core.journal.JournalStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal survives a kill inside its own write: the orchestrator is SIGKILLed after the
 * temporary file is written, after it is forced to disk, and after the rename (each time in a later
 * write of a rerun), and each time the journal on disk is readable and holds no step as done or
 * skipped that the killed run had not reported finished; a last rerun converges.
 */
class JournalKillIT {
  @TempDir Path dir;

  @Test
  void killsInsideTheJournalWriteLeaveAReadableTruthfulJournal()
      throws IOException, InterruptedException {
    ExampleCluster cluster = new ExampleCluster();
    Path runRoot = dir.resolve("run");
    JournalStore store = new JournalStore(runRoot.resolve("journal.json"));
    try {
      ProgramRun.Outcome setup =
          ProgramRun.on(
              cluster, runRoot, "example", "upgrade-nso", "--transport", "cli", "--setup-only");
      assertThat(setup.code()).as("%s", setup).isZero();
      Set<String> reportedFinished = new HashSet<>();
      int attempts = 0;
      for (String point : List.of("written:6", "synced:9", "renamed:12")) {
        OrchestratorJvm.Outcome o =
            OrchestratorJvm.run(
                cluster,
                dir,
                Map.of(JournalStore.KILL_ENV, point),
                "upgrade-nso",
                "--transport",
                "cli");
        assertThat(o.code()).as("killed at %s:%n%s", point, o).isEqualTo(137);
        assertThat(o.err()).contains("test hook: killing pid").contains(point.split(":")[0]);
        reportedFinished.addAll(o.finishedSteps());

        // Readable: the load throws on a torn or partial file.
        Journal j = store.load().orElseThrow(() -> new AssertionError("no journal after " + point));
        assertThat(j.state()).isEqualTo(Journal.State.RUNNING);
        assertThat(j.attempts().size()).as("attempts after %s", point).isGreaterThan(attempts);
        attempts = j.attempts().size();
        // Truthful: the killed run's attempt holds as finished only what it reported finished.
        Map<String, Object> last = j.attempts().get(j.attempts().size() - 1);
        for (Object s : (List<?>) last.get("steps")) {
          Map<?, ?> step = (Map<?, ?>) s;
          Object outcome = step.get("outcome");
          if ("done".equals(outcome) || "skipped".equals(outcome)) {
            assertThat(o.finishedSteps())
                .as(
                    "after a kill at %s the journal holds step '%s' %s:%n%s",
                    point, step.get("title"), outcome, o)
                .contains((String) step.get("title"));
          }
        }
        assertThat(j.finishedSteps("upgrade")).isSubsetOf(reportedFinished);
      }
      ProgramRun.Outcome rerun =
          ProgramRun.on(cluster, runRoot, "upgrade-nso", "--transport", "cli");
      assertThat(rerun.code()).as("%s", rerun).isZero();
      assertThat(rerun.out()).contains("Continuing the run started").contains("Verified:");
      assertThat(store.load().orElseThrow().state()).isEqualTo(Journal.State.COMPLETED);
    } finally {
      cluster.stop();
      ExampleCluster.remove(runRoot);
    }
  }
}
