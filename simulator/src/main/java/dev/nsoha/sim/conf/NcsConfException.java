package dev.nsoha.sim.conf;

/** A bad or unreadable ncs.conf; the message is one line naming the file and the problem. */
public final class NcsConfException extends Exception {
  private static final long serialVersionUID = 1L;

  public NcsConfException(String message) {
    super(message);
  }

  public NcsConfException(String message, Throwable cause) {
    super(message, cause);
  }
}
