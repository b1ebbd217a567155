package dev.nsoha.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An NSO release number such as {@code 6.4.4} or {@code 5.0.20181016.1}, comparable component by
 * component. A suffix after {@code _} or {@code -} (a build tag) is kept in {@link #text()} but
 * ignored in comparisons, as NSO's own upgrade scripts cut the version at the first {@code _}.
 */
public record NsoVersion(List<Integer> components, String text) implements Comparable<NsoVersion> {
  public NsoVersion {
    components = List.copyOf(components);
    Objects.requireNonNull(text, "text");
    if (components.size() < 2) {
      throw new IllegalArgumentException(
          "an NSO version needs at least major.minor: '" + text + "'");
    }
  }

  /**
   * Parses {@code ncs --version} / {@code /ncs-state/version} output.
   *
   * @throws IllegalArgumentException when the text does not start with {@code major.minor}
   */
  public static NsoVersion parse(String text) {
    String trimmed = text.trim();
    String numeric = trimmed.split("[_\\-\\s]", 2)[0];
    List<Integer> parts = new ArrayList<>();
    for (String p : numeric.split("\\.")) {
      if (p.isEmpty() || !p.chars().allMatch(Character::isDigit) || p.length() > 9) {
        throw new IllegalArgumentException("not an NSO version: '" + text + "'");
      }
      parts.add(Integer.parseInt(p));
    }
    if (parts.size() < 2) {
      throw new IllegalArgumentException("not an NSO version: '" + text + "'");
    }
    return new NsoVersion(parts, trimmed);
  }

  public int major() {
    return components.get(0);
  }

  public int minor() {
    return components.get(1);
  }

  /** {@code 6.4} for {@code 6.4.4}: the part that must match for packages and HA peers. */
  public String majorMinor() {
    return major() + "." + minor();
  }

  /** Whether packages compiled by one run on the other without a rebuild. */
  public boolean sameMajorMinor(NsoVersion other) {
    return major() == other.major() && minor() == other.minor();
  }

  @Override
  public int compareTo(NsoVersion o) {
    int n = Math.max(components.size(), o.components.size());
    for (int i = 0; i < n; i++) {
      int a = i < components.size() ? components.get(i) : 0;
      int b = i < o.components.size() ? o.components.get(i) : 0;
      if (a != b) {
        return Integer.compare(a, b);
      }
    }
    return 0;
  }

  /** Equal release numbers, ignoring build tags: {@code 6.4} equals {@code 6.4.0}. */
  public boolean sameRelease(NsoVersion other) {
    return compareTo(other) == 0;
  }

  @Override
  public String toString() {
    return text;
  }
}
