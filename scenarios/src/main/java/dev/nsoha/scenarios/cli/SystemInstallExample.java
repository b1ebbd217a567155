package dev.nsoha.scenarios.cli;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.io.PrivateFiles;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.Install;
import dev.nsoha.core.spi.InstallerFile;
import dev.nsoha.host.install.CommandRunner;
import dev.nsoha.host.install.HostLayout;
import dev.nsoha.host.install.InstallHost;
import dev.nsoha.host.install.LocalRunner;
import dev.nsoha.host.install.ProcessRunner.Result;
import dev.nsoha.host.install.ServiceManager;
import dev.nsoha.host.ssh.SshHost;
import dev.nsoha.host.ssh.SshTarget;
import dev.nsoha.scenarios.Bundle;
import dev.nsoha.scenarios.flow.NcsConfEdits;
import dev.nsoha.scenarios.input.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step 1 of NSO's upgrade example on system installs: each node is installed by the simulator's
 * installer under its own root directory ({@code <run-root>/nso-nodeN/{opt/ncs, etc/ncs,
 * var/opt/ncs, var/log/ncs}}), on its host, over SSH or as local processes, configured with the
 * example's ncs.conf edits and init.xml, given the dummy package in the install's package store,
 * and started through its service manager. Everything goes through the node's {@link InstallHost},
 * as it would on a real host.
 */
final class SystemInstallExample {
  /** How to reach the nodes' hosts. */
  record Access(boolean ssh, String user, int port, Optional<Path> key, Path knownHosts) {}

  private final ClusterSpec spec;
  private final Path runRoot;
  private final Bundle bundle;
  private final ServiceManager service;
  private final Access access;
  private final int ipcPortBase;
  private final int cliPort;
  private final int restconfPort;
  private final Duration timeout;
  private final PrintWriter out;

  SystemInstallExample(
      ClusterSpec spec,
      Path runRoot,
      Bundle bundle,
      ServiceManager service,
      Access access,
      int ipcPortBase,
      int cliPort,
      int restconfPort,
      Duration timeout,
      PrintWriter out) {
    this.spec = spec;
    this.runRoot = runRoot.toAbsolutePath().normalize();
    this.bundle = bundle;
    this.service = service;
    this.access = access;
    this.ipcPortBase = ipcPortBase;
    this.cliPort = cliPort;
    this.restconfPort = restconfPort;
    this.timeout = timeout;
    this.out = out;
  }

  /** The bundled installer of {@code install}'s version, from the package store. */
  Install installer(Install install) {
    Path file =
        bundle
            .packageStore()
            .resolve("nso-" + install.version().text() + ".linux.x86_64.installer.bin")
            .toAbsolutePath()
            .normalize();
    if (!Files.isRegularFile(file)) {
      throw new UsageException(
          "the bundled installer " + file + " is missing; rebuild with 'make build'");
    }
    return Install.fromInstaller(InstallerFile.parse(file));
  }

  /** Node {@code index}'s root directory. */
  Path root(int index) {
    return runRoot.resolve("nso-node" + (index + 1));
  }

  /** A host per node, on the old release. */
  Map<NodeId, InstallHost> hosts(Install old) {
    Map<NodeId, InstallHost> hosts = new LinkedHashMap<>();
    List<ClusterSpec.NodeSpec> nodes = spec.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      ClusterSpec.NodeSpec n = nodes.get(i);
      Path root = root(i);
      HostLayout layout =
          HostLayout.system(n.id(), root, service, runRoot.resolve("backups"))
              .withIpc("127.0.0.1", ipcPortBase + i)
              .withStagingDir(root.resolve("tmp"));
      hosts.put(
          n.id(),
          access.ssh()
              ? new SshHost(
                  new SshTarget(
                      access.user(),
                      n.address(),
                      access.port(),
                      access.key(),
                      access.knownHosts(),
                      Duration.ofSeconds(15)),
                  layout,
                  old,
                  timeout)
              : new InstallHost(LocalRunner.INSTANCE, layout, old, timeout));
    }
    return hosts;
  }

  /**
   * Stops what runs, wipes each node's root, installs the old release, configures and starts every
   * node. {@code aaaInitXml}, when present, becomes each node's {@code cdb/aaa_init.xml}.
   */
  void resetAndStart(
      Map<NodeId, InstallHost> hosts, Install old, String initXml, Optional<String> aaaInitXml) {
    out.printf(
        "%n##### Step 1: Reset, install NSO %s (system install, %s) on node 1-3 %s, start them%n",
        old.version(),
        service.cliName(),
        access.ssh() ? "over SSH (port " + access.port() + ")" : "on this machine");
    out.flush();
    List<ClusterSpec.NodeSpec> nodes = spec.nodes();
    Path work = runRoot.resolve("setup");
    try {
      Files.createDirectories(work);
      Files.writeString(work.resolve("init.xml"), initXml);
      if (aaaInitXml.isPresent()) {
        PrivateFiles.writeString(work.resolve("aaa_init.xml"), aaaInitXml.get());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write under " + work + ": " + e.getMessage(), e);
    }
    for (int i = 0; i < nodes.size(); i++) {
      ClusterSpec.NodeSpec n = nodes.get(i);
      InstallHost h = hosts.get(n.id());
      HostLayout l = h.hostLayout();
      CommandRunner r = h.runner();
      if (ok(r, "look for an earlier install", "test", "-e", l.confFile().toString())) {
        try {
          h.stop();
        } catch (HostException e) {
          out.println(
              "(the earlier node " + n.id() + " did not stop cleanly: " + e.getMessage() + ")");
        }
      }
      run(r, n, "remove the earlier install", "rm", "-rf", root(i).toString());
      run(r, n, "create the node's root", "mkdir", "-p", l.stagingDir().toString());
      h.install(old);
      Path conf = work.resolve("ncs.conf." + n.id());
      r.download(l.confFile(), conf);
      try {
        Files.writeString(
            conf,
            NcsConfEdits.ports(
                NcsConfEdits.forNode(Files.readString(conf), n.address(), l.ipcPort(), i + 1),
                cliPort,
                restconfPort));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot edit " + conf + ": " + e.getMessage(), e);
      }
      r.upload(conf, l.confFile());
      r.upload(work.resolve("init.xml"), l.runDir().resolve("cdb/init.xml"));
      if (aaaInitXml.isPresent()) {
        r.upload(work.resolve("aaa_init.xml"), l.runDir().resolve("cdb/aaa_init.xml"));
      }
      Path archive = l.packageStore().resolve("dummy-1.0.tar.gz");
      r.upload(bundle.packageArchive("dummy-1.0"), archive);
      run(
          r,
          n,
          "link the dummy package",
          "ln",
          "-sfn",
          archive.toString(),
          l.runDir().resolve("packages/dummy-1.0.tar.gz").toString());
      h.start(old, false);
      out.printf(
          "Installed and started %s on %s: NSO %s in %s, %s service, IPC port %d%n",
          n.id(),
          n.address(),
          h.installedVersion(),
          l.installDir(),
          service.cliName(),
          l.ipcPort());
      out.flush();
    }
  }

  private boolean ok(CommandRunner r, String what, String... cmd) {
    return r.run(what, List.of(cmd), null, Map.of(), timeout).ok();
  }

  private void run(CommandRunner r, ClusterSpec.NodeSpec n, String what, String... cmd) {
    Result res = r.run(what, List.of(cmd), null, Map.of(), timeout);
    if (!res.ok()) {
      throw new HostException(n.label(), what, String.join(" ", cmd) + " failed: " + res.tail(5));
    }
  }
}
