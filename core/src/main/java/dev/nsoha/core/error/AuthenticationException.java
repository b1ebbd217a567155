package dev.nsoha.core.error;

/** The node refused the credentials. See {@link ErrorCode#AUTHENTICATION}. */
public class AuthenticationException extends NsoException {
  private static final long serialVersionUID = 1L;

  public AuthenticationException(String where, String operation, String detail, Throwable cause) {
    super(ErrorCode.AUTHENTICATION, where, operation, detail, cause);
  }

  public AuthenticationException(String where, String operation, String detail) {
    this(where, operation, detail, null);
  }
}
