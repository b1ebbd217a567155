package dev.nsoha.testkit;

import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.Credentials;
import dev.nsoha.core.spi.LiveRaftCluster;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.spi.TransportOptions;
import dev.nsoha.sim.node.SimNode;
import dev.nsoha.sim.node.SimNodeOptions;
import dev.nsoha.sim.pkg.PackageBuilder;
import dev.nsoha.sim.raft.HaRaft;
import dev.nsoha.sim.raft.RaftStatusSnapshot;
import dev.nsoha.sim.testkit.Loopback;
import dev.nsoha.sim.testkit.SimCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The Raft contract suite's live cluster over the simulator: three in-process simulator nodes with
 * HA Raft (NSO 6.4.4, the {@code dummy-1.0} package loaded), on their own loopback addresses and
 * free ports, with certificates made by {@code openssl} as NSO's Raft example makes them. The
 * nominal state (n1 leader, n2 and n3 in sync) is restored through the simulated nodes' own Raft
 * actions, never through the client under test.
 */
public final class SimRaftLiveCluster implements LiveRaftCluster {
  private static final String VERSION = "6.4.4";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final Path base;
  private final int octet;
  private final int cliPort;
  private final int restconfPort;
  private final int[] ipcPorts;
  private final Map<NodeId, SimNode> nodes = new LinkedHashMap<>();
  private final List<NodeId> ids = List.of(NodeId.of("n1"), NodeId.of("n2"), NodeId.of("n3"));

  private SimRaftLiveCluster(Path base) throws IOException {
    this.base = base;
    this.octet = Loopback.randomOctet();
    int[] ports = Loopback.freePorts(5);
    this.cliPort = ports[0];
    this.restconfPort = ports[1];
    this.ipcPorts = new int[] {ports[2], ports[3], ports[4]};
  }

  /** Writes the nodes' files, starts them, runs {@code create-cluster} on n1 and waits. */
  public static SimRaftLiveCluster start() throws IOException {
    SimRaftLiveCluster c = new SimRaftLiveCluster(Files.createTempDirectory("sim-raft-cluster"));
    try {
      c.setUp();
      c.restoreNominal();
      return c;
    } catch (RuntimeException | IOException e) {
      c.close();
      throw e;
    }
  }

  private String address(NodeId id) {
    return Loopback.address(octet, index(id) + 1);
  }

  private int index(NodeId id) {
    return ids.indexOf(id);
  }

  private Path runDir(NodeId id) {
    return base.resolve("nso-node" + (index(id) + 1));
  }

  @Override
  public String memberName(NodeId id) {
    return "ncsd" + (index(id) + 1) + "@" + address(id);
  }

  @Override
  public List<NodeId> ids() {
    return ids;
  }

  @Override
  public NodeEndpoint endpoint(NodeId id) {
    return new NodeEndpoint(
        id,
        address(id),
        cliPort,
        restconfPort,
        Credentials.exampleAdmin(),
        TransportOptions.defaults());
  }

  private void setUp() throws IOException {
    Path ca = Files.createDirectories(base.resolve("raft-ca"));
    openssl(
        ca,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "30",
        "-subj",
        "/CN=test-support Raft CA");
    for (NodeId id : ids) {
      Path run = Files.createDirectories(runDir(id));
      Path tls = Files.createDirectories(run.resolve("ha-tls"));
      Files.createDirectories(run.resolve("ncs-cdb"));
      Files.createDirectories(run.resolve("logs"));
      Files.copy(ca.resolve("ca.crt"), tls.resolve("ca.crt"));
      String ip = address(id);
      String key = "ncsd" + (index(id) + 1);
      openssl(
          tls,
          "req",
          "-new",
          "-newkey",
          "ec",
          "-pkeyopt",
          "ec_paramgen_curve:prime256v1",
          "-nodes",
          "-keyout",
          key + ".key",
          "-out",
          key + ".csr",
          "-subj",
          "/CN=" + ip);
      Files.writeString(tls.resolve(key + ".ext"), "subjectAltName=IP:" + ip + ",DNS:" + ip + "\n");
      openssl(
          tls,
          "x509",
          "-req",
          "-in",
          key + ".csr",
          "-CA",
          ca.resolve("ca.crt").toString(),
          "-CAkey",
          ca.resolve("ca.key").toString(),
          "-set_serial",
          "0x" + Long.toHexString(System.nanoTime() & Long.MAX_VALUE),
          "-out",
          key + ".crt",
          "-days",
          "30",
          "-extfile",
          key + ".ext");
      Path lp = Files.createDirectories(run.resolve("packages"));
      PackageBuilder.example(lp, "dummy-1.0", VERSION, true);
      Files.writeString(run.resolve("ncs.conf"), ncsConf(id, key));
    }
    for (NodeId id : ids) {
      startNode(id);
    }
  }

