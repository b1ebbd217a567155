package dev.nsoha.core.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The HA node id of an NSO node, as in {@code /high-availability/ha-node{id}} (for example {@code
 * n1}).
 */
public record NodeId(String value) implements Comparable<NodeId> {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]+");

  public NodeId {
    Objects.requireNonNull(value, "value");
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "invalid HA node id '" + value + "': use letters, digits, '_', '.' or '-'");
    }
  }

  public static NodeId of(String value) {
    return new NodeId(value);
  }

  @Override
  public int compareTo(NodeId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
