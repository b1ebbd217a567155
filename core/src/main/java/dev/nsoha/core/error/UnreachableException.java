package dev.nsoha.core.error;

/** The node could not be reached. See {@link ErrorCode#UNREACHABLE}. */
public class UnreachableException extends NsoException {
  private static final long serialVersionUID = 1L;

  public UnreachableException(String where, String operation, String detail, Throwable cause) {
    super(ErrorCode.UNREACHABLE, where, operation, detail, cause);
  }

  public UnreachableException(String where, String operation, String detail) {
    this(where, operation, detail, null);
  }
}