  private String ncsConf(NodeId id, String key) {
    String a = address(id);
    StringBuilder seeds = new StringBuilder();
    for (NodeId o : ids) {
      if (!o.equals(id)) {
        seeds.append("      <seed-node>").append(memberName(o)).append("</seed-node>\n");
      }
    }
    return "<ncs-config xmlns=\"http://tail-f.com/yang/tailf-ncs-config\">\n"
        + "  <ncs-ipc-address><ip>127.0.0.1</ip><port>"
        + ipcPorts[index(id)]
        + "</port></ncs-ipc-address>\n"
        + "  <load-path><dir>./packages</dir></load-path>\n"
        + "  <state-dir>./state</state-dir>\n"
        + "  <cdb><db-dir>./ncs-cdb</db-dir></cdb>\n"
        + "  <cli><enabled>true</enabled><ssh><enabled>true</enabled><ip>"
        + a
        + "</ip><port>"
        + cliPort
        + "</port></ssh></cli>\n"
        + "  <webui><enabled>true</enabled><transport><tcp><enabled>true</enabled><ip>"
        + a
        + "</ip><port>"
        + restconfPort
        + "</port></tcp></transport></webui>\n"
        + "  <restconf><enabled>true</enabled></restconf>\n"
        + "  <ha-raft>\n"
        + "    <enabled>true</enabled>\n"
        + "    <cluster-name>test-support-"
        + octet
        + "</cluster-name>\n"
        + "    <listen><node-address>"
        + memberName(id)
        + "</node-address></listen>\n"
        + "    <seed-nodes>\n"
        + seeds
        + "    </seed-nodes>\n"
        + "    <ssl>\n"
        + "      <enabled>true</enabled>\n"
        + "      <ca-cert-file>ha-tls/ca.crt</ca-cert-file>\n"
        + "      <cert-file>ha-tls/"
        + key
        + ".crt</cert-file>\n"
        + "      <key-file>ha-tls/"
        + key
        + ".key</key-file>\n"
        + "    </ssl>\n"
        + "  </ha-raft>\n"
        + "</ncs-config>\n";
  }

  private void startNode(NodeId id) throws IOException {
    Path run = runDir(id);
    nodes.put(id, SimNode.start(SimNodeOptions.of(run.resolve("ncs.conf"), run, VERSION)));
  }

  private HaRaft raft(NodeId id) {
    SimNode n = nodes.get(id);
    if (n == null || n.haRaft() == null) {
      throw new IllegalStateException(id + " does not run HA Raft");
    }
    return n.haRaft();
  }

  private static String summary(RaftStatusSnapshot s) {
    return "role "
        + s.role()
        + ", leader "
        + s.leader()
        + ", member "
        + s.members()
        + ", connected-node "
        + s.connectedNodes()
        + ", replications "
        + s.replications();
  }

  private <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    String last = "nothing observed";
    while (true) {
      try {
        T v = probe.get();
        last = v instanceof RaftStatusSnapshot rs ? summary(rs) : String.valueOf(v);
        if (done.test(v)) {
          return v;
        }
      } catch (RuntimeException e) {
        last = e.toString();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "timed out after " + WAIT + " waiting for " + what + "; last seen: " + last);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }

  private boolean nominal() {
    String leader = memberName(ids.get(0));
    RaftStatusSnapshot s = raft(ids.get(0)).status();
    if (!"leader".equals(s.role()) || s.readOnly() || s.replications().size() != 2) {
      return false;
    }
    if (!s.replications().stream().allMatch(r -> "in-sync".equals(r.state()))) {
      return false;
    }
    for (NodeId id : ids.subList(1, ids.size())) {
      RaftStatusSnapshot f = raft(id).status();
      if (!"follower".equals(f.role()) || !leader.equals(f.leader())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void dissolve() {
    try {
      for (NodeId id : ids) {
        SimNode n = nodes.remove(id);
        if (n != null) {
          n.close();
        }
      }
      for (NodeId id : ids) {
        SimCluster.deleteTree(runDir(id).resolve("state/raft"));
      }
      for (NodeId id : ids) {
        startNode(id);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void restoreNominal() {
    if (nodes.size() == ids.size() && nominal()) {
      return;
    }
    NodeId first = ids.get(0);
    List<String> others = new ArrayList<>();
    for (NodeId id : ids.subList(1, ids.size())) {
      others.add(memberName(id));
    }
    boolean anyMember = false;
    for (NodeId id : ids) {
      if (!raft(id).status().members().isEmpty()) {
        anyMember = true;
      }
    }
    if (!anyMember) {
      // every member stalled without a log: form the cluster on n1
      for (NodeId id : ids) {
        List<String> want = new ArrayList<>();
        for (NodeId o : ids) {
          if (!o.equals(id)) {
            want.add(memberName(o));
          }
        }
        await(
            id + " stalled with every other member connected",
            () -> raft(id).status(),
            s -> "stalled".equals(s.role()) && new HashSet<>(s.connectedNodes()).containsAll(want));
      }
      raft(first).createCluster(others);
    } else {
      // a cluster exists with another leader: hand leadership back to n1
      NodeId leader =
          await(
              "a leader",
              () ->
                  ids.stream()
                      .filter(id -> "leader".equals(raft(id).status().role()))
                      .findFirst()
                      .orElse(null),
              l -> l != null);
      if (!leader.equals(first)) {
        raft(leader).handover(memberName(first));
      }
    }
    await("n1 leader", () -> raft(first).status(), s -> "leader".equals(s.role()));
    if (raft(first).status().readOnly()) {
      raft(first).setReadOnly(false);
    }
    await("the nominal cluster (n1 leader, n2 and n3 in sync)", this::nominal, ok -> ok);
  }

  private static void openssl(Path cwd, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("openssl " + String.join(" ", args) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running openssl", e);
    }
  }

  @Override
  public void close() {
    for (SimNode n : nodes.values()) {
      n.close();
    }
    nodes.clear();
    try {
      SimCluster.deleteTree(base);
    } catch (IOException e) {
      // leave the files in the temporary directory
    }
  }
}
