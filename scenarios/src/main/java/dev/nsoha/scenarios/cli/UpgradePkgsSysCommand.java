package dev.nsoha.scenarios.cli;

import dev.nsoha.scenarios.ClusterRuntime;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** The package upgrade on an existing system-install cluster. */
@Command(
    name = "upgrade-pkgs-sys",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Upgrade packages of a running system-install cluster: fetch and install them on the primary,",
      "then 'packages ha sync and-reload' to every node, then verify."
    })
public final class UpgradePkgsSysCommand extends UpgradeCommandBase {
  @Override
  public Integer call() {
    PrintWriter out = out();
    PrintWriter err = err();
    try (ClusterRuntime rt =
        new ClusterRuntime(
            cluster.spec(),
            connection.factory(false),
            connection::endpoint,
            nodes.hosts(
                cluster,
                nodes.currentInstall(),
                dev.nsoha.scenarios.flow.SystemInstall::environment,
                true))) {
      int code = Upgrades.packages(rt, targets.packageFiles(), run, out, err);
      StatusCommand.printAll(rt, out);
      return code;
    }
  }
}
