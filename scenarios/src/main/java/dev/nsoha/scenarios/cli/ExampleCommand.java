package dev.nsoha.scenarios.cli;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.Credentials;
import dev.nsoha.core.spi.Install;
import dev.nsoha.host.install.InstallHost;
import dev.nsoha.host.install.LocalInstallHost;
import dev.nsoha.host.install.ServiceManager;
import dev.nsoha.scenarios.Bundle;
import dev.nsoha.scenarios.ClusterRuntime;
import dev.nsoha.scenarios.ExitCodes;
import dev.nsoha.scenarios.console.Output;
import dev.nsoha.scenarios.flow.ExampleFlow;
import dev.nsoha.scenarios.flow.RaftSetup;
import dev.nsoha.scenarios.flow.SystemInstall;
import dev.nsoha.scenarios.input.UsageException;
import dev.nsoha.scenarios.tls.RunCa;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** NSO's upgrade example, whole: set up three nodes, seed config, upgrade, show the result. */
@Command(
    name = "example",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Run NSO's upgrade-cluster example from scratch on this machine: reset, set up and start"
          + " nodes 1-3 from the old install, enable HA, add dummy config on node 1, run the"
          + " upgrade, verify and show every node. It uses the bundled NSO simulator unless -o and"
          + " -n name real NSO local installs. The cluster keeps running afterwards ('make stop'"
          + " stops it)."
    },
    footer = {
      "",
      "Examples:",
      "  nso-ha-upgrade example upgrade-nso --transport restconf --report report.json",
      "  nso-ha-upgrade example upgrade-pkgs-sys --ipc-port 5561 --run-root /tmp/run"
    })
public final class ExampleCommand extends UpgradeCommandBase {
  @Parameters(
      index = "0",
      paramLabel = "SCENARIO",
      completionCandidates = Scenario.Names.class,
      description = "The upgrade to run: upgrade-nso or upgrade-pkgs-sys.")
  String scenario;

  @Option(
      names = "--setup-only",
      description =
          "Stop after steps 1 and 2: leave the example cluster running on the old install, to"
              + " upgrade it later with upgrade-nso or upgrade-pkgs-sys (default: off).")
  boolean setupOnly;

  @Option(
      names = "--system-install",
      description =
          "Install the nodes as NSO system installs with the bundled installer, each under its own root"
              + " <run-root>/nso-nodeN, and upgrade them with the new release's installer (upgrade-nso only)"
              + " (default: off, local installs).")
  boolean systemInstall;

  @Option(
      names = "--host",
      paramLabel = "local|ssh",
      description =
          "With --system-install: drive the nodes' hosts as local processes, or over SSH to each node's"
              + " address (default: ${DEFAULT-VALUE}).")
  String host = "local";

  @Option(
      names = "--ssh-port",
      paramLabel = "PORT",
      description = "With --host ssh: the hosts' SSH port (default: ${DEFAULT-VALUE}).")
  int sshPort = 22;

  @Option(
      names = "--ssh-user",
      paramLabel = "USER",
      description = "With --host ssh: the login user (default: the current user).")
  String sshUser = System.getProperty("user.name");

  @Option(
      names = "--host-ssh-key",
      paramLabel = "FILE",
      description =
          "With --host ssh: the private key for the hosts (default: ~/.ssh/id_ed25519, id_ecdsa or id_rsa).")
  Path sshKey;

  @Option(
      names = "--service",
      paramLabel = "systemd|sysv|direct",
      description =
          "With --system-install: how the nodes are stopped and started (default: ${DEFAULT-VALUE}).")
  String service = "sysv";

  /** The environment variable holding the example's HA token. */
  public static final String HA_TOKEN_ENV = "NSO_HA_TOKEN";

  @Option(
      names = "--dummies",
      paramLabel = "N",
      description =
          "Load N more dummy entries into node 1 after d1 (bulk-1 ... bulk-N, with the install's"
              + " ncs_load), to run on a loaded cluster (default: ${DEFAULT-VALUE}).")
  int dummies;

  @Option(
      names = "--ha-token-file",
      paramLabel = "FILE",
      description =
          "File whose first line is the HA token the example's nodes share; readable by you only"
              + " (default: the token in $"
              + HA_TOKEN_ENV
              + ", and without that NSO's example's).")
  Path haTokenFile;

