package dev.nsoha.scenarios.cli;

import dev.nsoha.core.spi.Install;
import dev.nsoha.scenarios.ClusterRuntime;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;

/** The NSO version upgrade on an existing cluster of local installs. */
@Command(
    name = "upgrade-nso",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Upgrade the NSO version of a running cluster node by node, with failover, then verify it.",
      "The nodes are NSO local installs on this machine (run directories under --run-root)."
    })
public final class UpgradeNsoCommand extends UpgradeCommandBase {
  @Override
  public Integer call() {
    PrintWriter out = out();
    PrintWriter err = err();
    Install current = nodes.currentInstall();
    Install target = targets.newInstall(nodes.toolTimeout());
    try (ClusterRuntime rt =
        new ClusterRuntime(
            cluster.spec(),
            connection.factory(false),
            connection::endpoint,
            nodes.hosts(cluster, current, dir -> Map.of(), true))) {
      int code = Upgrades.nso(rt, current, target, run, out, err);
      StatusCommand.printAll(rt, out);
      return code;
    }
  }
}
