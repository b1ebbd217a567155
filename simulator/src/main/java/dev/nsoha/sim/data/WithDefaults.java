package dev.nsoha.sim.data;

/** RESTCONF {@code with-defaults}; the node's basic mode is {@link #EXPLICIT}. */
public enum WithDefaults {
  EXPLICIT,
  REPORT_ALL,
  TRIM,
  REPORT_ALL_TAGGED;

  /** Parses {@code explicit|report-all|trim|report-all-tagged}. */
  public static WithDefaults parse(String s) {
    return switch (s) {
      case "explicit" -> EXPLICIT;
      case "report-all" -> REPORT_ALL;
      case "trim" -> TRIM;
      case "report-all-tagged" -> REPORT_ALL_TAGGED;
      default ->
          throw new NodeRefusal(
              NodeRefusal.Kind.MALFORMED, "invalid value for query parameter with-defaults: " + s);
    };
  }
}
