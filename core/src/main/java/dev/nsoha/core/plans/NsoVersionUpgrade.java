package dev.nsoha.core.plans;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.ClusterSpec.NodeSpec;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.model.PackageStatus;
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

    steps.add(
        Step.of(
            "Enable read-only mode for node " + p + " and " + f,
            List.of(p, f),
            ctx -> {
              ctx.client(p).setReadOnly(true);
              ctx.client(f).setReadOnly(true);
            },
            ctx -> {
              ClusterSnapshot s = ctx.observe();
              return s.node(p).runs(v)
                  ? CommonSteps.single(s, p, true, "on " + nso)
                  : CommonSteps.all(
                      s,
                      List.of(p, f),
                      n -> n.ha().map(HaStatus::readOnly).orElse(false),
                      "read-only");
            }));

    List<NodeId> everyNode = cluster.ids();
    steps.add(
        CommonSteps.backup(
            "Create a backup of node " + CommonSteps.join(everyNode) + " before upgrading",
            everyNode));

    for (NodeSpec sec : plain) {
      NodeId n = sec.id();
      steps.add(
          Step.of(
              "Disable high availability for node " + n,
              List.of(n),
              ctx -> ctx.client(n).disableHa(),
              ctx -> {
                ClusterSnapshot s = ctx.observe();
                return CommonSteps.single(
                    s,
                    n,
                    s.node(n).runs(v)
                        || s.node(p).runs(v)
                        || CommonSteps.ha(s, n, st -> !st.enabled()),
                    "HA disabled or on " + nso);
              }));
    }

    steps.add(
        Step.of(
            "Disable node "
                + p
                + " high availability for node "
                + f
                + " to assume primary role in read-only mode",
            List.of(p, f),
            ctx -> {
              ctx.client(p).disableHa();
              ctx.client(f).bePrimary();
              ctx.waitUntil(
                  f + " is primary",
                  f,
                  ctx.client(f)::haStatus,
                  HaStatus::isPrimary,
                  HaStatus::summary,
                  ctx.settings().haTimeout());
            },
            ctx -> {
              ClusterSnapshot s = ctx.observe();
              boolean done =
                  s.node(p).runs(v)
                      || (CommonSteps.ha(s, p, st -> !st.enabled())
                          && CommonSteps.ha(s, f, HaStatus::isPrimary));
              return new Check(done, s.describe(p) + "; " + s.describe(f));
            }));

    addRebuildAndUpgrade(steps, p, target);

    steps.add(
        Step.of(
            "Disable high availability for node " + f,
            List.of(f),
            ctx -> ctx.client(f).disableHa(),
            ctx -> {
              ClusterSnapshot s = ctx.observe();
              return CommonSteps.single(
                  s,
                  f,
                  s.node(f).runs(v) || CommonSteps.ha(s, f, st -> !st.enabled()),
                  "HA disabled or on " + nso);
            }));

    steps.add(
        Step.of(
            "Enable high availability for node " + p + " that will assume primary role",
            List.of(p),
            ctx -> {
              ctx.client(p).enableHa();
              ctx.waitUntil(
                  p + " is primary",
                  p,
                  ctx.client(p)::haStatus,
                  HaStatus::isPrimary,
                  HaStatus::summary,
                  ctx.settings().haTimeout());
              // The admin guide: keep the upgraded primary read-only until its secondaries are
              // back, so that nothing written in the window can be lost if it fails before they
              // have a copy.
              ctx.client(p).setReadOnly(true);
              ctx.note(p + " stays read-only until " + CommonSteps.join(secondaries) + " are back");
            },
            ctx -> {
              ClusterSnapshot s = ctx.observe();
              return CommonSteps.single(
                  s, p, CommonSteps.ha(s, p, st -> st.enabled() && st.isPrimary()), "primary");
            }));

    for (NodeId n : secondaries) {
      addRebuildAndUpgrade(steps, n, target);
      steps.add(
          Step.of(
              "Enable high availability for node " + n + " that will assume secondary role",
              List.of(n),
              ctx -> {
                ctx.client(n).enableHa();
                ctx.waitUntil(
                    n + " is connected to " + p,
                    p,
                    ctx.client(p)::haStatus,
                    st -> st.hasConnectedSecondary(n),
                    HaStatus::summary,
                    ctx.settings().haTimeout());
              },
              ctx -> {
                ClusterSnapshot s = ctx.observe();
                return CommonSteps.single(
                    s,
                    n,
                    CommonSteps.ha(s, p, st -> st.hasConnectedSecondary(n))
                        && CommonSteps.ha(s, n, st -> st.enabled() && st.isSecondary()),
                    "secondary connected to " + p);
              }));
    }

    steps.add(
        Step.of(
            "Disable read-only mode for node " + p,
            List.of(p),
            ctx -> ctx.client(p).setReadOnly(false),
            ctx -> {
              ClusterSnapshot s = ctx.observe();
              return CommonSteps.single(
                  s,
                  p,
                  CommonSteps.ha(s, p, st -> st.isPrimary() && !st.readOnly()),
                  "primary and read-write");
            }));

    steps.add(
        CommonSteps.finalCheck(
            "Check that "
                + p
                + " is primary with "
                + CommonSteps.join(secondaries)
                + " connected, every node on "
                + nso,
            everyNode,
            s -> finalCheck(s, cluster, v)));

    return new Plan(
        NAME,
        "NSO version upgrade to " + target.version() + " (" + cluster.describe() + ")",
        steps);
  }

  private static void addRebuildAndUpgrade(List<Step> steps, NodeId n, Install target) {
    NsoVersion v = target.version();
    String nso = "NSO " + v;
    steps.add(
        Step.unlessAlready(
            "Rebuild node " + n + " package(s) with " + nso,
            List.of(n),
            ctx -> ctx.host(n).rebuildPackages(target),
            ctx -> {
              ClusterSnapshot s = ctx.observe();
              return CommonSteps.single(s, n, s.node(n).runs(v), "on " + nso);
            }));
    steps.add(
        Step.of(
            "Upgrade node " + n + " to " + nso,
            List.of(n),
            ctx -> {
              ctx.host(n).stop();
              ctx.host(n).start(target, true);
              ctx.waitUntil(
                  n + " runs " + nso + " with its packages up",
                  n,
                  () -> new Running(ctx.client(n).version(), ctx.client(n).packages()),
                  r ->
                      r.version().sameRelease(v)
                          && r.packages().stream().allMatch(PackageStatus::isUp),
                  r ->
                      "NSO "
                          + r.version()
                          + " packages "
                          + CommonSteps.describePackages(r.packages()),
                  ctx.settings().startTimeout());
            },
            ctx -> {
              ClusterSnapshot s = ctx.observe();
              return CommonSteps.single(
                  s, n, s.node(n).runs(v) && s.node(n).packagesUp(), "on " + nso);
            }));
  }

  /** What a node runs: its version and its packages. */
  private record Running(NsoVersion version, List<PackageStatus> packages) {}

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
