package dev.nsoha.scenarios.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.scenarios.input.UsageException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerHostsTest {
  private static final ClusterSpec SPEC = ClusterSpec.example();

  @Test
  void containersWhenFlaggedOrEveryNodeSaysSo() {
    ContainerOptions none = new ContainerOptions();
    assertThat(ContainerHosts.wanted(SPEC, (id, key) -> null, none)).isFalse();
    assertThat(
            ContainerHosts.wanted(SPEC, (id, key) -> key.equals("host") ? "container" : null, none))
        .isTrue();
    ContainerOptions flag = new ContainerOptions();
    flag.containers = true;
    assertThat(ContainerHosts.wanted(SPEC, (id, key) -> null, flag)).isTrue();
  }

  @Test
  void aMixedClusterIsAUsageError() {
    Map<String, String> hosts = Map.of("n1", "container", "n2", "local", "n3", "container");
    assertThatThrownBy(
            () ->
                ContainerHosts.wanted(
                    SPEC,
                    (id, key) -> key.equals("host") ? hosts.get(id.value()) : null,
                    new ContainerOptions()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("2 of 3 nodes have host=container");
  }
}
