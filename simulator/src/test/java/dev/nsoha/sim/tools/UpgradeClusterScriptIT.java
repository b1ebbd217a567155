package dev.nsoha.sim.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.sim.testkit.SimCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs src/test/scripts/upgrade-cluster.sh: a three-node cluster set up with the 6.4.4 install and
 * upgraded to 6.5.1 through the command-line tools only, on loopback addresses of its own
 * (127.R.41.1 - 127.R.43.1) and free IPC ports, so it never collides with a running example.
 */
class UpgradeClusterScriptIT {
  @TempDir Path work;

  @Test
  void upgradesAThreeNodeClusterWithTheToolsOnly() throws Exception {
    int r = ThreadLocalRandom.current().nextInt(2, 100);
    int[] free = SimCluster.freePorts(4);
    String ports = free[0] + "," + free[1] + "," + free[2];
    Path log = Path.of("target/upgrade-cluster-it.log").toAbsolutePath();
    ProcessBuilder pb =
        new ProcessBuilder(
                "bash",
                Path.of("src/test/scripts/upgrade-cluster.sh").toAbsolutePath().toString(),
                "-o",
                Path.of("target/installs/nso-6.4.4").toAbsolutePath().toString(),
                "-n",
                Path.of("target/installs/nso-6.5.1").toAbsolutePath().toString(),
                "-w",
                work.toString(),
                "-a",
                "127." + r + ".41.1",
                "-b",
                "127." + r + ".42.1",
                "-c",
                "127." + r + ".43.1",
                "-P",
                ports,
                "-i",
                "1",
                "-t",
                "2",
                "-C",
                Integer.toString(free[3]))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("NCS_"));
    Process p = pb.start();
    p.getOutputStream().close();
    boolean done = p.waitFor(240, TimeUnit.SECONDS);
    if (!done) {
      p.destroy();
      p.waitFor(20, TimeUnit.SECONDS);
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(done).as("script finished within 240 s; output:%n%s", out).isTrue();
    assertThat(p.exitValue()).as("exit code; output:%n%s", out).isZero();
    assertThat(out)
        .contains(
            "Commit complete.",
            "##### Upgrade from 6.4.4 to 6.5.1",
            "##### Done: all nodes on 6.5.1 in their nominal roles");
    assertThat(out).contains("dummies dummy d1", "high-availability status mode primary");
    assertThat(out)
        .contains(
            "n1: high-availability status mode primary",
            "n2: high-availability status mode secondary",
            "n3: high-availability status mode secondary");
    List<String> vsn = out.lines().filter(l -> l.startsWith("vsn: ")).toList();
    assertThat(vsn).startsWith("vsn: 6.4.4").contains("vsn: 6.5.1");
  }
}
