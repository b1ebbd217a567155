package dev.nsoha.sim.ha;

import java.util.Locale;

/**
 * A rule-based HA role: the values of {@code /high-availability/status/mode}, {@code assigned-role}
 * and {@code ha-node/nominal-role}.
 */
public enum HaRole {
  PRIMARY,
  SECONDARY,
  NONE;

  /** The YANG enum value: {@code primary}, {@code secondary} or {@code none}. */
  public String yang() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The role named by a YANG enum value.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static HaRole of(String yang) {
    for (HaRole r : values()) {
      if (r.yang().equals(yang)) {
        return r;
      }
    }
    throw new IllegalArgumentException("not an HA role: " + yang);
  }

  @Override
  public String toString() {
    return yang();
  }
}
