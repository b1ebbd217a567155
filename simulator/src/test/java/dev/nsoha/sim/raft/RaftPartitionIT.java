package dev.nsoha.sim.raft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.sim.testkit.NetworkNamespace;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
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
    Optional<String> missing = NetworkNamespace.unavailable();
    if (missing.isPresent()) {
      assertThat(System.getenv("CI"))
          .as("CI needs root, ip and nft for the HA Raft partition test")
          .isNotEqualTo("true");
      Assumptions.abort("HA Raft partition test skipped: " + missing.get());
    }
    Path result = tmp.resolve("partition.properties");
    Path log = tmp.resolve("partition.log");
    try (NetworkNamespace ns =
        NetworkNamespace.create("nsoha-raftpart-" + ProcessHandle.current().pid())) {
      int exit =
          ns.runJava(
              RaftPartitionDriver.class,
              List.of("-XX:+UseSerialGC", "-Xmx256m"),
              List.of(tmp.resolve("nodes").toString(), result.toString()),
              log,
              Duration.ofSeconds(180));
      assertThat(exit).as("the partition driver:%n%s", RaftNodes.read(log)).isZero();
      Properties r = new Properties();
      try (Reader in = Files.newBufferedReader(result, StandardCharsets.UTF_8)) {
        r.load(in);
      }
      System.out.println("HA Raft partition: " + r);
      assertThat(r.getProperty("ok")).as("%s", r).isEqualTo("true");
      assertThat(Integer.parseInt(r.getProperty("acked"))).as("%s", r).isGreaterThan(3);
    }
  }
}
