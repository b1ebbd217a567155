package dev.nsoha.core.error;

/**
 * A local tool, file or install that the operation needs is missing or broken. See {@link
 * ErrorCode#HOST}.
 */
public class HostException extends NsoException {
  private static final long serialVersionUID = 1L;

  public HostException(String where, String operation, String detail, Throwable cause) {
    super(ErrorCode.HOST, where, operation, detail, cause);
  }

  public HostException(String where, String operation, String detail) {
    this(where, operation, detail, null);
  }
}
