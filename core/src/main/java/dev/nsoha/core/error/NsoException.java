package dev.nsoha.core.error;

import java.util.Objects;
import java.util.Optional;

/**
 * The root of the one unchecked exception hierarchy that every transport and host maps its failures
 * into. The message reads {@code n2 (127.0.2.1, restconf): enable high availability: node is in
 * read-only mode}: where, what was being done, and the node's own words. The original failure stays
 * available as the cause.
 */
public class NsoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String where;
  private final String operation;
  private final String detail;

  /**
   * @param code the kind of failure
   * @param where the node and how it was reached, e.g. {@code n2 (127.0.2.1, restconf)}; may be
   *     empty
   * @param operation what was being done, in words, e.g. {@code enable high availability}
   * @param detail the node's own message, or the local reason
   * @param cause the native failure, or null
   */
  public NsoException(
      ErrorCode code, String where, String operation, String detail, Throwable cause) {
    super(format(where, operation, printable(detail)), cause);
    this.code = Objects.requireNonNull(code, "code");
    this.where = where == null ? "" : where;
    this.operation = operation == null ? "" : operation;
    this.detail = detail == null ? "" : printable(detail);
  }

  /**
   * {@code text} with every control character other than line feed and tab written as a Java
   * unicode escape (a backslash, {@code u} and four hex digits): a node's message reaches the
   * operator's terminal, and a hostile node must not be able to send it escape sequences.
   */
  static String printable(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f);
      if (control && sb == null) {
        sb = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (sb != null) {
        if (control) {
          sb.append(String.format("\\u%04x", (int) c));
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? text : sb.toString();
  }

  private static String format(String where, String operation, String detail) {
    StringBuilder sb = new StringBuilder();
    if (where != null && !where.isEmpty()) {
      sb.append(where).append(": ");
    }
    if (operation != null && !operation.isEmpty()) {
      sb.append(operation).append(": ");
    }
    sb.append(detail == null || detail.isEmpty() ? "failed" : detail);
    return sb.toString();
  }

  public ErrorCode code() {
    return code;
  }

  /** The node and how it was reached, or empty. */
  public String where() {
    return where;
  }

  public String operation() {
    return operation;
  }

  /** The node's own message (or the local reason), without context. */
  public String detail() {
    return detail;
  }

  /** The first cause of type {@code type}, if any. */
  public <T extends Throwable> Optional<T> causeOfType(Class<T> type) {
    for (Throwable t = getCause(); t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }

  /**
   * Where a failure happened: the node id, its address, the transport. Renders as {@code n2
   * (127.0.2.1, restconf)}.
   */
  public record Where(String node, String address, String transport) {
    @Override
    public String toString() {
      return node + " (" + address + ", " + transport + ")";
    }
  }
}
