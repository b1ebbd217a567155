package dev.nsoha.sim.cli.interpreter;

import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.data.Edit;
import dev.nsoha.sim.data.NodeRefusal;
import dev.nsoha.sim.schema.Schema;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the CLI needs from a node, in the node's own schema and data types.
 *
 * <p>Implementations must be safe for use by several CLI sessions at once. Refusals are the node's
 * {@link NodeRefusal}s, whose message is NSO's text.
 */
public interface CliBackend {

  /** Host name for the {@code \h} prompt escape. */
  String hostName();

  /** The current schema (changes after a package reload, so callers do not cache it). */
  Schema schema();

  /**
   * Reads all configuration (running, explicitly set values) or all operational data.
   *
   * @return a detached root (empty when there is nothing)
   */
  DataNode read(boolean config);

  /**
   * Like {@link #read(boolean)}, with the default values of unset leaves filled in ({@code |
   * details}) when {@code withDefaults}. A backend without defaults returns the plain read.
   */
  default DataNode read(boolean config, boolean withDefaults) {
    return read(config);
  }

  /**
   * Applies the edits as one transaction. Paths are absolute, with the module on the first step; a
   * DELETE of something that is no longer there is skipped.
   *
   * @throws NodeRefusal with the node's reason if refused
   */
  void commit(String user, List<Edit> edits);

  /**
   * Invokes an action.
   *
   * @param action the path to the action (module on the first step)
   * @param input a container bound to the action's {@code input} node
   * @return a container bound to the action's {@code output} node (maybe empty)
   * @throws NodeRefusal with the node's reason if the action fails
   */
  DataNode invoke(String user, DataPath action, DataNode input);

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
  default AutoCloseable onAlarm(Consumer<String> listener) {
    return () -> {};
  }
}
