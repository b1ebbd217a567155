package dev.nsoha.core.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.model.RaftStatus;
import dev.nsoha.core.plan.ClusterSnapshot;
import dev.nsoha.core.plan.ClusterSnapshot.NodeSnapshot;
import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plan.Step;
import dev.nsoha.core.spi.Backup;
import dev.nsoha.core.spi.Install;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Raft plan's shape, its rollback's two forms, and the check of a formed cluster. */
class RaftVersionUpgradeTest {
  private static final Install OLD =
      new Install(Path.of("/opt/nso-6.4.4"), NsoVersion.parse("6.4.4"));
  private static final Install NEW =
      new Install(Path.of("/opt/nso-6.5.1"), NsoVersion.parse("6.5.1"));
  private static final List<String> NAMES =
      List.of("ncsd1@127.0.1.1", "ncsd2@127.0.2.1", "ncsd3@127.0.3.1");
  private static final ClusterSpec RAFT =
      ClusterSpec.raft(List.of("127.0.1.1", "127.0.2.1", "127.0.3.1"), NAMES, 0);

  @Test
  void everythingThatCanHappenBeforeReadOnlyHappensBeforeIt() {
    Plan p = RaftVersionUpgrade.plan(RAFT, NEW);
    List<String> titles = p.steps().stream().map(Step::title).toList();
    assertThat(titles)
        .containsExactly(
            "Build the package(s) of node n1, n2 and n3 for NSO 6.5.1 ahead",
            RaftVersionUpgrade.READ_ONLY_STEP,
            "Create a backup of node n1, n2 and n3 before upgrading",
            "Stop the followers, then the leader",
            "Compact the CDB and remove state/raft on node n1, n2 and n3",
            "Put the upgraded packages in place on node n1, n2 and n3",
            "Start node n1, n2 and n3 on NSO 6.5.1 in parallel",
            "Create the HA Raft cluster on node n1 with n2 and n3 and wait until every member is"
                + " in sync",
            "Check that n1 leads with every member connected and in sync, every member on NSO"
                + " 6.5.1");
    // The journal knows which steps may leave members stopped, for a rerun and a rollback.
    assertThat(p.steps().get(3).stops()).hasSize(3);
    assertThat(p.steps().get(6).starts()).hasSize(3);
    assertThat(p.name()).isEqualTo(RaftVersionUpgrade.NAME);
    assertThat(RaftVersionUpgrade.changesNode(titles.get(3))).isTrue();
    assertThat(RaftVersionUpgrade.changesNode(titles.get(2))).isFalse();
    assertThatThrownBy(() -> RaftVersionUpgrade.plan(ClusterSpec.example(), NEW))
        .hasMessageContaining("not an HA Raft cluster");
  }

  @Test
  void aRollbackBeforeAnyMemberStoppedOnlyClearsReadOnly() {
    Plan p = RaftRollback.plan(RAFT, OLD, Map.of(), false);
    assertThat(p.steps()).extracting(Step::title).first().asString().contains("read-only");
    assertThat(p.steps()).hasSize(2);
  }

  @Test
  void aRollbackAfterTheStopRestoresEveryMemberAndCreatesTheClusterAgain() {
    Map<NodeId, Backup> backups = new LinkedHashMap<>();
    for (NodeId n : RAFT.ids()) {
      backups.put(n, new Backup(n, Path.of("/b/" + n + ".tgz"), "ab", Instant.EPOCH));
    }
    Plan p = RaftRollback.plan(RAFT, OLD, backups, true);
    assertThat(p.steps())
        .extracting(Step::title)
        .containsExactly(
            "Stop node n1, n2 and n3",
            "Restore node n1, n2 and n3 from the backups taken before the upgrade",
            "Start node n1, n2 and n3 on NSO 6.4.4 in parallel",
            "Create the HA Raft cluster on node n1 with n2 and n3 and wait until every member is"
                + " in sync",
            "Check that n1 leads with every member connected and in sync, every member on NSO"
                + " 6.4.4");
    backups.remove(NodeId.of("n3"));
    assertThatThrownBy(() -> RaftRollback.plan(RAFT, OLD, backups, true))
        .hasMessageContaining("no backup of n3");
  }

  private static NodeSnapshot node(String id, String version, RaftStatus r) {
    return new NodeSnapshot(
        NodeId.of(id),
        Optional.of(NsoVersion.parse(version)),
        Optional.empty(),
        Optional.of(List.of(new PackageStatus("dummy", "1.0", "up", Optional.empty()))),
        Optional.empty(),
        Optional.empty(),
        Optional.of(r));
  }

  private static RaftStatus status(
      RaftStatus.Role role, String local, List<RaftStatus.Replication> reps) {
    return new RaftStatus(
        role,
        Optional.of(NAMES.get(0) + ":4570"),
        NAMES,
        NAMES.stream().filter(n -> !n.equals(local)).toList(),
        local,
        Optional.empty(),
        5,
        5,
        5,
        reps,
        false,
        List.of());
  }

  @Test
  void formedNeedsTheChosenLeaderEveryFollowerInSyncAndTheVersion() {
    List<RaftStatus.Replication> inSync =
        List.of(
            new RaftStatus.Replication(NAMES.get(1), "in-sync", 5, 0),
            new RaftStatus.Replication(NAMES.get(2), "in-sync", 5, 0));
    Map<NodeId, NodeSnapshot> nodes = new LinkedHashMap<>();
    nodes.put(
        NodeId.of("n1"), node("n1", "6.5.1", status(RaftStatus.Role.LEADER, NAMES.get(0), inSync)));
    nodes.put(
        NodeId.of("n2"),
        node("n2", "6.5.1", status(RaftStatus.Role.FOLLOWER, NAMES.get(1), List.of())));
    nodes.put(
        NodeId.of("n3"),
        node("n3", "6.5.1", status(RaftStatus.Role.FOLLOWER, NAMES.get(2), List.of())));
    ClusterSnapshot ok = new ClusterSnapshot(Instant.EPOCH, nodes);
    assertThat(RaftSteps.formed(ok, RAFT, NEW.version()).holds()).isTrue();
    assertThat(RaftSteps.formed(ok, RAFT, OLD.version()).observed())
        .contains("n1 is not on NSO 6.4.4");

    nodes.put(
        NodeId.of("n1"),
        node(
            "n1",
            "6.5.1",
            status(
                RaftStatus.Role.LEADER,
                NAMES.get(0),
                List.of(inSync.get(0), new RaftStatus.Replication(NAMES.get(2), "behind", 3, 2)))));
    assertThat(
            RaftSteps.formed(new ClusterSnapshot(Instant.EPOCH, nodes), RAFT, NEW.version())
                .observed())
        .contains("not every member is connected to n1 and in sync");
    assertThat(RaftSteps.formedAnyLeader(ok, RAFT, NEW.version()).holds()).isTrue();
  }
}
