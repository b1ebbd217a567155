package dev.nsoha.core.plans;

import dev.nsoha.core.error.OperationFailedException;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.ClusterSpec.NodeSpec;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.plan.Check;
import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plan.Step;
import dev.nsoha.core.plan.StepContext;
import dev.nsoha.core.spi.Backup;
import dev.nsoha.core.spi.Install;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

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
    String nso = "NSO " + target.version();
    List<Step> steps = new ArrayList<>();

    steps.add(
        Step.of(
            "Enable read-only mode for node " + p + " and " + f,
            List.of(p, f),
            ctx -> {
              ctx.client(p).setReadOnly(true);
              ctx.client(f).setReadOnly(true);
            },
            ctx ->
                NodeChecks.runs(ctx, p, target.version())
                    ? single(ctx, p, true, "on " + nso)
                    : all(
                        ctx,
                        List.of(p, f),
                        n -> NodeChecks.status(ctx, n).map(HaStatus::readOnly).orElse(false),
                        "read-only")));

    List<NodeId> everyNode = cluster.ids();
    steps.add(
        Step.always(
            "Create a backup of node " + join(everyNode) + " before upgrading",
            everyNode,
            ctx -> {
              for (NodeId n : everyNode) {
                Backup b = ctx.host(n).backup();
                ctx.note("backup of " + n + ": " + b.file() + " (sha256 " + b.sha256() + ")");
              }
            }));

    for (NodeSpec s : plain) {
      NodeId n = s.id();
      steps.add(
          Step.of(
              "Disable high availability for node " + n,
              List.of(n),
              ctx -> ctx.client(n).disableHa(),
              ctx ->
                  single(
                      ctx,
                      n,
                      NodeChecks.runs(ctx, n, target.version())
                          || NodeChecks.runs(ctx, p, target.version())
                          || NodeChecks.status(ctx, n).map(st -> !st.enabled()).orElse(false),
                      "HA disabled or on " + nso)));
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
              boolean done =
                  NodeChecks.runs(ctx, p, target.version())
                      || (NodeChecks.status(ctx, p).map(st -> !st.enabled()).orElse(false)
                          && NodeChecks.status(ctx, f).map(HaStatus::isPrimary).orElse(false));
              return new Check(
                  done, NodeChecks.describe(ctx, p) + "; " + NodeChecks.describe(ctx, f));
            }));

    addRebuildAndUpgrade(steps, p, target);

    steps.add(
        Step.of(
            "Disable high availability for node " + f,
            List.of(f),
            ctx -> ctx.client(f).disableHa(),
            ctx ->
                single(
                    ctx,
                    f,
                    NodeChecks.runs(ctx, f, target.version())
                        || NodeChecks.status(ctx, f).map(st -> !st.enabled()).orElse(false),
                    "HA disabled or on " + nso)));

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
              // back, so that nothing
              // written in the window can be lost if it fails before they have a copy.
              ctx.client(p).setReadOnly(true);
              ctx.note(
                  p
                      + " stays read-only until "
                      + join(cluster.secondaries().stream().map(NodeSpec::id).toList())
                      + " are back");
            },
            ctx ->
                single(
                    ctx,
                    p,
                    NodeChecks.status(ctx, p)
                        .map(st -> st.enabled() && st.isPrimary())
                        .orElse(false),
                    "primary")));

    for (NodeSpec s : cluster.secondaries()) {
      NodeId n = s.id();
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
              ctx ->
                  single(
                      ctx,
                      n,
                      NodeChecks.status(ctx, p).map(st -> st.hasConnectedSecondary(n)).orElse(false)
                          && NodeChecks.status(ctx, n)
                              .map(st -> st.enabled() && st.isSecondary())
                              .orElse(false),
                      "secondary connected to " + p)));
    }

    steps.add(
        Step.of(
            "Disable read-only mode for node " + p,
            List.of(p),
            ctx -> ctx.client(p).setReadOnly(false),
            ctx ->
                single(
                    ctx,
                    p,
                    NodeChecks.status(ctx, p)
                        .map(st -> st.isPrimary() && !st.readOnly())
                        .orElse(false),
                    "primary and read-write")));

    steps.add(
        Step.always(
            "Check that "
                + p
                + " is primary with "
                + join(cluster.secondaries().stream().map(NodeSpec::id).toList())
                + " connected, every node on "
                + nso,
            everyNode,
            ctx -> {
              Check c = finalCheck(ctx, cluster, target);
              if (!c.holds()) {
                throw new OperationFailedException(join(everyNode), "final check", c.observed());
              }
              ctx.note(c.observed());
            }));

    return new Plan(
        NAME,
        "NSO version upgrade to " + target.version() + " (" + cluster.describe() + ")",
        steps);
  }

  private static void addRebuildAndUpgrade(List<Step> steps, NodeId n, Install target) {
    String nso = "NSO " + target.version();
    steps.add(
        Step.unlessAlready(
            "Rebuild node " + n + " package(s) with " + nso,
            List.of(n),
            ctx -> ctx.host(n).rebuildPackages(target),
            ctx -> single(ctx, n, NodeChecks.runs(ctx, n, target.version()), "on " + nso)));
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
                      r.version().sameRelease(target.version())
                          && r.packages().stream().allMatch(PackageStatus::isUp),
                  r -> "NSO " + r.version() + " packages " + describePackages(r.packages()),
                  ctx.settings().startTimeout());
            },
            ctx ->
                single(
                    ctx,
                    n,
                    NodeChecks.runs(ctx, n, target.version()) && packagesUp(ctx, n),
                    "on " + nso)));
  }

  /** What a node runs: its version and its packages. */
  private record Running(dev.nsoha.core.model.NsoVersion version, List<PackageStatus> packages) {}

  private static boolean packagesUp(StepContext ctx, NodeId n) {
    try {
      return ctx.client(n).packages().stream().allMatch(PackageStatus::isUp);
    } catch (dev.nsoha.core.error.NsoException e) {
      return false;
    }
  }

  static String describePackages(List<PackageStatus> pkgs) {
    return pkgs.stream()
        .map(
            x ->
                x.name()
                    + "-"
                    + x.version()
                    + (x.isUp()
                        ? ""
                        : " DOWN ("
                            + x.operStatus()
                            + x.errorInfo().map(i -> ": " + i).orElse("")
                            + ")"))
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /**
   * One primary in its nominal role, every secondary connected to it, every node on the target with
   * packages up.
   */
  static Check finalCheck(StepContext ctx, ClusterSpec cluster, Install target) {
    List<String> problems = new ArrayList<>();
    NodeId p = cluster.primary().id();
    Optional<HaStatus> ps = NodeChecks.status(ctx, p);
    if (ps.isEmpty() || !ps.get().isPrimary()) {
      problems.add(
          p + " is not primary (" + ps.map(HaStatus::summary).orElse("not readable") + ")");
    } else if (ps.get().readOnly()) {
      problems.add(p + " is still read-only");
    }
    for (NodeSpec s : cluster.secondaries()) {
      if (ps.isPresent() && !ps.get().hasConnectedSecondary(s.id())) {
        problems.add(s.id() + " is not connected to " + p);
      }
      Optional<HaStatus> ss = NodeChecks.status(ctx, s.id());
      if (ss.map(st -> st.mode() != HaMode.SECONDARY).orElse(true)) {
        problems.add(
            s.id()
                + " is not secondary ("
                + ss.map(HaStatus::summary).orElse("not readable")
                + ")");
      }
    }
    for (NodeId n : cluster.ids()) {
      if (!NodeChecks.runs(ctx, n, target.version())) {
        problems.add(
            n
                + " is not on NSO "
                + target.version()
                + " ("
                + NodeChecks.version(ctx, n).map(v -> "NSO " + v).orElse("not readable")
                + ")");
      } else if (!packagesUp(ctx, n)) {
        problems.add(n + " has packages that are not up");
      }
    }
    if (problems.isEmpty()) {
      return Check.holds(
          p
              + " primary with "
              + cluster.secondaries().size()
              + " connected secondaries, all on NSO "
              + target.version());
    }
    return Check.fails(String.join("; ", problems));
  }

  static Check all(
      StepContext ctx, List<NodeId> nodes, java.util.function.Predicate<NodeId> p, String what) {
    boolean ok = nodes.stream().allMatch(p);
    return new Check(
        ok,
        (ok ? "" : "not yet " + what + ": ")
            + nodes.stream()
                .map(n -> NodeChecks.describe(ctx, n))
                .collect(Collectors.joining("; ")));
  }

  static Check single(StepContext ctx, NodeId n, boolean ok, String what) {
    return new Check(ok, (ok ? "" : "not yet " + what + ": ") + NodeChecks.describe(ctx, n));
  }

  static String join(List<NodeId> ids) {
    if (ids.size() <= 1) {
      return ids.stream().map(NodeId::value).collect(Collectors.joining());
    }
    return ids.subList(0, ids.size() - 1).stream()
            .map(NodeId::value)
            .collect(Collectors.joining(", "))
        + " and "
        + ids.get(ids.size() - 1);
  }
}
