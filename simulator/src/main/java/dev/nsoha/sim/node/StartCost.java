package dev.nsoha.sim.node;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The start-up cost model for benchmarks and demos: {@code NCS_SIM_START_COST=10s} (or {@code
 * 500ms}, {@code 2m}, a bare number of seconds) in a node's environment makes each start of that
 * node spend that long in start phase 1, where NSO loads its packages, before it reports {@code
 * started}. Unset, empty or {@code 0}: no cost (the default).
 */
public final class StartCost {
  /** The environment variable. */
  public static final String ENV = "NCS_SIM_START_COST";

  private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");

  private StartCost() {}

  /** The cost the environment asks for. */
  static Duration of(Map<String, String> env) throws IOException {
    return parse(env.get(ENV));
  }

  /**
   * Parses a cost: a number with an optional unit ({@code ms}, {@code s}, {@code m}; seconds by
   * default).
   *
   * @throws IOException with the variable and the accepted forms when the text is none of them
   */
  public static Duration parse(String text) throws IOException {
    if (text == null || text.isBlank()) {
      return Duration.ZERO;
    }
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new IOException(
          ENV + "=" + text + " is not a duration; use e.g. 10s, 500ms or 2m (0 for no cost)");
    }
    double v = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double ms =
        switch (unit) {
          case "ms" -> v;
          case "m" -> v * 60_000;
          default -> v * 1000;
        };
    return Duration.ofMillis(Math.round(ms));
  }
}
