package dev.nsoha.scenarios.cli;

import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plans.NsoVersionUpgrade;
import dev.nsoha.core.plans.PackageUpgrade;
import dev.nsoha.core.spi.Install;
import dev.nsoha.core.spi.NodeHost;
import dev.nsoha.scenarios.ClusterRuntime;
import dev.nsoha.scenarios.Preflight;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
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
      "On hosts of their own (SSH) it also proves that every command the plan runs can run there:"
          + " the service manager answers for NSO's service, the node's IPC port answers for that"
          + " node, sudo allows the commands that need it, the installer fits the host.",
      "It prints a go/no-go table and changes nothing. It takes the options of the upgrades"
          + " (cluster file, --installer, --containers, --image, ...), and every upgrade runs the"
          + " same checks before its first step."
    },
    footer = {
      "",
      "Examples:",
      "  nso-ha-upgrade preflight upgrade-nso --run-root nso-run -n /opt/nso-6.5.1",
      "  nso-ha-upgrade preflight upgrade-pkgs-sys -p dummy-1.1.tar.gz",
      "  nso-ha-upgrade preflight upgrade-nso --cluster-file ssh.conf --installer FILE",
      "  nso-ha-upgrade preflight upgrade-nso --containers --image nso-sim:6.5.1"
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
    Scenario s = Scenario.parse(scenario);
    placeRunFiles();
    return Deployment.run(this, d -> check(d, s, out()));
  }

  /**
   * The hosts' checks (every command the plan runs can run there), then the cluster's; a host that
   * fails its checks stops here with its exit code, and nothing was changed.
   */
  private int check(Deployment d, Scenario s, PrintWriter out) {
    Optional<Install> target =
        s == Scenario.UPGRADE_NSO ? Optional.of(d.nsoTarget()) : Optional.empty();
    Map<NodeId, NodeHost> hosts =
        target.isPresent() ? d.hosts(target.get(), dir -> Map.of()) : d.packageHosts();
    try (ClusterRuntime rt = d.runtime(hosts)) {
      d.preflight(hosts, target, true, out);
      Preflight pf;
      if (target.isPresent()) {
        pf = Upgrades.preflightNso(rt, target.get(), run.allowDowngrade());
        pf.print(NsoVersionUpgrade.NAME + " to NSO " + target.get().version(), out);
      } else {
        var files = targets.packageFiles();
        pf = Upgrades.preflightPackages(rt, files);
        pf.print(PackageUpgrade.NAME + " to " + Upgrades.packagesTarget(files), out);
      }
      return pf.exitCode();
    }
  }
}
