package dev.nsoha.core.plans;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.plan.Parallel;
import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plan.Step;
import dev.nsoha.core.spi.Install;
import java.util.ArrayList;
import java.util.List;

/**
 * The NSO version upgrade of an HA Raft cluster, NSO's whole-cluster procedure (members must always
 * run the same version, so the cluster goes offline together), arranged so that writes are refused
 * for as short a time as the procedure allows:
 *
 * <ol>
 *   <li>before anything changes, while the cluster serves: every member's packages built for the
 *       target beside the ones it runs (a package that does not build stops the run here);
 *   <li>read-only on the leader, and a wait until every replication is {@code in-sync} (the write
 *       window opens);
 *   <li>{@code ncs-backup} of every member, at the same time;
 *   <li>the followers stopped, then the leader;
 *   <li>the CDB compacted and {@code state/raft/} removed on every member, at the same time;
 *   <li>the upgraded packages put in place on every member;
 *   <li>every member started on the target at the same time;
 *   <li>{@code create-cluster} on the member meant to lead, a wait until every member is connected
 *       and in sync, read-only cleared (the write window closes);
 *   <li>the final check: every member on the target with packages up, one leader, every member
 *       connected and in sync.
 * </ol>
 */
public final class RaftVersionUpgrade {
  /** The plan's name in journals and reports. */
  public static final String NAME = "upgrade-nso-raft";

  private RaftVersionUpgrade() {}

  /** The title of the step that opens the write window. */
  public static final String READ_ONLY_STEP =
      "Enable read-only mode on the HA Raft leader and wait until every member is in sync";

  /** Builds the plan for the Raft {@code cluster} and the new {@code target} install. */
  public static Plan plan(ClusterSpec cluster, Install target) {
    if (cluster.raft().isEmpty()) {
      throw new IllegalArgumentException("not an HA Raft cluster: " + cluster.describe());
    }
    NsoVersion v = target.version();
    List<NodeId> all = cluster.ids();
    List<Step> steps = new ArrayList<>();
    steps.add(NsoUpgradeSteps.stage(all, target));
    steps.add(RaftSteps.readOnlyAndInSync(cluster));
    steps.add(RaftSteps.backups(all));
    steps.add(RaftSteps.stopAll(cluster, "Stop the followers, then the leader"));
    steps.add(RaftSteps.resetRaftState(all));
    steps.add(
        Step.always(
                "Put the upgraded packages in place on node " + CommonSteps.join(all),
                all,
                ctx ->
                    Parallel.forEach(
                        all,
                        0,
                        n -> {
                          if (!ctx.host(n).useStagedPackages()) {
                            ctx.host(n).rebuildPackages(target);
                          }
                        }))
            .stopping(all));
    steps.add(
        RaftSteps.startAll(
            all, target, "Start node " + CommonSteps.join(all) + " on NSO " + v + " in parallel"));
    steps.add(RaftSteps.createCluster(cluster, v));
    steps.add(RaftSteps.finalCheck(cluster, v));
    return new Plan(
        NAME, "HA Raft NSO version upgrade to " + v + " (" + cluster.describe() + ")", steps);
  }

  /** Whether a step of this plan with {@code title} changes members so that a rollback restores. */
  public static boolean changesNode(String title) {
    return title.startsWith("Stop the followers");
  }
}
