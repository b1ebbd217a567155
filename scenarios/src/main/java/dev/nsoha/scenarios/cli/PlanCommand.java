package dev.nsoha.scenarios.cli;

import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plans.NsoVersionUpgrade;
import dev.nsoha.core.plans.PackageUpgrade;
import dev.nsoha.core.plans.Rollback;
import dev.nsoha.scenarios.ExitCodes;
import dev.nsoha.scenarios.Rollbacks;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints a plan's steps for the given cluster and changes nothing. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Print the numbered steps of an upgrade for the given cluster. Connects to nothing, changes nothing.")
public final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "SCENARIO",
      completionCandidates = Scenario.Names.class,
      description =
          "upgrade-nso, upgrade-pkgs-sys, or rollback (the rollback of the run the journal"
              + " records).")
  String scenario;

  @Mixin JournalCommand.Where where = new JournalCommand.Where();

  @Mixin ClusterOptions cluster;

  @Mixin Targets targets;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Plan plan =
        scenario.equals(Rollback.NAME)
            ? Rollbacks.plan(where.load(), cluster.spec())
            : build(Scenario.parse(scenario), cluster, targets);
    out.println(plan.name() + ": " + plan.summary());
    out.print(plan.describe());
    out.flush();
    return ExitCodes.OK;
  }

  static Plan build(Scenario s, ClusterOptions cluster, Targets targets) {
    return switch (s) {
      case UPGRADE_NSO ->
          NsoVersionUpgrade.plan(cluster.spec(), targets.newInstall(Duration.ofSeconds(30)));
      case UPGRADE_PKGS_SYS -> PackageUpgrade.plan(cluster.spec(), targets.packageFiles());
    };
  }
}
