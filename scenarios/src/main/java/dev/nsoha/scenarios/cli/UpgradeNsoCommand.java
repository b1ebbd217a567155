package dev.nsoha.scenarios.cli;

import dev.nsoha.core.spi.Install;
import dev.nsoha.scenarios.ClusterRuntime;
import dev.nsoha.scenarios.Transports;
import dev.nsoha.scenarios.console.Output;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;

/** The NSO version upgrade on an existing cluster of local installs. */
@Command(
    name = "upgrade-nso",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Upgrade the NSO version of a running cluster node by node, with failover, then verify it."
          + " The nodes are NSO local installs on this machine (run directories under --run-root)."
    },
    footer = {
      "",
      "Examples:",
      "  nso-ha-upgrade upgrade-nso --run-root nso-run --report report.json",
      "  nso-ha-upgrade upgrade-nso -o /opt/nso-6.4 -n /opt/nso-6.5 --run-root /srv/nso"
    })
public final class UpgradeNsoCommand extends UpgradeCommandBase {
  @Override
  public Integer call() {
    Output output = output();
    PrintWriter out = output.progress();
    PrintWriter err = err();
    Install current = nodes.currentInstall();
    Install target = targets.newInstall(nodes.toolTimeout());
    try (ClusterRuntime rt =
        new ClusterRuntime(
            cluster.spec(),
            Transports.create().factory(connection.transport),
            n -> connection.endpoint(n, false),
            nodes.hosts(cluster, current, dir -> Map.of(), true))) {
      int code = Upgrades.nso(rt, current, target, run, nodes.runRoot, output, stdout(), err);
      StatusCommand.printAll(rt, out);
      return code;
    }
  }
}
