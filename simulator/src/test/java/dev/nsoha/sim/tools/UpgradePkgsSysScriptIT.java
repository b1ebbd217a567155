package dev.nsoha.sim.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.sim.testkit.SimCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs src/test/scripts/upgrade-pkgs-sys.sh: three nodes laid out as simulated system installs
 * (NCS_DIR=opt/ncs/current, NCS_CONFIG_DIR, load path var/opt/ncs/packages), started with {@code
 * ncs} and no {@code -c}, upgraded to dummy-1.1 plus inert-1.0 through {@code software packages}
 * and {@code packages ha sync and-reload} in {@code ncs_cli} here-documents.
 */
class UpgradePkgsSysScriptIT {
  @TempDir Path work;

  /**
   * The opt/ncs/current links point at the install; removed so that @TempDir cleanup stays quiet.
   */
  @AfterEach
  void unlinkInstalls() throws IOException {
    for (int n = 1; n <= 3; n++) {
      Files.deleteIfExists(work.resolve("nso-node" + n + "/opt/ncs/current"));
    }
  }

  @Test
  void upgradesThePackagesOfASimulatedSystemInstallCluster() throws Exception {
    int r = ThreadLocalRandom.current().nextInt(2, 100);
    int[] free = SimCluster.freePorts(4);
    Path log = Path.of("target/upgrade-pkgs-sys-it.log").toAbsolutePath();
    ProcessBuilder pb =
        new ProcessBuilder(
                "bash",
                Path.of("src/test/scripts/upgrade-pkgs-sys.sh").toAbsolutePath().toString(),
                "-o",
                Path.of("target/installs/nso-6.4.4").toAbsolutePath().toString(),
                "-w",
                work.toString(),
                "-a",
                "127." + r + ".44.1",
                "-b",
                "127." + r + ".45.1",
                "-c",
                "127." + r + ".46.1",
                "-P",
                free[0] + "," + free[1] + "," + free[2],
                "-C",
                Integer.toString(free[3]))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("NCS_"));
    Process p = pb.start();
    p.getOutputStream().close();
    boolean done = p.waitFor(180, TimeUnit.SECONDS);
    if (!done) {
      p.destroy();
      p.waitFor(20, TimeUnit.SECONDS);
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(done).as("script finished within 180 s; output:%n%s", out).isTrue();
    assertThat(p.exitValue()).as("exit code; output:%n%s", out).isZero();
    assertThat(out)
        .contains(
            "installed dummy-1.1",
            "reload-result {\n    package inert\n    result true\n}",
            "admin@n3# show packages package dummy package-version | notab | nomore\npackages package dummy\n package-version 1.1",
            "##### Done: dummy 1.1 and inert 1.0 on all nodes");
  }
}
