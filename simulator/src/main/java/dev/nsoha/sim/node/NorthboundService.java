package dev.nsoha.sim.node;

import java.io.IOException;

/**
 * A northbound server plug-in (RESTCONF, CLI over SSH, IPC). Implementations are found with {@link
 * java.util.ServiceLoader} ({@code META-INF/services/dev.nsoha.sim.node.NorthboundService}) and
 * started by the node after its datastore and HA are up, in {@link #order()} order; they are
 * closed, in reverse order, when the node stops. An implementation needs a public no-arg
 * constructor; one instance serves one node.
 */
public interface NorthboundService extends AutoCloseable {
  /** A short name for messages and logs, e.g. {@code restconf}. */
  String name();

  /**
   * Binds and starts serving. Must bind only the addresses from the node's ncs.conf.
   *
   * @throws IOException when it cannot bind (the node start then fails with this message)
   */
  void start(NodeContext ctx) throws IOException;

  /** Start order; lower first. Default 100. */
  default int order() {
    return 100;
  }

  /**
   * Whether this service already answers during the start phases (with a start cost, {@link
   * StartCost}, it starts before them; otherwise after HA, in {@link #order()} like the others).
   */
  default boolean servesStartPhases() {
    return false;
  }

  /** Stops serving and releases the port. Must not throw for an already stopped service. */
  @Override
  void close();
}
