package dev.nsoha.core.plans;

import dev.nsoha.core.error.OperationFailedException;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.model.ReloadOptions;
import dev.nsoha.core.model.SoftwarePackage;
import dev.nsoha.core.plan.Check;
import dev.nsoha.core.plan.ClusterSnapshot;
import dev.nsoha.core.plan.ClusterSnapshot.NodeSnapshot;
import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plan.Step;
import dev.nsoha.core.plan.StepContext;
import dev.nsoha.core.spi.Backup;
import dev.nsoha.core.spi.Install;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The way back from a partly or fully run upgrade, as a plan of its own: steps with postconditions,
 * so that an interrupted rollback resumes like an upgrade does.
 *
 * <p><b>NSO version upgrade.</b> Nodes of different versions must never be connected, and the node
 * that returns as primary must hold the newest acknowledged data. The upgrade makes the primary and
 * the failover-primary read-only before it takes the backups and keeps whichever node is primary
 * read-only until its last step, so no write can be acknowledged between the backups and that step:
 * every backup holds the newest acknowledged data, and the nominal primary returns as primary.
 * (Writes acknowledged after the upgrade finished would be lost by restoring; the program refuses a
 * rollback when the configuration differs from the original fingerprint unless told to discard it.)
 * The plan: HA disabled on every secondary not attached to the nominal primary; every node the
 * upgrade rebuilt or upgraded stopped, its backup restored (its CDB may have been converted to the
 * new schema, so starting the old version on it is not enough) and started on the old install; HA
 * enabled on the primary, then on each secondary; read-only mode off; the final check.
 *
 * <p><b>Package upgrade.</b> On the primary, each upgraded package's previous version is installed
 * again from its package store ({@code replace-existing}) and each package the upgrade added is
 * deinstalled; {@code packages ha sync and-reload} then brings every node back to the previous
 * packages.
 */
public final class Rollback {
  public static final String NAME = "rollback";

  private Rollback() {}

