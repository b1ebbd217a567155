package dev.nsoha.core.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cluster an upgrade acts on: its nodes with their addresses and nominal roles. Exactly one
 * node is the nominal primary, exactly one nominal secondary is the failover-primary, and any other
 * nodes are plain secondaries.
 */
public record ClusterSpec(List<NodeSpec> nodes) {

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
    if (failovers != 1) {
      throw new IllegalArgumentException(
          "a cluster needs exactly one failover-primary secondary, found " + failovers);
    }
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
