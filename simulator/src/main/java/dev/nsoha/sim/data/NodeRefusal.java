package dev.nsoha.sim.data;

import java.util.Objects;

/**
 * An operation refused by the node, with NSO's text as the message. The {@link Kind} tells a
 * northbound how to present it (RESTCONF status and error-tag, CLI {@code Aborted:} or {@code
 * Error:}). Unchecked; thrown by every {@code SimNode} operation.
 *
 * <p>This is the simulated node's refusal, not the client's exception: the tool's own {@code
 * dev.nsoha.core.error.NodeRefusal} hierarchy is what a transport maps a refusal into once it has
 * crossed the wire.
 */
public final class NodeRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, independent of the northbound. */
  public enum Kind {
    /**
     * The node is in read-only mode (admin flag or HA secondary): {@code node is in read-only
     * mode}.
     */
    READ_ONLY,
    /**
     * The addressed data or schema node does not exist: {@code uri keypath not found} on RESTCONF.
     */
    NOT_FOUND,
    /** Create of something that exists: {@code object already exists: <xpath>}. */
    DATA_EXISTS,
    /** A value that does not match its type: {@code "x" is not a valid value.} */
    INVALID_VALUE,
    /** A body names an element the schema does not have: {@code unknown element: x in <xpath>}. */
    UNKNOWN_ELEMENT,
    /** A malformed request body or path. */
    MALFORMED,
    /** Validation at commit failed (mandatory leaf missing, illegal reference). */
    VALIDATION,
    /** An action or operation failed for another reason. */
    OPERATION_FAILED,
    /** Bad credentials or not permitted. */
    ACCESS_DENIED
  }

  private final Kind kind;
  private final String errorPath;

  public NodeRefusal(Kind kind, String message) {
    this(kind, message, null);
  }

  public NodeRefusal(Kind kind, String message, String errorPath) {
    super(Objects.requireNonNull(message, "message"));
    this.kind = Objects.requireNonNull(kind, "kind");
    this.errorPath = errorPath;
  }

  /** The standard read-only refusal. */
  public static NodeRefusal readOnly() {
    return new NodeRefusal(Kind.READ_ONLY, "node is in read-only mode");
  }

  /** The standard missing-resource refusal. */
  public static NodeRefusal notFound() {
    return new NodeRefusal(Kind.NOT_FOUND, "uri keypath not found");
  }

  public Kind kind() {
    return kind;
  }

  /** An XPath-like path of the offending node, or null. */
  public String errorPath() {
    return errorPath;
  }
}
