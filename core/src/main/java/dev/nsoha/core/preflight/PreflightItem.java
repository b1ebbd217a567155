package dev.nsoha.core.preflight;

import java.util.Objects;
import java.util.Optional;

/**
 * One row of the preflight go/no-go table.
 *
 * @param check what was checked, e.g. {@code reachable}, {@code ha-role}, {@code disk-space}
 * @param subject the node, install or file it is about
 * @param ok whether it may go
 * @param detail what was found
 * @param fix what to do about it, when not ok; for a {@linkplain #warning() warning}, what to look
 *     at
 * @param kind which exit code a failure gives
 */
public record PreflightItem(
    String check, String subject, boolean ok, String detail, Optional<String> fix, Kind kind) {

  /** What a failed row means for the exit code. */
  public enum Kind {
    /** A node cannot be reached or refuses the credentials (exit 3). */
    UNREACHABLE,
    /** The input is wrong: a target install or package file (exit 2). */
    INPUT,
    /** The cluster or a host is not ready for the run (exit 5). */
    NOT_READY
  }

  public PreflightItem {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(fix, "fix");
    Objects.requireNonNull(kind, "kind");
  }

  public static PreflightItem go(String check, String subject, String detail) {
    return new PreflightItem(check, subject, true, detail, Optional.empty(), Kind.NOT_READY);
  }

  /** A row that may go, with something the operator should look at. */
  public static PreflightItem warning(String check, String subject, String detail, String advice) {
    return new PreflightItem(check, subject, true, detail, Optional.of(advice), Kind.NOT_READY);
  }

  /** Whether this row may go but comes with advice ({@link #warning}). */
  public boolean warning() {
    return ok && fix.isPresent();
  }

  public static PreflightItem noGo(
      String check, String subject, String detail, String fix, Kind kind) {
    return new PreflightItem(check, subject, false, detail, Optional.of(fix), kind);
  }
}
