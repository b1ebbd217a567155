package dev.nsoha.core.plans;

import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.PackageReloadResult;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.model.ReloadOptions;
import dev.nsoha.core.model.SoftwarePackage;
import dev.nsoha.core.model.SyncResult;
import dev.nsoha.core.plan.Check;
import dev.nsoha.core.plan.ClusterSnapshot;
import dev.nsoha.core.plan.ClusterSnapshot.NodeSnapshot;
import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plan.Step;
import dev.nsoha.core.plan.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The package upgrade of a rule-based HA cluster on a system install, as NSO's upgrade example does
 * it (steps 3 and 4 of its package list): a backup of every node; on the primary, {@code software
 * packages list}, fetch and install of each new package file (with {@code replace-existing} where
 * another version of the package is installed), the list again; then {@code packages ha sync
 * and-reload { wait-commit-queue-empty }}, which copies the packages to the secondaries and reloads
 * every node; and a final check that every node runs the new versions with oper-status up and the
 * cluster is whole.
 */
public final class PackageUpgrade {
  public static final String NAME = "upgrade-pkgs-sys";

  private PackageUpgrade() {}

  /**
   * Builds the plan for {@code cluster} and the package archives {@code files} on the nodes' host.
   */
  public static Plan plan(ClusterSpec cluster, List<PackageFile> files) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("a package upgrade needs at least one package file");
    }
    NodeId p = cluster.primary().id();
    List<NodeId> everyNode = cluster.ids();
    List<NodeId> secondaries = CommonSteps.secondaries(cluster);
    List<Step> steps = new ArrayList<>();

    steps.add(
        CommonSteps.backup(
            "Backup node " + CommonSteps.join(everyNode) + " before upgrading", everyNode));

    steps.addAll(fetchAndInstall(p, files));
    steps.add(
        syncAndReload(
            p,
            everyNode,
            "Upgrade node "
                + p
                + " system install packages and sync the packages to node "
                + CommonSteps.join(secondaries),
            files));

    steps.add(
        CommonSteps.finalCheck(
            "Check that every node runs "
                + files
                + " with oper-status up and "
                + p
                + " is primary with "
                + CommonSteps.join(secondaries)
                + " connected",
            everyNode,
            s -> finalCheck(s, cluster, files)));

    return new Plan(NAME, "package upgrade to " + files + " (" + cluster.describe() + ")", steps);
  }

  /**
   * On node {@code p}: {@code software packages list}, fetch and install of each file (with {@code
   * replace-existing} where another version of the package is installed), the list again.
   */
  static List<Step> fetchAndInstall(NodeId p, List<PackageFile> files) {
    List<Step> steps = new ArrayList<>();
    steps.add(
        Step.always(
            "List the system install packages of node " + p,
            List.of(p),
            ctx ->
                ctx.note("packages of " + p + ": " + describe(ctx.client(p).softwarePackages()))));

    for (PackageFile f : files) {
      steps.add(
          Step.of(
              "Fetch package " + f.baseName() + " into node " + p + "'s package store",
              List.of(p),
              ctx -> ctx.client(p).fetchPackage(f.file().toString()),
              ctx -> inStore(ctx, p, f, false)));
    }
    for (PackageFile f : files) {
      steps.add(
          Step.of(
              "Install package " + f.baseName() + " on node " + p,
              List.of(p),
              ctx -> {
                boolean replace =
                    ctx.client(p).softwarePackages().stream()
                        .anyMatch(
                            sp ->
                                sp.state() != SoftwarePackage.State.INSTALLABLE
                                    && f.isOtherVersionOf(sp.name()));
                String result = ctx.client(p).installPackage(f.baseName(), replace);
                ctx.note(result.strip() + (replace ? " (replacing the installed version)" : ""));
              },
              ctx -> inStore(ctx, p, f, true)));
    }

    steps.add(
        Step.always(
            "List the system install packages of node " + p + " after the install",
            List.of(p),
            ctx ->
                ctx.note("packages of " + p + ": " + describe(ctx.client(p).softwarePackages()))));

    return steps;
  }

  /**
   * {@code packages ha sync and-reload { wait-commit-queue-empty }} on node {@code p}, then a wait
   * until every node of {@code everyNode} runs {@code files} with oper-status up.
   */
  static Step syncAndReload(
      NodeId p, List<NodeId> everyNode, String title, List<PackageFile> files) {
    return Step.of(
        title,
        everyNode,
        ctx -> {
          SyncResult sync = ctx.client(p).haSyncAndReload(ReloadOptions.waitForCommitQueue());
          List<PackageReloadResult> results = sync.reloadResults();
          CommonSteps.requireSynced(p, sync);
          ctx.note(
              "reload results: "
                  + results.stream()
                      .map(r -> r.packageName() + " " + (r.ok() ? "ok" : "failed"))
                      .collect(Collectors.joining(", ")));
          for (NodeId n : everyNode) {
            ctx.waitUntil(
                n + " runs " + files,
                n,
                () -> ctx.client(n).packages(),
                pkgs -> runsAll(pkgs, files),
                CommonSteps::describePackages,
                ctx.settings().reloadTimeout());
          }
        },
        ctx -> everyNodeRuns(ctx.observe(), everyNode, files));
  }

  private static Check inStore(StepContext ctx, NodeId p, PackageFile f, boolean installed) {
    try {
      List<SoftwarePackage> list = ctx.client(p).softwarePackages();
      boolean ok =
          list.stream()
              .anyMatch(
                  sp ->
                      sp.baseName().equals(f.baseName())
                          && (!installed || sp.state() != SoftwarePackage.State.INSTALLABLE));
      return new Check(ok, describe(list));
    } catch (NsoException e) {
      return Check.fails(e.getMessage());
    }
  }

  static boolean runsAll(List<PackageStatus> pkgs, List<PackageFile> files) {
    return files.stream()
        .allMatch(
            f ->
                pkgs.stream()
                    .anyMatch(
                        ps ->
                            ps.name().equals(f.packageName())
                                && ps.version().equals(f.version())
                                && ps.isUp()));
  }

  static Check everyNodeRuns(ClusterSnapshot s, List<NodeId> nodes, List<PackageFile> files) {
    List<String> seen = new ArrayList<>();
    boolean ok = true;
    for (NodeId n : nodes) {
      NodeSnapshot ns = s.node(n);
      if (ns.packages().isPresent()) {
        ok &= runsAll(ns.packages().get(), files);
        seen.add(n + " " + CommonSteps.describePackages(ns.packages().get()));
      } else {
        ok = false;
        seen.add(n + " not readable: " + ns.error().orElse("no packages read"));
      }
    }
    return new Check(ok, String.join("; ", seen));
  }

  /**
   * Every node runs {@code files} with oper-status up, and the cluster is in its nominal roles with
   * every secondary connected.
   */
  static Check finalCheck(ClusterSnapshot s, ClusterSpec cluster, List<PackageFile> files) {
    Check c = everyNodeRuns(s, cluster.ids(), files);
    List<String> problems = new ArrayList<>();
    if (!c.holds()) {
      problems.add(c.observed());
    }
    problems.addAll(CommonSteps.nominalRoleProblems(s, cluster));
    if (!problems.isEmpty()) {
      return Check.fails(String.join("; ", problems));
    }
    return Check.holds(
        c.observed()
            + "; "
            + cluster.primary().id()
            + " primary with "
            + cluster.secondaries().size()
            + " connected secondaries");
  }

  static String describe(List<SoftwarePackage> list) {
    return list.stream()
        .map(sp -> sp.name() + " " + sp.state().nsoName())
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
