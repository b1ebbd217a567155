package dev.nsoha.scenarios.flow;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.plan.Wait;
import dev.nsoha.core.spi.NodeEndpoint;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The HA Raft part of the example's set-up, as NSO's Raft example does it: once every node runs
 * with its {@code ha-raft} configuration, wait until each is {@code stalled} with its seed nodes
 * connected, run {@code ha-raft create-cluster member [ ... ]} on node 1 with the others, and wait
 * until node 1 leads and every other node follows it with the whole membership.
 */
public final class RaftSetup {
  private final ClusterSpec spec;
  private final List<String> members;
  private final Function<ClusterSpec.NodeSpec, NodeEndpoint> endpoints;
  private final PrintWriter out;

  /**
   * @param members the members' names in node order ({@link ExampleFlow#raftMembers()})
   */
  public RaftSetup(
      ClusterSpec spec,
      List<String> members,
      Function<ClusterSpec.NodeSpec, NodeEndpoint> endpoints,
      PrintWriter out) {
    this.spec = spec;
    this.members = List.copyOf(members);
    this.endpoints = endpoints;
    this.out = out;
  }

  private RaftRestconf raft(ClusterSpec.NodeSpec n) {
    return new RaftRestconf(endpoints.apply(n));
  }

  /** Waits until every node is {@code stalled} and connected to all other members (its seeds). */
  public void awaitStalled(Duration timeout) {
    List<ClusterSpec.NodeSpec> nodes = spec.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      ClusterSpec.NodeSpec n = nodes.get(i);
      Set<String> seeds = new HashSet<>(members);
      seeds.remove(members.get(i));
      RaftRestconf r = raft(n);
      RaftRestconf.Status st =
          Wait.until(
              "HA Raft role stalled with seed nodes " + seeds + " connected",
              n.label(),
              r::status,
              s -> "stalled".equals(s.role()) && s.connected().containsAll(seeds),
              RaftRestconf.Status::summary,
              timeout);
      out.printf("%s %s: %s%n", n.id(), members.get(i), st.summary());
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
    raft(nodes.get(0)).createCluster(others);
    for (int i = 0; i < nodes.size(); i++) {
      ClusterSpec.NodeSpec n = nodes.get(i);
      String want = i == 0 ? "leader" : "follower";
      RaftRestconf r = raft(n);
      RaftRestconf.Status st =
          Wait.until(
              "HA Raft role " + want + " with leader " + leader + " and members " + members,
              n.label(),
              r::status,
              s ->
                  want.equals(s.role())
                      && leader.equals(s.leader())
                      && new HashSet<>(s.members()).equals(new HashSet<>(members)),
              RaftRestconf.Status::summary,
              timeout);
      out.printf("%s %s: %s%n", n.id(), members.get(i), st.summary());
    }
    out.flush();
  }
}
