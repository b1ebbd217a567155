package dev.nsoha.testcontainers;

import dev.nsoha.container.HaInit;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.Wait;
import dev.nsoha.core.spi.NodeClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.lifecycle.Startables;

/**
 * A rule-based HA cluster of 2 to 9 simulated NSO nodes in containers, set up as NSO's upgrade
 * example sets up its three: {@code n1} nominal primary, {@code n2} nominal secondary and
 * failover-primary, {@code n3..} secondaries; start-up rules on (assume the nominal role, join HA);
 * the {@code dummy-1.0} package on every node; a token of its own, so that clusters on one machine
 * never join each other. {@link Builder#start()} returns when the primary has every secondary
 * connected.
 *
 * <pre>{@code
 * try (NsoSimCluster c = NsoSimCluster.of(3).withVersion("6.4.4").start()) {
 *   NodeClient primary = c.client(c.primary(), "restconf");
 *   ...
 * }
 * }</pre>
 *
 * Clients handed out by {@link #client} are closed with the cluster.
 */
public final class NsoSimCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NsoSimCluster.class);

  private final ClusterSpec spec;
  private final Map<NodeId, NsoSimContainer> nodes;
  private final Duration haTimeout;
  private final List<NodeClient> clients = new ArrayList<>();

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

  /** How the cluster is made; {@link #start()} makes it. */
  public static final class Builder {
    private final int size;
    private String version = "6.4.4";
    private int reconnectInterval = 1;
    private int reconnectAttempts = 3;
    private Duration haTimeout = Duration.ofSeconds(90);
    private String namePrefix;

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
        nodes.put(
            n.id(),
            new NsoSimContainer(version)
                .withNode(n.id())
                .withContainerName(prefix + n.id())
                .withAddress(n.address())
                .withPorts(ports[2 + i], ports[0], ports[1])
                .withCdbInit("ha-init.xml", init));
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

  private void enableHa() {
    for (ClusterSpec.NodeSpec n : spec.nodes()) {
      client(n.id(), "restconf").enableHa();
    }
    awaitConnected(primary(), haTimeout);
    log.info("HA cluster up: {}", spec.describe());
  }

  /**
   * Waits until {@code primary} is primary with every other node connected to it.
   *
   * @return its status
   */
  public HaStatus awaitConnected(NodeId primary, Duration timeout) {
    int want = spec.nodes().size() - 1;
    NodeClient c = client(primary, "restconf");
    return Wait.until(
        primary + " is primary with " + want + " connected secondaries",
        spec.node(primary).label(),
        c::haStatus,
        st -> st.isPrimary() && st.connectedSecondaries().size() == want,
        HaStatus::summary,
        timeout);
  }

  /** The cluster: node ids, addresses, nominal roles. */
  public ClusterSpec spec() {
    return spec;
  }

  /** The nominal primary, {@code n1}. */
  public NodeId primary() {
    return spec.primary().id();
  }

  /** The failover-primary, {@code n2}. */
  public NodeId failoverPrimary() {
    return spec.failoverPrimary().id();
  }

  /** Every node's container, in order. */
  public List<NsoSimContainer> nodes() {
    return List.copyOf(nodes.values());
  }

  /** One node's container. */
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

  /** Stops and removes every node's container and volumes. */
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
    for (NsoSimContainer n : nodes.values()) {
      n.stop();
    }
  }
}
