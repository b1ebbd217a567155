package dev.nsoha.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * One change made in configuration mode, in the order the user typed it.
 *
 * @param op what to do
 * @param path absolute path from the top-level node (first step) to the target
 * @param value the new value for {@link Op#SET} (RFC 7951 JSON scalar, {@code [null]} for an empty
 *     leaf, an array for a leaf-list); {@code null} otherwise
 */
public record Edit(Op op, List<PathStep> path, JsonNode value) {

  /** Edit operations. */
  public enum Op {
    /** Set a leaf (or add leaf-list values); creates missing parents. */
    SET,
    /** Create a list entry or presence container if missing (merge semantics). */
    CREATE,
    /** Delete the node at the path and everything below it. */
    DELETE
  }

  public Edit {
    Objects.requireNonNull(op, "op");
    path = List.copyOf(path);
    if (path.isEmpty()) {
      throw new IllegalArgumentException("empty edit path");
    }
    if (op == Op.SET && value == null) {
      throw new IllegalArgumentException("SET needs a value");
    }
  }
}
