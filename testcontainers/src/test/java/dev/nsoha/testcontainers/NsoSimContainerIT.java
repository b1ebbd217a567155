package dev.nsoha.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.nsoha.core.model.ConfigPath;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.spi.NodeClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * One node's life cycle, read from the node and the engine: {@code stop()} keeps the volumes and a
 * commit survives {@code start()}; {@code removeVolumes()} refuses while the node runs and, once it
 * is stopped, removes them, so the next start is an empty node; {@code close()} leaves nothing.
 */
class NsoSimContainerIT {
  private static final ConfigPath DUMMIES = ConfigPath.parse("/dummy:dummies");

  @BeforeAll
  static void engine() {
    DockerTests.requireEngine();
  }

  @Test
  void stopKeepsTheDataAndRemoveVolumesForgetsIt() {
    DockerClient docker = DockerClientFactory.instance().client();
    List<String> volumes;
    String name = NsoSimClusterIT.prefix() + "single";
    try (NsoSimContainer node = new NsoSimContainer("6.4.4").withContainerName(name)) {
      node.start();
      volumes = node.volumes();
      try (NodeClient c = node.client("restconf")) {
        c.mergeConfig(
            DataTree.of(
                Map.of(
                    "dummy:dummies",
                    Map.of("dummy", List.of(Map.of("name", "kept", "dummy", "10.9.9.9"))))));
      }
      assertThatThrownBy(node::removeVolumes)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("stop() or kill() it before removing its volumes");

      node.stop();
      assertThatThrownBy(() -> docker.inspectContainerCmd(node.containerName()).exec())
          .isInstanceOf(NotFoundException.class);
      node.start();
      try (NodeClient c = node.client("cli")) {
        assertThat(c.readConfig(DUMMIES).toJson()).contains("10.9.9.9");
      }

      node.kill();
      node.removeVolumes();
      for (String v : volumes) {
        assertThatThrownBy(() -> docker.inspectVolumeCmd(v).exec())
            .isInstanceOf(NotFoundException.class);
      }
      node.start();
      try (NodeClient c = node.client("cli")) {
        assertThat(c.readConfig(DUMMIES).toJson()).doesNotContain("10.9.9.9");
      }
    }
    assertThat(
            docker.listContainersCmd().withShowAll(true).exec().stream()
                .flatMap(x -> List.of(x.getNames()).stream())
                .filter(n -> n.equals("/" + name)))
        .isEmpty();
    for (String v : volumes) {
      assertThatThrownBy(() -> docker.inspectVolumeCmd(v).exec())
          .isInstanceOf(NotFoundException.class);
    }
  }
}
