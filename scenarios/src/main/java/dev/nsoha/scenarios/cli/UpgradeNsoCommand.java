package dev.nsoha.scenarios.cli;

import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.Install;
import dev.nsoha.core.spi.NodeHost;
import dev.nsoha.host.ssh.SshHost;
import dev.nsoha.scenarios.ClusterRuntime;
import dev.nsoha.scenarios.UsageException;
import dev.nsoha.scenarios.console.Output;
import dev.nsoha.scenarios.containers.ContainerOptions;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
          + " upgraded over SSH with --installer. Hosts are checked first (SSH, sudo, disk space,"
          + " installer); nothing changes if one fails."
    },
    footer = {
      "",
      "Examples:",
      "  nso-ha-upgrade upgrade-nso --run-root nso-run --report report.json",
      "  nso-ha-upgrade upgrade-nso --cluster-file hosts.properties --installer nso.bin"
    })
public final class UpgradeNsoCommand extends UpgradeCommandBase {
  @Mixin ContainerOptions containers;

  @Override
  public Integer call() {
    placeRunFiles(ContainerRuns.wanted(this, containers));
    if (ContainerRuns.wanted(this, containers)) {
      return ContainerRuns.upgradeNso(this, containers);
    }
    Output output = output();
    PrintWriter out = output.progress();
    PrintWriter err = err();
    strategy.validate(Scenario.UPGRADE_NSO);
    boolean remote = NodeHosts.anyRemote(cluster);
    Optional<Install> installer = hostOptions.installerTarget();
    if (remote && installer.isEmpty()) {
      throw new UsageException(
          "nodes with host=ssh are upgraded with the new release's installer: give --installer"
              + " nso-<version>.<os>.<arch>.installer.bin. Nothing was changed.");
    }
    Install target = installer.orElseGet(() -> targets.newInstall(nodes.toolTimeout()));
    Map<NodeId, NodeHost> hosts =
        NodeHosts.create(cluster, nodes, hostOptions, nodes::currentInstall, target, true);
    try (ClusterRuntime rt =
        new ClusterRuntime(
            cluster.spec(), connection.factory(false), connection::endpoint, hosts)) {
      NodeHosts.preflight(hosts, Optional.of(target), true, out);
      Install current = remoteCurrent(hosts, target).orElseGet(nodes::currentInstall);
      int code =
          Upgrades.nso(rt, current, target, strategy, run, nodes.runRoot, output, stdout(), err);
      StatusCommand.printAll(rt, out);
      return code;
    }
  }

  /**
   * What nodes on their own hosts run before the upgrade: the release of the first one not on the
   * target yet (after an interrupted run the primary may run the target already), else the first
   * one's; empty when no node is on an SSH host.
   */
  private Optional<Install> remoteCurrent(Map<NodeId, NodeHost> hosts, Install target) {
    Optional<Install> first = Optional.empty();
    for (NodeId id : cluster.spec().ids()) {
      if (hosts.get(id) instanceof SshHost s) {
        Install i =
            new Install(s.hostLayout().installDir().resolve("current"), s.installedVersion());
        if (!i.version().sameRelease(target.version())) {
          return Optional.of(i);
        }
        if (first.isEmpty()) {
          first = Optional.of(i);
        }
      }
    }
    return first;
  }
}
