package dev.nsoha.scenarios.cli;

import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plans.PackageUpgrade;
import dev.nsoha.core.plans.RaftPackageUpgrade;
import dev.nsoha.core.plans.Rollback;
import dev.nsoha.scenarios.ExitCodes;
import dev.nsoha.scenarios.Rollbacks;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Prints a plan's steps for the given cluster and changes nothing. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description =
        "Print the numbered steps of an upgrade for the given cluster. It connects to no node and"
            + " changes nothing; it takes the options of the upgrades, the target from -n,"
            + " --installer or --image.",
    footer = {
      "",
      "Examples:",
      "  nso-ha-upgrade plan upgrade-nso",
      "  nso-ha-upgrade plan upgrade-pkgs-sys --cluster-file cluster.properties"
    })
public final class PlanCommand extends UpgradeCommandBase {
  @Parameters(
      index = "0",
      paramLabel = "SCENARIO",
      completionCandidates = Scenario.Names.class,
      description =
          "The upgrade to plan: upgrade-nso or upgrade-pkgs-sys; or rollback, the rollback of the"
              + " run the journal records.")
  String scenario;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Plan plan;
    if (scenario.equals(Rollback.NAME)) {
      placeRunFiles();
      plan = Rollbacks.plan(JournalCommand.load(run, nodes), cluster.spec());
    } else {
      Scenario s = Scenario.parse(scenario);
      plan =
          switch (s) {
            // The target's version is all the plan needs: -n, --installer or --image, as the
            // upgrade takes it.
            case UPGRADE_NSO ->
                Deployment.run(this, d -> strategy.nsoPlan(cluster.spec(), d.nsoTarget()));
            case UPGRADE_PKGS_SYS -> {
              strategy.requireSeed(s.toString());
              yield cluster.spec().raft().isPresent()
                  ? RaftPackageUpgrade.plan(cluster.spec(), targets.packageFiles())
                  : PackageUpgrade.plan(cluster.spec(), targets.packageFiles());
            }
          };
    }
    out.println(plan.name() + ": " + plan.summary());
    out.print(plan.describe());
    out.flush();
    return ExitCodes.OK;
  }
}
