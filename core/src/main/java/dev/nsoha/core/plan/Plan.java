package dev.nsoha.core.plan;

import java.util.List;
import java.util.Objects;

/**
 * An ordered list of steps with a name, e.g. {@code upgrade-nso}. Steps are numbered from 1 in
 * progress output.
 *
 * @param name the plan's name as the command line spells it
 * @param summary one line on what it does, e.g. {@code NSO version upgrade to 6.5.1}
 * @param steps the steps, in order
 */
public record Plan(String name, String summary, List<Step> steps) {
  public Plan {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(summary, "summary");
    steps = List.copyOf(steps);
  }

  /** The numbered step list, one line per step, as {@code plan} prints it. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < steps.size(); i++) {
      sb.append(String.format("%2d. %s%n", i + 1, steps.get(i).title()));
    }
    return sb.toString();
  }
}
