package dev.nsoha.sim.schema;

/**
 * A value that does not match its leaf type; the message is NSO's {@code "v" is not a valid value.}
 * text.
 */
public final class InvalidValueException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidValueException(String message) {
    super(message);
  }

  /** The standard text for {@code value}. */
  public static InvalidValueException of(String value) {
    return new InvalidValueException("\"" + value + "\" is not a valid value.");
  }
}
