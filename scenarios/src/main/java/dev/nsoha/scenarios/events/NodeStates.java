package dev.nsoha.scenarios.events;

import dev.nsoha.core.plan.ClusterSnapshot;
import dev.nsoha.core.plan.ClusterSnapshot.NodeSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Observed node states as JSON: the same objects in the events, the JSON run report and the HTML
 * page ({@link ClusterSnapshot#toMap(NodeSnapshot)}), without the configuration fingerprint, which
 * only the verification needs.
 */
public final class NodeStates {
  private NodeStates() {}

  /** One node: {@code {"summary": "NSO 6.5.1, enabled primary rw ...", "reachable": true, ...}}. */
  public static Map<String, Object> toJson(NodeSnapshot node) {
    return ClusterSnapshot.toMap(node);
  }

  /** Every node of {@code snapshot}, keyed by node id. */
  public static Map<String, Object> toJson(ClusterSnapshot snapshot) {
    Map<String, Object> m = new LinkedHashMap<>();
    snapshot.nodes().forEach((id, n) -> m.put(id.value(), toJson(n)));
    return m;
  }
}
