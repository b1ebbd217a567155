package dev.nsoha.core.plan;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeHost;
import java.util.Map;

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

  /**
   * The nodes found hung in this run (a request they took and never answered), whose clients fail
   * at once from then on; the runner stops the run before it acts on another node. Empty where the
   * access does not track it.
   */
  default Map<NodeId, Unresponsive.Mark> unresponsive() {
    return Map.of();
  }
}
