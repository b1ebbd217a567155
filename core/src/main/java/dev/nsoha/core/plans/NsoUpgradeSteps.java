package dev.nsoha.core.plans;

import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.plan.Check;
import dev.nsoha.core.plan.ClusterSnapshot;
import dev.nsoha.core.plan.Parallel;
import dev.nsoha.core.plan.Step;
import dev.nsoha.core.plan.StepContext;
import dev.nsoha.core.spi.Install;
import java.util.List;

/**
 * The steps of an NSO version upgrade that both strategies ({@link NsoVersionUpgrade}, the seed's
 * order, and {@link FastNsoVersionUpgrade}) use. Each step acts on a list of nodes; where it has
 * several, it acts on them at the same time and returns when all are done. Each postcondition also
 * holds once a node runs the target, so a rerun skips what is done.
 */
public final class NsoUpgradeSteps {
  private NsoUpgradeSteps() {}

  /** Read-only mode on the primary and the failover-primary. */
  public static Step readOnly(NodeId p, NodeId f, NsoVersion v) {
    return Step.of(
        "Enable read-only mode for node " + p + " and " + f,
        List.of(p, f),
        ctx -> {
          ctx.client(p).setReadOnly(true);
          ctx.client(f).setReadOnly(true);
        },
        ctx -> {
          ClusterSnapshot s = ctx.observe();
          return s.node(p).runs(v)
              ? CommonSteps.single(s, p, true, "on NSO " + v)
              : CommonSteps.all(
                  s, List.of(p, f), n -> n.ha().map(HaStatus::readOnly).orElse(false), "read-only");
        });
  }

  /** HA disabled on plain secondaries, so that they cannot join the promoted failover-primary. */
  public static Step disablePlain(List<NodeId> nodes, NodeId p, NsoVersion v) {
    return Step.of(
        "Disable high availability for node " + CommonSteps.join(nodes),
        nodes,
        ctx -> Parallel.forEach(nodes, 0, n -> ctx.client(n).disableHa()),
        ctx -> {
          ClusterSnapshot s = ctx.observe();
          return CommonSteps.all(
              s,
              nodes,
              n -> n.runs(v) || s.node(p).runs(v) || n.ha().map(st -> !st.enabled()).orElse(false),
              "HA disabled or on NSO " + v);
        });
  }

  /** HA disabled on the primary and {@code be-primary} on the failover-primary. */
  public static Step failover(NodeId p, NodeId f, NsoVersion v) {
    return Step.of(
        "Disable node "
            + p
            + " high availability for node "
            + f
            + " to assume primary role in read-only mode",
        List.of(p, f),
        ctx -> {
          ctx.client(p).disableHa();
          ctx.client(f).bePrimary();
          CommonSteps.awaitPrimary(ctx, f);
        },
        ctx -> {
          ClusterSnapshot s = ctx.observe();
          boolean done =
              s.node(p).runs(v)
                  || (CommonSteps.ha(s, p, st -> !st.enabled())
                      && CommonSteps.ha(s, f, HaStatus::isPrimary));
          return new Check(done, s.describe(p) + "; " + s.describe(f));
        });
  }

  /** HA disabled on the (acting primary) failover-primary before the upgraded primary returns. */
  public static Step disableFailover(NodeId f, NsoVersion v) {
    return Step.of(
        "Disable high availability for node " + f,
        List.of(f),
        ctx -> ctx.client(f).disableHa(),
        ctx -> {
          ClusterSnapshot s = ctx.observe();
          return CommonSteps.single(
              s,
              f,
              s.node(f).runs(v) || CommonSteps.ha(s, f, st -> !st.enabled()),
              "HA disabled or on NSO " + v);
        });
  }

  /**
   * HA enabled on the upgraded primary, which becomes primary again and stays read-only until its
   * secondaries are back (the admin guide's advice). The read-only flag is set before {@code
   * enable} as well, so that not even the moment between becoming primary and the flag accepts a
   * write that no secondary has.
   */
  public static Step enablePrimary(NodeId p, List<NodeId> secondaries) {
    return Step.of(
        "Enable high availability for node " + p + " that will assume primary role",
        List.of(p),
        ctx -> {
          ctx.client(p).setReadOnly(true);
          ctx.client(p).enableHa();
          CommonSteps.awaitPrimary(ctx, p);
          ctx.client(p).setReadOnly(true);
          ctx.note(p + " stays read-only until " + CommonSteps.join(secondaries) + " are back");
        },
        ctx -> {
          ClusterSnapshot s = ctx.observe();
          return CommonSteps.single(
              s, p, CommonSteps.ha(s, p, st -> st.enabled() && st.isPrimary()), "primary");
        });
  }

