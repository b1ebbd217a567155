package dev.nsoha.core.error;

/**
 * A reply or a waited-for condition did not arrive before its deadline. See {@link
 * ErrorCode#TIMEOUT}.
 */
public class NsoTimeoutException extends NsoException {
  private static final long serialVersionUID = 1L;

  public NsoTimeoutException(String where, String operation, String detail, Throwable cause) {
    super(ErrorCode.TIMEOUT, where, operation, detail, cause);
  }

  public NsoTimeoutException(String where, String operation, String detail) {
    this(where, operation, detail, null);
  }
}
