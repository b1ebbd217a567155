package dev.nsoha.scenarios.cli;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plans.FastNsoVersionUpgrade;
import dev.nsoha.core.plans.FastNsoVersionUpgrade.WritePolicy;
import dev.nsoha.core.plans.NsoVersionUpgrade;
import dev.nsoha.core.plans.RaftVersionUpgrade;
import dev.nsoha.core.spi.Install;
import dev.nsoha.scenarios.input.UsageException;
import picocli.CommandLine.Option;

/** How the NSO version upgrade is ordered: the seed's order, or the fast strategy and its knobs. */
public final class StrategyOptions {
  @Option(
      names = "--strategy",
      paramLabel = "seed|fast",
      description =
          "Order of the NSO version upgrade (default: ${DEFAULT-VALUE}). With seed, NSO's example"
              + " order, node by node; with fast, packages built before the window and the plain"
              + " secondaries upgraded with the primary, in batches, under the same safety rules.")
  String strategy = "seed";

  @Option(
      names = "--max-parallel",
      paramLabel = "K",
      description =
          "With --strategy fast, how many plain secondaries are upgraded at the same time"
              + " (default: all).")
  int maxParallel;

  @Option(
      names = "--read-write-after",
      paramLabel = "WHEN",
      description =
          "With --strategy fast, when the upgraded primary accepts writes again: first-secondary,"
              + " once one upgraded secondary is connected and in sync, or all-secondaries, once all"
              + " are (default: ${DEFAULT-VALUE}).")
  String readWriteAfter = "all-secondaries";

  /** Whether the fast strategy was asked for; an unknown name is a usage error. */
  public boolean fast() {
    return switch (strategy) {
      case "seed" -> false;
      case "fast" -> true;
      default ->
          throw new UsageException("unknown strategy '" + strategy + "' (valid: seed, fast)");
    };
  }

  /** The NSO version upgrade plan for this strategy. */
  public Plan nsoPlan(ClusterSpec cluster, Install target) {
    if (cluster.raft().isPresent()) {
      if (fast() || maxParallel != 0) {
        throw new UsageException(
            "--strategy fast and --max-parallel are for rule-based clusters; the HA Raft upgrade"
                + " always restarts every member in parallel");
      }
      return RaftVersionUpgrade.plan(cluster, target);
    }
    WritePolicy policy = WritePolicy.parse(readWriteAfter);
    if (maxParallel < 0) {
      throw new UsageException("--max-parallel " + maxParallel + ": give 1 or more");
    }
    if (!fast()) {
      if (maxParallel != 0 || policy != WritePolicy.ALL_SECONDARIES) {
        throw new UsageException(
            "--max-parallel and --read-write-after first-secondary need --strategy fast");
      }
      return NsoVersionUpgrade.plan(cluster, target);
    }
    return FastNsoVersionUpgrade.plan(cluster, target, maxParallel, policy);
  }

  /** Checks the options for {@code scenario} before anything runs; a bad one is a usage error. */
  public void validate(Scenario scenario) {
    if (scenario == Scenario.UPGRADE_NSO) {
      WritePolicy policy = WritePolicy.parse(readWriteAfter);
      if (maxParallel < 0) {
        throw new UsageException("--max-parallel " + maxParallel + ": give 1 or more");
      }
      if (!fast() && (maxParallel != 0 || policy != WritePolicy.ALL_SECONDARIES)) {
        throw new UsageException(
            "--max-parallel and --read-write-after first-secondary need --strategy fast");
      }
    } else {
      requireSeed(scenario.toString());
    }
  }

  /** Refuses the fast strategy's options where they do not apply (the package upgrade). */
  public void requireSeed(String what) {
    if (fast() || maxParallel != 0 || !readWriteAfter.equals("all-secondaries")) {
      throw new UsageException(
          "--strategy, --max-parallel and --read-write-after apply to upgrade-nso, not " + what);
    }
  }
}
