package dev.nsoha.core.error;

/**
 * A write was refused because the node is read-only (an HA secondary or admin read-only). See
 * {@link ErrorCode#READ_ONLY}.
 */
public class ReadOnlyException extends NsoException {
  private static final long serialVersionUID = 1L;

  public ReadOnlyException(String where, String operation, String detail, Throwable cause) {
    super(ErrorCode.READ_ONLY, where, operation, detail, cause);
  }

  public ReadOnlyException(String where, String operation, String detail) {
    this(where, operation, detail, null);
  }
}
