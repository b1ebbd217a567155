package dev.nsoha.scenarios.cli;

import dev.nsoha.core.plans.NsoVersionUpgrade;
import dev.nsoha.core.plans.PackageUpgrade;
import dev.nsoha.core.spi.Install;
import dev.nsoha.scenarios.ClusterRuntime;
import dev.nsoha.scenarios.Preflight;
import dev.nsoha.scenarios.flow.SystemInstall;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The go/no-go checks of a run, alone: reads every node and host, changes nothing. */
@Command(
    name = "preflight",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Check that an upgrade may start: every node reachable, in its nominal HA role with every"
          + " secondary connected, on one version, with no HA alarm raised; the target newer;"
          + " room for backups; the"
          + " packages built with the target in a scratch directory; package files valid.",
      "It prints a go/no-go table and changes nothing. Every upgrade runs the same checks before"
          + " its first step."
    },
    footer = {
      "",
      "Examples:",
      "  nso-ha-upgrade preflight upgrade-nso --run-root nso-run -n /opt/nso-6.5.1",
      "  nso-ha-upgrade preflight upgrade-pkgs-sys -p dummy-1.1.tar.gz"
    })
public final class PreflightCommand extends UpgradeCommandBase {
  @Parameters(
      index = "0",
      paramLabel = "SCENARIO",
      completionCandidates = Scenario.Names.class,
      description = "The upgrade to check: upgrade-nso or upgrade-pkgs-sys.")
  String scenario;

  @Override
  public Integer call() {
    PrintWriter out = out();
    Scenario s = Scenario.parse(scenario);
    Install current = nodes.currentInstall();
    Function<Path, Map<String, String>> env =
        s == Scenario.UPGRADE_PKGS_SYS ? SystemInstall::environment : dir -> Map.of();
    try (ClusterRuntime rt =
        new ClusterRuntime(
            cluster.spec(),
            connection.factory(false),
            connection::endpoint,
            nodes.hosts(cluster, current, env, true))) {
      Preflight pf;
      if (s == Scenario.UPGRADE_NSO) {
        Install target = targets.newInstall(nodes.toolTimeout());
        pf = Upgrades.preflightNso(rt, target, run.allowDowngrade());
        pf.print(NsoVersionUpgrade.NAME + " to NSO " + target.version(), out);
      } else {
        var files = targets.packageFiles();
        pf = Upgrades.preflightPackages(rt, files);
        pf.print(PackageUpgrade.NAME + " to " + Upgrades.packagesTarget(files), out);
      }
      return pf.exitCode();
    }
  }
}
