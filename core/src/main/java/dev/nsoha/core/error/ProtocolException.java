package dev.nsoha.core.error;

/** The node answered something this client cannot understand. See {@link ErrorCode#PROTOCOL}. */
public class ProtocolException extends NsoException {
  private static final long serialVersionUID = 1L;

  public ProtocolException(String where, String operation, String detail, Throwable cause) {
    super(ErrorCode.PROTOCOL, where, operation, detail, cause);
  }

  public ProtocolException(String where, String operation, String detail) {
    this(where, operation, detail, null);
  }
}
