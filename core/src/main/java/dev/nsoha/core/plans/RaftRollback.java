package dev.nsoha.core.plans;

import dev.nsoha.core.error.OperationFailedException;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.plan.Parallel;
import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plan.Step;
import dev.nsoha.core.spi.Backup;
import dev.nsoha.core.spi.Install;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rollback of an HA Raft version upgrade ({@link RaftVersionUpgrade}).
 *
 * <p>When the upgrade stopped no member (it was interrupted before its stop step), the members
 * still run the old release as one cluster, and nothing but the leader's read-only mode changed:
 * the rollback clears it. Otherwise every member is stopped, its backup restored (taken read-only
 * and in sync, so every backup holds every acknowledged write), its {@code state/raft/} removed so
 * that no member rejoins the old cluster on its own, every member started on the old release at the
 * same time, and {@code create-cluster} run again on the member meant to lead. Each of those steps
 * is skipped once the cluster is formed on the old release, so an interrupted rollback reruns
 * safely.
 */
public final class RaftRollback {
  private RaftRollback() {}

  /**
   * @param old the install the members ran before
   * @param backups each member's first backup; must cover every member when {@code stopped}
   * @param stopped whether the upgrade got as far as stopping members
   */
  public static Plan plan(
      ClusterSpec cluster, Install old, Map<NodeId, Backup> backups, boolean stopped) {
    NsoVersion v = old.version();
    List<NodeId> all = cluster.ids();
    List<Step> steps = new ArrayList<>();
    if (!stopped) {
      steps.add(
          Step.always(
              "Disable read-only mode on the HA Raft leader",
              all,
              ctx -> {
                NodeId leader =
                    RaftSteps.currentLeader(ctx)
                        .orElseThrow(
                            () ->
                                new OperationFailedException(
                                    CommonSteps.join(all),
                                    "find the HA Raft leader",
                                    "no member reports itself leader"));
                ctx.client(leader).raftReadOnly(false);
              }));
      steps.add(
          CommonSteps.finalCheck(
              "Check that the HA Raft cluster is formed on NSO " + v,
              all,
              s -> RaftSteps.formedAnyLeader(s, cluster, v)));
      return new Plan(Rollback.NAME, "HA Raft rollback: read-only mode off", steps);
    }
    for (NodeId n : all) {
      if (!backups.containsKey(n)) {
        throw new IllegalArgumentException("no backup of " + n + " in the run journal");
      }
    }
    Step.Postcondition formed = ctx -> RaftSteps.formed(ctx.observe(), cluster, v);
    steps.add(
        Step.unlessAlready(
                "Stop node " + CommonSteps.join(all),
                all,
                ctx -> Parallel.forEach(all, 0, n -> ctx.host(n).stop()),
                formed)
            .stopping(all));
    steps.add(
        Step.unlessAlready(
                "Restore node "
                    + CommonSteps.join(all)
                    + " from the backups taken before the upgrade",
                all,
                ctx ->
                    Parallel.forEach(
                        all,
                        0,
                        n -> {
                          ctx.host(n).restore(backups.get(n));
                          ctx.host(n).resetRaftState();
                        }),
                formed)
            .stopping(all));
    steps.add(
        Step.unlessAlready(
                "Start node " + CommonSteps.join(all) + " on NSO " + v + " in parallel",
                all,
                ctx -> RaftSteps.startAll(all, old, "start").action().run(ctx),
                formed)
            .restarting(all));
    steps.add(RaftSteps.createCluster(cluster, v));
    steps.add(RaftSteps.finalCheck(cluster, v));
    return new Plan(
        Rollback.NAME, "HA Raft rollback to NSO " + v + " (" + cluster.describe() + ")", steps);
  }
}
