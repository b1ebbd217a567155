package dev.nsoha.sim.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network partition between real member processes: inside a network namespace this test creates
 * and removes, an nftables rule cuts the leader off from both followers. The cut-off leader cannot
 * commit and raises {@code ha-raft-quorum-lost}; the majority elects a leader that commits; after
 * the rule is gone the old leader follows the new one and every acknowledged write is on every
 * member, with none of the cut-off leader's unacknowledged ones. The body runs in {@link
 * RaftPartitionDriver}, inside the namespace. One member reads its ha-raft section from {@code
 * ncs.conf.d/raft.conf}.
 */
class RaftPartitionIT {

  @TempDir Path tmp;

  @Test
  void minorityCannotCommitMajorityCanAndHealingConverges() throws Exception {
    boolean can =
        ProcessHandle.current().info().user().map("root"::equals).orElse(false)
            && (Files.isExecutable(Path.of("/usr/sbin/ip"))
                || Files.isExecutable(Path.of("/sbin/ip")))
            && (Files.isExecutable(Path.of("/usr/sbin/nft"))
                || Files.isExecutable(Path.of("/sbin/nft")));
    if (!can) {
      assertThat(System.getenv("CI"))
          .as("CI needs root, ip and nft for the HA Raft partition test")
          .isNotEqualTo("true");
      Assumptions.abort("HA Raft partition test skipped: it needs root, iproute2's ip and nft");
    }
    String ns = "nsoha-raftpart-" + ProcessHandle.current().pid();
    Path result = tmp.resolve("partition.properties");
    Path log = tmp.resolve("partition.log");
    sh("ip", "netns", "add", ns);
    try {
      sh("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
      List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(
          List.of("-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path")));
      cmd.addAll(
          List.of(
              RaftPartitionDriver.class.getName(),
              tmp.resolve("nodes").toString(),
              result.toString()));
      Process p =
          new ProcessBuilder(cmd)
              .directory(Path.of("").toAbsolutePath().toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError("the partition driver ran too long:\n" + RaftNodes.read(log));
      }
      assertThat(p.exitValue()).as("the partition driver:%n%s", RaftNodes.read(log)).isZero();
      Properties r = new Properties();
      try (Reader in = Files.newBufferedReader(result, StandardCharsets.UTF_8)) {
        r.load(in);
      }
      System.out.println("HA Raft partition: " + r);
      assertThat(r.getProperty("ok")).as("%s", r).isEqualTo("true");
      assertThat(Integer.parseInt(r.getProperty("acked"))).as("%s", r).isGreaterThan(3);
    } finally {
      for (String pid : shOut("ip", "netns", "pids", ns).split("\\s+")) {
        if (!pid.isBlank()) {
          new ProcessBuilder("kill", "-KILL", pid).start().waitFor();
        }
      }
      sh("ip", "netns", "del", ns);
    }
  }

  private static void sh(String... cmd) throws IOException, InterruptedException {
    assertThat(shOut(cmd)).isNotNull();
  }

  private static String shOut(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    if (code != 0) {
      throw new IOException(String.join(" ", cmd) + ": exit " + code + ": " + out);
    }
    return out;
  }
}
