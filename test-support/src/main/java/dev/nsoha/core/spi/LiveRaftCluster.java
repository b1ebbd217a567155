package dev.nsoha.core.spi;

import dev.nsoha.core.model.NodeId;
import java.util.List;

/**
 * A live three-member HA Raft cluster for {@link AbstractRaftNodeClientContractTest}: n1, n2 and
 * n3, each with its NSO node name, n1 the leader and n2, n3 its followers, all in sync. The
 * simulator's test kit provides one; a cluster of real NSO nodes could too.
 */
public interface LiveRaftCluster extends AutoCloseable {
  /** How to reach node {@code id} with valid credentials. */
  NodeEndpoint endpoint(NodeId id);

  /** Node {@code id}'s NSO node name, {@code ncsd1@127.0.1.1}. */
  String memberName(NodeId id);

  /** The ids, in order. */
  List<NodeId> ids();

  /**
   * Takes every member out of the cluster as NSO's upgrade procedure does: stops each node, removes
   * its {@code state/raft/} and starts it again, so that every member is {@code stalled} with its
   * configuration kept, waiting for {@code create-cluster}. {@link #restoreNominal()} forms the
   * cluster again if the test did not.
   */
  void dissolve();

  /**
   * Brings the cluster back to the nominal state: every node running, n1 leader with n2 and n3 in
   * sync, writable. Works through the simulated nodes themselves, never the client under test.
   */
  void restoreNominal();

  @Override
  void close();
}
