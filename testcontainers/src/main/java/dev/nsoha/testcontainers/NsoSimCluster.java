package dev.nsoha.testcontainers;

import dev.nsoha.container.HaInit;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.RaftStatus;
import dev.nsoha.core.plan.Wait;
import dev.nsoha.core.spi.NodeClient;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.MountableFile;

/**
 * A rule-based HA cluster of 2 to 9 simulated NSO nodes (or, by {@link #raft(int)}, an HA Raft
 * cluster of 3 to 5) in containers, set up as NSO's upgrade example sets up its three: {@code n1}
 * nominal primary, {@code n2} nominal secondary and failover-primary, {@code n3..} secondaries;
 * start-up rules on (assume the nominal role, join HA); consensus on (NSO's default); the {@code
 * dummy-1.0} package on every node; a token of its own, so that clusters on one machine never join
 * each other. {@link Builder#start()} returns when the primary has every secondary connected.
 * Clients handed out by {@link #client} are closed with the cluster; {@link #close()} removes every
 * container and volume.
 *
 * <h2>Failover, as NSO does it</h2>
 *
 * <ul>
 *   <li>{@link #primary()} is the <em>nominal</em> primary, {@code n1}, whatever role it holds now;
 *       {@link #currentPrimary()} asks the nodes which one is primary now.
 *   <li>When the primary stops, the failover-primary {@code n2} takes over after {@code interval ×
 *       attempts} seconds ({@link Builder#withFailover}). <b>With consensus on, a node that takes
 *       over stays read-only until a secondary connects to it</b>: a write in between fails with
 *       "node is in read-only mode". {@link #awaitWritablePrimary(Duration)} waits for a primary
 *       that takes writes; write after it, not as soon as a node reports primary.
 *   <li>A node started again ({@link NsoSimContainer#start()} after {@link NsoSimContainer#stop()}
 *       or {@link NsoSimContainer#kill()}, which keep its volumes) follows the start-up rules: it
 *       looks for a node that is primary now and joins it as a secondary, even the old nominal
 *       primary; it becomes primary only when no node is. {@link #awaitConnected(NodeId, Duration)}
 *       waits for that.
 * </ul>
 *
 * More, with the environment the module needs: the section "The Testcontainers module" of {@code
 * docs/containers.md} in the nso-ha-upgrade repository.
 *
 * <pre>{@code
 * try (NsoSimCluster c = NsoSimCluster.of(3).withVersion("6.4.4").start()) {
 *   c.node(c.primary()).stop();
 *   NodeId n2 = c.awaitWritablePrimary(Duration.ofSeconds(60));
 *   c.client(n2, "restconf").mergeConfig(...);
 *   c.node(c.primary()).start();                      // n1 comes back ...
 *   c.awaitConnected(n2, Duration.ofSeconds(60));     // ... as n2's secondary
 * }
 * }</pre>
 *
 * <h2>HA Raft</h2>
 *
 * {@link #raft(int)} makes a cluster of 3 to 5 HA Raft members instead, with the same node life
 * cycle: member {@code nK} is named {@code ncsdK@ADDRESS}, every other member is a seed node, the
 * members talk TLS with certificates of a CA made for the cluster, and {@link RaftBuilder#start()}
 * runs {@code ha-raft create-cluster} on {@code n1} and returns when it leads every other member in
 * sync. {@link #awaitRaftLeader(Duration)} waits for a leader (after a stop of the leader the
 * others elect one); a member started again rejoins by itself.
 *
 * <pre>{@code
 * try (NsoSimCluster c = NsoSimCluster.raft(3).start()) {
 *   c.node(c.primary()).stop();                       // n1 led; n2 or n3 takes over
 *   NodeId leader = c.awaitRaftLeader(Duration.ofSeconds(60));
 * }
 * }</pre>
 */
