package dev.nsoha.core.plans;

import static dev.nsoha.core.plans.FakeCluster.N1;
import static dev.nsoha.core.plans.FakeCluster.N2;
import static dev.nsoha.core.plans.FakeCluster.N3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.when;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.RaftStatus;
import dev.nsoha.core.model.ReloadOptions;
import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plan.PlanRunner;
import dev.nsoha.core.plan.PlanSettings;
import dev.nsoha.core.plan.RunResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RaftPackageUpgradeTest {
  private static final PlanSettings FAST =
      new PlanSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
  private static final List<PackageFile> FILES =
      List.of(
          PackageFile.of(Path.of("/store/dummy-1.1.tar.gz")),
          PackageFile.of(Path.of("/store/inert-1.0.tar.gz")));
  private static final List<String> NAMES =
      List.of("ncsd1@127.0.1.1", "ncsd2@127.0.2.1", "ncsd3@127.0.3.1");
  private static final ClusterSpec RAFT =
      ClusterSpec.raft(List.of("127.0.1.1", "127.0.2.1", "127.0.3.1"), NAMES, 0);

  private final FakeCluster cluster = new FakeCluster();

  private RunResult run(Plan plan) {
    return new PlanRunner(cluster, FAST, List.of()).run(plan);
  }

  private static RaftStatus status(
      RaftStatus.Role role, String self, List<RaftStatus.Replication> reps) {
    List<String> others = NAMES.stream().filter(n -> !n.equals(self)).toList();
    return new RaftStatus(
        role,
        Optional.of(NAMES.get(0)),
        NAMES,
        others,
        self,
        Optional.empty(),
        7,
        7,
        7,
        reps,
        false,
        List.of());
  }

  private void raft(String n2State) {
    when(cluster.client(N1).raftStatus())
        .thenReturn(
            Optional.of(
                status(
                    RaftStatus.Role.LEADER,
                    NAMES.get(0),
                    List.of(
                        new RaftStatus.Replication(
                            NAMES.get(1), n2State, n2State.equals("in-sync") ? 7 : 2, 0),
                        new RaftStatus.Replication(NAMES.get(2), "in-sync", 7, 0)))));
    for (NodeId f : List.of(N2, N3)) {
      int i = f.equals(N2) ? 1 : 2;
      when(cluster.client(f).raftStatus())
          .thenReturn(Optional.of(status(RaftStatus.Role.FOLLOWER, NAMES.get(i), List.of())));
    }
  }

  @BeforeEach
  void inSync() {
    raft("in-sync");
  }

  @Test
  void backsUpEveryMemberInstallsOnTheLeaderAndSyncsToTheFollowers() {
    RunResult result = run(RaftPackageUpgrade.plan(RAFT, FILES));

    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(cluster.calls())
        .containsExactly(
            "n1-host.backup()",
            "n2-host.backup()",
            "n3-host.backup()",
            "n1.fetchPackage(/store/dummy-1.1.tar.gz)",
            "n1.fetchPackage(/store/inert-1.0.tar.gz)",
            "n1.installPackage(dummy-1.1, true)",
            "n1.installPackage(inert-1.0, false)",
            "n1.haSyncAndReload(" + ReloadOptions.waitForCommitQueue() + ")");
    assertThat(cluster.nodes.values())
        .allSatisfy(
            n ->
                assertThat(n.packages).containsEntry("dummy", "1.1").containsEntry("inert", "1.0"));
  }

  @Test
  void aFollowerBehindStopsTheRunBeforeAnythingChanges() {
    raft("behind");

    RunResult result = run(RaftPackageUpgrade.plan(RAFT, FILES));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.failedTitle())
        .hasValueSatisfying(
            t -> assertThat(t).startsWith("Check that node n1 (ncsd1@127.0.1.1) leads"));
    assertThat(result.summary()).contains("ncsd2@127.0.2.1 is not in-sync on n1 (behind, lag 0)");
    assertThat(cluster.calls()).isEmpty();
  }

  @Test
  void aFollowerOfAnotherLeaderFailsTheFinalCheck() {
    when(cluster.client(N3).raftStatus())
        .thenReturn(
            Optional.of(status(RaftStatus.Role.FOLLOWER, NAMES.get(2), List.of())),
            Optional.of(status(RaftStatus.Role.CANDIDATE, NAMES.get(2), List.of())));

    RunResult result = run(RaftPackageUpgrade.plan(RAFT, FILES));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.failedTitle())
        .hasValueSatisfying(t -> assertThat(t).startsWith("Check that every member runs"));
    assertThat(result.summary())
        .contains("n3 is not a follower of ncsd1@127.0.1.1 (role candidate");
  }

  @Test
  void refusesARuleBasedCluster() {
    assertThatThrownBy(() -> RaftPackageUpgrade.plan(cluster.spec(), FILES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an HA Raft cluster");
  }
}
