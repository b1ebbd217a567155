package dev.nsoha.sim.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What the CLI needs from a node. Data is exchanged as RFC 7951-shaped JSON without module prefixes
 * (member names are plain node names; lists are arrays of objects; an empty leaf is {@code
 * [null]}).
 *
 * <p>Implementations must be safe for use by several CLI sessions at once.
 */
public interface CliBackend {

  /** Host name for the {@code \h} prompt escape. */
  String hostName();

  /** The current schema (may change after a package reload, so callers do not cache it). */
  SchemaNode schema();

  /**
   * Reads one top-level node.
   *
   * @param top a child of {@link #schema()}
   * @param config true for configuration (running), false for operational data (with keys)
   * @return the node's content (its children), or {@code null} if there is none
   */
  ObjectNode read(SchemaNode top, boolean config);

  /**
   * Checks a value for a leaf against its full type (ranges, patterns, IP addresses) beyond the
   * CLI's own checks.
   *
   * @return null if valid, otherwise the node's message
   */
  default String checkValue(SchemaNode leaf, String value) {
    return null;
  }

  /** Applies the edits as one transaction; throws with the node's reason if refused. */
  void commit(String user, List<Edit> edits) throws CliException;

  /** Invokes an action and returns its output members (maybe empty), or throws the node's error. */
  ObjectNode invoke(String user, List<PathStep> actionPath, ObjectNode input) throws CliException;

  /** True if write transactions are refused now (HA secondary or admin read-only). */
  boolean isReadOnly();

  /** Checks a user's password. */
  boolean authenticate(String user, String password);

  /**
   * Subscribes to raised alarms, delivered as the CLI's asynchronous line text ({@code
   * ha-primary-down: Lost connection to primary due to: ...}, without the {@code *** ALARM }
   * prefix). The listener must not block. Default: no alarms.
   *
   * @return closing it ends the subscription
   */
  default AutoCloseable onAlarm(java.util.function.Consumer<String> listener) {
    return () -> {};
  }
}