  /**
   * The rollback of an NSO version upgrade.
   *
   * @param old the install the nodes ran before
   * @param touched the nodes whose data, packages or install the upgrade changed, each with its
   *     first backup
   * @param doneBefore titles of steps an earlier rollback attempt finished: a restore among them is
   *     not repeated while its node runs the old version
   */
  public static Plan nso(
      ClusterSpec cluster, Install old, Map<NodeId, Backup> touched, Set<String> doneBefore) {
    NodeId p = cluster.primary().id();
    NodeId f = cluster.failoverPrimary().id();
    NsoVersion v = old.version();
    String nso = "NSO " + v;
    List<NodeId> secondaries = CommonSteps.secondaries(cluster);
    List<NodeId> everyNode = cluster.ids();
    List<Step> steps = new ArrayList<>();

    for (NodeId n : secondaries) {
      steps.add(
          Step.of(
              "Disable high availability for node " + n,
              List.of(n),
              ctx -> ctx.client(n).disableHa(),
              ctx -> {
                ClusterSnapshot s = ctx.observe();
                boolean ok =
                    !s.node(n).reachable()
                        || CommonSteps.ha(s, n, st -> !st.enabled())
                        || attached(s, p, n, v);
                return CommonSteps.single(s, n, ok, "HA disabled, down, or attached to " + p);
              }));
    }

    List<NodeId> restore = everyNode.stream().filter(touched::containsKey).toList();
    List<String> restoreTitles = new ArrayList<>();
    for (NodeId n : restore) {
      restoreTitles.add(restoreTitle(n, touched.get(n), nso));
    }
    if (!restore.isEmpty()) {
      steps.add(
          Step.unlessAlready(
                  "Stop node " + CommonSteps.join(restore),
                  restore,
                  ctx -> {
                    for (NodeId n : restore) {
                      ctx.host(n).stop();
                    }
                  },
                  ctx -> {
                    ClusterSnapshot s = ctx.observe();
                    boolean done =
                        doneBefore.containsAll(restoreTitles)
                            && restore.stream().allMatch(n -> s.node(n).runs(v));
                    return new Check(
                        done,
                        (done ? "restored by an earlier rollback: " : "")
                            + restore.stream().map(s::describe).collect(Collectors.joining("; ")));
                  })
              .stopping(restore));
      for (int i = 0; i < restore.size(); i++) {
        NodeId n = restore.get(i);
        Backup b = touched.get(n);
        String title = restoreTitles.get(i);
        steps.add(
            Step.unlessAlready(
                    title,
                    List.of(n),
                    ctx -> {
                      ctx.host(n).stop();
                      ctx.host(n).restore(b);
                      ctx.note(
                          "restored " + n + " from " + b.file() + " (sha256 " + b.sha256() + ")");
                      ctx.host(n).start(old, true);
                      ctx.waitUntil(
                          n + " runs " + nso + " with its packages up",
                          n,
                          () -> ClusterSnapshot.observeNode(n, ctx.client(n), false),
                          ns -> ns.runs(v) && ns.packagesUp(),
                          NodeSnapshot::summary,
                          ctx.settings().startTimeout());
                    },
                    ctx -> {
                      ClusterSnapshot s = ctx.observe();
                      return CommonSteps.single(
                          s,
                          n,
                          doneBefore.contains(title) && s.node(n).runs(v) && s.node(n).packagesUp(),
                          "restored by an earlier rollback");
                    })
                .restarting(List.of(n)));
      }
    }

    steps.add(
        Step.of(
            "Enable high availability for node " + p + " that will assume primary role",
            List.of(p),
            ctx -> {
              ctx.client(p).enableHa();
              CommonSteps.awaitPrimary(ctx, p);
            },
            ctx -> {
              ClusterSnapshot s = ctx.observe();
              return CommonSteps.single(
                  s, p, CommonSteps.ha(s, p, st -> st.enabled() && st.isPrimary()), "primary");
            }));

    for (NodeId n : secondaries) {
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
                    s, n, attached(s, p, n, v), "secondary connected to " + p);
              }));
    }

    steps.add(
        Step.of(
            "Disable read-only mode for node " + p + " and " + f,
            List.of(p, f),
            ctx -> {
              // The upgrade set it on both; a secondary is read-only anyway, the flag matters
              // once it becomes primary.
              ctx.client(f).setReadOnly(false);
              ctx.client(p).setReadOnly(false);
            },
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
                + " connected, every node back on "
                + nso,
            everyNode,
            s -> NsoVersionUpgrade.finalCheck(s, cluster, v)));

    return new Plan(
        NAME,
        "rollback of the NSO version upgrade to " + nso + " (" + cluster.describe() + ")",
        steps);
  }

  private static String restoreTitle(NodeId n, Backup b, String nso) {
    return "Restore node "
        + n
        + " from its backup "
        + b.file().getFileName()
        + " and start it on "
        + nso;
  }

  /** {@code n} is an enabled secondary of {@code p}, which is primary, both on {@code v}. */
  private static boolean attached(ClusterSnapshot s, NodeId p, NodeId n, NsoVersion v) {
    return CommonSteps.ha(s, p, st -> st.isPrimary() && st.hasConnectedSecondary(n))
        && CommonSteps.ha(s, n, st -> st.enabled() && st.isSecondary())
        && s.node(p).runs(v)
        && s.node(n).runs(v);
  }

  /**
   * The rollback of a package upgrade.
   *
   * @param before every package {@code name-version} the primary ran before the upgrade
   * @param files the package files the upgrade installed
   */
  public static Plan packages(ClusterSpec cluster, List<String> before, List<PackageFile> files) {
    NodeId p = cluster.primary().id();
    List<NodeId> everyNode = cluster.ids();
    List<NodeId> secondaries = CommonSteps.secondaries(cluster);
    Set<String> wanted = new TreeSet<>(before);
    List<Step> steps = new ArrayList<>();
    for (PackageFile f : files) {
      String previous =
          before.stream()
              .filter(b -> f.isOtherVersionOf(b) || b.equals(f.baseName()))
              .findFirst()
              .orElse(null);
      if (previous != null && previous.equals(f.baseName())) {
        continue;
      }
      if (previous != null) {
        steps.add(
            Step.of(
                "Install package " + previous + " again on node " + p,
                List.of(p),
                ctx -> {
                  boolean inStore =
                      ctx.client(p).softwarePackages().stream()
                          .anyMatch(sp -> sp.baseName().equals(previous));
                  if (!inStore) {
                    throw new OperationFailedException(
                        p.value(),
                        "install package " + previous,
                        previous
                            + " is no longer in the package store; fetch it first ('software"
                            + " packages fetch package-from-file "
                            + previous
                            + ".tar.gz')");
                  }
                  ctx.note(ctx.client(p).installPackage(previous, true).strip());
                },
                ctx -> installed(ctx, p, previous, true)));
      } else {
        steps.add(
            Step.of(
                "Deinstall package " + f.baseName() + " from node " + p,
                List.of(p),
                ctx -> ctx.client(p).deinstallPackage(f.baseName()),
                ctx -> installed(ctx, p, f.baseName(), false)));
      }
    }
    steps.add(
        Step.of(
            "Sync the packages of node "
                + p
                + " to node "
                + CommonSteps.join(secondaries)
                + " and reload every node",
            everyNode,
            ctx -> {
              CommonSteps.requireSynced(
                  p, ctx.client(p).haSyncAndReload(ReloadOptions.waitForCommitQueue()));
              for (NodeId n : everyNode) {
                ctx.waitUntil(
                    n + " runs " + wanted,
                    n,
                    () -> ctx.client(n).packages(),
                    pkgs -> runsExactly(pkgs, wanted),
                    CommonSteps::describePackages,
                    ctx.settings().reloadTimeout());
              }
            },
            ctx -> {
              ClusterSnapshot s = ctx.observe();
              return CommonSteps.all(
                  s,
                  everyNode,
                  ns -> ns.packages().map(pk -> runsExactly(pk, wanted)).orElse(false),
                  "on " + wanted);
            }));
    steps.add(
        CommonSteps.finalCheck(
            "Check that every node runs "
                + wanted
                + " with oper-status up and "
                + p
                + " is primary with "
                + CommonSteps.join(secondaries)
                + " connected",
            everyNode,
            s -> {
              List<String> problems = new ArrayList<>(CommonSteps.nominalRoleProblems(s, cluster));
              for (NodeId n : everyNode) {
                if (!s.node(n).packages().map(pk -> runsExactly(pk, wanted)).orElse(false)) {
                  problems.add(n + " runs " + s.node(n).packagesSummary() + ", not " + wanted);
                }
              }
              return problems.isEmpty()
                  ? Check.holds("every node runs " + wanted + "; " + p + " primary")
                  : Check.fails(String.join("; ", problems));
            }));
    return new Plan(
        NAME,
        "rollback of the package upgrade to " + files + " (" + cluster.describe() + ")",
        steps);
  }

  /** Whether the node runs exactly the {@code name-version}s in {@code wanted}, all up. */
  public static boolean runsExactly(List<PackageStatus> pkgs, Set<String> wanted) {
    Set<String> have = new TreeSet<>();
    for (PackageStatus ps : pkgs) {
      if (!ps.isUp()) {
        return false;
      }
      have.add(ps.name() + "-" + ps.version());
    }
    return have.equals(wanted);
  }

  private static Check installed(StepContext ctx, NodeId p, String base, boolean want) {
    List<SoftwarePackage> list = ctx.client(p).softwarePackages();
    boolean isInstalled =
        list.stream()
            .anyMatch(
                sp ->
                    sp.baseName().equals(base) && sp.state() != SoftwarePackage.State.INSTALLABLE);
    return new Check(isInstalled == want, PackageUpgrade.describe(list));
  }
}
