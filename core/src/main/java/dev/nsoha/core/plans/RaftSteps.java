package dev.nsoha.core.plans;

import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.model.RaftStatus;
import dev.nsoha.core.plan.Check;
import dev.nsoha.core.plan.ClusterSnapshot;
import dev.nsoha.core.plan.ClusterSnapshot.NodeSnapshot;
import dev.nsoha.core.plan.Parallel;
import dev.nsoha.core.plan.Step;
import dev.nsoha.core.plan.StepContext;
import dev.nsoha.core.spi.Backup;
import dev.nsoha.core.spi.Install;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The steps of NSO's whole-cluster procedure for an HA Raft cluster, shared by the version upgrade
 * ({@link RaftVersionUpgrade}) and its rollback. Where a step acts on several members it acts on
 * them at the same time.
 */
public final class RaftSteps {
  private RaftSteps() {}

  /** The leader as the members see it: the first member that reports itself leader. */
  static Optional<NodeId> currentLeader(StepContext ctx) {
    for (NodeId n : ctx.spec().ids()) {
      try {
        Optional<RaftStatus> s = ctx.client(n).raftStatus();
        if (s.isPresent() && s.get().isLeader()) {
          return Optional.of(n);
        }
      } catch (NsoException e) {
        // a member that does not answer cannot be the leader we need
      }
    }
    return Optional.empty();
  }

  /**
   * Read-only on the leader (NSO's {@code ha-raft read-only mode true}), then a wait until every
   * follower's replication is {@code in-sync}, so that the backups hold every acknowledged write.
   */
  static Step readOnlyAndInSync(ClusterSpec cluster) {
    List<NodeId> all = cluster.ids();
    return Step.always(
        "Enable read-only mode on the HA Raft leader and wait until every member is in sync",
        all,
        ctx -> {
          NodeId leader =
              ctx.waitUntil(
                      "a member is the HA Raft leader",
                      cluster.primary().id(),
                      () -> currentLeader(ctx),
                      Optional::isPresent,
                      l -> l.map(id -> id + " leads").orElse("no member reports itself leader"),
                      ctx.settings().haTimeout())
                  .orElseThrow();
          ctx.client(leader).raftReadOnly(true);
          ctx.note(leader + " (" + cluster.memberName(leader) + ") leads; read-only from now on");
          ctx.waitUntil(
              "every member connected to " + leader + " and in-sync",
              leader,
              () -> ctx.client(leader).raftStatus().orElseThrow(),
              s -> s.allInSync() && s.members().size() == all.size(),
              RaftStatus::summary,
              ctx.settings().haTimeout());
        });
  }

  /** {@code ncs-backup} of every member, at the same time. */
  static Step backups(List<NodeId> nodes) {
    return Step.always(
        "Create a backup of node " + CommonSteps.join(nodes) + " before upgrading",
        nodes,
        ctx -> {
          Map<NodeId, Backup> taken = new ConcurrentHashMap<>();
          Parallel.forEach(nodes, 0, n -> taken.put(n, ctx.host(n).backup()));
          for (NodeId n : nodes) {
            Backup b = taken.get(n);
            ctx.backupTaken(b);
            ctx.note("backup of " + n + ": " + b.file() + " (sha256 " + b.sha256() + ")");
          }
        });
  }

  /** The followers stopped at the same time, then the leader ({@code ncs --stop}). */
  static Step stopAll(ClusterSpec cluster, String title) {
    List<NodeId> all = cluster.ids();
    return Step.always(
            title,
            all,
            ctx -> {
              Optional<NodeId> leader = currentLeader(ctx);
              List<NodeId> followers = new ArrayList<>(all);
              leader.ifPresent(followers::remove);
              Parallel.forEach(followers, 0, n -> ctx.host(n).stop());
              leader.ifPresent(l -> ctx.host(l).stop());
              ctx.note(
                  "stopped "
                      + CommonSteps.join(followers)
                      + leader.map(l -> ", then the leader " + l).orElse(""));
            })
        .stopping(all);
  }

  /** {@code ncs --cdb-compact} and {@code rm -rf state/raft} on every stopped member. */
  static Step resetRaftState(List<NodeId> nodes) {
    return Step.always(
        "Compact the CDB and remove state/raft on node " + CommonSteps.join(nodes),
        nodes,
        ctx -> Parallel.forEach(nodes, 0, n -> ctx.host(n).resetRaftState()));
  }

  /**
   * Every member started on {@code install} with a package reload, at the same time; waits until
   * each runs that release with its packages up and waits, {@code stalled}, for {@code
   * create-cluster}.
   */
  static Step startAll(List<NodeId> nodes, Install install, String title) {
    NsoVersion v = install.version();
    return Step.always(
            title,
            nodes,
            ctx ->
                Parallel.forEach(
                    nodes,
                    0,
                    n -> {
                      ctx.host(n).start(install, true);
                      ctx.waitUntil(
                          n + " runs NSO " + v + " with its packages up",
                          n,
                          () -> ClusterSnapshot.observeNode(n, ctx.client(n), false),
                          s -> s.runs(v) && s.packagesUp(),
                          NodeSnapshot::summary,
                          ctx.settings().startTimeout());
                    }))
        .restarting(nodes);
  }

