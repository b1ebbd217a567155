package dev.nsoha.scenarios.cli;

import dev.nsoha.scenarios.ClusterRuntime;
import dev.nsoha.scenarios.Transports;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The package upgrade on an existing system-install cluster. */
@Command(name = "upgrade-pkgs-sys", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Upgrade packages of a running system-install cluster: fetch and install them on the primary,",
        "then 'packages ha sync and-reload' to every node, then verify."})
public final class UpgradePkgsSysCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ClusterOptions cluster;

  @Mixin
  ConnectionOptions connection;

  @Mixin
  LocalNodesOptions nodes;

  @Mixin
  Targets targets;

  @Mixin
  RunOptions run;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (ClusterRuntime rt = new ClusterRuntime(cluster.spec(), Transports.create().factory(connection.transport),
        n -> connection.endpoint(n, false),
        nodes.hosts(cluster, nodes.currentInstall(), dev.nsoha.scenarios.flow.SystemInstall::environment, true))) {
      int code = Upgrades.packages(rt, targets.packageFiles(), run, out, err);
      Upgrades.printState(rt, out);
      return code;
    }
  }
}
