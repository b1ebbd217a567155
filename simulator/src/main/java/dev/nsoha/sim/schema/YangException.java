package dev.nsoha.sim.schema;

/**
 * A YANG parse or semantic error; the message is NSO-like: {@code <file>:<line>: error: <text>}.
 */
public final class YangException extends Exception {
  private static final long serialVersionUID = 1L;

  public YangException(String source, int line, String text) {
    super(source + ":" + line + ": error: " + text);
  }
}
