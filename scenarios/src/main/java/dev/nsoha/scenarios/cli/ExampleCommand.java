package dev.nsoha.scenarios.cli;

import dev.nsoha.core.host.LocalInstallHost;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.Install;
import dev.nsoha.scenarios.Bundle;
import dev.nsoha.scenarios.ClusterRuntime;
import dev.nsoha.scenarios.ExitCodes;
import dev.nsoha.scenarios.flow.ExampleFlow;
import dev.nsoha.scenarios.flow.SystemInstall;
import dev.nsoha.scenarios.tls.RunCa;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** NSO's upgrade example, whole: set up three nodes, seed config, upgrade, show the result. */
@Command(
    name = "example",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run NSO's upgrade-cluster example from scratch on this machine: reset, set up and start",
      "nodes 1-3 from the old install, enable HA, add dummy config on node 1, run the upgrade, verify and",
      "show every node. Uses the bundled NSO simulator unless -o/-n name real NSO local installs.",
      "The cluster keeps running afterwards ('make stop' stops it)."
    })
public final class ExampleCommand extends UpgradeCommandBase {
  @Parameters(
      index = "0",
      paramLabel = "SCENARIO",
      completionCandidates = Scenario.Names.class,
      description = "upgrade-nso or upgrade-pkgs-sys.")
  String scenario;

  @picocli.CommandLine.Option(
      names = "--setup-only",
      description =
          "Stop after steps 1 and 2: leave the example cluster running on the old install, to upgrade it"
              + " later with upgrade-nso or upgrade-pkgs-sys.")
  boolean setupOnly;

  @Override
  public Integer call() {
    PrintWriter out = out();
    PrintWriter err = err();
    Scenario s = Scenario.parse(scenario);
    boolean sys = s == Scenario.UPGRADE_PKGS_SYS;
    Bundle bundle = Bundle.require();
    Install old = nodes.currentInstall();
    ClusterSpec cs = cluster.spec();
    // The example keeps the host keys of the nodes it creates next to them.
    connection.defaultKnownHosts(nodes.runRoot.toAbsolutePath().normalize().resolve("known_hosts"));

    Map<NodeId, LocalInstallHost> hosts =
        nodes.hosts(cluster, old, sys ? SystemInstall::environment : dir -> Map.of(), false);
    ExampleFlow flow =
        new ExampleFlow(
            cs,
            nodes.runRoot,
            old,
            bundle,
            sys,
            hosts,
            out,
            nodes.toolTimeout(),
            connection.cliPort,
            connection.restconfPort);

    if (connection.https) {
      // A CA made for this run: each node gets a certificate for its address, and the transport
      // trusts this CA only.
      flow.useTls(
          RunCa.create("nso-ha-upgrade example CA", Duration.ofDays(30)),
          connection.restconfTlsPort);
      connection.defaultTrustStore(flow.caCertificate());
    }
    // After the run's CA, if any: the RESTCONF transport is bound with the trust it names.
    var factory = connection.factory(true);
    out.printf("NSO %s example over %s: %s%n", s, factory.transport(), cs.describe());
    flow.resetAndStart();
    try (ClusterRuntime rt = new ClusterRuntime(cs, factory, connection::endpoint, hosts)) {
      flow.enableHa(rt, run.settings().haTimeout());
      flow.addDummyConfig(rt, run.settings().haTimeout());
      if (setupOnly) {
        out.printf(
            "%n##### Set up; upgrade it with: nso-ha-upgrade %s --transport %s %s%n",
            s,
            factory.transport(),
            "-a " + cs.nodes().get(0).address() + " ... --run-root " + nodes.runRoot);
        out.flush();
        return ExitCodes.OK;
      }
      out.printf(
          "%n##### Steps 3-15: %s%n",
          s == Scenario.UPGRADE_NSO ? "upgrade NSO" : "upgrade the packages");
      int code;
      if (s == Scenario.UPGRADE_NSO) {
        code = Upgrades.nso(rt, old, targets.newInstall(nodes.toolTimeout()), run, out, err);
      } else {
        Path store = nodes.runRoot.toAbsolutePath().normalize().resolve("package-store");
        targets.packages =
            targets.packages.isEmpty()
                ? java.util.List.of(
                    store.resolve("dummy-1.1.tar.gz"), store.resolve("inert-1.0.tar.gz"))
                : targets.packages;
        code = Upgrades.packages(rt, targets.packageFiles(), run, out, err);
        if (code == ExitCodes.OK) {
          flow.addNewConfig(rt, run.settings().haTimeout());
        }
      }
      flow.show(rt, sys);
      out.println(code == ExitCodes.OK ? "\n##### Done!" : "\n##### Stopped: see the error above");
      out.flush();
      return code;
    }
  }
}
