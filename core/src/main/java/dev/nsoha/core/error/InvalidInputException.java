package dev.nsoha.core.error;

/** The request was refused as invalid. See {@link ErrorCode#INVALID_INPUT}. */
public class InvalidInputException extends NsoException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String where, String operation, String detail, Throwable cause) {
    super(ErrorCode.INVALID_INPUT, where, operation, detail, cause);
  }

  public InvalidInputException(String where, String operation, String detail) {
    this(where, operation, detail, null);
  }
}
