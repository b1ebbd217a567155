package dev.nsoha.scenarios.cli;

import dev.nsoha.core.host.LocalInstallHost;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.Install;
import dev.nsoha.scenarios.Bundle;
import dev.nsoha.scenarios.input.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * Where the nodes live on this machine (NSO local installs, as in NSO's examples): one run
 * directory per node under a root ({@code nso-node1}, {@code nso-node2}, ...), an IPC port per
 * node, and the install they run now.
 */
public final class LocalNodesOptions {
  @Option(
      names = "--run-root",
      paramLabel = "DIR",
      description =
          "Directory holding the nodes' run directories nso-node1, nso-node2, ... (default: ${DEFAULT-VALUE}).")
  public Path runRoot = Path.of("nso-run");

  @Option(
      names = "--ipc-port",
      paramLabel = "PORT",
      description =
          "IPC port of the first node; the others follow (default: ${DEFAULT-VALUE}, as in NSO's example).")
  public int ipcPortBase = 4561;

  @Option(
      names = {"-o", "--old-install"},
      paramLabel = "DIR",
      description =
          "The NSO installation (NCS_DIR) the nodes run now (default: the bundled older simulator install).")
  public Path oldInstall;

  @Option(
      names = "--backup-dir",
      paramLabel = "DIR",
      description = "Where backups go (default: <run-root>/backups).")
  Path backupDir;

  @Option(
      names = "--tool-timeout",
      paramLabel = "SECONDS",
      description =
          "Deadline in seconds for one run of an NSO tool such as ncs or make (default:"
              + " ${DEFAULT-VALUE}).")
  int toolTimeout = 180;

  public Duration toolTimeout() {
    return Duration.ofSeconds(toolTimeout);
  }

  /** The install the nodes run now: {@code -o}, or the bundled older one. */
  public Install currentInstall() {
    return oldInstall != null
        ? Targets.probe(oldInstall, toolTimeout())
        : Bundle.require().oldInstall();
  }

  /** Node {@code index} (0-based, in cluster order)'s run directory. */
  public Path runDir(ClusterOptions cluster, ClusterSpec.NodeSpec node, int index) {
    Path fromFile = cluster.extras(node.id()).runDir();
    return (fromFile != null ? fromFile : runRoot.resolve("nso-node" + (index + 1)))
        .toAbsolutePath()
        .normalize();
  }

  public int ipcPort(ClusterOptions cluster, ClusterSpec.NodeSpec node, int index) {
    Integer fromFile = cluster.extras(node.id()).ipcPort();
    return fromFile != null ? fromFile : ipcPortBase + index;
  }

  public Path backupDir() {
    return (backupDir != null ? backupDir : runRoot.resolve("backups"))
        .toAbsolutePath()
        .normalize();
  }

  /** A host per node, each expected to exist already. */
  public Map<NodeId, LocalInstallHost> hosts(
      ClusterOptions cluster,
      Install current,
      Function<Path, Map<String, String>> extraEnv,
      boolean mustExist) {
    Map<NodeId, LocalInstallHost> hosts = new LinkedHashMap<>();
    List<ClusterSpec.NodeSpec> nodes = cluster.spec().nodes();
    for (int i = 0; i < nodes.size(); i++) {
      hosts.put(nodes.get(i).id(), localHost(cluster, i, current, extraEnv, mustExist));
    }
    return hosts;
  }

  /** The host of node {@code index} (in cluster order), a local install on this machine. */
  public LocalInstallHost localHost(
      ClusterOptions cluster,
      int index,
      Install current,
      Function<Path, Map<String, String>> extraEnv,
      boolean mustExist) {
    ClusterSpec.NodeSpec n = cluster.spec().nodes().get(index);
    Path dir = runDir(cluster, n, index);
    if (mustExist && !Files.isRegularFile(dir.resolve("ncs.conf"))) {
      throw new UsageException(
          "node "
              + n.id()
              + ": no ncs.conf in run directory "
              + dir
              + " (give --run-root or node.<id>.run-dir in a cluster file)");
    }
    return new LocalInstallHost(
        new LocalInstallHost.Layout(
            n.id(), dir, "127.0.0.1", ipcPort(cluster, n, index), backupDir(), extraEnv.apply(dir)),
        current,
        toolTimeout());
  }
}
