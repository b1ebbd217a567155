package dev.nsoha.scenarios.cli;

import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.plans.PackageFile;
import dev.nsoha.core.spi.NodeHost;
import dev.nsoha.scenarios.ClusterRuntime;
import dev.nsoha.scenarios.console.Output;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;

/** The package upgrade on an existing system-install cluster. */
@Command(
    name = "upgrade-pkgs-sys",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Upgrade packages of a running system-install cluster: fetch and install them on the"
          + " primary, then 'packages ha sync and-reload' to every node, then verify."
    },
    footer = {
      "",
      "Examples:",
      "  nso-ha-upgrade upgrade-pkgs-sys --run-root nso-run -p dummy-1.1.tar.gz",
      "  nso-ha-upgrade upgrade-pkgs-sys -p dummy-1.1.tar.gz -p inert-1.0.tar.gz"
    })
public final class UpgradePkgsSysCommand extends UpgradeCommandBase {
  @Override
  public Integer call() {
    placeRunFiles();
    Output output = output();
    PrintWriter out = output.progress();
    PrintWriter err = err();
    strategy.validate(Scenario.UPGRADE_PKGS_SYS);
    return Deployment.run(this, d -> upgrade(d, output, out, err));
  }

  private int upgrade(Deployment d, Output output, PrintWriter out, PrintWriter err) {
    Map<NodeId, NodeHost> hosts = d.packageHosts();
    try (ClusterRuntime rt = d.runtime(hosts)) {
      d.preflight(hosts, Optional.empty(), true, out);
      UnaryOperator<List<PackageFile>> toPrimary =
          files -> NodeHosts.onPrimaryHost(hosts, cluster.spec(), files, out);
      int code =
          Upgrades.packages(
              rt,
              targets.packageFiles(running(rt)),
              toPrimary,
              run,
              nodes.runRoot,
              output,
              stdout(),
              err);
      StatusCommand.printAll(rt, out);
      return code;
    }
  }

  /**
   * The release the nominal primary runs, for the default packages; empty when it does not answer.
   */
  private static Optional<NsoVersion> running(ClusterRuntime rt) {
    try {
      return Optional.of(rt.client(rt.spec().primary().id()).version());
    } catch (NsoException e) {
      return Optional.empty();
    }
  }
}
