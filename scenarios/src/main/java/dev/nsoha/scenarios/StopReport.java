package dev.nsoha.scenarios;

import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.plan.ClusterSnapshot;
import dev.nsoha.core.plan.ClusterSnapshot.NodeSnapshot;
import dev.nsoha.core.plan.RunResult;
import dev.nsoha.core.plan.Unresponsive;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a stopped run tells the operator first: how the cluster is worse than the run found it
 * (writes refused, a node out of HA or not answering, nodes on different versions), and the two
 * ways out with their exact command lines. Stateless.
 */
final class StopReport {
  private StopReport() {}

  /**
   * How {@code after} is worse than {@code before}, most urgent first: {@code writes are refused:
   * n1 is primary and read-only}, {@code n3 is out of HA (high availability disabled)}, {@code n3
   * does not answer}, {@code the nodes run different NSO versions (...)}. Empty when it is not
   * worse.
   */
  static List<String> worse(ClusterSnapshot before, ClusterSnapshot after) {
    List<String> facts = new ArrayList<>();
    boolean wasWritable = before.nodes().values().stream().anyMatch(StopReport::writablePrimary);
    boolean isWritable = after.nodes().values().stream().anyMatch(StopReport::writablePrimary);
    if (wasWritable && !isWritable) {
      List<NodeId> readOnly =
          after.nodes().values().stream()
              .filter(n -> n.isPrimary() && n.ha().map(HaStatus::readOnly).orElse(false))
              .map(NodeSnapshot::node)
              .toList();
      facts.add(
          "writes are refused: "
              + (readOnly.isEmpty()
                  ? "no node is primary"
                  : names(readOnly)
                      + (readOnly.size() == 1 ? " is" : " are")
                      + " primary and read-only"));
    }
    for (NodeSnapshot n : after.nodes().values()) {
      NodeSnapshot b = before.nodes().get(n.node());
      boolean wasEnabled = b != null && b.ha().map(HaStatus::enabled).orElse(false);
      if (wasEnabled && n.ha().map(h -> !h.enabled()).orElse(false)) {
        facts.add(n.node() + " is out of HA (high availability disabled)");
      }
      if (b != null && b.reachable() && n.version().isEmpty()) {
        facts.add(n.node() + " does not answer");
      }
    }
    if (versions(after).size() > 1 && versions(before).size() <= 1) {
      facts.add(
          "the nodes run different NSO versions ("
              + versions(after).entrySet().stream()
                  .map(e -> names(e.getValue()) + " NSO " + e.getKey())
                  .collect(Collectors.joining("; "))
              + ")");
    }
    return facts;
  }

  /**
   * Prints the two ways out of a stopped run: fix what stopped it (a hung node by name) and run the
   * same command again, or roll back with the same options. A stopped rollback has one: fix and run
   * it again.
   */
  static void printWaysOut(
      PrintWriter err,
      WaysOut ways,
      Map<NodeId, Unresponsive.Mark> hung,
      boolean rollback,
      RunResult result) {
    String fix;
    if (!hung.isEmpty()) {
      List<Unresponsive.Mark> marks =
          hung.values().stream().sorted(Comparator.comparing(m -> m.node().value())).toList();
      fix =
          "fix "
              + names(marks.stream().map(Unresponsive.Mark::node).toList())
              + " first: "
              + marks.stream().map(Unresponsive.Mark::describe).collect(Collectors.joining("; "))
              + ". If its NSO process was stopped (SIGSTOP), resume it with 'kill -CONT <pid>';"
              + " otherwise restart it. Then";
    } else {
      fix = "fix what step " + result.failedStep().orElse(0) + " names above, then";
    }
    if (rollback) {
      err.println("nso-ha-upgrade: the way out: " + fix + " run the rollback again:");
      err.println("    " + ways.rerun());
      return;
    }
    err.println("nso-ha-upgrade: two ways out:");
    err.println("  1. " + fix + " run the same command again; it continues from the run journal:");
    err.println("       " + ways.rerun());
    err.println("  2. or roll back to where the run started, with the same options:");
    err.println("       " + ways.rollback());
  }

  private static boolean writablePrimary(NodeSnapshot n) {
    return n.isPrimary() && n.ha().map(h -> !h.readOnly()).orElse(false);
  }

  /** The readable nodes by the release they run, in version order. */
  private static Map<NsoVersion, List<NodeId>> versions(ClusterSnapshot s) {
    Map<NsoVersion, List<NodeId>> m = new TreeMap<>();
    s.nodes()
        .values()
        .forEach(
            n ->
                n.version()
                    .ifPresent(v -> m.computeIfAbsent(v, x -> new ArrayList<>()).add(n.node())));
    return m;
  }

  /** {@code n1}, {@code n1 and n2}, {@code n1, n2 and n3}. */
  private static String names(List<NodeId> ids) {
    List<String> v = ids.stream().map(NodeId::value).toList();
    if (v.size() <= 1) {
      return String.join("", v);
    }
    return String.join(", ", v.subList(0, v.size() - 1)) + " and " + v.get(v.size() - 1);
  }
}
