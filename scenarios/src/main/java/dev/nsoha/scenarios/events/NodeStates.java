package dev.nsoha.scenarios.events;

import java.util.LinkedHashMap;
import java.util.Map;

/** A node's observed state as JSON: the same object in the events, the report and the HTML page. */
public final class NodeStates {
  private NodeStates() {}

  /**
   * The JSON form of one node's observed state: {@code {"summary": "NSO 6.5.1, enabled primary rw
   * secondaries=[n2,n3]", ...}}.
   */
  public static Map<String, Object> toJson(Object state) {
    Map<String, Object> m = new LinkedHashMap<>();
    String summary = String.valueOf(state);
    m.put("summary", summary);
    m.put("reachable", !summary.startsWith("not readable"));
    return m;
  }
}
