package dev.nsoha.core.plans;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.ClusterSpec.NodeSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.plan.Check;
import dev.nsoha.core.plan.ClusterSnapshot;
import dev.nsoha.core.plan.ClusterSnapshot.NodeSnapshot;
import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plan.Step;
import dev.nsoha.core.spi.Install;
import java.util.ArrayList;
import java.util.List;

/**
 * The NSO version upgrade of a rule-based HA cluster, node by node with failover, as NSO's upgrade
 * example does it (steps 3 to 15 of its list) and as the administrator guide refines it:
 *
 * <ol>
 *   <li>read-only mode on the primary and on the failover-primary, so that the backup is complete
 *       and the promoted node takes no writes;
 *   <li>a backup of every node;
 *   <li>HA disabled on each plain secondary, so that it cannot join the promoted failover-primary;
 *   <li>HA disabled on the primary, and {@code be-primary} on the failover-primary (the documented
 *       fast takeover) instead of waiting for the failover timer;
 *   <li>the primary's packages rebuilt for the new install, the primary upgraded, HA disabled on
 *       the failover-primary, HA enabled on the primary, which becomes primary again, read-only
 *       until its secondaries are back, as the administrator guide recommends;
 *   <li>the failover-primary rebuilt, upgraded and enabled: it joins as secondary;
 *   <li>the same for each plain secondary, then read-write again on the primary;
 *   <li>a final check: one primary in its nominal role, every secondary connected, every node on
 *       the target.
 * </ol>
 *
 * Nodes of different versions are never connected. Each step's postcondition also holds once the
 * node runs the target, so a rerun after a failure skips what is already done.
 */
public final class NsoVersionUpgrade {
  public static final String NAME = "upgrade-nso";

  private NsoVersionUpgrade() {}

  /**
   * Whether a step of this plan with {@code title} changes its node's data, packages or install
   * (the rebuild and the upgrade), so that a rollback must restore the node from its backup. The
   * other steps change only HA state and read-only mode, which a rollback sets back directly.
   */
  public static boolean changesNode(String title) {
    return title.startsWith("Rebuild node ") || title.startsWith("Upgrade node ");
  }

  /** Builds the plan for {@code cluster} and the new {@code target} install. */
  public static Plan plan(ClusterSpec cluster, Install target) {
    NodeSpec primary = cluster.primary();
    NodeSpec failover = cluster.failoverPrimary();
    List<NodeSpec> plain = cluster.plainSecondaries();
    NodeId p = primary.id();
    NodeId f = failover.id();
    NsoVersion v = target.version();
    String nso = "NSO " + v;
    List<NodeId> secondaries = CommonSteps.secondaries(cluster);
    List<Step> steps = new ArrayList<>();
    List<NodeId> everyNode = cluster.ids();

    steps.add(NsoUpgradeSteps.readOnly(p, f, v));
    steps.add(
        CommonSteps.backup(
            "Create a backup of node " + CommonSteps.join(everyNode) + " before upgrading",
            everyNode));
    for (NodeSpec sec : plain) {
      steps.add(NsoUpgradeSteps.disablePlain(List.of(sec.id()), p, v));
    }
    steps.add(NsoUpgradeSteps.failover(p, f, v));
    steps.add(NsoUpgradeSteps.rebuild(p, target));
    steps.add(NsoUpgradeSteps.upgrade(List.of(p), target, false));
    steps.add(NsoUpgradeSteps.disableFailover(f, v));
    steps.add(NsoUpgradeSteps.enablePrimary(p, secondaries));
    for (NodeId n : secondaries) {
      steps.add(NsoUpgradeSteps.rebuild(n, target));
      steps.add(NsoUpgradeSteps.upgrade(List.of(n), target, false));
      steps.add(
          NsoUpgradeSteps.enableSecondaries(
              "Enable high availability for node " + n + " that will assume secondary role",
              List.of(n),
              p,
              0));
    }
    steps.add(NsoUpgradeSteps.readWrite(p));
    steps.add(finalCheckStep(cluster, v));

    return new Plan(
        NAME,
        "NSO version upgrade to " + target.version() + " (" + cluster.describe() + ")",
        steps);
  }

  /** The last step of both strategies: {@link #finalCheck} on one observation. */
  static Step finalCheckStep(ClusterSpec cluster, NsoVersion v) {
    List<NodeId> secondaries = CommonSteps.secondaries(cluster);
    return CommonSteps.finalCheck(
        "Check that "
            + cluster.primary().id()
            + " is primary with "
            + CommonSteps.join(secondaries)
            + " connected, every node on NSO "
            + v,
        cluster.ids(),
        s -> finalCheck(s, cluster, v));
  }

  /**
   * One primary in its nominal role and read-write, every secondary connected to it, every node on
   * {@code version} with packages up.
   */
  static Check finalCheck(ClusterSnapshot s, ClusterSpec cluster, NsoVersion version) {
    List<String> problems = new ArrayList<>(CommonSteps.nominalRoleProblems(s, cluster));
    NodeId p = cluster.primary().id();
    if (CommonSteps.ha(s, p, st -> st.isPrimary() && st.readOnly())) {
      problems.add(0, p + " is still read-only");
    }
    for (NodeId n : cluster.ids()) {
      NodeSnapshot ns = s.node(n);
      if (!ns.runs(version)) {
        problems.add(
            n
                + " is not on NSO "
                + version
                + " ("
                + ns.version().map(x -> "NSO " + x).orElse("not readable")
                + ")");
      } else if (!ns.packagesUp()) {
        problems.add(n + " has packages that are not up");
      }
    }
    if (problems.isEmpty()) {
      return Check.holds(
          p
              + " primary with "
              + cluster.secondaries().size()
              + " connected secondaries, all on NSO "
              + version);
    }
    return Check.fails(String.join("; ", problems));
  }
}