  /**
   * HA enabled on upgraded secondaries, at the same time; waits until {@code atLeast} of them (all
   * when it is 0 or more than their number) are connected to the primary {@code p}.
   */
  public static Step enableSecondaries(String title, List<NodeId> nodes, NodeId p, int atLeast) {
    int want = atLeast <= 0 ? nodes.size() : Math.min(atLeast, nodes.size());
    return Step.of(
        title,
        nodes,
        ctx -> {
          Parallel.forEach(
              nodes,
              0,
              n -> {
                if (!ctx.client(n).haStatus().enabled()) {
                  ctx.client(n).enableHa();
                }
              });
          ctx.waitUntil(
              (want == nodes.size() ? "" : want + " of ")
                  + CommonSteps.join(nodes)
                  + " connected to "
                  + p,
              p,
              ctx.client(p)::haStatus,
              st -> nodes.stream().filter(st::hasConnectedSecondary).count() >= want,
              HaStatus::summary,
              ctx.settings().haTimeout());
        },
        ctx -> {
          ClusterSnapshot s = ctx.observe();
          long connected =
              nodes.stream()
                  .filter(
                      n ->
                          CommonSteps.ha(s, p, st -> st.hasConnectedSecondary(n))
                              && CommonSteps.ha(s, n, st -> st.enabled() && st.isSecondary()))
                  .count();
          return CommonSteps.all(
              s,
              nodes,
              n -> connected >= want,
              (want == nodes.size() ? "" : want + " of them ") + "secondary connected to " + p);
        });
  }

  /** Read-write again on the primary, once it has the secondaries the policy asks for. */
  public static Step readWrite(NodeId p) {
    return Step.of(
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
        });
  }

  /** The node's packages rebuilt in place for the target (the seed's order: while it is down). */
  public static Step rebuild(NodeId n, Install target) {
    NsoVersion v = target.version();
    return Step.unlessAlready(
        "Rebuild node " + n + " package(s) with NSO " + v,
        List.of(n),
        ctx -> ctx.host(n).rebuildPackages(target),
        ctx -> {
          ClusterSnapshot s = ctx.observe();
          return CommonSteps.single(s, n, s.node(n).runs(v), "on NSO " + v);
        });
  }

  /**
   * Every node's packages built for the target in a staging directory beside its packages, while
   * the cluster still serves and before anything changes: the build costs no window, and a package
   * that does not build stops the run here. Nodes whose host cannot stage rebuild at their upgrade.
   */
  public static Step stage(List<NodeId> nodes, Install target) {
    NsoVersion v = target.version();
    return Step.unlessAlready(
        "Build the package(s) of node " + CommonSteps.join(nodes) + " for NSO " + v + " ahead",
        nodes,
        ctx ->
            Parallel.forEach(
                nodes,
                0,
                n -> {
                  if (!ctx.host(n).stagePackages(target)) {
                    ctx.note(n + " cannot stage packages; they are rebuilt when it is upgraded");
                  }
                }),
        ctx -> {
          ClusterSnapshot s = ctx.observe();
          return CommonSteps.all(s, nodes, n -> n.runs(v), "on NSO " + v);
        });
  }

  /**
   * Upgrades nodes that are out of HA, at the same time: each is stopped, gets the packages staged
   * for the target (or, where its host cannot stage, rebuilds them now), starts on the target with
   * a package reload, and is waited for until it runs the target with its packages up.
   */
  public static Step upgrade(List<NodeId> nodes, Install target, boolean usePackagesStaged) {
    NsoVersion v = target.version();
    return Step.of(
            "Upgrade node " + CommonSteps.join(nodes) + " to NSO " + v,
            nodes,
            ctx -> Parallel.forEach(nodes, 0, n -> upgradeNode(ctx, n, target, usePackagesStaged)),
            ctx -> {
              ClusterSnapshot s = ctx.observe();
              return CommonSteps.all(s, nodes, n -> n.runs(v) && n.packagesUp(), "on NSO " + v);
            })
        .restarting(nodes);
  }

  /**
   * Stops {@code n}, puts its new packages in place when {@code usePackagesStaged} (rebuilding them
   * if nothing is staged), starts it on {@code target} with a package reload and waits until it
   * runs the target with its packages up.
   */
  static void upgradeNode(StepContext ctx, NodeId n, Install target, boolean usePackagesStaged) {
    NsoVersion v = target.version();
    ctx.host(n).stop();
    if (usePackagesStaged && !ctx.host(n).useStagedPackages()) {
      ctx.host(n).rebuildPackages(target);
    }
    ctx.host(n).start(target, true);
    ctx.waitUntil(
        n + " runs NSO " + v + " with its packages up",
        n,
        () -> new Running(ctx.client(n).version(), ctx.client(n).packages()),
        r -> r.version().sameRelease(v) && r.packages().stream().allMatch(PackageStatus::isUp),
        r -> "NSO " + r.version() + " packages " + CommonSteps.describePackages(r.packages()),
        ctx.settings().startTimeout());
  }

  /** What a node runs: its version and its packages. */
  private record Running(NsoVersion version, List<PackageStatus> packages) {}
}
