package dev.nsoha.core.plan;

import dev.nsoha.core.digest.ConfigDigester;
import dev.nsoha.core.digest.ConfigEvents;
import dev.nsoha.core.digest.ConfigFingerprint;
import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.model.RaftStatus;
import dev.nsoha.core.spi.NodeClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One picture of the cluster: every node's HA status, NSO version, packages and, when asked for,
 * its configuration fingerprint, read once per observation. What the runner reports after each
 * step, what postconditions and final checks read, and what the verification and the reports print.
 *
 * @param at when the observation started
 * @param nodes one snapshot per node, in cluster order
 */
public record ClusterSnapshot(Instant at, Map<NodeId, NodeSnapshot> nodes) {
  /**
   * The HA subtree differs per node only in ways that do not matter for "nothing lost", and an
   * upgrade itself changes it, so the fingerprint leaves it out.
   */
  public static final String HA_TREE = "tailf-ncs:high-availability";

  public ClusterSnapshot {
    Objects.requireNonNull(at, "at");
    nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
  }

  /**
   * What one node showed. A node that could not be read has {@link #error()} and whatever was read
   * before the failure.
   *
   * @param node the node
   * @param version its NSO version, when read
   * @param ha its HA status, when read
   * @param packages its loaded packages, when read
   * @param configFingerprint the fingerprint of its running configuration without the HA tree, when
   *     asked for and read
   * @param error why the node could not be (fully) read
   * @param raft its HA Raft status, when the node runs HA Raft
   */
  public record NodeSnapshot(
      NodeId node,
      Optional<NsoVersion> version,
      Optional<HaStatus> ha,
      Optional<List<PackageStatus>> packages,
      Optional<String> configFingerprint,
      Optional<String> error,
      Optional<RaftStatus> raft) {
    public NodeSnapshot {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(ha, "ha");
      packages = packages.map(List::copyOf);
      Objects.requireNonNull(configFingerprint, "configFingerprint");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(raft, "raft");
    }

    /** A node without HA Raft. */
    public NodeSnapshot(
        NodeId node,
        Optional<NsoVersion> version,
        Optional<HaStatus> ha,
        Optional<List<PackageStatus>> packages,
        Optional<String> configFingerprint,
        Optional<String> error) {
      this(node, version, ha, packages, configFingerprint, error, Optional.empty());
    }

    /** A node that could not be read at all. */
    public static NodeSnapshot unreachable(NodeId node, String error) {
      return new NodeSnapshot(
          node,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.of(error));
    }

    /** Whether every part that was asked for was read. */
    public boolean reachable() {
      return error.isEmpty();
    }

    /** Whether the node runs the release of {@code target} (same major.minor.maintenance). */
    public boolean runs(NsoVersion target) {
      return version.map(v -> v.sameRelease(target)).orElse(false);
    }

    /** Whether packages were read and every one is up. */
    public boolean packagesUp() {
      return packages.map(p -> p.stream().allMatch(PackageStatus::isUp)).orElse(false);
    }

    public boolean isPrimary() {
      return ha.map(HaStatus::isPrimary).orElse(false);
    }

    /**
     * {@code NSO 6.5.1, enabled primary rw secondaries=[n2,n3]}, or {@code not readable: ...} when
     * nothing could be read.
     */
    public String summary() {
      if (version.isEmpty() || ha.isEmpty()) {
        return "not readable: " + error.orElse("no state read");
      }
      if (raft.isPresent()) {
        return "NSO " + version.get() + ", HA Raft " + raft.get().summary();
      }
      return "NSO " + version.get() + ", " + ha.get().summary();
    }

    /** {@code [dummy-1.0, inert-1.0 DOWN (error: ...)]}, or {@code unknown}. */
    public String packagesSummary() {
      return packages
          .map(
              ps ->
                  ps.stream()
                      .map(
                          x ->
                              x.name()
                                  + "-"
                                  + x.version()
                                  + (x.isUp()
                                      ? ""
                                      : " DOWN ("
                                          + x.operStatus()
                                          + x.errorInfo().map(i -> ": " + i).orElse("")
                                          + ")"))
                      .collect(Collectors.joining(", ", "[", "]")))
          .orElse("unknown");
    }
  }

  /**
   * Reads every node of {@code cluster}: version, HA status and packages, plus the configuration
   * fingerprint when {@code withConfig}, all nodes at the same time. A node that cannot be read is
   * recorded with its error; this never throws for a node's failure.
   */
  public static ClusterSnapshot observe(ClusterAccess cluster, boolean withConfig) {
    return observe(cluster, withConfig ? FINGERPRINT_ONLY : null);
  }

  /**
   * Where a node's configuration streams during an observation: a {@link ConfigDigester} that
   * passes every leaf to {@code fingerprint}, and may do more in the same pass (a containment
   * check).
   */
  @FunctionalInterface
  public interface ConfigTap {
    ConfigEvents events(NodeId node, ConfigDigester.LeafListener fingerprint);
  }

  /** The configuration streams into its fingerprint only. */
  public static final ConfigTap FINGERPRINT_ONLY =
      (node, fp) -> new ConfigDigester(r -> {}, Set.of(HA_TREE), fp);

  /**
   * As {@link #observe(ClusterAccess, boolean)}; each node's configuration is streamed once, into
   * what {@code tap} gives for it (null: the configuration is not read).
   */
  public static ClusterSnapshot observe(ClusterAccess cluster, ConfigTap tap) {
    Instant at = Instant.now();
    List<NodeId> ids = cluster.spec().ids();
    Map<NodeId, NodeSnapshot> read = new ConcurrentHashMap<>();
    Parallel.forEach(ids, 0, id -> read.put(id, observeNode(id, cluster.client(id), tap)));
    Map<NodeId, NodeSnapshot> nodes = new LinkedHashMap<>();
    ids.forEach(id -> nodes.put(id, read.get(id)));
    return new ClusterSnapshot(at, nodes);
  }

