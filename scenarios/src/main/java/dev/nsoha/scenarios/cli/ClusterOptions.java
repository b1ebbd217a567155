package dev.nsoha.scenarios.cli;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.NodeId;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import picocli.CommandLine.Option;

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
      names = "--cluster-file",
      paramLabel = "FILE",
      description =
          "Describe the cluster in a file instead of -a/-b/-c: one 'node.<id>.address=<ip>' and"
              + " 'node.<id>.role=primary|failover-primary|secondary' line per node, and optionally"
              + " 'node.<id>.ipc-port=<port>' and 'node.<id>.run-dir=<dir>' for local installs"
              + " (default: none, the nodes of -a, -b and -c).")
  Path clusterFile;

  /** Per-node extras read from a cluster file. */
  public record NodeExtras(Integer ipcPort, Path runDir) {}

  private ClusterSpec spec;
  private final java.util.Map<NodeId, NodeExtras> extras = new java.util.HashMap<>();

  /** The cluster, from the file if one was given. */
  public ClusterSpec spec() {
    if (spec == null) {
      spec = clusterFile == null ? ClusterSpec.example(a, b, c) : readFile(clusterFile);
    }
    return spec;
  }

  /** The extras a cluster file gave for {@code id}. */
  public NodeExtras extras(NodeId id) {
    spec();
    return extras.getOrDefault(id, new NodeExtras(null, null));
  }

  private ClusterSpec readFile(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read cluster file " + file + ": " + e.getMessage(), e);
    }
    TreeSet<String> ids = new TreeSet<>();
    for (String key : p.stringPropertyNames()) {
      String[] parts = key.split("\\.");
      if (parts.length != 3
          || !parts[0].equals("node")
          || !List.of("address", "role", "ipc-port", "run-dir").contains(parts[2])) {
        throw new IllegalArgumentException(
            "cluster file "
                + file
                + ": unknown key '"
                + key
                + "' (expected node.<id>.address, .role, .ipc-port or .run-dir)");
      }
      ids.add(parts[1]);
    }
    List<ClusterSpec.NodeSpec> nodes = new ArrayList<>();
    for (String id : ids) {
      String address = p.getProperty("node." + id + ".address");
      String role =
          p.getProperty("node." + id + ".role", "secondary").trim().toLowerCase(Locale.ROOT);
      if (address == null) {
        throw new IllegalArgumentException(
            "cluster file " + file + ": node " + id + " has no address");
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
            throw new IllegalArgumentException(
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
      try {
        extras.put(
            nid,
            new NodeExtras(
                port == null ? null : Integer.valueOf(port.trim()),
                dir == null ? null : Path.of(dir.trim())));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "cluster file " + file + ": node " + id + " has ipc-port '" + port + "'", e);
      }
    }
    return new ClusterSpec(nodes);
  }
}
