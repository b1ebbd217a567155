package dev.nsoha.scenarios.cli;

import dev.nsoha.core.journal.JournalStore;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.Install;
import dev.nsoha.host.install.LocalInstallHost;
import dev.nsoha.scenarios.Bundle;
import dev.nsoha.scenarios.input.UsageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
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
  /** The run root, {@code --run-root} or its default (see {@link #runRoot(Path)}). */
  public Path runRoot = Path.of("nso-run");

  private boolean runRootGiven;

  @Option(
      names = "--run-root",
      paramLabel = "DIR",
      description =
          "Directory holding the nodes' run directories nso-node1, nso-node2, ..., and the run's"
              + " journal and backups (default: nso-run; when a node is on an SSH host or in a"
              + " container, a directory of the cluster's own:"
              + " $XDG_STATE_HOME/nso-ha-upgrade/clusters/<cluster>, named from the nodes' ids and"
              + " addresses).")
  void runRoot(Path dir) {
    if (dir != null) {
      runRoot = dir;
      runRootGiven = true;
    }
  }

  /**
   * For nodes that do not live under a run root on this machine (SSH hosts, containers): unless
   * {@code --run-root} was given, the run's own files (journal, backups, known_hosts) go to a
   * directory of this cluster's own, so that unrelated clusters never share a journal or backups.
   */
  public void useClusterStateDir(ClusterSpec spec) {
    if (!runRootGiven) {
      runRoot = clusterStateDir(spec, System.getenv(), Path.of(System.getProperty("user.home")));
    }
  }

  /**
   * {@code $XDG_STATE_HOME/nso-ha-upgrade/clusters/<name>} (or under {@code ~/.local/state}), the
   * name being the first node's id and a hash of every node's id and address.
   */
  static Path clusterStateDir(ClusterSpec spec, Map<String, String> env, Path home) {
    StringBuilder key = new StringBuilder();
    spec.nodes().stream()
        .sorted(Comparator.comparing(n -> n.id().value()))
        .forEach(n -> key.append(n.id().value()).append('=').append(n.address()).append('\n'));
    String hash;
    try {
      hash =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(key.toString().getBytes(StandardCharsets.UTF_8)))
              .substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
    String first = spec.nodes().get(0).id().value().replaceAll("[^A-Za-z0-9._-]", "_");
    return JournalStore.defaultFile(env, home)
        .getParent()
        .resolve("clusters")
        .resolve(first + "-" + hash);
  }

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
