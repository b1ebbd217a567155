package dev.nsoha.sim.cli;

import java.util.List;
import java.util.Objects;

/**
 * One step of a data path as the CLI sees it: a node name and, for a list entry, its key values in
 * key order (empty otherwise).
 */
public record PathStep(String name, List<String> keys) {

  public PathStep {
    Objects.requireNonNull(name, "name");
    keys = List.copyOf(keys);
  }

  /** A step to a container, leaf or action. */
  public static PathStep of(String name) {
    return new PathStep(name, List.of());
  }

  @Override
  public String toString() {
    return keys.isEmpty() ? name : name + keys;
  }
}