  /**
   * {@code ha-raft create-cluster} on the member meant to lead, with the others, once each member
   * sees every other one; then waits until every member is connected and in sync, clears read-only
   * on the new leader (NSO leaves open whether {@code create-cluster} does) and waits until it
   * takes writes. Skipped when that member already leads every member on {@code v}.
   */
  static Step createCluster(ClusterSpec cluster, NsoVersion v) {
    NodeId leader = cluster.primary().id();
    List<NodeId> others = cluster.ids().stream().filter(n -> !n.equals(leader)).toList();
    List<String> otherNames = others.stream().map(cluster::memberName).toList();
    return Step.of(
        "Create the HA Raft cluster on node "
            + leader
            + " with "
            + CommonSteps.join(others)
            + " and wait until every member is in sync",
        cluster.ids(),
        ctx -> {
          for (NodeId n : cluster.ids()) {
            List<String> want =
                cluster.ids().stream().filter(o -> !o.equals(n)).map(cluster::memberName).toList();
            ctx.waitUntil(
                "HA Raft role stalled with " + want + " connected",
                n,
                () -> ctx.client(n).raftStatus().orElseThrow(),
                s ->
                    (s.role() == RaftStatus.Role.STALLED && s.connectedNodes().containsAll(want))
                        || s.isLeader(),
                RaftStatus::summary,
                ctx.settings().haTimeout());
          }
          RaftStatus l = ctx.client(leader).raftStatus().orElseThrow();
          if (!l.isLeader()) {
            ctx.client(leader).raftCreateCluster(otherNames);
          }
          ctx.waitUntil(
              leader + " leads with every member in sync",
              leader,
              () -> ctx.client(leader).raftStatus().orElseThrow(),
              s -> s.allInSync() && s.members().size() == cluster.ids().size(),
              RaftStatus::summary,
              ctx.settings().haTimeout());
          ctx.client(leader).raftReadOnly(false);
        },
        ctx -> formed(ctx.observe(), cluster, v));
  }

  /**
   * Whether {@code s} shows the cluster formed on {@code v}: every member on it with packages up,
   * the member meant to lead is leader with every other member connected and in sync, and every
   * other member follows it.
   */
  static Check formed(ClusterSnapshot s, ClusterSpec cluster, NsoVersion v) {
    List<String> problems = new ArrayList<>();
    NodeId leader = cluster.primary().id();
    String leaderName = cluster.memberName(leader);
    for (NodeId n : cluster.ids()) {
      NodeSnapshot ns = s.node(n);
      if (!ns.runs(v)) {
        problems.add(
            n
                + " is not on NSO "
                + v
                + " ("
                + ns.version().map(x -> "NSO " + x).orElse(ns.error().orElse("not readable"))
                + ")");
        continue;
      }
      if (!ns.packagesUp()) {
        problems.add(
            n
                + " has packages that are not up "
                + CommonSteps.describePackages(ns.packages().orElse(List.of())));
      }
      Optional<RaftStatus> r = ns.raft();
      if (r.isEmpty()) {
        problems.add(n + " reports no HA Raft status");
      } else if (n.equals(leader)) {
        if (!r.get().isLeader()) {
          problems.add(n + " is not the leader (" + r.get().summary() + ")");
        } else if (!r.get().allInSync() || r.get().members().size() != cluster.ids().size()) {
          problems.add(
              "not every member is connected to " + n + " and in sync (" + r.get().summary() + ")");
        }
      } else if (r.get().role() != RaftStatus.Role.FOLLOWER
          || !r.get().leader().map(x -> RaftStatus.sameMember(x, leaderName)).orElse(false)) {
        problems.add(n + " does not follow " + leader + " (" + r.get().summary() + ")");
      }
    }
    if (problems.isEmpty()) {
      return Check.holds(
          leader
              + " leads, "
              + (cluster.ids().size() - 1)
              + " followers in sync, every member on NSO "
              + v);
    }
    return Check.fails(String.join("; ", problems));
  }

  /** The final check: {@link #formed} on one observation, failing with every problem. */
  static Step finalCheck(ClusterSpec cluster, NsoVersion v) {
    NodeId leader = cluster.primary().id();
    return CommonSteps.finalCheck(
        "Check that "
            + leader
            + " leads with every member connected and in sync, every member on NSO "
            + v,
        cluster.ids(),
        s -> formed(s, cluster, v));
  }

  /** As {@link #formed}, but with whichever member leads. */
  static Check formedAnyLeader(ClusterSnapshot s, ClusterSpec cluster, NsoVersion v) {
    for (NodeId n : cluster.ids()) {
      if (s.node(n).raft().map(RaftStatus::isLeader).orElse(false)) {
        return formed(s, withLeader(cluster, n), v);
      }
    }
    return Check.fails(
        "no member leads: " + String.join("; ", cluster.ids().stream().map(s::describe).toList()));
  }

  /** {@code cluster} with {@code leader} as the member meant to lead. */
  static ClusterSpec withLeader(ClusterSpec cluster, NodeId leader) {
    List<String> addresses = cluster.nodes().stream().map(ClusterSpec.NodeSpec::address).toList();
    List<String> names = cluster.ids().stream().map(cluster::memberName).toList();
    return ClusterSpec.raft(addresses, names, cluster.ids().indexOf(leader));
  }
}
