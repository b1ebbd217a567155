package dev.nsoha.core.plans;

import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.error.OperationFailedException;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.model.RaftStatus;
import dev.nsoha.core.plan.Check;
import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plan.Step;
import dev.nsoha.core.plan.StepContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The package upgrade of an HA Raft cluster, as NSO's admin guide describes it (every member up; on
 * the leader a backup, the packages added or replaced, {@code packages ha sync and-reload}; writes
 * refused meanwhile) with ha-hcc's additions (a backup of every member, {@code software packages
 * fetch} and {@code install} on the leader): a check that the chosen member leads every other
 * member in sync; a backup of every member; on the leader, the list, fetch and install of each new
 * package file, the list again; {@code packages ha sync and-reload { wait-commit-queue-empty }},
 * which gives every follower the leader's packages and reloads every member; then a wait until
 * every member, read one by one, runs the new versions; and a final check that the cluster is whole
 * again (the same leader, every member a follower of it, every replication in sync) with the new
 * packages on every member.
 */
public final class RaftPackageUpgrade {
  private RaftPackageUpgrade() {}

  /**
   * Builds the plan for the HA Raft {@code cluster} (its nominal primary is the leader) and the
   * package archives {@code files} on the leader's host.
   *
   * @throws IllegalArgumentException for a rule-based cluster or no files
   */
  public static Plan plan(ClusterSpec cluster, List<PackageFile> files) {
    if (cluster.raft().isEmpty()) {
      throw new IllegalArgumentException("not an HA Raft cluster: " + cluster.describe());
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("a package upgrade needs at least one package file");
    }
    NodeId l = cluster.primary().id();
    List<NodeId> every = cluster.ids();
    List<NodeId> followers = every.stream().filter(n -> !n.equals(l)).toList();
    String leader = l + " (" + cluster.memberName(l) + ")";
    List<Step> steps = new ArrayList<>();

    steps.add(
        Step.always(
            "Check that node " + leader + " leads every other member in sync",
            every,
            ctx -> {
              Check c = whole(ctx, cluster);
              if (!c.holds()) {
                throw new OperationFailedException(
                    l.value(), "HA Raft check before the package upgrade", c.observed());
              }
              ctx.note(c.observed());
            }));
    steps.add(
        CommonSteps.backup(
            "Backup member " + CommonSteps.join(every) + " before upgrading", every));
    steps.addAll(PackageUpgrade.fetchAndInstall(l, files));
    steps.add(
        PackageUpgrade.syncAndReload(
            l,
            every,
            "Upgrade leader "
                + leader
                + " system install packages and sync the packages to follower "
                + CommonSteps.join(followers),
            files));
    steps.add(
        Step.always(
            "Check that every member runs "
                + files
                + " with oper-status up and "
                + leader
                + " leads every other member in sync",
            every,
            ctx -> {
              Check c = finalCheck(ctx, cluster, files);
              if (!c.holds()) {
                throw new OperationFailedException(
                    CommonSteps.join(every), "final check", c.observed());
              }
              ctx.note(c.observed());
            }));
    return new Plan(
        PackageUpgrade.NAME,
        "HA Raft package upgrade to " + files + " (" + cluster.describe() + ")",
        steps);
  }

  /**
   * Whether the nominal leader leads: its role {@code leader}, every other member in its {@code
   * member} list, connected and {@code in-sync}, and every other member a follower of it; read from
   * every member.
   */
  static Check whole(StepContext ctx, ClusterSpec cluster) {
    NodeId l = cluster.primary().id();
    String name = cluster.memberName(l);
    List<String> problems = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (NodeId n : cluster.ids()) {
      Optional<RaftStatus> st;
      try {
        st = ctx.client(n).raftStatus();
      } catch (NsoException e) {
        problems.add(n + " not readable: " + e.getMessage());
        continue;
      }
      if (st.isEmpty()) {
        problems.add(n + " does not run HA Raft");
        continue;
      }
      RaftStatus s = st.get();
      seen.add(n + " " + s.role().nsoName());
      if (n.equals(l)) {
        problems.addAll(leaderProblems(cluster, s));
      } else if (s.role() != RaftStatus.Role.FOLLOWER || !s.leader().equals(Optional.of(name))) {
        problems.add(
            n
                + " is not a follower of "
                + name
                + " (role "
                + s.role().nsoName()
                + s.leader().map(x -> ", leader " + x).orElse("")
                + ")");
      }
    }
    return problems.isEmpty()
        ? Check.holds(String.join(", ", seen) + "; every replication in-sync")
        : Check.fails(String.join("; ", problems));
  }

  /** What is wrong with the leader's view of the cluster; empty when it leads all in sync. */
  static List<String> leaderProblems(ClusterSpec cluster, RaftStatus s) {
    NodeId l = cluster.primary().id();
    List<String> problems = new ArrayList<>();
    if (s.role() != RaftStatus.Role.LEADER) {
      problems.add(l + " is not the leader (role " + s.role().nsoName() + ")");
      return problems;
    }
    List<String> want = cluster.ids().stream().map(cluster::memberName).toList();
    if (!new HashSet<>(s.members()).equals(new HashSet<>(want))) {
      problems.add(l + " has members " + s.members() + ", not " + want);
    }
    for (NodeId n : cluster.ids()) {
      if (n.equals(l)) {
        continue;
      }
      String m = cluster.memberName(n);
      Optional<RaftStatus.Replication> r =
          s.replications().stream().filter(x -> x.node().equals(m)).findFirst();
      if (!s.connectedNodes().contains(m)) {
        problems.add(m + " is not connected to " + l);
      }
      if (r.isEmpty() || !r.get().inSync()) {
        problems.add(
            m
                + " is not in-sync on "
                + l
                + r.map(x -> " (" + x.state() + ", lag " + x.lag() + ")")
                    .orElse(" (no replication)"));
      }
    }
    return problems;
  }

  private static Check finalCheck(StepContext ctx, ClusterSpec cluster, List<PackageFile> files) {
    Check raft = whole(ctx, cluster);
    List<String> problems = new ArrayList<>();
    List<String> runs = new ArrayList<>();
    for (NodeId n : cluster.ids()) {
      try {
        List<PackageStatus> pkgs = ctx.client(n).packages();
        runs.add(n + " " + CommonSteps.describePackages(pkgs));
        if (!PackageUpgrade.runsAll(pkgs, files)) {
          problems.add(n + " does not run " + files + ": " + CommonSteps.describePackages(pkgs));
        }
      } catch (NsoException e) {
        problems.add(n + " packages not readable: " + e.getMessage());
      }
    }
    if (!raft.holds()) {
      problems.add(raft.observed());
    }
    return problems.isEmpty()
        ? Check.holds(String.join("; ", runs) + "; " + raft.observed())
        : Check.fails(String.join("; ", problems));
  }
}
