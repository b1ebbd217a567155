package dev.nsoha.scenarios.cli;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.scenarios.input.UsageException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Which nodes make the cluster: the NSO example's {@code -a/-b/-c} addresses for n1 (nominal
 * primary), n2 (failover-primary) and n3, or a cluster file for other layouts.
 */
public final class ClusterOptions {
  @Option(
      names = "-a",
      paramLabel = "IP",
      description = "Address of node n1, the nominal primary (default: ${DEFAULT-VALUE}).")
  String a = "127.0.1.1";

  @Option(
      names = "-b",
      paramLabel = "IP",
      description = "Address of node n2, the failover-primary (default: ${DEFAULT-VALUE}).")
  String b = "127.0.2.1";

  @Option(
      names = "-c",
      paramLabel = "IP",
      description = "Address of node n3 (default: ${DEFAULT-VALUE}).")
  String c = "127.0.3.1";

  @Option(
      names = "--nodes",
      paramLabel = "N",
      description =
          "Number of nodes, 2 to 9 (default: 3): n1 primary, n2 failover-primary, the others plain"
              + " secondaries. Node k is on -a's address with its third number raised by k-1"
              + " (127.0.1.1 ... 127.0.N.1); -b and -c, when given, still name n2 and n3.")
  Integer nodeCount;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--cluster-file",
      paramLabel = "FILE",
      description =
          "Describe the cluster in a file instead of -a/-b/-c: one 'node.<id>.address=<ip>' and"
              + " 'node.<id>.role=primary|failover-primary|secondary' line per node; optionally"
              + " 'node.<id>.ipc-port=<port>' and 'node.<id>.run-dir=<dir>' for local installs, and"
              + " 'node.<id>.host=local|ssh' with .ssh=user@address:port, .ssh-key, .install-dir,"
              + " .config-dir, .run-dir, .log-dir, .staging-dir, .service=systemd|sysv|direct and"
              + " .sudo=true|false for a node on its own host (default: none, the nodes of -a, -b"
              + " and -c).")
  Path clusterFile;

  /** The per-node keys a cluster file may hold, after {@code node.<id>.}. */
  static final List<String> NODE_KEYS =
      List.of(
          "address",
          "role",
          "ipc-port",
          "run-dir",
          // where the node lives (NodeHosts): node.<id>.host=local|ssh|container and its settings
          "host",
          "ssh",
          "ssh-key",
          "install-dir",
          "config-dir",
          "log-dir",
          "staging-dir",
          "service",
          "sudo",
          "container",
          "image");

  /**
   * Per-node extras read from a cluster file.
   *
   * @param settings every {@code node.<id>.<key>} of the file, by key
   */
  public record NodeExtras(Integer ipcPort, Path runDir, Map<String, String> settings) {
    public NodeExtras {
      settings = Map.copyOf(settings);
    }

    public NodeExtras(Integer ipcPort, Path runDir) {
      this(ipcPort, runDir, Map.of());
    }

    /** The value of {@code node.<id>.<key>}, trimmed, if the file has one. */
    public Optional<String> setting(String key) {
      return Optional.ofNullable(settings.get(key)).map(String::trim).filter(v -> !v.isEmpty());
    }
  }

  @Option(
      names = "--ha",
      paramLabel = "rule|raft",
      description =
          "The cluster's HA: NSO's rule-based HA, or HA Raft (three to five members; node k's NSO"
              + " node name is ncsd<k>@<its address>, node 1 leads after an upgrade)"
              + " (default: ${DEFAULT-VALUE}).")
  String ha = "rule";

  /** Whether {@code --ha raft} was given. */
  public boolean raft() {
    return switch (ha) {
      case "raft" -> true;
      case "rule" -> false;
      default -> throw new UsageException("--ha " + ha + ": expected rule or raft");
    };
  }

  private ClusterSpec spec;
  private final Map<NodeId, NodeExtras> extras = new HashMap<>();

  /** The cluster, from the file if one was given. */
  public ClusterSpec spec() {
    if (spec == null) {
      if (clusterFile != null && nodeCount != null) {
        throw new UsageException(
            "--nodes and --cluster-file both describe the cluster; give one of them");
      }
      try {
        if (raft()) {
          if (clusterFile != null) {
            throw new UsageException(
                "--ha raft takes the nodes from -a/-b/-c or --nodes, not --cluster-file");
          }
          List<String> addresses = nodeCount == null ? List.of(a, b, c) : addresses();
          List<String> names = new ArrayList<>();
          for (int i = 0; i < addresses.size(); i++) {
            names.add("ncsd" + (i + 1) + "@" + addresses.get(i));
          }
          spec = ClusterSpec.raft(addresses, names, 0);
          return spec;
        }
        spec =
            clusterFile != null
                ? readFile(clusterFile)
                : nodeCount == null
                    ? ClusterSpec.example(a, b, c)
                    : ClusterSpec.example(addresses());
      } catch (IllegalArgumentException e) {
        // The model refuses what is not a cluster (two primaries, an address twice, a bad id).
        throw new UsageException(
            (clusterFile != null ? "cluster file " + clusterFile + ": " : "") + e.getMessage(), e);
      }
    }
    return spec;
  }

  /** The addresses of {@code --nodes N}: -a's counting up in the third number, -b/-c if given. */
  private List<String> addresses() {
    int n = nodeCount;
    if (n < 2 || n > 9) {
      throw new UsageException(
          "--nodes "
              + n
              + ": a cluster has 2 to 9 nodes (a primary, a failover-primary and up to"
              + " 7 plain secondaries)");
    }
    String[] parts = a.split("\\.");
    int third;
    try {
      third = parts.length == 4 ? Integer.parseInt(parts[2]) : -1;
    } catch (NumberFormatException e) {
      third = -1;
    }
    if (third < 0 || third + n - 1 > 255) {
      throw new UsageException(
          "-a " + a + ": --nodes counts up the third number of an IPv4 address, from 0 to 255");
    }
    boolean bGiven = given("-b");
    boolean cGiven = given("-c");
    if (n < 3 && cGiven) {
      throw new UsageException("-c names node n3, but --nodes " + n + " has no n3");
    }
    List<String> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      out.add(
          k == 1 && bGiven
              ? b
              : k == 2 && cGiven
                  ? c
                  : parts[0] + "." + parts[1] + "." + (third + k) + "." + parts[3]);
    }
    return out;
  }

  private boolean given(String option) {
    return mixee != null
        && mixee.commandLine() != null
        && mixee.commandLine().getParseResult() != null
        && mixee.commandLine().getParseResult().hasMatchedOption(option);
  }

  /** The extras a cluster file gave for {@code id}. */
  public NodeExtras extras(NodeId id) {
    spec();
    return extras.getOrDefault(id, new NodeExtras(null, null));
  }

  /**
   * A per-node setting of the cluster file ({@code node.<id>.<key>}, e.g. {@code host}, {@code
   * container}, {@code image}), or null.
   */
  public String setting(NodeId id, String key) {
    spec();
    String v = settings.getProperty("node." + id + "." + key);
    return v == null ? null : v.trim();
  }

  private final Properties settings = new Properties();

  private ClusterSpec readFile(Path file) {
    Properties p = settings;
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException e) {
      throw new UsageException("cannot read cluster file " + file + ": " + e.getMessage(), e);
    }
    TreeSet<String> ids = new TreeSet<>();
    for (String key : p.stringPropertyNames()) {
      String[] parts = key.split("\\.");
      if (parts.length != 3 || !parts[0].equals("node") || !NODE_KEYS.contains(parts[2])) {
        throw new UsageException(
            "cluster file "
                + file
                + ": unknown key '"
                + key
                + "' (expected node.<id>."
                + String.join(", .", NODE_KEYS)
                + ")");
      }
      ids.add(parts[1]);
    }
    List<ClusterSpec.NodeSpec> nodes = new ArrayList<>();
    for (String id : ids) {
      String address = p.getProperty("node." + id + ".address");
      String role =
          p.getProperty("node." + id + ".role", "secondary").trim().toLowerCase(Locale.ROOT);
      if (address == null) {
        throw new UsageException("cluster file " + file + ": node " + id + " has no address");
      }
      HaMode nominal;
      boolean failover = false;
      switch (role) {
        case "primary" -> nominal = HaMode.PRIMARY;
        case "failover-primary" -> {
          nominal = HaMode.SECONDARY;
          failover = true;
        }
        case "secondary" -> nominal = HaMode.SECONDARY;
        default ->
            throw new UsageException(
                "cluster file "
                    + file
                    + ": node "
                    + id
                    + " has role '"
                    + role
                    + "' (expected primary, failover-primary or secondary)");
      }
      NodeId nid = NodeId.of(id);
      nodes.add(new ClusterSpec.NodeSpec(nid, address.trim(), nominal, failover));
      String port = p.getProperty("node." + id + ".ipc-port");
      String dir = p.getProperty("node." + id + ".run-dir");
      Map<String, String> settings = new HashMap<>();
      for (String k : NODE_KEYS) {
        String v = p.getProperty("node." + id + "." + k);
        if (v != null) {
          settings.put(k, v);
        }
      }
      try {
        extras.put(
            nid,
            new NodeExtras(
                port == null ? null : Integer.valueOf(port.trim()),
                dir == null ? null : Path.of(dir.trim()),
                settings));
      } catch (NumberFormatException e) {
        throw new UsageException(
            "cluster file " + file + ": node " + id + " has ipc-port '" + port + "'", e);
      }
    }
    return new ClusterSpec(nodes);
  }
}
