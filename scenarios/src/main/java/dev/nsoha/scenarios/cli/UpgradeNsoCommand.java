package dev.nsoha.scenarios.cli;

import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.Install;
import dev.nsoha.core.spi.NodeHost;
import dev.nsoha.scenarios.ClusterRuntime;
import dev.nsoha.scenarios.console.Output;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;

/** The NSO version upgrade on an existing cluster. */
@Command(
    name = "upgrade-nso",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Upgrade the NSO version of a running cluster node by node, with failover, then verify it."
          + " The nodes are NSO local installs on this machine (run directories under --run-root),"
          + " or, with node.<id>.host=ssh in a cluster file, NSO installs on their own hosts,"
          + " upgraded over SSH with --installer, or containers (--containers or"
          + " node.<id>.host=container), recreated from --image. Hosts are checked first (SSH, sudo, disk space,"
          + " installer); nothing changes if one fails."
    },
    footer = {
      "",
      "Examples:",
      "  nso-ha-upgrade upgrade-nso --run-root nso-run --report report.json",
      "  nso-ha-upgrade upgrade-nso --installer nso-6.5.1.linux.x86_64.installer.bin"
    })
public final class UpgradeNsoCommand extends UpgradeCommandBase {
  @Override
  public Integer call() {
    strategy.validate(Scenario.UPGRADE_NSO);
    placeRunFiles();
    return Deployment.run(this, this::upgrade);
  }

  private int upgrade(Deployment d) {
    Output output = output();
    PrintWriter out = output.progress();
    Install target = d.nsoTarget();
    Map<NodeId, NodeHost> hosts = d.hosts(target, dir -> Map.of());
    try (ClusterRuntime rt = d.runtime(hosts)) {
      d.preflight(hosts, Optional.of(target), true, out);
      Install current = d.current(hosts, target);
      int code =
          Upgrades.nso(
              rt,
              current,
              target,
              d.targetImage(),
              strategy,
              run,
              nodes.runRoot,
              output,
              stdout(),
              err());
      StatusCommand.printAll(rt, out);
      return code;
    }
  }
}
