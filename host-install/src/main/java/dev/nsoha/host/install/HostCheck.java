package dev.nsoha.host.install;

import java.util.Objects;

/**
 * One finding of {@link InstallHost#preflight}: a check of a host made before anything changes.
 *
 * @param node the node whose host was checked
 * @param check what was checked: {@code connection}, {@code sudo}, {@code disk space}, {@code
 *     installer}, {@code install}
 * @param outcome whether it passed, and if not, what kind of problem it is
 * @param detail what was found, in words
 */
public record HostCheck(String node, String check, Outcome outcome, String detail) {
  /** The kinds of result, which map onto the program's exit codes. */
  public enum Outcome {
    /** Passed. */
    OK,
    /** The input is wrong: a missing installer, one for another architecture (exit code 2). */
    BAD_INPUT,
    /**
     * The host refuses or cannot serve: unreachable, key refused, host key unknown, no sudo rights,
     * not enough disk space (exit code 3).
     */
    REFUSED
  }

  public HostCheck {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
  }

  public boolean ok() {
    return outcome == Outcome.OK;
  }

  @Override
  public String toString() {
    return node + ": " + check + ": " + (ok() ? "ok, " : "") + detail;
  }
}
