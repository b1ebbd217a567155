package dev.nsoha.core.spi;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.preflight.PreflightItem;
import dev.nsoha.core.preflight.PreflightRequest;
import java.util.List;

/**
 * A node's lifecycle on its host: what an operator does with NSO's own tools rather than through
 * the northbound interface. The local implementation runs {@code ncs}, {@code ncs --stop}, package
 * {@code make} and a backup with {@code NCS_IPC_ADDR}/{@code NCS_IPC_PORT} set, exactly as NSO's
 * examples do.
 *
 * <p>Implementations are thread-safe for calls on different nodes; calls for one node are not
 * concurrent. Failures are {@link dev.nsoha.core.error.HostException} (a tool failed or is missing,
 * with its output) or {@link dev.nsoha.core.error.NsoTimeoutException} (the node did not start or
 * stop in time).
 */
public interface NodeHost {

  /** The node this host manages. */
  NodeId node();

  /**
   * Takes a backup of the node's run directory (CDB, state, packages) and returns where it is with
   * its checksum. The node may be running.
   */
  Backup backup();

  /**
   * Stops the node and waits until it is down ({@code ncs --stop}). Stopping a stopped node is not
   * an error.
   */
  void stop();

  /**
   * Starts the node from {@code install} ({@code NCS_DIR}) and waits until it has started; with
   * {@code withPackageReload} the packages are reloaded from the load path ({@code ncs
   * --with-package-reload}).
   */
  void start(Install install, boolean withPackageReload);

  /**
   * Rebuilds the node's packages with {@code install}'s compiler ({@code make -C <pkg>/src clean
   * all}).
   */
  void rebuildPackages(Install install);

  /**
   * Builds the node's packages for {@code install} in a staging area beside the packages the node
   * runs, leaving those untouched: the node keeps running while this happens, so the rebuild costs
   * no downtime, and a package that does not build stops the upgrade before anything changed.
   * {@link #useStagedPackages()} puts the staged packages in place while the node is stopped.
   *
   * @return false when this host cannot stage packages; the caller then rebuilds them with {@link
   *     #rebuildPackages} while the node is down
   * @throws dev.nsoha.core.error.HostException when a package does not build
   */
  default boolean stagePackages(Install install) {
    return false;
  }

  /**
   * Replaces the node's packages with the ones {@link #stagePackages} built, keeping the replaced
   * ones beside them. The node must be stopped.
   *
   * @return false, changing nothing, when nothing is staged (never staged, or already used)
   */
  default boolean useStagedPackages() {
    return false;
  }

  /** The version of the install the node runs from, or last ran from. */
  NsoVersion installedVersion();

  /** Whether the node's daemon is up ({@code ncs --status}). */
  boolean isRunning();

  /**
   * Restores {@code backup}, taken by {@link #backup()} of this node, over the node's data (CDB,
   * state, packages, configuration), as {@code ncs-backup --restore} does. The node must be
   * stopped; the data it replaces is kept beside it until the restore has completed. Starting the
   * node afterwards is the caller's business, on the install the backup was taken from.
   *
   * @throws dev.nsoha.core.error.HostException when the node is running, the backup is missing or
   *     its checksum does not match, or the restore fails
   */
  void restore(Backup backup);

  /**
   * Prepares a stopped HA Raft member for NSO's cluster-wide upgrade: compacts its CDB ({@code ncs
   * --cdb-compact}) and removes {@code state/raft/}, so that it starts without a Raft membership
   * and joins only through a new {@code create-cluster}. Running it again does no harm.
   *
   * @throws dev.nsoha.core.error.HostException when the node runs, a tool fails, or this host
   *     cannot do it (the default)
   */
  default void resetRaftState() {
    throw new HostException(
        node().value(),
        "compact the CDB and remove state/raft",
        "this host kind does not support HA Raft upgrades yet");
  }

  /**
   * Host-level preflight checks for {@code request}: for example room for a backup, the tools a run
   * needs, the node's packages built with the target install in a scratch directory. Reads only;
   * changes nothing of the node. The default has none.
   */
  default List<PreflightItem> preflight(PreflightRequest request) {
    return List.of();
  }
}
