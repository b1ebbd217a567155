package dev.nsoha.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.nsoha.core.error.NsoTimeoutException;
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
import org.testcontainers.DockerClientFactory;

/**
 * The module's promise: {@code NsoSimCluster.of(n).withVersion(v).start()} gives a working HA
 * cluster (every secondary connected, a commit on the primary replicated to every secondary); when
 * the primary stops (gracefully or killed), the failover-primary takes over, read-only until a
 * secondary joins it (consensus), and the old primary, started again on its kept volumes, rejoins
 * as its secondary. Every state is read from the nodes and the engine here, not taken from the
 * module's own waits.
 */
class NsoSimClusterIT {
  private static final ConfigPath DUMMIES = ConfigPath.parse("/dummy:dummies");
  private static final Duration WAIT = Duration.ofSeconds(90);

  @BeforeAll
  static void engine() {
    DockerTests.requireEngine();
  }

  @ParameterizedTest(name = "{0} nodes over {1}, primary stopped by {2}")
  @CsvSource({"2, cli, kill", "3, restconf, stop"})
  void failsOverAndTheOldPrimaryRejoins(int size, String transport, String how) {
    DockerClient docker = DockerClientFactory.instance().client();
    List<String> n1Volumes;
    try (NsoSimCluster c =
        NsoSimCluster.of(size)
            .withVersion("6.4.4")
            .withNamePrefix(prefix())
            .withDummies(size == 3 ? BULK : 0)
            .start()) {
      NodeId n1 = c.primary();
      NodeId n2 = c.failoverPrimary();
      if (size == 3) {
        // The loaded entries, on a secondary too: it got them with the full copy when it joined.
        ConfigPath last = ConfigPath.parse("/dummy:dummies/dummy=" + NsoSimCluster.bulkName(BULK));
        assertThat(c.client(n2, transport).readConfig(last).toJson())
            .contains(NsoSimCluster.bulkAddress(BULK));
      }
      HaStatus st = c.client(n1, transport).haStatus();
      assertThat(st.isPrimary()).isTrue();
      assertThat(st.connectedSecondaries()).hasSize(size - 1);
      assertThat(c.currentPrimary()).contains(n1);

      write(c.client(n1, transport), "d1", "10.0.0.1");
      for (NodeId s : c.spec().secondaries().stream().map(n -> n.id()).toList()) {
        awaitValue(c.client(s, transport), "10.0.0.1");
      }

      NsoSimContainer old = c.node(n1);
      n1Volumes = old.volumes();
      if (how.equals("kill")) {
        old.kill();
      } else {
        old.stop();
      }
      assertThat(old.isRunning()).isFalse();
      assertThatThrownBy(() -> docker.inspectContainerCmd(old.containerName()).exec())
          .isInstanceOf(NotFoundException.class);
      for (String v : n1Volumes) {
        assertThat(docker.inspectVolumeCmd(v).exec().getName()).isEqualTo(v);
      }

      NodeClient f = c.client(n2, transport);
      Wait.until(
          n2 + " is primary",
          n2.value(),
          f::haStatus,
          HaStatus::isPrimary,
          HaStatus::summary,
          WAIT);
      if (size == 2) {
        // consensus: n2 stays read-only until a secondary joins it, and only n1 can
        assertThat(f.haStatus().readOnly()).isTrue();
        assertThatThrownBy(() -> c.awaitWritablePrimary(Duration.ofSeconds(3)))
            .isInstanceOf(NsoTimeoutException.class)
            .hasMessageContaining("one node is primary and writable")
            .hasMessageContaining("n1: stopped")
            .hasMessageContaining("n2: enabled primary ro");
      } else {
        assertThat(c.awaitWritablePrimary(WAIT)).isEqualTo(n2);
        write(f, "d2", "10.0.0.2");
      }
      assertThat(c.currentPrimary()).contains(n2);
      assertThat(c.primary()).isEqualTo(n1);

      old.start();
      c.awaitConnected(n2, WAIT);
      HaStatus back = c.client(n1, transport).haStatus();
      assertThat(back.isSecondary()).as(back.summary()).isTrue();
      assertThat(back.primaryId()).contains(n2);
      if (size == 2) {
        assertThat(c.awaitWritablePrimary(WAIT)).isEqualTo(n2);
        write(f, "d2", "10.0.0.2");
      }
      awaitValue(c.client(n1, transport), "10.0.0.2");
      assertThat(c.client(n1, transport).readConfig(DUMMIES).toJson()).contains("10.0.0.1");
    }
    for (String v : n1Volumes) {
      assertThatThrownBy(() -> docker.inspectVolumeCmd(v).exec())
          .as("volume " + v + " after close()")
          .isInstanceOf(NotFoundException.class);
    }
  }

  /** The entries {@code withDummies} loads into the 3-node cluster. */
  private static final int BULK = 2000;

  static String prefix() {
    return "tc-it-" + Long.toHexString(System.nanoTime() & 0xffffff) + "-";
  }

  private static void write(NodeClient c, String name, String value) {
    c.mergeConfig(
        DataTree.of(
            Map.of(
                "dummy:dummies", Map.of("dummy", List.of(Map.of("name", name, "dummy", value))))));
  }

  private static void awaitValue(NodeClient c, String value) {
    Wait.until(
        value + " replicated",
        c.endpoint().id().value(),
        () -> c.readConfig(DUMMIES),
        t -> t.toJson().contains(value),
        DataTree::toJson,
        WAIT);
  }
}
