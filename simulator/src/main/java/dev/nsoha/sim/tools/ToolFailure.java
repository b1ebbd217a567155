package dev.nsoha.sim.tools;

import java.util.Objects;

/** A node operation refused with the node's text; {@link Kind} picks the MAAPI error code. */
public final class ToolFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Refusal kinds, after the node's error kinds. */
  public enum Kind {
    NOT_FOUND(1, "item does not exist"),
    EXISTS(2, "item already exists"),
    ACCESS_DENIED(3, "access denied"),
    BAD_VALUE(5, "bad type"),
    BAD_PATH(8, "badly formatted or nonexistent path"),
    READ_ONLY(17, "operation in wrong state"),
    FAILED(19, "external error");

    private final int errno;
    private final String strerror;

    Kind(int errno, String strerror) {
      this.errno = errno;
      this.strerror = strerror;
    }

    /** The confd_errno value. */
    public int errno() {
      return errno;
    }

    /** The text confd_strerror gives for it. */
    public String strerror() {
      return strerror;
    }
  }

  private final Kind kind;

  public ToolFailure(Kind kind, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public Kind kind() {
    return kind;
  }
}
