package dev.nsoha.core.error;

/** The path, entry, HA node or package does not exist. See {@link ErrorCode#NOT_FOUND}. */
public class NotFoundException extends NsoException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String where, String operation, String detail, Throwable cause) {
    super(ErrorCode.NOT_FOUND, where, operation, detail, cause);
  }

  public NotFoundException(String where, String operation, String detail) {
    this(where, operation, detail, null);
  }
}