public final class NsoSimCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NsoSimCluster.class);

  private final ClusterSpec spec;
  private final Map<NodeId, NsoSimContainer> nodes;
  private final Duration haTimeout;
  private final List<NodeClient> clients = new ArrayList<>();
  private final Map<NodeId, NodeClient> probes = new LinkedHashMap<>();

  private NsoSimCluster(ClusterSpec spec, Map<NodeId, NsoSimContainer> nodes, Duration haTimeout) {
    this.spec = spec;
    this.nodes = nodes;
    this.haTimeout = haTimeout;
  }

  /** A cluster of {@code size} nodes (2 to 9). */
  public static Builder of(int size) {
    if (size < 2 || size > 9) {
      throw new IllegalArgumentException("an NsoSimCluster has 2 to 9 nodes, not " + size);
    }
    return new Builder(size);
  }

  /** An HA Raft cluster of {@code size} members (3 to 5, as NSO recommends). */
  public static RaftBuilder raft(int size) {
    if (size < 3 || size > 5) {
      throw new IllegalArgumentException(
          "an HA Raft NsoSimCluster has 3 to 5 members, not " + size);
    }
    return new RaftBuilder(size);
  }

  /** How an HA Raft cluster is made; {@link #start()} makes it. */
  public static final class RaftBuilder {
    private final int size;
    private String version = "6.4.4";
    private Duration haTimeout = Duration.ofSeconds(90);
    private String namePrefix;

    private RaftBuilder(int size) {
      this.size = size;
    }

    /** The simulator version every member starts on (default 6.4.4). */
    public RaftBuilder withVersion(String v) {
      this.version = v;
      return this;
    }

    /** Deadline for the cluster to form (default 90 s). */
    public RaftBuilder withHaTimeout(Duration t) {
      this.haTimeout = t;
      return this;
    }

    /** Prefix of the container names (default: {@code nsosim-} and a random part). */
    public RaftBuilder withNamePrefix(String prefix) {
      this.namePrefix = prefix;
      return this;
    }

    /**
     * Starts every member, runs {@code create-cluster} on {@code n1} and waits until it leads every
     * other member in sync.
     */
    public NsoSimCluster start() {
      String prefix =
          namePrefix != null
              ? namePrefix
              : "nsosim-" + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + "-";
      List<String> addresses = FreeAddresses.address(size);
      int[] ports = FreeAddresses.ports(size + 2);
      List<String> members = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        members.add("ncsd" + (i + 1) + "@" + addresses.get(i));
      }
      ClusterSpec spec = ClusterSpec.raft(addresses, members, 0);
      RaftCa ca = new RaftCa("NsoSimCluster HA Raft CA");
      Map<NodeId, NsoSimContainer> nodes = new LinkedHashMap<>();
      for (int i = 0; i < size; i++) {
        ClusterSpec.NodeSpec n = spec.nodes().get(i);
        String base = "ncsd" + (i + 1);
        RaftCa.Issued cert = ca.issue(n.address());
        nodes.put(
            n.id(),
            new NsoSimContainer(version)
                .withNode(n.id())
                .withContainerName(prefix + n.id())
                .withAddress(n.address())
                .withPorts(ports[2 + i], ports[0], ports[1])
                .withCopyToContainer(
                    Transferable.of(raftConf(members, i, base)), "/nso/etc/ncs.conf.d/raft.conf")
                .withCopyToContainer(Transferable.of(ca.certPem()), "/nso/etc/ha-tls/ca.crt")
                .withCopyToContainer(
                    Transferable.of(cert.certPem()), "/nso/etc/ha-tls/" + base + ".crt")
                .withCopyToContainer(
                    Transferable.of(cert.keyPem().getBytes(StandardCharsets.UTF_8), 0600),
                    "/nso/etc/ha-tls/" + base + ".key"));
      }
      NsoSimCluster cluster = new NsoSimCluster(spec, nodes, haTimeout);
      try {
        Startables.deepStart(nodes.values()).join();
        cluster.createRaftCluster();
        return cluster;
      } catch (RuntimeException e) {
        cluster.close();
        throw e;
      }
    }
  }

  /**
   * A member's {@code ncs.conf.d} fragment: rule-based HA off, {@code ha-raft} on with every other
   * member as a seed node (the pre-6.7 form both simulator versions take).
   */
  static String raftConf(List<String> members, int index, String base) {
    StringBuilder seeds = new StringBuilder();
    for (int i = 0; i < members.size(); i++) {
      if (i != index) {
        seeds.append("      <seed-node>").append(members.get(i)).append("</seed-node>\n");
      }
    }
    return "<ncs-config xmlns=\"http://tail-f.com/yang/tailf-ncs-config\">\n"
        + "  <ha><enabled>false</enabled></ha>\n"
        + "  <ha-raft>\n"
        + "    <enabled>true</enabled>\n"
        + "    <cluster-name>nsosimcluster</cluster-name>\n"
        + "    <listen><node-address>"
        + members.get(index)
        + "</node-address></listen>\n"
        + "    <seed-nodes>\n"
        + seeds
        + "    </seed-nodes>\n"
        + "    <ssl>\n"
        + "      <enabled>true</enabled>\n"
        + "      <ca-cert-file>/nso/etc/ha-tls/ca.crt</ca-cert-file>\n"
        + "      <cert-file>/nso/etc/ha-tls/"
        + base
        + ".crt</cert-file>\n"
        + "      <key-file>/nso/etc/ha-tls/"
        + base
        + ".key</key-file>\n"
        + "    </ssl>\n"
        + "  </ha-raft>\n"
        + "</ncs-config>\n";
  }

  private void createRaftCluster() {
    List<String> names = new ArrayList<>();
    spec.nodes().forEach(n -> names.add(spec.memberName(n.id())));
    for (ClusterSpec.NodeSpec n : spec.nodes()) {
      String self = spec.memberName(n.id());
      List<String> others = names.stream().filter(m -> !m.equals(self)).toList();
      NodeClient c = probe(n.id());
      Wait.until(
          "HA Raft role stalled with " + others + " connected",
          n.label(),
          () -> c.raftStatus().orElse(null),
          st ->
              st != null
                  && st.role() == RaftStatus.Role.STALLED
                  && st.connectedNodes().containsAll(others),
          NsoSimCluster::describeRaft,
          haTimeout);
    }
    NodeId first = spec.nodes().get(0).id();
    probe(first).raftCreateCluster(names.subList(1, names.size()));
    awaitRaftInSync(first, haTimeout);
    log.info("HA Raft cluster up: {}", names);
  }

  private static String describeRaft(RaftStatus st) {
    if (st == null) {
      return "no /ha-raft status";
    }
    return "role "
        + st.role().nsoName()
        + st.leader().map(l -> ", leader " + l).orElse("")
        + ", member "
        + st.members()
        + ", connected-node "
        + st.connectedNodes()
        + (st.replications().isEmpty()
            ? ""
            : ", replications "
                + st.replications().stream().map(r -> r.node() + " " + r.state()).toList());
  }

  /**
   * HA Raft: waits until {@code leader} leads with every other member connected and in sync, e.g.
   * after a member was started again.
   *
   * @return its Raft status
   * @throws dev.nsoha.core.error.NsoTimeoutException with the last observed state of {@code leader}
   */
  public RaftStatus awaitRaftInSync(NodeId leader, Duration timeout) {
    int want = spec.nodes().size() - 1;
    NodeClient c = probe(leader);
    return Wait.until(
        leader + " leads " + want + " members in sync",
        spec.node(leader).label(),
        () -> c.raftStatus().orElse(null),
        st ->
            st != null
                && st.role() == RaftStatus.Role.LEADER
                && st.replications().size() == want
                && st.replications().stream().allMatch(RaftStatus.Replication::inSync),
        NsoSimCluster::describeRaft,
        timeout);
  }

  /**
   * HA Raft: waits until exactly one running member says it leads, and returns it. After the leader
   * stops, the others elect a new one within a few tick timeouts. A new leader takes writes once it
   * has applied what was committed before it led, a moment later.
   *
   * @throws dev.nsoha.core.error.NsoTimeoutException naming every member's last observed state
   */
  public NodeId awaitRaftLeader(Duration timeout) {
    Map<NodeId, String> last = new LinkedHashMap<>();
    List<NodeId> found =
        Wait.until(
            "one member leads",
            spec.nodes().stream().map(n -> n.id().value()).toList().toString(),
            () -> {
              last.clear();
              List<NodeId> leaders = new ArrayList<>();
              for (ClusterSpec.NodeSpec n : spec.nodes()) {
                if (!nodes.get(n.id()).isRunning()) {
                  last.put(n.id(), "stopped");
                  continue;
                }
                try {
                  NodeClient c = probe(n.id());
                  RaftStatus st = c.raftStatus().orElse(null);
                  last.put(n.id(), describeRaft(st));
                  if (st != null && st.role() == RaftStatus.Role.LEADER) {
                    leaders.add(n.id());
                  }
                } catch (RuntimeException e) {
                  last.put(n.id(), "no answer (" + e.getMessage() + ")");
                }
              }
              return leaders;
            },
            l -> l.size() == 1,
            l -> describe(last),
            timeout);
    return found.get(0);
  }

  /** HA Raft: one member's {@code /ha-raft/status}, read now; empty when Raft is not enabled. */
  public Optional<RaftStatus> raftStatus(NodeId id) {
    return probe(id).raftStatus();
  }

  /** How the cluster is made; {@link #start()} makes it. */
  public static final class Builder {
    private final int size;
    private String version = "6.4.4";
    private int reconnectInterval = 1;
    private int reconnectAttempts = 3;
    private Duration haTimeout = Duration.ofSeconds(90);
    private String namePrefix;
    private int dummies;

    private Builder(int size) {
      this.size = size;
    }

    /** The simulator version every node starts on (default 6.4.4). */
    public Builder withVersion(String v) {
      this.version = v;
      return this;
    }

    /**
     * HA failover timing: the secondaries promote the failover-primary after {@code interval} ×
     * {@code attempts} seconds without the primary (default 1 × 3; NSO's example uses 10 × 6).
     */
    public Builder withFailover(int interval, int attempts) {
      this.reconnectInterval = interval;
      this.reconnectAttempts = attempts;
      return this;
    }

    /** Deadline for HA to form (default 90 s). */
    public Builder withHaTimeout(Duration t) {
      this.haTimeout = t;
      return this;
    }

    /** Prefix of the container names (default: {@code nsosim-} and a random part). */
    public Builder withNamePrefix(String prefix) {
      this.namePrefix = prefix;
      return this;
    }

    /**
     * Loads {@code n} dummy entries ({@code bulk-1} ... {@code bulk-<n>}, each with an address)
     * into the primary at its first start, from a file in its {@code ncs-cdb/} written one entry at
     * a time; the secondaries get them with the full copy when they join. For tests against a
     * loaded cluster: 100,000 entries make about 6 MB of XML. Default 0.
     */
    public Builder withDummies(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("a number of entries is not negative: " + n);
      }
      this.dummies = n;
      return this;
    }

    /** Starts every node, enables HA and waits until every secondary is connected. */
    public NsoSimCluster start() {
      String prefix =
          namePrefix != null
              ? namePrefix
              : "nsosim-" + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + "-";
      List<String> addresses = FreeAddresses.address(size);
      int[] ports = FreeAddresses.ports(size + 2);
      List<ClusterSpec.NodeSpec> specs = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        specs.add(
            new ClusterSpec.NodeSpec(
                NodeId.of("n" + (i + 1)),
                addresses.get(i),
                i == 0 ? HaMode.PRIMARY : HaMode.SECONDARY,
                i == 1));
      }
      ClusterSpec spec = new ClusterSpec(specs);
      byte[] t = new byte[16];
      ThreadLocalRandom.current().nextBytes(t);
      String init =
          HaInit.xml(spec, HexFormat.of().formatHex(t), reconnectInterval, reconnectAttempts);
      Map<NodeId, NsoSimContainer> nodes = new LinkedHashMap<>();
      for (int i = 0; i < size; i++) {
        ClusterSpec.NodeSpec n = specs.get(i);
        NsoSimContainer c =
            new NsoSimContainer(version)
                .withNode(n.id())
                .withContainerName(prefix + n.id())
                .withAddress(n.address())
                .withPorts(ports[2 + i], ports[0], ports[1])
                .withCdbInit("ha-init.xml", init);
        if (i == 0 && dummies > 0) {
          c.withCopyFileToContainer(
              MountableFile.forHostPath(dummiesFile(dummies)), "/nso/run/ncs-cdb/dummies.xml");
        }
        nodes.put(n.id(), c);
      }
      NsoSimCluster cluster = new NsoSimCluster(spec, nodes, haTimeout);
      try {
        Startables.deepStart(nodes.values()).join();
        cluster.enableHa();
        return cluster;
      } catch (RuntimeException e) {
        cluster.close();
        throw e;
      }
    }
  }

  /** The name of bulk entry {@code i} of {@link Builder#withDummies} (1-based). */
  public static String bulkName(int i) {
    return "bulk-" + i;
  }

  /** The address of bulk entry {@code i}. */
  public static String bulkAddress(int i) {
    return "10." + ((i >> 16) & 0xff) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff);
  }

  private static Path dummiesFile(int n) {
    try {
      Path f = Files.createTempFile("nsosim-dummies-", ".xml");
      f.toFile().deleteOnExit();
      try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
        w.write("<config xmlns=\"http://tail-f.com/ns/config/1.0\">\n");
        w.write("  <dummies xmlns=\"http://com/example/dummy\">\n");
        for (int i = 1; i <= n; i++) {
          w.write("    <dummy><name>" + bulkName(i) + "</name><dummy>" + bulkAddress(i));
          w.write("</dummy></dummy>\n");
        }
        w.write("  </dummies>\n</config>\n");
      }
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the dummy entries: " + e.getMessage(), e);
    }
  }

  private void enableHa() {
    for (ClusterSpec.NodeSpec n : spec.nodes()) {
      probe(n.id()).enableHa();
    }
    awaitConnected(primary(), haTimeout);
    log.info("HA cluster up: {}", spec.describe());
  }

  /**
   * Waits until {@code primary} is primary with every other node connected to it as a secondary,
   * e.g. after a stopped node was started again. Every node must be running.
   *
   * @return its status
   * @throws dev.nsoha.core.error.NsoTimeoutException with the last observed state of {@code
   *     primary}
   */
  public HaStatus awaitConnected(NodeId primary, Duration timeout) {
    int want = spec.nodes().size() - 1;
    NodeClient c = probe(primary);
    return Wait.until(
        primary + " is primary with " + want + " connected secondaries",
        spec.node(primary).label(),
        c::haStatus,
        st -> st.isPrimary() && st.connectedSecondaries().size() == want,
        HaStatus::summary,
        timeout);
  }

  /**
   * The node that is primary now, asked of every running node; empty when none is (during a
   * failover). Stopped nodes are not asked.
   *
   * @throws IllegalStateException when more than one node says it is primary
   */
  public Optional<NodeId> currentPrimary() {
    Map<NodeId, String> states = new LinkedHashMap<>();
    List<NodeId> primaries = primaries(states);
    if (primaries.size() > 1) {
      throw new IllegalStateException(
          "more than one node is primary: " + primaries + "; states: " + describe(states));
    }
    return primaries.stream().findFirst();
  }

  /**
   * Waits until exactly one running node is primary and takes writes (not read-only), and returns
   * it. After a failover, the node that took over is read-only until a secondary connects to it
   * (consensus), so this is the wait to use before writing on the new primary.
   *
   * @throws dev.nsoha.core.error.NsoTimeoutException naming every node's last observed state
   */
  public NodeId awaitWritablePrimary(Duration timeout) {
    Map<NodeId, String> last = new LinkedHashMap<>();
    Map<NodeId, HaStatus> seen = new LinkedHashMap<>();
    List<NodeId> found =
        Wait.until(
            "one node is primary and writable",
            spec.nodes().stream().map(n -> n.id().value()).toList().toString(),
            () -> {
              last.clear();
              seen.clear();
              return primaries(last, seen);
            },
            p -> p.size() == 1 && !seen.get(p.get(0)).readOnly(),
            p -> describe(last),
            timeout);
    return found.get(0);
  }

  /** One node's HA status, read now over RESTCONF. */
  public HaStatus haStatus(NodeId id) {
    return probe(id).haStatus();
  }

  private List<NodeId> primaries(Map<NodeId, String> states) {
    return primaries(states, new LinkedHashMap<>());
  }

  private List<NodeId> primaries(Map<NodeId, String> states, Map<NodeId, HaStatus> seen) {
    List<NodeId> out = new ArrayList<>();
    for (ClusterSpec.NodeSpec n : spec.nodes()) {
      if (!nodes.get(n.id()).isRunning()) {
        states.put(n.id(), "stopped");
        continue;
      }
      try {
        HaStatus st = probe(n.id()).haStatus();
        seen.put(n.id(), st);
        states.put(n.id(), st.summary());
        if (st.isPrimary()) {
          out.add(n.id());
        }
      } catch (RuntimeException e) {
        states.put(n.id(), "no answer (" + e.getMessage() + ")");
      }
    }
    return out;
  }

  private static String describe(Map<NodeId, String> states) {
    StringBuilder sb = new StringBuilder();
    states.forEach(
        (id, st) -> sb.append(sb.length() == 0 ? "" : "; ").append(id).append(": ").append(st));
    return sb.toString();
  }

  private synchronized NodeClient probe(NodeId id) {
    return probes.computeIfAbsent(id, n -> client(n, "restconf"));
  }

  /** The cluster: node ids, addresses, nominal roles. */
  public ClusterSpec spec() {
    return spec;
  }

  /**
   * The nominal primary, {@code n1}, whatever role it holds now (after a failover it is not the
   * primary); for the node that is primary now, see {@link #currentPrimary()}.
   */
  public NodeId primary() {
    return spec.primary().id();
  }

  /** The failover-primary, {@code n2}: the node that takes over when the primary is lost. */
  public NodeId failoverPrimary() {
    return spec.failoverPrimary().id();
  }

  /** Every node's container, in order. */
  public List<NsoSimContainer> nodes() {
    return List.copyOf(nodes.values());
  }

  /**
   * One node's container: {@link NsoSimContainer#stop()}, {@link NsoSimContainer#kill()} and {@link
   * NsoSimContainer#start()} it to test failover.
   */
  public NsoSimContainer node(NodeId id) {
    NsoSimContainer c = nodes.get(id);
    if (c == null) {
      throw new IllegalArgumentException("no node " + id + " in " + spec.describe());
    }
    return c;
  }

  /**
   * A client of one node over {@code transport} ({@code cli} or {@code restconf}), closed with the
   * cluster.
   */
  public synchronized NodeClient client(NodeId id, String transport) {
    NodeClient c = node(id).client(transport);
    clients.add(c);
    return c;
  }

  /** The client factory of {@code transport}, for code that makes its own clients. */
  public NodeClient.Factory factory(String transport) {
    return NsoSimContainer.factory(transport);
  }

  /** Removes every node's container and volumes. */
  @Override
  public synchronized void close() {
    for (NodeClient c : clients) {
      try {
        c.close();
      } catch (RuntimeException e) {
        log.debug("closing a client: {}", e.toString());
      }
    }
    clients.clear();
    probes.clear();
    for (NsoSimContainer n : nodes.values()) {
      try {
        n.close();
      } catch (RuntimeException e) {
        log.warn(
            "{}: cannot remove the container or its volumes: {}", n.containerName(), e.toString());
      }
    }
  }
}
