package dev.nsoha.core.plan;

import java.util.Objects;

/**
 * The outcome of checking a condition against the live cluster.
 *
 * @param holds whether the condition holds
 * @param observed what was seen, in words, for progress output, reports and error messages
 */
public record Check(boolean holds, String observed) {
  public Check {
    Objects.requireNonNull(observed, "observed");
  }

  public static Check holds(String observed) {
    return new Check(true, observed);
  }

  public static Check fails(String observed) {
    return new Check(false, observed);
  }
}
