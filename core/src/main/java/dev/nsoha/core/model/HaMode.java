package dev.nsoha.core.model;

import java.util.Locale;

/**
 * An HA role as NSO names it in {@code status/mode}, {@code assigned-role} and {@code
 * nominal-role}.
 */
public enum HaMode {
  PRIMARY,
  SECONDARY,
  NONE;

  /** The name NSO uses on the wire: {@code primary}, {@code secondary} or {@code none}. */
  public String nsoName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses NSO's name for a role, also accepting the pre-6.0 names {@code master} and {@code
   * slave}.
   *
   * @throws IllegalArgumentException for any other text
   */
  public static HaMode fromNso(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    int colon = t.indexOf(':');
    if (colon >= 0) {
      t = t.substring(colon + 1);
    }
    switch (t) {
      case "primary":
      case "master":
        return PRIMARY;
      case "secondary":
      case "slave":
        return SECONDARY;
      case "none":
        return NONE;
      default:
        throw new IllegalArgumentException("unknown HA mode '" + text + "'");
    }
  }
}
