package dev.nsoha.core.spi;

import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import java.nio.file.Path;

/**
 * A live three-node cluster for {@link AbstractNodeClientContractTest}: the example's n1 (nominal
 * primary), n2 (secondary, failover-primary) and n3 (secondary), laid out as a system install whose
 * store can take package files, with {@code dummy-1.0} loaded. The simulator's test kit provides
 * one; a cluster of real NSO nodes could too.
 */
public interface LiveCluster extends AutoCloseable {
  /** How to reach node {@code id} with valid credentials. */
  NodeEndpoint endpoint(NodeId id);

  /** An endpoint where nothing listens. */
  NodeEndpoint unreachableEndpoint();

  /** The version every node runs. */
  NsoVersion version();

  /** {@code settings/reconnect-interval} as the cluster configured it. */
  int reconnectInterval();

  /** {@code settings/reconnect-attempts} as the cluster configured it. */
  int reconnectAttempts();

  /**
   * A package file on the nodes' host: {@code dummy-1.1} gives the absolute path of a {@code
   * dummy-1.1.tar.gz} compiled for NSO {@code builtFor}.
   */
  Path packageFile(String nameAndVersion, NsoVersion builtFor);

  /**
   * Stops node {@code id} as a crash looks to its peers: its connections end without a word. {@link
   * #restoreNominal()} starts it again.
   */
  void stopNode(NodeId id);

  /**
   * Brings the cluster back to the nominal state: dummy-1.0 loaded on every node and nothing else
   * in the stores, every node running, HA enabled everywhere, n1 primary read-write with n2 and n3
   * connected, no admin read-only flag. May restart nodes. Cheap when nothing has changed.
   */
  void restoreNominal();

  @Override
  void close();
}
