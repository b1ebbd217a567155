package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that stops half way is safe to run again: the NSO upgrade fails when node n2's package does
 * not build, the cluster is left serving from the upgraded n1, and once the package is fixed a
 * second run skips what is done and finishes with everything verified.
 */
class ResumeIT {
  @TempDir Path dir;

  private ProgramRun.Outcome last;

  private int run(ExampleCluster cluster, String... args) {
    last = ProgramRun.on(cluster, dir.resolve("run"), args);
    return last.code();
  }

  @Test
  void aFailedUpgradeCanBeRunAgainAndFinishes() throws IOException {
    ExampleCluster cluster = new ExampleCluster();
    try {
      assertThat(run(cluster, "example", "upgrade-nso", "--transport", "cli", "--setup-only"))
          .as("%s", last)
          .isZero();

      // The run is interrupted after step 8 (n1 upgraded and primary again); then n2's package
      // gets a source that does not build. (Before a new run, preflight would have caught it.)
      System.setProperty(UpgradeRun.STOP_AFTER_STEP, "8");
      try {
        assertThat(run(cluster, "upgrade-nso", "--transport", "cli"))
            .as("%s", last)
            .isEqualTo(ExitCodes.FAILED);
      } finally {
        System.clearProperty(UpgradeRun.STOP_AFTER_STEP);
      }
      Path n2Packages = dir.resolve("run/nso-node2/packages");
      Path link = n2Packages.resolve("dummy-1.0.tar.gz");
      Files.delete(link);
      Path src = Files.createDirectories(n2Packages.resolve("dummy-1.0/src"));
      Files.writeString(
          src.resolve("Makefile"),
          "all:\n\t@echo 'yang/dummy.yang:3: error: unexpected end of file'; exit 1\nclean:\n\t@true\n");

      int first = run(cluster, "upgrade-nso", "--transport", "cli");
      assertThat(first).as("%s", last).isEqualTo(ExitCodes.FAILED);
      assertThat(last.err())
          .contains("failed at step 9 (Rebuild node n2 package(s) with NSO")
          .contains("yang/dummy.yang:3: error: unexpected end of file")
          .contains("n1: NSO " + Bundle.require().newInstall().version() + ", enabled primary");

      // The operator fixes the package: the example's source again.
      Files.delete(src.resolve("Makefile"));
      Files.delete(src);
      Files.delete(n2Packages.resolve("dummy-1.0"));
      Files.createSymbolicLink(
          link, n2Packages.relativize(dir.resolve("run/packages/dummy-1.0.tar.gz")));

      int second = run(cluster, "upgrade-nso", "--transport", "cli");
      assertThat(second).as("%s", last).isZero();
      assertThat(last.out())
          .contains("Continuing the run started")
          .contains("skipped, already in place")
          .contains("Verified:");
      // Steps 1 and 3-8 were done by the first run; the backup runs again, steps 9-16 finish the
      // job.
      assertThat(last.out()).contains("completed: 9 steps run, 7 skipped");
    } finally {
      cluster.stop();
      ExampleCluster.remove(dir.resolve("run"));
    }
  }
}
