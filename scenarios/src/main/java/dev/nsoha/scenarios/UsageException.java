package dev.nsoha.scenarios;

/**
 * A refusal caused by what the user asked for (exit 2): the command line or its input does not fit,
 * and nothing was changed.
 */
public final class UsageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
