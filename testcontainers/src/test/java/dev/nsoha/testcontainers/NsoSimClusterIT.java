package dev.nsoha.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.model.ConfigPath;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.Wait;
import dev.nsoha.core.spi.NodeClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The module's promise: {@code NsoSimCluster.of(n).withVersion(v).start()} gives a working HA
 * cluster: every secondary connected, a commit on the primary replicated to every secondary, and
 * the failover-primary taking over when the primary's container stops.
 */
class NsoSimClusterIT {
  private static final ConfigPath DUMMIES = ConfigPath.parse("/dummy:dummies");

  @BeforeAll
  static void engine() {
    DockerTests.requireEngine();
  }

  @ParameterizedTest(name = "{0} nodes, reading over {1}")
  @CsvSource({"2, cli", "3, restconf"})
  void startsReplicatesAndFailsOver(int size, String transport) {
    try (NsoSimCluster c = NsoSimCluster.of(size).withVersion("6.4.4").start()) {
      HaStatus st = c.client(c.primary(), transport).haStatus();
      assertThat(st.isPrimary()).isTrue();
      assertThat(st.connectedSecondaries()).hasSize(size - 1);

      c.client(c.primary(), "restconf")
          .mergeConfig(
              DataTree.of(
                  Map.of(
                      "dummy:dummies",
                      Map.of("dummy", List.of(Map.of("name", "d1", "dummy", "10.0.0.1"))))));
      for (NodeId s : c.spec().secondaries().stream().map(n -> n.id()).toList()) {
        NodeClient sc = c.client(s, transport);
        Wait.until(
            "d1 replicated",
            s.value(),
            () -> sc.readConfig(DUMMIES),
            t -> t.toJson().contains("10.0.0.1"),
            DataTree::toJson,
            Duration.ofSeconds(30));
      }

      c.node(c.primary()).stop();
      NodeClient f = c.client(c.failoverPrimary(), transport);
      HaStatus promoted =
          Wait.until(
              c.failoverPrimary() + " is primary",
              c.failoverPrimary().value(),
              f::haStatus,
              HaStatus::isPrimary,
              HaStatus::summary,
              Duration.ofSeconds(60));
      assertThat(promoted.isPrimary()).isTrue();
      assertThat(f.readConfig(DUMMIES).toJson()).contains("10.0.0.1");
    }
  }
}
