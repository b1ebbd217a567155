package dev.nsoha.transport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.Wait;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.testkit.SimLiveCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The CLI client against simulator nodes beyond the contract: a node restart under one client, and
 * latency.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliSimulatorIT {
  private SimLiveCluster cluster;
  private Path knownHosts;

  @BeforeAll
  void start() throws Exception {
    knownHosts = Files.createTempDirectory("cli-sim").resolve("known_hosts");
    cluster = SimLiveCluster.start();
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void oneClientOutlivesARestartOfItsNode() throws Exception {
    try (NodeClient n3 =
        new CliNodeClient(cluster.endpoint(NodeId.of("n3")), CliOptions.lab(knownHosts))) {
      assertThat(n3.haStatus().mode()).isEqualTo(HaMode.SECONDARY);

      cluster.sim().stop("n3");
      assertThatThrownBy(n3::haStatus)
          .isInstanceOf(UnreachableException.class)
          .hasMessageContaining(cluster.endpoint(NodeId.of("n3")).address());

      cluster.sim().start("n3");
      HaStatus s =
          Wait.until(
              "n3 is a secondary again",
              "n3",
              n3::haStatus,
              st -> st.isSecondary() && st.primaryId().equals(Optional.of(NodeId.of("n1"))),
              HaStatus::summary,
              Duration.ofSeconds(60));
      assertThat(s.currentId()).contains(NodeId.of("n3"));
      assertThat(n3.version().sameRelease(cluster.version())).isTrue();
    }
  }

  @Test
  void haStatusLatencyOverTheSimulatorCli() {
    try (NodeClient n1 =
        new CliNodeClient(cluster.endpoint(NodeId.of("n1")), CliOptions.lab(knownHosts))) {
      List<HaStatus> read = new ArrayList<>();
      System.out.println(Latency.measure("simulator node n1", () -> read.add(n1.haStatus())));
      assertThat(read)
          .as("every measured call read n1's status")
          .hasSize(Latency.RUNS + 1)
          .allSatisfy(
              s -> {
                assertThat(s.isPrimary()).isTrue();
                assertThat(s.currentId()).contains(NodeId.of("n1"));
              });
    }
  }
}
