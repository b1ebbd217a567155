package dev.nsoha.sim.ha;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * What a node needs from its HA mode, whichever it is: whether writes are allowed, the admin
 * read-only flag, pushing commits to the secondaries, and distributing packages to them. {@link
 * RuleBasedHa} is NSO's rule-based HA; the mode's own actions and status are on the mode's class.
 *
 * <p>Implementations are thread-safe.
 */
public interface HaService extends AutoCloseable {

  /**
   * Binds the HA listener and resumes the role the node had before its last stop.
   *
   * @throws IOException when the HA port cannot be bound
   */
  void start() throws IOException;

  /** Whether writes are refused now (admin read-only flag, or not the writable node). */
  boolean isReadOnly();

  /** Sets the administrator-configured read-only flag. */
  void setReadOnly(boolean on);

  /**
   * Called inside the commit, before the new config is stored or applied: throws (a {@code
   * NodeRefusal}) when the commit must not happen. HA Raft replicates here and returns once a
   * majority stored the commit; rule-based HA does nothing.
   */
  default void agree(ObjectNode persisted, String txid) {}

  /**
   * Pushes a committed config to every connected secondary and waits until each stored it. A
   * secondary that fails or does not answer in time is dropped; the commit still succeeds.
   */
  void replicate(ObjectNode persisted, String txid);

  /**
   * Whether {@link #agree} and {@link #replicate} need the whole persisted config (HA Raft logs
   * it). When false, the node calls {@link #replicateDelta} with what the commit changed instead.
   */
  default boolean needsPersisted() {
    return true;
  }

  /** Pushes what a commit changed (a journal record) to every connected secondary. */
  default void replicateDelta(ObjectNode delta, String txid) {
    throw new UnsupportedOperationException("replicateDelta");
  }

  /**
   * Sends package archives (file name to bytes) to every connected secondary.
   *
   * @return per secondary id, in connection order
   */
  Map<String, PeerResult> syncPackages(Map<String, byte[]> archives, Duration timeout);

  /**
   * Reloads the packages on every connected secondary.
   *
   * @return per secondary id, in connection order
   */
  Map<String, PeerResult> reloadPackages(boolean force, boolean dryRun, Duration timeout);

  /** Stops: closes the listener and every connection (peers see the node go away). */
  @Override
  void close();
}
