package dev.nsoha.scenarios.flow;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.RaftStatus;
import dev.nsoha.core.plan.Wait;
import dev.nsoha.core.spi.NodeClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The HA Raft part of the example's set-up, as NSO's Raft example does it: once every node runs
 * with its {@code ha-raft} configuration, wait until each is {@code stalled} with its seed nodes
 * connected, run {@code ha-raft create-cluster member [ ... ]} on node 1 with the others, and wait
 * until node 1 leads and every other node follows it with the whole membership. Everything goes
 * through the chosen transport's node clients.
 */
public final class RaftSetup {
  private final ClusterSpec spec;
  private final List<String> members;
  private final Function<ClusterSpec.NodeSpec, NodeClient> clients;
  private final PrintWriter out;

  /**
   * @param members the members' names in node order ({@link ExampleFlow#raftMembers()})
   * @param clients each node's client (owned by the caller)
   */
  public RaftSetup(
      ClusterSpec spec,
      List<String> members,
      Function<ClusterSpec.NodeSpec, NodeClient> clients,
      PrintWriter out) {
    this.spec = spec;
    this.members = List.copyOf(members);
    this.clients = clients;
    this.out = out;
  }

  private static String summary(Optional<RaftStatus> s) {
    return s.map(RaftStatus::summary).orElse("no HA Raft status");
  }

  /** Waits until every node is {@code stalled} and connected to all other members (its seeds). */
  public void awaitStalled(Duration timeout) {
    List<ClusterSpec.NodeSpec> nodes = spec.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      ClusterSpec.NodeSpec n = nodes.get(i);
      Set<String> seeds = new HashSet<>(members);
      seeds.remove(members.get(i));
      NodeClient c = clients.apply(n);
      Optional<RaftStatus> st =
          Wait.until(
              "HA Raft role stalled with seed nodes " + seeds + " connected",
              n.label(),
              c::raftStatus,
              s ->
                  s.isPresent()
                      && s.get().role() == RaftStatus.Role.STALLED
                      && s.get().connectedNodes().containsAll(seeds),
              RaftSetup::summary,
              timeout);
      out.printf("%s %s: %s%n", n.id(), members.get(i), summary(st));
    }
    out.flush();
  }

  /** {@code ha-raft create-cluster} on node 1; waits for the leader and its followers. */
  public void createCluster(Duration timeout) {
    List<ClusterSpec.NodeSpec> nodes = spec.nodes();
    String leader = members.get(0);
    List<String> others = members.subList(1, members.size());
    out.printf(
        "%s: ha-raft create-cluster member [ %s ]%n", nodes.get(0).id(), String.join(" ", others));
    out.flush();
    clients.apply(nodes.get(0)).raftCreateCluster(others);
    for (int i = 0; i < nodes.size(); i++) {
      ClusterSpec.NodeSpec n = nodes.get(i);
      RaftStatus.Role want = i == 0 ? RaftStatus.Role.LEADER : RaftStatus.Role.FOLLOWER;
      NodeClient c = clients.apply(n);
      Optional<RaftStatus> st =
          Wait.until(
              "HA Raft role "
                  + want.nsoName()
                  + " with leader "
                  + leader
                  + " and members "
                  + members,
              n.label(),
              c::raftStatus,
              s ->
                  s.isPresent()
                      && s.get().role() == want
                      && s.get().leader().map(l -> RaftStatus.sameMember(l, leader)).orElse(false)
                      && new HashSet<>(s.get().members()).equals(new HashSet<>(members)),
              RaftSetup::summary,
              timeout);
      out.printf("%s %s: %s%n", n.id(), members.get(i), summary(st));
    }
    out.flush();
  }
}
