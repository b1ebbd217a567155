package dev.nsoha.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.ConnectedSecondary;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeHost;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterSnapshotTest {
  private static final NodeId N1 = NodeId.of("n1");
  private static final NodeId N2 = NodeId.of("n2");
  private static final NodeId N3 = NodeId.of("n3");

  private static HaStatus primary() {
    return new HaStatus(
        true,
        HaMode.PRIMARY,
        Optional.of(N1),
        HaMode.PRIMARY,
        Optional.empty(),
        Optional.empty(),
        false,
        List.of(new ConnectedSecondary(N2, "127.0.2.1")));
  }

  private static ClusterAccess cluster(Map<NodeId, NodeClient> clients) {
    return new ClusterAccess() {
      @Override
      public ClusterSpec spec() {
        return ClusterSpec.example();
      }

      @Override
      public NodeClient client(NodeId node) {
        return clients.get(node);
      }

      @Override
      public NodeHost host(NodeId node) {
        throw new IllegalStateException();
      }
    };
  }

  @Test
  void observesEveryNodeOnceAndRecordsWhyANodeCouldNotBeRead() {
    NodeClient c1 = mock(NodeClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
    when(c1.version()).thenReturn(NsoVersion.parse("6.5.1"));
    when(c1.haStatus()).thenReturn(primary());
    when(c1.packages())
        .thenReturn(List.of(new PackageStatus("dummy", "1.0", "up", Optional.empty())));
    when(c1.readRunningConfig())
        .thenReturn(
            DataTree.of(
                Map.of(
                    "dummy:dummies",
                    Map.of("dummy", List.of(Map.of("name", "d1"))),
                    ClusterSnapshot.HA_TREE,
                    Map.of("token", "x"))));
    NodeClient c2 = mock(NodeClient.class);
    when(c2.version()).thenReturn(NsoVersion.parse("6.4.4"));
    when(c2.haStatus()).thenThrow(new UnreachableException("n2", "read HA status", "refused"));
    NodeClient c3 = mock(NodeClient.class);
    when(c3.version()).thenThrow(new UnreachableException("n3", "read version", "refused"));

    ClusterSnapshot s = ClusterSnapshot.observe(cluster(Map.of(N1, c1, N2, c2, N3, c3)), true);

    assertThat(s.nodes().keySet()).containsExactly(N1, N2, N3);
    assertThat(s.node(N1).summary()).isEqualTo("NSO 6.5.1, enabled primary rw secondaries=[n2]");
    assertThat(s.node(N1).packagesUp()).isTrue();
    assertThat(s.node(N1).runs(NsoVersion.parse("6.5.1"))).isTrue();
    assertThat(s.primaries()).containsExactly(N1);
    assertThat(s.node(N1).configFingerprint())
        .contains(
            ClusterSnapshot.fingerprint(
                DataTree.of(
                    Map.of("dummy:dummies", Map.of("dummy", List.of(Map.of("name", "d1")))))));
    assertThat(s.node(N2).reachable()).isFalse();
    assertThat(s.node(N2).version()).contains(NsoVersion.parse("6.4.4"));
    assertThat(s.node(N2).summary()).startsWith("not readable: ").contains("refused");
    assertThat(s.node(N3).version()).isEmpty();

    Map<String, Object> json = s.toMap();
    @SuppressWarnings("unchecked")
    Map<String, Object> n1 = (Map<String, Object>) json.get("n1");
    assertThat(n1)
        .containsEntry("reachable", true)
        .containsEntry("version", "6.5.1")
        .containsKey("configFingerprint");
    assertThat(n1.get("ha").toString()).contains("mode=primary").contains("[n2]");
    @SuppressWarnings("unchecked")
    Map<String, Object> n3 = (Map<String, Object>) json.get("n3");
    assertThat(n3).containsEntry("reachable", false).containsEntry("ha", null);
  }
}
