package dev.nsoha.core.error;

/**
 * What went wrong, independent of the transport. Each code has its own exception class in this
 * package.
 */
public enum ErrorCode {
  /**
   * The node could not be reached: connection refused, no route, DNS, TLS handshake, or a dropped
   * connection.
   */
  UNREACHABLE,
  /** The node refused the credentials (SSH "Auth fail", HTTP 401). */
  AUTHENTICATION,
  /**
   * A write was refused because the node is read-only: an HA secondary, or the admin read-only flag
   * is set.
   */
  READ_ONLY,
  /** The path, list entry, HA node or package does not exist. */
  NOT_FOUND,
  /** The request was refused as invalid: an unknown element, a bad value, a malformed command. */
  INVALID_INPUT,
  /**
   * The node accepted the request but the operation failed ({@code Error: ...}, RESTCONF
   * operation-failed).
   */
  OPERATION_FAILED,
  /** A reply, or a waited-for condition, did not arrive before its deadline. */
  TIMEOUT,
  /** The node answered something this client cannot understand. */
  PROTOCOL,
  /** A local tool, file or install needed by the operation is missing or broken. */
  HOST
}
