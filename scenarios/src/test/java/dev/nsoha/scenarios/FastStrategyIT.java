package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.testing.WriteProbe;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fast strategy end to end on simulator daemons: the example with {@code --strategy fast} over
 * both transports for 3 nodes, 9 nodes over RESTCONF (the CLI's 9-node run is a manual run in the
 * README), a 2-node cluster (NSO's upgrade-basic flow), and {@code --read-write-after
 * first-secondary} with a write probe running through the upgrade. The independent {@link
 * ClusterReader} judges each cluster it leaves: roles, versions, packages and configuration, with
 * every acknowledged write of the probe.
 */
class FastStrategyIT {
  private static final Duration JUDGE = Duration.ofSeconds(30);

  /** n1 primary, every other node its secondary, all on the new version with dummy 1.0 up. */
  private static ClusterReader.Expected upgraded() {
    return new ClusterReader.Expected(
        "n1", Bundle.require().newInstall().version().text(), Map.of("dummy", "1.0"));
  }

  @TempDir Path dir;

  private StringWriter out;

  private int run(ExampleCluster cluster, String... args) {
    out = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(cluster.nodeArgs(dir.resolve("run")));
    PrintWriter w = new PrintWriter(out, true);
    return Main.run(w, w, all.toArray(String[]::new));
  }

  private static ClusterSpec spec(ExampleCluster cluster) {
    List<String> addresses = new ArrayList<>();
    for (int k = 1; k <= cluster.count; k++) {
      addresses.add(cluster.address(k));
    }
    return ClusterSpec.example(addresses);
  }

  private static Map<NodeId, NodeClient> restconfClients(ClusterSpec spec) {
    Map<NodeId, NodeClient> clients = new LinkedHashMap<>();
    for (ClusterSpec.NodeSpec n : spec.nodes()) {
      clients.put(
          n.id(),
          Transports.create()
              .factory("restconf")
              .create(NodeEndpoint.example(n.id(), n.address())));
    }
    return clients;
  }

  @ParameterizedTest(name = "{1} nodes over {0}, read-write after {2}")
  @CsvSource({
    "cli, 3, all-secondaries",
    "restconf, 3, all-secondaries",
    "restconf, 9, all-secondaries",
    "cli, 2, first-secondary"
  })
  void theExampleUpgradesWithTheFastStrategy(String transport, int nodes, String policy) {
    ExampleCluster cluster = new ExampleCluster(nodes);
    try {
      long t0 = System.nanoTime();
      int code =
          run(
              cluster,
              "example",
              "upgrade-nso",
              "--transport",
              transport,
              "--strategy",
              "fast",
              "--read-write-after",
              policy);
      System.out.printf(
          "fast, %d nodes over %s: %.1f s%n", nodes, transport, (System.nanoTime() - t0) / 1e9);
      assertThat(code).as("%s", out).isZero();
      assertThat(out.toString())
          .containsPattern(nodes > 2 ? "Upgrade node n1(,| and) n3" : "Upgrade node n1 to")
          .contains("Verified:")
          .contains("##### Done!");
      try (ClusterReader reader = ClusterReader.of(cluster)) {
        reader.converged(
            "the fast upgrade of " + nodes + " nodes",
            upgraded(),
            reader.onEveryNode(ClusterReader.EXAMPLE_CONFIG),
            List.of(),
            JUDGE);
      }
    } finally {
      cluster.stop();
      ExampleCluster.remove(dir.resolve("run"));
    }
  }

  /**
   * With first-secondary the primary is writable before n2 is back, and the write probe running
   * through the whole upgrade finds: no acknowledged write lost; no write accepted by the upgraded
   * primary before the step that made it writable; and when that step ran, n3 was connected to it
   * (so each later write had a copy).
   */
  @Test
  void firstSecondaryAcceptsWritesOnlyWithACopyAndLosesNone() throws IOException {
    ExampleCluster cluster = new ExampleCluster(3);
    ClusterSpec spec = spec(cluster);
    Map<NodeId, NodeClient> clients = Map.of();
    Path report = dir.resolve("report.json");
    ClusterReader reader = ClusterReader.of(cluster);
    try {
      assertThat(run(cluster, "example", "upgrade-nso", "--transport", "cli", "--setup-only"))
          .as("%s", out)
          .isZero();
      ClusterReader.Original original = reader.original();
      clients = restconfClients(spec);
      WriteProbe probe = WriteProbe.start(clients, WriteProbe.Target.dummies());
      int code;
      try {
        code =
            run(
                cluster,
                "upgrade-nso",
                "--transport",
                "cli",
                "--strategy",
                "fast",
                "--read-write-after",
                "first-secondary",
                "--report",
                report.toString());
      } finally {
        probe.stop();
      }
      assertThat(code).as("%s", out).isZero();
      System.out.println("first-secondary: " + probe.summary());
      reader.converged(
          "the fast upgrade with first-secondary",
          upgraded(),
          original,
          FaultIT.acked(probe),
          JUDGE);

      assertThat(probe.acknowledged()).isNotEmpty();
      assertThat(probe.missing(Duration.ofSeconds(30))).as("acknowledged writes lost").isEmpty();

      JsonNode steps = new ObjectMapper().readTree(Files.readString(report)).get("steps");
      JsonNode rw = null;
      JsonNode before = null;
      JsonNode upgraded = null;
      for (JsonNode s : steps) {
        String title = s.get("title").asText();
        if (title.equals("Disable read-only mode for node n1")) {
          rw = s;
        } else if (rw == null) {
          before = s;
        }
        if (title.startsWith("Upgrade node n1")) {
          upgraded = s;
        }
      }
      assertThat(rw).as("read-write step in %s", steps).isNotNull();
      assertThat(before.get("title").asText()).contains("until one is connected to n1");
      assertThat(before.get("nodeStates").get("n1").get("ha").get("connectedSecondaries"))
          .extracting(JsonNode::asText)
          .contains("n3");
      Instant writable = Instant.parse(rw.get("started").asText());
      Instant n1Upgraded = Instant.parse(upgraded.get("finished").asText());
      List<WriteProbe.Write> onUpgradedPrimary =
          probe.acknowledged().stream()
              .filter(w -> w.node().equals(NodeId.of("n1")))
              .filter(w -> w.acknowledged().isAfter(n1Upgraded))
              .toList();
      assertThat(onUpgradedPrimary).as("writes accepted by n1 after its upgrade").isNotEmpty();
      assertThat(onUpgradedPrimary).allSatisfy(w -> assertThat(w.acknowledged()).isAfter(writable));
    } finally {
      reader.close();
      clients.values().forEach(NodeClient::close);
      cluster.stop();
      ExampleCluster.remove(dir.resolve("run"));
    }
  }
}
