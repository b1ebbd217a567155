package dev.nsoha.core.yang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.error.ProtocolException;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.RaftStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code /ha-raft/status} mapping, on trees shaped as NSO sends them over both transports. */
class NsoJsonRaftTest {
  private static final String A = "ncsd1@127.0.1.1";
  private static final String B = "ncsd2@127.0.2.1";
  private static final String C = "ncsd3@127.0.3.1";

  private static Map<String, Object> leader(Object index) {
    return Map.of(
        "tailf-ncs-high-availability-raft:ha-raft",
        Map.of(
            "status",
            Map.of(
                "role",
                "leader",
                "leader",
                A,
                "member",
                List.of(A, B, C),
                "connected-node",
                List.of(B, C),
                "local-node",
                A,
                "certificates",
                Map.of(
                    "certificate",
                    List.of(
                        Map.of(
                            "serial-number",
                            "7FB8",
                            "expiration-date",
                            "2034-05-23T21:39:16+00:00",
                            "file-path",
                            "/nso/certs/nso1.crt")),
                    "certificate-authority",
                    Map.of("serial-number", "2C20", "file-path", "/nso/certs/ca.crt")),
                "log",
                Map.of(
                    "current-index",
                    index,
                    "applied-index",
                    index,
                    "num-entries",
                    index,
                    "replications",
                    List.of(
                        Map.of("node", B, "state", "in-sync", "index", index, "lag", "0"),
                        Map.of("node", C, "state", "behind", "index", "1", "lag", 1))),
                "passive",
                false)));
  }

  @Test
  void aLeaderMapsWithIndicesAsStringsOrNumbers() {
    for (Object index : List.of("2", 2, 2L)) {
      RaftStatus s = NsoJson.raftStatus(DataTree.of(leader(index))).orElseThrow();
      assertThat(s.role()).isEqualTo(RaftStatus.Role.LEADER);
      assertThat(s.leader()).contains(A);
      assertThat(s.members()).containsExactly(A, B, C);
      assertThat(s.connectedNodes()).containsExactly(B, C);
      assertThat(s.localNode()).isEqualTo(A);
      assertThat(s.currentIndex()).isEqualTo(2);
      assertThat(s.replications())
          .containsExactly(
              new RaftStatus.Replication(B, "in-sync", 2, 0),
              new RaftStatus.Replication(C, "behind", 1, 1));
      assertThat(s.allInSync()).isFalse();
      assertThat(s.certificates()).hasSize(2);
      assertThat(s.certificates().get(0).expires()).isPresent();
      assertThat(s.certificates().get(1).authority()).isTrue();
      assertThat(s.certificates().get(1).expires()).isEmpty();
    }
  }

  @Test
  void everyFollowerInSyncAndConnectedIsAllInSync() {
    Map<String, Object> t =
        Map.of(
            "ha-raft",
            Map.of(
                "status",
                Map.of(
                    "role",
                    "leader",
                    "member",
                    List.of(A, B),
                    "connected-node",
                    B,
                    "local-node",
                    A,
                    "log",
                    Map.of(
                        "replications",
                        Map.of("node", B, "state", "in-sync", "index", "5", "lag", "0")))));
    RaftStatus s = NsoJson.raftStatus(DataTree.of(t)).orElseThrow();
    assertThat(s.connectedNodes()).containsExactly(B);
    assertThat(s.allInSync()).isTrue();
    assertThat(s.leader()).isEmpty();
  }

  @Test
  void aNodeWithoutHaRaftHasNoRaftStatus() {
    assertThat(NsoJson.raftStatus(DataTree.empty())).isEmpty();
    assertThat(NsoJson.raftStatus(DataTree.of(Map.of("ha-raft", Map.of())))).isEmpty();
  }

  @Test
  void anUnknownRoleOrABadIndexIsAProtocolError() {
    assertThatThrownBy(
            () ->
                NsoJson.raftStatus(
                    DataTree.of(Map.of("ha-raft", Map.of("status", Map.of("role", "boss"))))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("boss");
    assertThatThrownBy(
            () ->
                NsoJson.raftStatus(
                    DataTree.of(
                        Map.of(
                            "ha-raft",
                            Map.of(
                                "status",
                                Map.of("role", "leader", "log", Map.of("current-index", "x")))))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("current-index");
  }
}
