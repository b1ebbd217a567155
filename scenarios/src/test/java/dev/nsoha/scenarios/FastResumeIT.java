package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ResumeIT}'s scenario with the fast strategy: node n2's package does not build. The fast
 * strategy builds every package before the window, so the run stops at its first step with the
 * cluster untouched (n1 primary and writable on the old version); once the package is fixed, a
 * second run finishes verified. The independent {@link ClusterReader} judges the cluster after each
 * run against the configuration it read before the first.
 */
class FastResumeIT {
  private static final Duration JUDGE = Duration.ofSeconds(30);

  @TempDir Path dir;

  private ProgramRun.Outcome last;

  private int run(ExampleCluster cluster, String... args) {
    last = ProgramRun.on(cluster, dir.resolve("run"), args);
    return last.code();
  }

  @Test
  void aPackageThatDoesNotBuildStopsTheRunBeforeTheWindowAndTheRerunFinishes() throws IOException {
    ExampleCluster cluster = new ExampleCluster();
    ClusterReader reader = ClusterReader.of(cluster);
    ClusterReader.Expected before =
        new ClusterReader.Expected(
            "n1", Bundle.require().oldInstall().version().text(), Map.of("dummy", "1.0"));
    ClusterReader.Expected after =
        new ClusterReader.Expected(
            "n1", Bundle.require().newInstall().version().text(), Map.of("dummy", "1.0"));
    try {
      assertThat(run(cluster, "example", "upgrade-nso", "--transport", "cli", "--setup-only"))
          .as("%s", last)
          .isZero();
      ClusterReader.Original original = reader.original();

      Path n2Packages = dir.resolve("run/nso-node2/packages");
      Path link = n2Packages.resolve("dummy-1.0.tar.gz");
      Files.delete(link);
      Path src = Files.createDirectories(n2Packages.resolve("dummy-1.0/src"));
      Files.writeString(
          src.resolve("Makefile"),
          "all:\n\t@echo 'yang/dummy.yang:3: error: unexpected end of file'; exit 1\nclean:\n\t@true\n");

      // Preflight builds every node's packages in a scratch copy first: the run stops before
      // anything changes (the fast plan's own first step would stop it too, before the window).
      int first = run(cluster, "upgrade-nso", "--transport", "cli", "--strategy", "fast");
      assertThat(first).as("%s", last).isEqualTo(ExitCodes.NOT_READY);
      String old = Bundle.require().oldInstall().version().toString();
      assertThat(last.out())
          .contains("NO-GO  packages-build  n2")
          .contains("yang/dummy.yang:3: error: unexpected end of file")
          .contains("nothing was changed");
      assertThat(last.out()).contains("n1 " + cluster.a + ": NSO " + old + ", enabled primary rw");
      reader.converged("the cluster after the stop", before, original, List.of(), JUDGE);

      Files.delete(src.resolve("Makefile"));
      Files.delete(src);
      Files.delete(n2Packages.resolve("dummy-1.0"));
      Files.createSymbolicLink(
          link, n2Packages.relativize(dir.resolve("run/packages/dummy-1.0.tar.gz")));

      int second = run(cluster, "upgrade-nso", "--transport", "cli", "--strategy", "fast");
      assertThat(second).as("%s", last).isZero();
      assertThat(last.out()).contains("completed: 13 steps run");
      reader.converged("the cluster after the rerun", after, original, List.of(), JUDGE);
      // A third run finds everything in place and changes nothing but the backups.
      int third = run(cluster, "upgrade-nso", "--transport", "cli", "--strategy", "fast");
      assertThat(third).as("%s", last).isZero();
      assertThat(last.out()).contains("2 steps run, 11 skipped");
      reader.converged("the cluster after the third run", after, original, List.of(), JUDGE);
    } finally {
      reader.close();
      cluster.stop();
      ExampleCluster.remove(dir.resolve("run"));
    }
  }
}
