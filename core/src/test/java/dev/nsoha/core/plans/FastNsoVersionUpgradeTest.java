package dev.nsoha.core.plans;

import static dev.nsoha.core.plans.FakeCluster.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plan.PlanRunner;
import dev.nsoha.core.plan.PlanSettings;
import dev.nsoha.core.plan.RunResult;
import dev.nsoha.core.plans.FastNsoVersionUpgrade.WritePolicy;
import dev.nsoha.core.spi.Install;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fast strategy on the modelled cluster: its step list, the order of its calls, and the two
 * safety rules checked after every step (nodes of different versions never connected; the upgraded
 * primary writable only with a connected secondary, or at the end).
 */
class FastNsoVersionUpgradeTest {
  private static final PlanSettings QUICK =
      new PlanSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));

  private final List<String> violations = new ArrayList<>();

  private RunResult run(FakeCluster cluster, Plan plan) {
    return new PlanRunner(cluster, QUICK, List.of(e -> checkSafety(cluster))).run(plan);
  }

  /** The invariants, checked on the model's state after every plan event. */
  private void checkSafety(FakeCluster cluster) {
    for (FakeCluster.Node n : cluster.nodes.values()) {
      if (!n.running) {
        continue;
      }
      HaStatus st = n.status();
      for (var s : st.connectedSecondaries()) {
        FakeCluster.Node o = cluster.node(s.id());
        if (!o.version.sameRelease(n.version)) {
          violations.add(n.id + " on " + n.version + " has " + o.id + " on " + o.version);
        }
      }
      if (st.isPrimary()
          && !st.readOnly()
          && n.version.sameRelease(NEW.version())
          && st.connectedSecondaries().isEmpty()) {
        violations.add(n.id + " is a writable upgraded primary without a secondary");
      }
    }
  }

  private static int index(List<String> calls, String call) {
    int i = calls.indexOf(call);
    assertThat(i).as("%s in %s", call, calls).isNotNegative();
    return i;
  }

  @Test
  void theStepsOfThreeNodes() {
    FakeCluster cluster = new FakeCluster();
    Plan plan = FastNsoVersionUpgrade.plan(cluster.spec(), NEW, 0, WritePolicy.ALL_SECONDARIES);
    assertThat(plan.steps())
        .extracting(s -> s.title())
        .containsExactly(
            "Build the package(s) of node n1, n2 and n3 for NSO 6.5.1 ahead",
            "Enable read-only mode for node n1 and n2",
            "Create a backup of node n1, n2 and n3 before upgrading",
            "Disable high availability for node n3",
            "Disable node n1 high availability for node n2 to assume primary role in read-only mode",
            "Upgrade node n1 and n3 to NSO 6.5.1",
            "Disable high availability for node n2",
            "Enable high availability for node n1 that will assume primary role",
            "Enable high availability for node n3 that will assume secondary role",
            "Upgrade node n2 to NSO 6.5.1",
            "Enable high availability for node n2 that will assume secondary role",
            "Disable read-only mode for node n1",
            "Check that n1 is primary with n2 and n3 connected, every node on NSO 6.5.1");
    Plan first = FastNsoVersionUpgrade.plan(cluster.spec(), NEW, 0, WritePolicy.FIRST_SECONDARY);
    assertThat(first.steps())
        .extracting(s -> s.title())
        .containsSubsequence(
            "Enable high availability for node n3 until one is connected to n1",
            "Disable read-only mode for node n1",
            "Upgrade node n2 to NSO 6.5.1");
  }

  @Test
  void overlapsThePlainSecondaryWithThePrimaryAndEndsVerified() {
    FakeCluster cluster = new FakeCluster();
    RunResult result =
        run(
            cluster,
            FastNsoVersionUpgrade.plan(cluster.spec(), NEW, 0, WritePolicy.ALL_SECONDARIES));

    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(violations).isEmpty();
    List<String> c = cluster.calls();
    // Packages built ahead, before the window opens.
    assertThat(index(c, "n2-host.stagePackages(6.5.1)"))
        .isLessThan(index(c, "n1.setReadOnly(true)"));
    assertThat(c).doesNotContain("n1-host.rebuildPackages(6.5.1)");
    // n3 out of HA before n1 leaves; n2 takes over before anyone stops.
    assertThat(index(c, "n3.disableHa()")).isLessThan(index(c, "n1.disableHa()"));
    assertThat(index(c, "n2.bePrimary()")).isLessThan(index(c, "n1-host.stop()"));
    assertThat(index(c, "n2.bePrimary()")).isLessThan(index(c, "n3-host.stop()"));
    // n1 and n3 in the same step, before n2 is disabled and n1 enabled.
    assertThat(index(c, "n3-host.start(6.5.1, true)")).isLessThan(index(c, "n2.disableHa()"));
    assertThat(index(c, "n2.disableHa()")).isLessThan(index(c, "n1.enableHa()"));
    assertThat(index(c, "n1.enableHa()")).isLessThan(index(c, "n3.enableHa()"));
    assertThat(index(c, "n3.enableHa()")).isLessThan(index(c, "n2-host.stop()"));
    assertThat(index(c, "n2.enableHa()")).isLessThan(index(c, "n1.setReadOnly(false)"));
    assertThat(cluster.node(NodeId.of("n1")).status().connectedSecondaries()).hasSize(2);
  }

  @Test
  void firstSecondaryMakesThePrimaryWritableOnceOneSecondaryIsBack() {
    FakeCluster cluster = new FakeCluster();
    RunResult result =
        run(
            cluster,
            FastNsoVersionUpgrade.plan(cluster.spec(), NEW, 0, WritePolicy.FIRST_SECONDARY));

    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(violations).isEmpty();
    List<String> c = cluster.calls();
    assertThat(index(c, "n3.enableHa()")).isLessThan(index(c, "n1.setReadOnly(false)"));
    assertThat(index(c, "n1.setReadOnly(false)")).isLessThan(index(c, "n2-host.stop()"));
  }

  @Test
  void twoNodesFollowTheUpgradeBasicFlow() {
    FakeCluster cluster = new FakeCluster(2);
    Plan plan = FastNsoVersionUpgrade.plan(cluster.spec(), NEW, 0, WritePolicy.FIRST_SECONDARY);
    assertThat(plan.steps()).extracting(s -> s.title()).noneMatch(t -> t.contains("n3"));
    RunResult result = run(cluster, plan);
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(violations).isEmpty();
    List<String> c = cluster.calls();
    assertThat(index(c, "n2.enableHa()")).isLessThan(index(c, "n1.setReadOnly(false)"));

    FakeCluster seed = new FakeCluster(2);
    RunResult s = run(seed, NsoVersionUpgrade.plan(seed.spec(), NEW));
    assertThat(s.succeeded()).as(s.summary()).isTrue();
    assertThat(violations).isEmpty();
  }

  @Test
  void nineNodesInBatches() {
    FakeCluster cluster = new FakeCluster(9);
    Plan plan = FastNsoVersionUpgrade.plan(cluster.spec(), NEW, 3, WritePolicy.ALL_SECONDARIES);
    assertThat(plan.steps())
        .extracting(s -> s.title())
        .contains(
            "Disable high availability for node n3, n4, n5, n6, n7, n8 and n9",
            "Upgrade node n1, n3, n4 and n5 to NSO 6.5.1",
            "Upgrade node n2, n6, n7 and n8 to NSO 6.5.1",
            "Upgrade node n9 to NSO 6.5.1",
            "Enable high availability for node n9 that will assume secondary role");
    RunResult result = run(cluster, plan);
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(violations).isEmpty();
    assertThat(cluster.node(NodeId.of("n1")).status().connectedSecondaries()).hasSize(8);
  }

  @Test
  void aPackageThatDoesNotBuildStopsTheRunBeforeAnythingChanges() {
    FakeCluster cluster = new FakeCluster();
    doThrow(
            new HostException(
                "n2 (127.0.2.1)", "build packages", "make failed: yang/dummy.yang:3: error"))
        .when(cluster.host(NodeId.of("n2")))
        .stagePackages(any(Install.class));
    RunResult result =
        run(
            cluster,
            FastNsoVersionUpgrade.plan(cluster.spec(), NEW, 0, WritePolicy.ALL_SECONDARIES));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.failedStep()).contains(1);
    assertThat(cluster.calls()).allSatisfy(call -> assertThat(call).contains("stagePackages"));
    assertThat(cluster.node(NodeId.of("n1")).readOnly).isFalse();
  }
}
