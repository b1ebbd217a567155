package dev.nsoha.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.model.ConfigPath;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.RaftStatus;
import dev.nsoha.core.plan.Wait;
import dev.nsoha.core.spi.NodeClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code NsoSimCluster.raft(3).start()} gives a working HA Raft cluster: {@code n1} leads two
 * followers with every member in {@code member}, a commit on the leader reaches every follower;
 * when the leader is killed the two others elect a leader that takes writes, and the old leader,
 * started again on its kept volumes, rejoins as a follower with the writes it missed. States are
 * read over the CLI here, while the module's own waits use RESTCONF.
 */
class NsoSimRaftClusterIT {
  private static final ConfigPath DUMMIES = ConfigPath.parse("/dummy:dummies");
  private static final Duration WAIT = Duration.ofSeconds(90);

  @BeforeAll
  static void engine() {
    DockerTests.requireEngine();
  }

  @Test
  void formsFailsOverAndTheOldLeaderRejoins() {
    try (NsoSimCluster c = NsoSimCluster.raft(3).withNamePrefix(NsoSimClusterIT.prefix()).start()) {
      NodeId n1 = c.primary();
      String leaderName = c.spec().memberName(n1);
      List<String> names = c.spec().ids().stream().map(id -> c.spec().memberName(id)).toList();
      for (NodeId id : c.spec().ids()) {
        RaftStatus st = c.client(id, "cli").raftStatus().orElseThrow();
        assertThat(st.role())
            .isEqualTo(id.equals(n1) ? RaftStatus.Role.LEADER : RaftStatus.Role.FOLLOWER);
        assertThat(st.leader()).contains(leaderName);
        assertThat(st.members()).containsExactlyInAnyOrderElementsOf(names);
        assertThat(st.localNode()).isEqualTo(c.spec().memberName(id));
      }

      write(c.client(n1, "cli"), "d1", "10.0.0.1");
      for (NodeId id : c.spec().ids()) {
        awaitValue(c.client(id, "restconf"), "10.0.0.1");
      }

      NsoSimContainer old = c.node(n1);
      old.kill();
      NodeId next = c.awaitRaftLeader(WAIT);
      assertThat(next).isNotEqualTo(n1);
      RaftStatus lead = c.client(next, "cli").raftStatus().orElseThrow();
      assertThat(lead.role()).isEqualTo(RaftStatus.Role.LEADER);
      assertThat(lead.connectedNodes()).doesNotContain(leaderName);
      NodeClient nl = c.client(next, "restconf");
      Wait.until(
          "a write on the new leader " + next,
          next.value(),
          () -> {
            try {
              write(nl, "d2", "10.0.0.2");
              return "written";
            } catch (NsoException e) {
              return e.getMessage();
            }
          },
          "written"::equals,
          r -> r,
          WAIT);

      old.start();
      c.awaitRaftInSync(next, WAIT);
      RaftStatus back = c.client(n1, "cli").raftStatus().orElseThrow();
      assertThat(back.role()).isEqualTo(RaftStatus.Role.FOLLOWER);
      assertThat(back.leader()).contains(c.spec().memberName(next));
      awaitValue(c.client(n1, "cli"), "10.0.0.2");
      assertThat(c.client(n1, "restconf").readConfig(DUMMIES).toJson()).contains("10.0.0.1");
    }
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
