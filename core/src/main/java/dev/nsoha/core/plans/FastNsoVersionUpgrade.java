package dev.nsoha.core.plans;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.ClusterSpec.NodeSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plan.Step;
import dev.nsoha.core.spi.Install;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code fast} strategy of the NSO version upgrade: the same rules as {@link NsoVersionUpgrade}
 * (nodes of different versions never connect; the node that returns as primary is never behind an
 * acknowledged write), with the work NSO allows to overlap done at the same time:
 *
 * <ol>
 *   <li>every node's packages are built for the target ahead, beside the packages it runs, while
 *       the cluster still serves: the build costs no window, and a package that does not build
 *       stops the run before anything changed;
 *   <li>read-only mode, the backup, HA disabled on the plain secondaries and the failover, as in
 *       the seed's order;
 *   <li>the primary is upgraded together with the first batch of plain secondaries: those are out
 *       of HA from the start anyway;
 *   <li>the failover-primary is disabled, the primary enabled (primary again, read-only), the
 *       upgraded plain secondaries enabled: they join it at once;
 *   <li>the failover-primary (with the next batch of plain secondaries) is upgraded and joins;
 *       further batches follow;
 *   <li>the primary becomes writable when the write-window policy allows: once one upgraded
 *       secondary is connected and in sync ({@link WritePolicy#FIRST_SECONDARY}), or once all are
 *       ({@link WritePolicy#ALL_SECONDARIES}, the default);
 *   <li>the same final check as the seed's order.
 * </ol>
 *
 * Why it is safe: the primary and the failover-primary are read-only from the second step on, so
 * the primary's data when it returns is the newest; the promoted failover-primary takes no writes;
 * every other node joins the primary only after it runs the target, as a secondary, taking a full
 * copy. With {@code first-secondary} every write accepted before the others are back has a copy on
 * at least one other node, since replication to connected secondaries is synchronous.
 */
public final class FastNsoVersionUpgrade {
  public static final String NAME = NsoVersionUpgrade.NAME;

  /** When the upgraded primary accepts writes again. */
  public enum WritePolicy {
    /** Once every secondary is back (the admin guide's advice; the default). */
    ALL_SECONDARIES,
    /** Once one upgraded secondary is connected and in sync: a copy of every write exists. */
    FIRST_SECONDARY;

    /** {@code first-secondary} or {@code all-secondaries}, as the command line spells it. */
    public String cliName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The policy named {@code text}, e.g. {@code first-secondary}. */
    public static WritePolicy parse(String text) {
      for (WritePolicy p : values()) {
        if (p.cliName().equals(text)) {
          return p;
        }
      }
      throw new IllegalArgumentException(
          "unknown write-window policy '" + text + "' (valid: first-secondary, all-secondaries)");
    }
  }

  private FastNsoVersionUpgrade() {}

  /**
   * Builds the plan.
   *
   * @param maxParallel how many plain secondaries are upgraded at the same time (0: all)
   */
  public static Plan plan(
      ClusterSpec cluster, Install target, int maxParallel, WritePolicy policy) {
    NodeId p = cluster.primary().id();
    NodeId f = cluster.failoverPrimary().id();
    List<NodeId> plain = cluster.plainSecondaries().stream().map(NodeSpec::id).toList();
    List<List<NodeId>> batches = batches(plain, maxParallel);
    NsoVersion v = target.version();
    List<NodeId> everyNode = cluster.ids();
    List<NodeId> secondaries = CommonSteps.secondaries(cluster);
    List<Step> steps = new ArrayList<>();
    boolean writable = false;

    steps.add(NsoUpgradeSteps.stage(everyNode, target));
    steps.add(NsoUpgradeSteps.readOnly(p, f, v));
    steps.add(
        CommonSteps.backup(
            "Create a backup of node " + CommonSteps.join(everyNode) + " before upgrading",
            everyNode));
    if (!plain.isEmpty()) {
      steps.add(NsoUpgradeSteps.disablePlain(plain, p, v));
    }
    steps.add(NsoUpgradeSteps.failover(p, f, v));

    List<NodeId> first = new ArrayList<>(List.of(p));
    first.addAll(batches.isEmpty() ? List.of() : batches.get(0));
    steps.add(NsoUpgradeSteps.upgrade(first, target, true));
    steps.add(NsoUpgradeSteps.disableFailover(f, v));
    steps.add(NsoUpgradeSteps.enablePrimary(p, secondaries));
    if (!batches.isEmpty()) {
      List<NodeId> b = batches.get(0);
      if (policy == WritePolicy.FIRST_SECONDARY) {
        steps.add(
            NsoUpgradeSteps.enableSecondaries(
                "Enable high availability for node "
                    + CommonSteps.join(b)
                    + " until one is connected to "
                    + p,
                b,
                p,
                1));
        steps.add(NsoUpgradeSteps.readWrite(p));
        writable = true;
      }
      if (!writable || b.size() > 1) {
        steps.add(enable(b, p));
      }
    }

    List<NodeId> second = new ArrayList<>(List.of(f));
    second.addAll(batches.size() > 1 ? batches.get(1) : List.of());
    steps.add(NsoUpgradeSteps.upgrade(second, target, true));
    steps.add(enable(second, p));
    for (int i = 2; i < batches.size(); i++) {
      steps.add(NsoUpgradeSteps.upgrade(batches.get(i), target, true));
      steps.add(enable(batches.get(i), p));
    }
    if (!writable) {
      steps.add(NsoUpgradeSteps.readWrite(p));
    }
    steps.add(NsoVersionUpgrade.finalCheckStep(cluster, v));

    return new Plan(
        NAME,
        "NSO version upgrade to "
            + v
            + ", fast strategy, read-write after "
            + policy.cliName()
            + " ("
            + cluster.describe()
            + ")",
        steps);
  }

  private static Step enable(List<NodeId> nodes, NodeId p) {
    return NsoUpgradeSteps.enableSecondaries(
        "Enable high availability for node "
            + CommonSteps.join(nodes)
            + " that will assume secondary role",
        nodes,
        p,
        0);
  }

  /** {@code nodes} in batches of {@code size} (one batch when 0). */
  static List<List<NodeId>> batches(List<NodeId> nodes, int size) {
    List<List<NodeId>> out = new ArrayList<>();
    int k = size <= 0 ? Math.max(1, nodes.size()) : size;
    for (int i = 0; i < nodes.size(); i += k) {
      out.add(List.copyOf(nodes.subList(i, Math.min(nodes.size(), i + k))));
    }
    return out;
  }
}
