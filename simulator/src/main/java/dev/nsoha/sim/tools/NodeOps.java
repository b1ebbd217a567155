package dev.nsoha.sim.tools;

import java.io.Reader;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the IPC tools need from a node, in plain Java types. {@link SimNodeOps} implements it on the
 * {@code SimNode} facade; tests use fakes. Paths are NSO keypaths ({@code
 * /high-availability/status/connected-secondary{n2}/address}).
 *
 * <p>Implementations are thread-safe. Refusals are {@link ToolFailure}s carrying the node's text.
 */
public interface NodeOps {
  /** The node's NSO version, e.g. {@code 6.4.4}. */
  String version();

  /**
   * The start phase as {@code ncs --status} names it: {@code starting}, {@code phase0}, {@code
   * phase1}, {@code started}, {@code stopping}.
   */
  String phase();

  /**
   * Waits until the node has started, at most {@code timeout}; returns whether it has. A node that
   * serves IPC only once started has.
   */
  default boolean awaitStarted(Duration timeout) throws InterruptedException {
    return "started".equals(phase());
  }

  /** Extra {@code ncs --status} lines (HA, packages), each complete with its newline. */
  String statusDetails();

  /** A leaf's value as text (defaults included), empty if the leaf is not set. */
  Optional<String> get(String keypath);

  /** Whether the node at the keypath exists (explicitly set data, config or operational). */
  boolean exists(String keypath);

  /** The number of entries of the list at the keypath (0 if none). */
  int count(String keypath);

  /**
   * Runs an action.
   *
   * @param params input leaves by local name, in order
   * @param user the user running it
   * @return the output as items: leaves, and begin/end brackets for containers and list entries
   */
  List<OutputItem> action(String keypath, List<Map.Entry<String, String>> params, String user);

  /** Opens a read-write transaction for {@code user}. */
  Tx begin(String user);

  /**
   * The configuration (and with {@code oper} the operational data) below {@code keypath} ({@code
   * null}: everything) in a save format of {@code ncs_load}.
   *
   * @param format {@code x} XML, {@code p} pretty XML, {@code o} JSON, {@code j} J-style CLI,
   *     {@code c} C-style CLI
   */
  String save(String keypath, String format, boolean withDefaults, boolean oper);

  /**
   * Loads XML configuration ({@code <config>} wrapped, or bare top-level elements) and commits.
   *
   * @param merge merge into the running config; otherwise replace it (below {@code deletePath} if
   *     given, else the whole config)
   * @param deletePath with replace: the subtree to delete first, or null
   */
  void loadXml(String xml, String user, boolean merge, String deletePath);

  /**
   * Runs a CLI session over the commands read from {@code in}, as {@code ncs_cli} does.
   *
   * @return ncs_cli's exit code
   */
  int cli(String user, boolean cStyle, Reader in, Writer out, boolean echo, boolean stopOnError);

  /**
   * Runs an interactive CLI session: the prompt is written (and flushed) before each line is read,
   * until end of input, a line holding only EOT (0x04), or {@code exit} in operational mode.
   */
  default void cliInteractive(String user, boolean cStyle, Reader in, Writer out) {
    throw new ToolFailure(ToolFailure.Kind.FAILED, "interactive CLI sessions are not available");
  }

  /** Stops the node (returns once its listeners are closed). */
  void stop();

  /** A read-write transaction; not thread-safe. */
  interface Tx extends AutoCloseable {
    void set(String keypath, String value);

    void create(String keypath);

    void delete(String keypath);

    /** Commits; afterwards the transaction is finished. */
    void commit();

    @Override
    void close();
  }

  /**
   * One item of an action's output: a leaf ({@code name value}), or the start/end of a container or
   * list entry ({@code name begin} / {@code name end}).
   */
  record OutputItem(Type type, String name, String value) {
    /** The kind of item. */
    public enum Type {
      LEAF,
      BEGIN,
      END
    }
  }
}
