package dev.nsoha.transport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.Wait;
import dev.nsoha.core.spi.NodeClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  @BeforeAll
  void start() throws Exception {
    Path dir = Files.createTempDirectory("cli-sim");
    cluster = SimLiveCluster.start(dir);
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void oneClientOutlivesARestartOfItsNode() throws Exception {
    try (NodeClient n3 = new CliNodeClient(cluster.endpoint(NodeId.of("n3")))) {
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
              st ->
                  st.isSecondary() && st.primaryId().equals(java.util.Optional.of(NodeId.of("n1"))),
              HaStatus::summary,
              Duration.ofSeconds(60));
      assertThat(s.currentId()).contains(NodeId.of("n3"));
      assertThat(n3.version().sameRelease(cluster.version())).isTrue();
    }
  }

  /** NSO's table layout ({@code | tab}) and the {@code | notab} form give the same status. */
  @Test
  void theTableLayoutParsesLikeTheNotabForm() throws Exception {
    try (CliSession s = CliSession.open(cluster.endpoint(NodeId.of("n1")))) {
      Duration t = Duration.ofSeconds(10);
      CliSession.Reply table =
          s.run("show high-availability | tab | nomore", t, "read the HA status");
      CliSession.Reply notab =
          s.run("show high-availability | notab | nomore", t, "read the HA status");
      assertThat(table.output()).contains("ADDRESS");
      HaStatus fromTable = CliText.haStatus(table.output());
      assertThat(fromTable.connectedSecondaries()).hasSize(2);
      assertThat(fromTable).isEqualTo(CliText.haStatus(notab.output()));
    }
  }

  @Test
  void haStatusLatencyOverTheSimulatorCli() {
    try (NodeClient n1 = new CliNodeClient(cluster.endpoint(NodeId.of("n1")))) {
      System.out.println(Latency.measure("simulator node n1", n1::haStatus));
    }
  }
}
