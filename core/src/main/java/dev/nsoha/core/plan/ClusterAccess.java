package dev.nsoha.core.plan;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeHost;

/**
 * The live cluster a plan runs on: a client and a host per node. Owned by the caller, who closes
 * the clients.
 */
public interface ClusterAccess {
  ClusterSpec spec();

  /** The northbound client of {@code node}. */
  NodeClient client(NodeId node);

  /** The host of {@code node}, for stop, start, rebuild and backup. */
  NodeHost host(NodeId node);
}
