package dev.nsoha.sim.data;

/** RESTCONF {@code content} query parameter: which data a read returns. */
public enum Content {
  CONFIG,
  NONCONFIG,
  ALL;

  /** Parses {@code config|nonconfig|all}. */
  public static Content parse(String s) {
    return switch (s) {
      case "config" -> CONFIG;
      case "nonconfig" -> NONCONFIG;
      case "all" -> ALL;
      default ->
          throw new NodeRefusal(
              NodeRefusal.Kind.MALFORMED, "invalid value for query parameter content: " + s);
    };
  }
}
