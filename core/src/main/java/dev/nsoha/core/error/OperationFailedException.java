package dev.nsoha.core.error;

/**
 * The node accepted the request but the operation failed. See {@link ErrorCode#OPERATION_FAILED}.
 */
public class OperationFailedException extends NsoException {
  private static final long serialVersionUID = 1L;

  public OperationFailedException(String where, String operation, String detail, Throwable cause) {
    super(ErrorCode.OPERATION_FAILED, where, operation, detail, cause);
  }

  public OperationFailedException(String where, String operation, String detail) {
    this(where, operation, detail, null);
  }
}