  /** One node's snapshot; never throws for the node's failure. */
  public static NodeSnapshot observeNode(NodeId id, NodeClient client, boolean withConfig) {
    return observeNode(id, client, withConfig ? FINGERPRINT_ONLY : null);
  }

  /**
   * One node's snapshot, its configuration streamed into what {@code tap} gives (null: not read);
   * never throws for the node's failure.
   */
  public static NodeSnapshot observeNode(NodeId id, NodeClient client, ConfigTap tap) {
    Optional<NsoVersion> version = Optional.empty();
    Optional<HaStatus> ha = Optional.empty();
    Optional<List<PackageStatus>> packages = Optional.empty();
    Optional<String> fingerprint = Optional.empty();
    Optional<RaftStatus> raft = Optional.empty();
    try {
      version = Optional.of(client.version());
      ha = Optional.of(client.haStatus());
      if (!ha.get().enabled()) {
        raft = client.raftStatus();
      }
      packages = Optional.of(client.packages());
      if (tap != null) {
        ConfigFingerprint fp = new ConfigFingerprint();
        client.streamRunningConfig(tap.events(id, fp));
        fingerprint = Optional.of(fp.hex());
      }
      return new NodeSnapshot(id, version, ha, packages, fingerprint, Optional.empty(), raft);
    } catch (NsoException e) {
      return new NodeSnapshot(
          id, version, ha, packages, fingerprint, Optional.of(e.detail()), raft);
    }
  }

  /**
   * The running configuration without the HA tree, fingerprinted as {@link #observe} does while
   * streaming it ({@link ConfigFingerprint}).
   */
  public static String fingerprint(DataTree running) {
    ConfigFingerprint fp = new ConfigFingerprint();
    ConfigEvents.walk(running, FINGERPRINT_ONLY.events(NodeId.of("n"), fp));
    return fp.hex();
  }

  /** An observation of no node, for a run that observed nothing yet. */
  public static ClusterSnapshot empty() {
    return new ClusterSnapshot(Instant.EPOCH, Map.of());
  }

  /** The snapshot of {@code id}. */
  public NodeSnapshot node(NodeId id) {
    NodeSnapshot n = nodes.get(id);
    if (n == null) {
      throw new IllegalArgumentException("no node " + id + " in this snapshot");
    }
    return n;
  }

  /** {@code n2 NSO 6.4.4, enabled primary ro secondaries=[]}. */
  public String describe(NodeId id) {
    return id + " " + node(id).summary();
  }

  /** Every node's one-line summary, in cluster order. */
  public Map<NodeId, String> summaries() {
    Map<NodeId, String> out = new LinkedHashMap<>();
    nodes.forEach((id, n) -> out.put(id, n.summary()));
    return out;
  }

  /** The ids of the nodes whose HA mode is primary. */
  public List<NodeId> primaries() {
    List<NodeId> out = new ArrayList<>();
    nodes.forEach(
        (id, n) -> {
          if (n.isPrimary()) {
            out.add(id);
          }
        });
    return out;
  }

  /**
   * The node as a JSON-ready map: {@code summary}, {@code reachable}, {@code version}, {@code ha}
   * (enabled, mode, assignedRole, readOnly, primaryId, connectedSecondaries), {@code packages}
   * (name, version, up), {@code configFingerprint} when read, and {@code error}.
   */
  public static Map<String, Object> toMap(NodeSnapshot n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("summary", n.summary());
    m.put("reachable", n.reachable());
    m.put("version", n.version().map(NsoVersion::text).orElse(null));
    m.put(
        "ha",
        n.ha()
            .map(
                h -> {
                  Map<String, Object> hm = new LinkedHashMap<>();
                  hm.put("enabled", h.enabled());
                  hm.put("mode", h.mode().nsoName());
                  hm.put("assignedRole", h.assignedRole().nsoName());
                  hm.put("readOnly", h.readOnly());
                  hm.put("primaryId", h.primaryId().map(NodeId::value).orElse(null));
                  hm.put(
                      "connectedSecondaries",
                      h.connectedSecondaries().stream().map(s -> s.id().value()).toList());
                  return (Object) hm;
                })
            .orElse(null));
    m.put(
        "packages",
        n.packages()
            .map(
                ps ->
                    (Object)
                        ps.stream()
                            .map(
                                p -> {
                                  Map<String, Object> pm = new LinkedHashMap<>();
                                  pm.put("name", p.name());
                                  pm.put("version", p.version());
                                  pm.put("up", p.isUp());
                                  return pm;
                                })
                            .toList())
            .orElse(null));
    n.raft()
        .ifPresent(
            r -> {
              Map<String, Object> rm = new LinkedHashMap<>();
              rm.put("role", r.role().nsoName());
              rm.put("leader", r.leader().orElse(null));
              rm.put("localNode", r.localNode());
              rm.put("members", r.members());
              rm.put("connectedNodes", r.connectedNodes());
              rm.put(
                  "replications",
                  r.replications().stream()
                      .map(
                          x -> {
                            Map<String, Object> xm = new LinkedHashMap<>();
                            xm.put("node", x.node());
                            xm.put("state", x.state());
                            xm.put("lag", x.lag());
                            return xm;
                          })
                      .toList());
              m.put("raft", rm);
            });
    n.configFingerprint().ifPresent(f -> m.put("configFingerprint", f));
    m.put("error", n.error().orElse(null));
    return m;
  }

  /** Every node as {@link #toMap(NodeSnapshot)}, keyed by node id. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    nodes.forEach((id, n) -> m.put(id.value(), toMap(n)));
    return m;
  }
}
