package dev.nsoha.sim.cli;

/**
 * A failure reported by the node behind the CLI (a refused commit, a failed action). The message is
 * the node's own text, without the CLI's {@code Aborted: } or {@code Error: } prefix.
 */
public final class CliException extends Exception {

  /** Creates an exception carrying the node's message. */
  public CliException(String message) {
    super(message);
  }

  /** Creates an exception carrying the node's message and its cause. */
  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
