package dev.nsoha.scenarios.input;

/**
 * A user's input was refused before anything changed: a bad option value, a missing or invalid
 * file, a cluster file that does not describe a cluster. The program exits 2 with the message. Only
 * validated user input throws this; any other {@link IllegalArgumentException} is a bug and exits
 * 4.
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
