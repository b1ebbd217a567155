package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.journal.Journal;
import dev.nsoha.core.journal.JournalStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run journal on a simulated cluster: an NSO upgrade interrupted after step 6 (n1 upgraded, n2
 * the acting primary), n2 then killed, is refused while n2 is down, refused for another plan, and
 * once n2 is back a rerun continues from the journal and verifies against the fingerprint taken
 * before the first attempt; {@code journal show} prints the whole story.
 */
class JournalIT {
  @TempDir Path dir;

  private ProgramRun.Outcome last;

  private int run(ExampleCluster cluster, String... args) {
    last = ProgramRun.on(cluster, dir.resolve("run"), args);
    return last.code();
  }

  @Test
  void anInterruptedRunResumesFromItsJournalAndVerifiesAgainstTheOriginalFingerprint()
      throws IOException {
    ExampleCluster cluster = new ExampleCluster();
    Path runRoot = dir.resolve("run");
    Path journalFile = runRoot.resolve("journal.json");
    try {
      assertThat(run(cluster, "example", "upgrade-nso", "--transport", "cli", "--setup-only"))
          .as("%s", last)
          .isZero();

      System.setProperty(UpgradeRun.STOP_AFTER_STEP, "6");
      int first;
      try {
        first = run(cluster, "upgrade-nso", "--transport", "cli");
      } finally {
        System.clearProperty(UpgradeRun.STOP_AFTER_STEP);
      }
      assertThat(first).as("%s", last).isEqualTo(ExitCodes.FAILED);
      Journal j1 = new JournalStore(journalFile).load().orElseThrow();
      assertThat(j1.state()).isEqualTo(Journal.State.FAILED);
      assertThat(j1.firstBackups()).hasSize(3);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journalFile)))
          .isEqualTo("rw-------");
      String original = j1.originalFingerprint();
      assertThat(original).hasSize(64);

      // n2, the acting primary, goes down: the rerun names it and changes nothing.
      cluster.stopNode(1);
      assertThat(run(cluster, "upgrade-nso", "--transport", "cli"))
          .as("%s", last)
          .isEqualTo(ExitCodes.UNREACHABLE);
      assertThat(last.err()).contains("n2");

      cluster.host(runRoot, 1).start(Bundle.require().oldInstall(), false);

      // Another plan on the same cluster is refused while the upgrade is unfinished.
      assertThat(run(cluster, "upgrade-pkgs-sys", "--transport", "cli"))
          .as("%s", last)
          .isEqualTo(ExitCodes.USAGE);
      assertThat(last.err())
          .contains("records an unfinished upgrade-nso")
          .contains("its plan is upgrade-nso, this run's is upgrade-pkgs-sys")
          .contains("--new-run")
          .contains("Nothing was changed");
      assertThat(new JournalStore(journalFile).load().orElseThrow().attempts()).hasSize(1);

      int second =
          run(
              cluster,
              "upgrade-nso",
              "--transport",
              "cli",
              "--report",
              dir.resolve("report.json").toString());
      assertThat(second).as("%s", last).isZero();
      assertThat(last.out())
          .contains("Continuing the run started " + j1.runId())
          .contains("skipped, already in place")
          .contains("Verified:");
      Journal j2 = new JournalStore(journalFile).load().orElseThrow();
      assertThat(j2.state()).isEqualTo(Journal.State.COMPLETED);
      assertThat(j2.originalFingerprint()).isEqualTo(original);
      assertThat(j2.attempts()).hasSize(2);
      assertThat(Files.readString(dir.resolve("report.json")))
          .contains("\"originalFingerprint\": \"" + original + "\"");

      last = ProgramRun.run("journal", "show", "--run-root", runRoot.toString());
      assertThat(last.code()).as("%s", last).isZero();
      assertThat(last.out())
          .contains("state:    completed")
          .contains("plan:     upgrade-nso to NSO " + Bundle.require().newInstall().version())
          .contains("original configuration fingerprint: " + original)
          .contains("attempt 2 (upgrade of upgrade-nso)");
    } finally {
      cluster.stop();
      ExampleCluster.remove(runRoot);
    }
  }
}
