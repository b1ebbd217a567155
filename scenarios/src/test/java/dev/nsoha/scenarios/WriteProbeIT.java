package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.Wait;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.testing.WriteProbe;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write probe against simulated NSO nodes (the example's three daemons), over RESTCONF: it
 * writes through a read-only period of the primary, measures that window, finds every acknowledged
 * write on every node, and names the node that missed writes once it left HA.
 */
class WriteProbeIT {
  @TempDir Path dir;

  @Test
  void measuresTheWindowAndFindsEveryAcknowledgedWrite() {
    ExampleCluster cluster = new ExampleCluster();
    StringWriter out = new StringWriter();
    List<String> args =
        new ArrayList<>(List.of("example", "upgrade-nso", "--transport", "cli", "--setup-only"));
    args.addAll(cluster.nodeArgs(dir.resolve("run")));
    Map<NodeId, NodeClient> clients = new LinkedHashMap<>();
    try {
      int code =
          Main.run(
              new PrintWriter(out, true), new PrintWriter(out, true), args.toArray(String[]::new));
      assertThat(code).as("%s", out).isZero();
      ClusterSpec spec = ClusterSpec.example(cluster.a, cluster.b, cluster.c);
      for (ClusterSpec.NodeSpec n : spec.nodes()) {
        clients.put(
            n.id(),
            Transports.create()
                .factory("restconf")
                .create(NodeEndpoint.example(n.id(), n.address())));
      }
      NodeClient n1 = clients.get(NodeId.of("n1"));
      NodeClient n3 = clients.get(NodeId.of("n3"));

      WriteProbe probe = WriteProbe.start(clients, WriteProbe.Target.dummies());
      try {
        awaitAcks(probe, 5);
        n1.setReadOnly(true);
        long roStart = System.nanoTime();
        int refusedBefore = probe.refusals().size();
        Wait.until(
            "the probe sees refusals",
            "probe",
            () -> probe.refusals().size(),
            n -> n >= refusedBefore + 5,
            String::valueOf,
            Duration.ofSeconds(30));
        n1.setReadOnly(false);
        long roEnd = System.nanoTime();
        awaitAcks(probe, probe.acknowledged().size() + 5);
        assertThat(probe.longestGap()).isPresent();
        assertThat(probe.longestGap().get().length().toNanos())
            .isGreaterThanOrEqualTo(roEnd - roStart - Duration.ofMillis(100).toNanos());
        assertThat(probe.refusals())
            .anySatisfy(r -> assertThat(r.reason()).containsIgnoringCase("read-only"));
        assertThat(probe.acknowledged())
            .allSatisfy(w -> assertThat(w.node()).isEqualTo(NodeId.of("n1")));
        assertThat(probe.missing(Duration.ofSeconds(30))).isEmpty();

        // n3 leaves HA: the writes after that are not on it, and the probe says so.
        n3.disableHa();
        Wait.until(
            "n3 is out of n1's secondaries",
            "n1",
            n1::haStatus,
            st -> !st.hasConnectedSecondary(NodeId.of("n3")),
            HaStatus::summary,
            Duration.ofSeconds(30));
        awaitAcks(probe, probe.acknowledged().size() + 3);
        probe.stop();
        Map<NodeId, List<String>> missing = probe.missing(Duration.ofSeconds(2));
        assertThat(missing).containsOnlyKeys(NodeId.of("n3"));
        System.out.println("write probe: " + probe.summary());
      } finally {
        probe.stop();
      }
    } finally {
      clients.values().forEach(NodeClient::close);
      cluster.stop();
      ExampleCluster.remove(dir.resolve("run"));
    }
  }

  private static void awaitAcks(WriteProbe probe, int atLeast) {
    Wait.until(
        atLeast + " acknowledged writes",
        "probe",
        () -> probe.acknowledged().size(),
        n -> n >= atLeast,
        String::valueOf,
        Duration.ofSeconds(30));
  }
}
