package dev.nsoha.scenarios.cli;

import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plans.PackageFile;
import dev.nsoha.core.spi.Install;
import dev.nsoha.core.spi.NodeHost;
import dev.nsoha.host.install.HostCheck;
import dev.nsoha.host.install.HostLayout;
import dev.nsoha.host.install.InstallHost;
import dev.nsoha.host.install.ServiceManager;
import dev.nsoha.host.ssh.SshHost;
import dev.nsoha.host.ssh.SshTarget;
import dev.nsoha.scenarios.input.UsageException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where each node lives, chosen per node by the cluster file's {@code node.<id>.host}:
 *
 * <ul>
 *   <li>{@code local} (the default): a local install on this machine, its run directory under
 *       {@code --run-root} (or {@code node.<id>.run-dir});
 *   <li>{@code ssh}: an NSO install on its own host, reached over SSH ({@link SshHost}), with
 *       {@code node.<id>.ssh}, {@code .ssh-key}, {@code .install-dir}, {@code .config-dir}, {@code
 *       .run-dir}, {@code .log-dir}, {@code .staging-dir}, {@code .service} and {@code .sudo}.
 * </ul>
 *
 * Another kind of host is one more case in {@link #create}.
 */
public final class NodeHosts {
  private NodeHosts() {}

  /** The host kind of {@code node}: {@code node.<id>.host}, default {@code local}. */
  public static String kind(ClusterOptions cluster, NodeId node) {
    return cluster.extras(node).setting("host").orElse("local").toLowerCase(Locale.ROOT);
  }

  /** Whether any node lives on a host of its own (not {@code local}). */
  public static boolean anyRemote(ClusterOptions cluster) {
    return cluster.spec().ids().stream().anyMatch(id -> !kind(cluster, id).equals("local"));
  }

  /**
   * One host per node.
   *
   * @param current the install local nodes run now (read only when a node is local)
   * @param target the release a remote host starts from until it is asked (its system install's
   *     {@code current} decides)
   * @param mustExist whether local nodes' run directories must exist already
   */
  public static Map<NodeId, NodeHost> create(
      ClusterOptions cluster,
      LocalNodesOptions nodes,
      HostOptions options,
      Supplier<Install> current,
      Install target,
      boolean mustExist) {
    return create(cluster, nodes, options, current, target, dir -> Map.of(), mustExist);
  }

  /**
   * {@link #create(ClusterOptions, LocalNodesOptions, HostOptions, Supplier, Install, boolean)}
   * with further environment for the tools of local nodes, by run directory.
   */
  public static Map<NodeId, NodeHost> create(
      ClusterOptions cluster,
      LocalNodesOptions nodes,
      HostOptions options,
      Supplier<Install> current,
      Install target,
      Function<Path, Map<String, String>> localEnv,
      boolean mustExist) {
    Map<NodeId, NodeHost> out = new LinkedHashMap<>();
    List<ClusterSpec.NodeSpec> specs = cluster.spec().nodes();
    for (int i = 0; i < specs.size(); i++) {
      ClusterSpec.NodeSpec n = specs.get(i);
      String kind = kind(cluster, n.id());
      NodeHost host =
          switch (kind) {
            case "local" -> nodes.localHost(cluster, i, current.get(), localEnv, mustExist);
            case "ssh" -> ssh(n.id(), cluster.extras(n.id()), nodes, options, target);
            default ->
                throw new UsageException(
                    "node "
                        + n.id()
                        + ": host="
                        + kind
                        + " is not supported (expected local or ssh)");
          };
      out.put(n.id(), host);
    }
    return out;
  }

  /** The SSH host of a node, from its cluster-file settings. */
  static SshHost ssh(
      NodeId id,
      ClusterOptions.NodeExtras x,
      LocalNodesOptions nodes,
      HostOptions options,
      Install current) {
    String key = "node." + id + ".";
    String spec =
        x.setting("ssh")
            .orElseThrow(
                () ->
                    new UsageException(
                        "node " + id + " has host=ssh but no " + key + "ssh=user@address:port"));
    SshTarget target;
    try {
      target =
          SshTarget.parse(
              spec,
              x.setting("ssh-key").map(Path::of),
              options.knownHosts(),
              Duration.ofSeconds(options.sshTimeout));
    } catch (IllegalArgumentException e) {
      throw new UsageException(key + "ssh: " + e.getMessage() + ". Nothing was changed.", e);
    }
    HostLayout layout =
        HostLayout.system(
                id,
                absolute(x.setting("install-dir").orElse("/opt/ncs"), key + "install-dir"),
                absolute(x.setting("config-dir").orElse("/etc/ncs"), key + "config-dir"),
                absolute(
                    x.runDir() != null ? x.runDir().toString() : "/var/opt/ncs", key + "run-dir"),
                absolute(x.setting("log-dir").orElse("/var/log/ncs"), key + "log-dir"),
                service(x.setting("service").orElse("systemd"), key + "service"),
                nodes.backupDir())
            .withSudo(options.sudo(bool(x.setting("sudo").orElse("false"), key + "sudo")))
            .withPackagesFrom(options.packagesDir());
    if (x.ipcPort() != null) {
      layout = layout.withIpc("127.0.0.1", x.ipcPort());
    }
    Optional<String> staging = x.setting("staging-dir");
    if (staging.isPresent()) {
      layout = layout.withStagingDir(absolute(staging.get(), key + "staging-dir"));
    }
    return new SshHost(target, layout, current, nodes.toolTimeout());
  }

  private static Path absolute(String path, String key) {
    Path p = Path.of(path);
    if (!p.isAbsolute()) {
      throw new UsageException(key + " must be an absolute path on the host: " + path);
    }
    return p;
  }

  private static ServiceManager service(String v, String key) {
    try {
      return ServiceManager.parse(v);
    } catch (IllegalArgumentException e) {
      throw new UsageException(key + ": " + e.getMessage() + ". Nothing was changed.", e);
    }
  }

  private static boolean bool(String v, String key) {
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes" -> true;
      case "false", "no" -> false;
      default -> throw new UsageException(key + " is '" + v + "' (expected true or false)");
    };
  }

  /**
   * The package files as the primary's host sees them: a primary on its own host gets a copy of
   * each (over SFTP, checksummed), since {@code software packages fetch package-from-file} reads
   * the file on the node's host; a local primary reads them where they are.
   */
  public static List<PackageFile> onPrimaryHost(
      Map<NodeId, ? extends NodeHost> hosts,
      ClusterSpec spec,
      List<PackageFile> files,
      PrintWriter out) {
    NodeHost h = hosts.get(spec.primary().id());
    if (!(h instanceof InstallHost ih) || ih.runner().isLocal()) {
      return files;
    }
    List<PackageFile> there = new ArrayList<>();
    for (PackageFile f : files) {
      Path onHost = ih.copyToHost(f.file());
      out.println(
          "Copied "
              + f.file().getFileName()
              + " to "
              + ih.node()
              + " ("
              + ih.runner().where()
              + "): "
              + onHost);
      there.add(new PackageFile(onHost, f.baseName(), f.packageName(), f.version()));
    }
    out.flush();
    return there;
  }

  /**
   * Checks every install host before anything changes (the checks of {@link
   * InstallHost#preflight}), prints each finding, and refuses on the first failure: bad input (a
   * missing installer, one for another architecture, no NSO where the layout says) is an {@link
   * UsageException} (exit code 2); a host that cannot be reached, refuses the key, has an unknown
   * host key, gives no sudo rights or lacks disk space is an {@link UnreachableException} (exit
   * code 3). The {@code preflight} command can call this too.
   *
   * @return every finding
   */
  public static List<HostCheck> preflight(
      Map<NodeId, ? extends NodeHost> hosts,
      Optional<Install> target,
      boolean expectInstalled,
      PrintWriter out) {
    List<HostCheck> all = new ArrayList<>();
    for (NodeHost h : hosts.values()) {
      if (h instanceof InstallHost ih && !ih.runner().isLocal()) {
        all.addAll(ih.preflight(target, expectInstalled));
      }
    }
    for (HostCheck c : all) {
      out.println("preflight " + c);
    }
    out.flush();
    for (HostCheck c : all) {
      switch (c.outcome()) {
        case BAD_INPUT ->
            throw new UsageException(
                "node "
                    + c.node()
                    + ": "
                    + c.check()
                    + ": "
                    + c.detail()
                    + ". Nothing was changed.");
        case REFUSED -> throw new UnreachableException("node " + c.node(), c.check(), c.detail());
        case OK -> {}
      }
    }
    return all;
  }
}
