package dev.nsoha.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cluster an upgrade acts on: its nodes with their addresses and nominal roles.
 *
 * <p>A rule-based cluster ({@link #raft()} empty): exactly one node is the nominal primary, exactly
 * one nominal secondary is the failover-primary, and any other nodes are plain secondaries.
 *
 * <p>An HA Raft cluster ({@link #raft()} present): every node is a member with an NSO node name
 * ({@code ncsd1@127.0.1.1}); the nominal primary is the member meant to lead after an upgrade, the
 * others are nominal secondaries, and there is no failover-primary. {@link NodeSpec#address()} is
 * the northbound address the transports use; the member name carries the Raft address.
 *
 * @param nodes the nodes, in order
 * @param raft the Raft membership, for an HA Raft cluster
 */
public record ClusterSpec(List<NodeSpec> nodes, Optional<RaftMembers> raft) {

  /**
   * The members of an HA Raft cluster by node id.
   *
   * @param names each node's NSO node name, {@code ncsd1@127.0.1.1}, in the cluster's node order
   */
  public record RaftMembers(Map<NodeId, String> names) {
    public RaftMembers {
      names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
      if (new HashSet<>(names.values()).size() != names.size()) {
        throw new IllegalArgumentException("two Raft members share a node name: " + names);
      }
    }
  }

  /** A rule-based cluster. */
  public ClusterSpec(List<NodeSpec> nodes) {
    this(nodes, Optional.empty());
  }

  /**
   * One node of the cluster.
   *
   * @param id its HA node id
   * @param address its northbound address
   * @param nominalRole primary or secondary
   * @param failoverPrimary whether it is the secondary that takes over when the primary fails
   */
  public record NodeSpec(NodeId id, String address, HaMode nominalRole, boolean failoverPrimary) {
    public NodeSpec {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(nominalRole, "nominalRole");
      if (nominalRole == HaMode.NONE) {
        throw new IllegalArgumentException(
            "node " + id + ": nominal role must be primary or secondary");
      }
      if (failoverPrimary && nominalRole != HaMode.SECONDARY) {
        throw new IllegalArgumentException(
            "node " + id + ": only a nominal secondary can be the failover-primary");
      }
    }

    /** {@code n1 (127.0.1.1)}. */
    public String label() {
      return id + " (" + address + ")";
    }
  }

  public ClusterSpec {
    nodes = List.copyOf(nodes);
    Objects.requireNonNull(raft, "raft");
    Set<NodeId> ids = new HashSet<>();
    Set<String> addresses = new HashSet<>();
    for (NodeSpec n : nodes) {
      if (!ids.add(n.id())) {
        throw new IllegalArgumentException("node id " + n.id() + " appears twice");
      }
      if (!addresses.add(n.address())) {
        throw new IllegalArgumentException(
            "address " + n.address() + " is given to two nodes; every node needs its own");
      }
    }
    long primaries = nodes.stream().filter(n -> n.nominalRole() == HaMode.PRIMARY).count();
    long failovers = nodes.stream().filter(NodeSpec::failoverPrimary).count();
    if (primaries != 1) {
      throw new IllegalArgumentException(
          "a cluster needs exactly one nominal primary, found " + primaries);
    }
    if (raft.isPresent()) {
      if (failovers != 0) {
        throw new IllegalArgumentException("an HA Raft cluster has no failover-primary");
      }
      if (nodes.size() < 3 || nodes.size() > 5) {
        throw new IllegalArgumentException(
            "an HA Raft cluster has 3 to 5 members, got " + nodes.size());
      }
      for (NodeSpec n : nodes) {
        if (!raft.get().names().containsKey(n.id())) {
          throw new IllegalArgumentException("node " + n.id() + " has no Raft member name");
        }
      }
      if (raft.get().names().size() != nodes.size()) {
        throw new IllegalArgumentException(
            "Raft member names " + raft.get().names().keySet() + " do not match the nodes " + ids);
      }
    } else if (failovers != 1) {
      throw new IllegalArgumentException(
          "a cluster needs exactly one failover-primary secondary, found " + failovers);
    }
  }

  /**
   * An HA Raft cluster: {@code leader} is the member meant to lead after an upgrade.
   *
   * @param addresses each node's northbound address, node k is {@code n<k>}
   * @param memberNames each node's NSO node name, in the same order
   * @param leader the index in those lists of the member meant to lead
   */
  public static ClusterSpec raft(List<String> addresses, List<String> memberNames, int leader) {
    if (addresses.size() != memberNames.size()) {
      throw new IllegalArgumentException(
          addresses.size() + " addresses but " + memberNames.size() + " member names");
    }
    List<NodeSpec> nodes = new ArrayList<>();
    Map<NodeId, String> names = new LinkedHashMap<>();
    for (int i = 0; i < addresses.size(); i++) {
      NodeId id = NodeId.of("n" + (i + 1));
      nodes.add(
          new NodeSpec(
              id, addresses.get(i), i == leader ? HaMode.PRIMARY : HaMode.SECONDARY, false));
      names.put(id, memberNames.get(i));
    }
    return new ClusterSpec(nodes, Optional.of(new RaftMembers(names)));
  }

  /** Which HA mechanism this cluster description is for. */
  public HaFlavour flavour() {
    return raft.isPresent() ? HaFlavour.RAFT : HaFlavour.RULE_BASED;
  }

  /** A Raft member's NSO node name. */
  public String memberName(NodeId id) {
    return raft.map(r -> r.names().get(id))
        .orElseThrow(() -> new IllegalStateException("not an HA Raft cluster: no member " + id));
  }

  /** The node with the member name {@code name} (with or without a {@code :port}), if any. */
  public Optional<NodeSpec> byMemberName(String name) {
    if (raft.isEmpty()) {
      return Optional.empty();
    }
    String bare = stripPort(name);
    return nodes.stream()
        .filter(n -> stripPort(raft.get().names().get(n.id())).equals(bare))
        .findFirst();
  }

  private static String stripPort(String name) {
    int at = name.indexOf('@');
    int colon = name.lastIndexOf(':');
    return colon > at && name.indexOf(':', at + 1) == colon ? name.substring(0, colon) : name;
  }

  /**
   * The NSO example's cluster: n1 primary, n2 failover-primary, n3 secondary, at the given
   * addresses.
   */
  public static ClusterSpec example(String a, String b, String c) {
    return new ClusterSpec(
        List.of(
            new NodeSpec(NodeId.of("n1"), a, HaMode.PRIMARY, false),
            new NodeSpec(NodeId.of("n2"), b, HaMode.SECONDARY, true),
            new NodeSpec(NodeId.of("n3"), c, HaMode.SECONDARY, false)));
  }

  /**
   * The example's layout for any number of nodes (at least two): n1 primary at the first address,
   * n2 failover-primary, n3 and later plain secondaries.
   */
  public static ClusterSpec example(List<String> addresses) {
    if (addresses.size() < 2) {
      throw new IllegalArgumentException(
          "a cluster needs at least two nodes (a primary and a failover-primary), got "
              + addresses.size());
    }
    List<NodeSpec> nodes = new ArrayList<>();
    for (int i = 0; i < addresses.size(); i++) {
      nodes.add(
          new NodeSpec(
              NodeId.of("n" + (i + 1)),
              addresses.get(i),
              i == 0 ? HaMode.PRIMARY : HaMode.SECONDARY,
              i == 1));
    }
    return new ClusterSpec(nodes);
  }

  /** The example's default addresses 127.0.1.1, 127.0.2.1 and 127.0.3.1. */
  public static ClusterSpec example() {
    return example("127.0.1.1", "127.0.2.1", "127.0.3.1");
  }

  public NodeSpec primary() {
    return nodes.stream().filter(n -> n.nominalRole() == HaMode.PRIMARY).findFirst().orElseThrow();
  }

  /** Rule-based only. */
  public NodeSpec failoverPrimary() {
    return nodes.stream().filter(NodeSpec::failoverPrimary).findFirst().orElseThrow();
  }

  /** Secondaries that are not the failover-primary, in the order given. */
  public List<NodeSpec> plainSecondaries() {
    return nodes.stream()
        .filter(n -> n.nominalRole() == HaMode.SECONDARY && !n.failoverPrimary())
        .toList();
  }

  /** All secondaries: the failover-primary first, then the plain ones. */
  public List<NodeSpec> secondaries() {
    List<NodeSpec> out = new ArrayList<>();
    out.add(failoverPrimary());
    out.addAll(plainSecondaries());
    return out;
  }

  public NodeSpec node(NodeId id) {
    return nodes.stream()
        .filter(n -> n.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node " + id + " in the cluster"));
  }

  public List<NodeId> ids() {
    return nodes.stream().map(NodeSpec::id).toList();
  }

  /** {@code n1 primary, n2 failover-primary, n3 secondary}. */
  public String describe() {
    if (raft.isPresent()) {
      return nodes.stream()
          .map(
              n ->
                  n.id()
                      + " "
                      + raft.get().names().get(n.id())
                      + (n.nominalRole() == HaMode.PRIMARY ? " (to lead)" : "")
                      + " "
                      + n.address())
          .collect(Collectors.joining(", "));
    }
    return nodes.stream()
        .map(
            n ->
                n.id()
                    + " "
                    + (n.failoverPrimary() ? "failover-primary" : n.nominalRole().nsoName())
                    + " "
                    + n.address())
        .collect(Collectors.joining(", "));
  }
}