  /**
   * Gives the example the HA token from {@code --ha-token-file} or the environment, and the nodes
   * the user and password of {@code --user} and {@code --password-file} or {@code NSO_PASSWORD}
   * when they are not NSO's example's {@code admin}/{@code admin}. Neither is ever an argument.
   */
  private void secrets(ExampleFlow flow) {
    String token = null;
    if (haTokenFile != null) {
      SecretFiles.requirePrivate(haTokenFile, "HA token file");
      token = ConnectionOptions.firstLine(haTokenFile, "HA token file");
    } else if (System.getenv(HA_TOKEN_ENV) != null) {
      token = System.getenv(HA_TOKEN_ENV);
    }
    if (token != null) {
      if (token.isBlank()) {
        throw new UsageException("the HA token is empty");
      }
      flow.useHaToken(token);
    }
    Credentials c = connection.credentials();
    if (!c.username().equals("admin") || !c.password().equals("admin")) {
      try {
        flow.useCredentials(c.username(), c.password());
      } catch (IllegalArgumentException e) {
        throw new UsageException("--user: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public Integer call() {
    Output output = output();
    PrintWriter out = output.progress();
    PrintWriter err = err();
    Scenario s = Scenario.parse(scenario);
    if (ContainerRuns.wanted(this, containers)) {
      if (dummies > 0) {
        throw new UsageException(
            "--dummies loads with the install's ncs_load on this host; with containers, load the"
                + " entries through the container (NsoSimCluster's withDummies in tests)");
      }
      return ContainerRuns.example(this, containers, s);
    }
    if (cluster.raft()) {
      return callRaft(s, output, out, err);
    }
    if (systemInstall) {
      return callSystemInstall(s, output, out, err);
    }
    boolean sys = s == Scenario.UPGRADE_PKGS_SYS;
    strategy.validate(s);
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
    secrets(flow);
    flow.useDummies(dummies);

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
        code =
            Upgrades.nso(
                rt,
                old,
                targets.newInstall(nodes.toolTimeout()),
                strategy,
                run,
                nodes.runRoot,
                output,
                stdout(),
                err);
      } else {
        Path store = nodes.runRoot.toAbsolutePath().normalize().resolve("package-store");
        targets.packages =
            targets.packages.isEmpty()
                ? List.of(store.resolve("dummy-1.1.tar.gz"), store.resolve("inert-1.0.tar.gz"))
                : targets.packages;
        code =
            Upgrades.packages(
                rt, targets.packageFiles(), run, nodes.runRoot, output, stdout(), err);
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

  /**
   * The example's HA Raft cluster: certificates, per-node ha-raft configuration, start, create the
   * cluster on node 1, dummy config replicated; then the Raft version upgrade (upgrade-nso) or the
   * Raft package upgrade on system-install layouts (upgrade-pkgs-sys).
   */
  private int callRaft(Scenario s, Output output, PrintWriter out, PrintWriter err) {
    boolean sys = s == Scenario.UPGRADE_PKGS_SYS;
    if (systemInstall || ContainerRuns.wanted(this, containers) || connection.https) {
      throw new UsageException(
          "--ha raft sets up local installs over plain RESTCONF for now (no --system-install,"
              + " --containers or --https)");
    }
    ClusterSpec cs = cluster.spec();
    if (cs.nodes().size() < 3 || cs.nodes().size() > 5) {
      throw new UsageException(
          "--ha raft needs 3 to 5 nodes (NSO recommends 3, or 5 to survive two failures), not "
              + cs.nodes().size());
    }
    Bundle bundle = Bundle.require();
    Install old = nodes.currentInstall();
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
    secrets(flow);
    flow.useDummies(dummies);
    flow.useRaft("nso-ha-upgrade");
    var factory = connection.factory(true);
    out.printf("NSO %s example with HA Raft over %s: %s%n", s, factory.transport(), cs.describe());
    flow.resetAndStart();
    Duration t = run.settings().haTimeout();
    try (ClusterRuntime rt = new ClusterRuntime(cs, factory, connection::endpoint, hosts)) {
      RaftSetup raft = new RaftSetup(cs, flow.raftMembers(), n -> rt.client(n.id()), out);
      raft.awaitStalled(t);
      raft.createCluster(t);
      flow.addDummyConfig(rt, t);
      if (setupOnly) {
        out.printf(
            "%n##### Set up: HA Raft cluster on NSO %s; 'make stop' stops it%n", old.version());
        out.flush();
        return ExitCodes.OK;
      }
      int code;
      if (sys) {
        out.printf("%n##### Upgrade the packages of the HA Raft cluster%n");
        Path store = nodes.runRoot.toAbsolutePath().normalize().resolve("package-store");
        targets.packages =
            targets.packages.isEmpty()
                ? List.of(store.resolve("dummy-1.1.tar.gz"), store.resolve("inert-1.0.tar.gz"))
                : targets.packages;
        code =
            Upgrades.packages(
                rt, targets.packageFiles(), run, nodes.runRoot, output, stdout(), err);
        if (code == ExitCodes.OK) {
          flow.addNewConfig(rt, t);
        }
        flow.show(rt, true);
      } else {
        out.printf("%n##### Upgrade the HA Raft cluster to NSO's new release%n");
        out.flush();
        code =
            Upgrades.nso(
                rt,
                old,
                targets.newInstall(nodes.toolTimeout()),
                strategy,
                run,
                nodes.runRoot,
                output,
                stdout(),
                err);
        flow.show(rt, false);
      }
      out.println(code == ExitCodes.OK ? "\n##### Done!" : "\n##### Stopped: see the error above");
      out.flush();
      return code;
    }
  }

  /** The NSO version upgrade example on system installs, local or over SSH. */
  private int callSystemInstall(Scenario s, Output output, PrintWriter out, PrintWriter err) {
    if (s != Scenario.UPGRADE_NSO) {
      throw new UsageException(
          "--system-install runs the upgrade-nso example (upgrade-pkgs-sys lays out its own system installs)");
    }
    boolean ssh =
        switch (host) {
          case "ssh" -> true;
          case "local" -> false;
          default -> throw new UsageException("--host " + host + ": expected local or ssh");
        };
    Bundle bundle = Bundle.require();
    ClusterSpec cs = cluster.spec();
    connection.defaultKnownHosts(nodes.runRoot.toAbsolutePath().normalize().resolve("known_hosts"));
    var factory = connection.factory(true);
    SystemInstallExample ex =
        new SystemInstallExample(
            cs,
            nodes.runRoot,
            bundle,
            ServiceManager.parse(service),
            new SystemInstallExample.Access(
                ssh, sshUser, sshPort, Optional.ofNullable(sshKey), hostOptions.knownHosts()),
            nodes.ipcPortBase,
            connection.cliPort,
            connection.restconfPort,
            nodes.toolTimeout(),
            out);
    Install old = ex.installer(bundle.oldInstall());
    Install target =
        hostOptions.installerTarget().orElseGet(() -> ex.installer(bundle.newInstall()));
    Map<NodeId, InstallHost> hosts = ex.hosts(old);
    ExampleFlow flow =
        new ExampleFlow(
            cs,
            nodes.runRoot,
            bundle.oldInstall(),
            bundle,
            false,
            Map.of(),
            out,
            nodes.toolTimeout(),
            connection.cliPort,
            connection.restconfPort);
    secrets(flow);
    flow.useDummies(dummies);
    out.printf(
        "NSO %s example on system installs (%s, %s) over %s: %s%n",
        s, ssh ? "over SSH" : "local processes", service, factory.transport(), cs.describe());
    try (ClusterRuntime rt = new ClusterRuntime(cs, factory, connection::endpoint, hosts)) {
      NodeHosts.preflight(hosts, Optional.of(old), false, out);
      ex.resetAndStart(hosts, old, flow.initXml(), flow.aaaInitXml());
      flow.enableHa(rt, run.settings().haTimeout());
      flow.addDummyConfig(rt, run.settings().haTimeout());
      if (setupOnly) {
        out.printf("%n##### Set up on NSO %s%n", old.version());
        out.flush();
        return ExitCodes.OK;
      }
      out.printf(
          "%n##### Steps 3-15: upgrade NSO with %s%n",
          target.installer().orElseThrow().getFileName());
      NodeHosts.preflight(hosts, Optional.of(target), true, out);
      int code = Upgrades.nso(rt, old, target, strategy, run, nodes.runRoot, output, stdout(), err);
      flow.show(rt, false);
      out.println(code == ExitCodes.OK ? "\n##### Done!" : "\n##### Stopped: see the error above");
      out.flush();
      return code;
    }
  }
}
