package dev.nsoha.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What one benchmark run measured, the ratios to one node restart, and the targets. */
final class Results {
  /** One upgrade: a cluster size and a strategy. */
  static final class Run {
    int nodes;
    String strategy;
    double totalSeconds;
    double windowSeconds;
    double stepSeconds;
    double overheadSeconds;
    int ackedWrites;
    int lostWrites;
    double heapPeakMiB;
    double rssMiB;
    int exitCode;
  }

  final Map<String, Object> machine = new LinkedHashMap<>();
  final List<Run> runs = new ArrayList<>();
  final Map<String, Map<String, Double>> haStatus = new LinkedHashMap<>();
  double unitSeconds;
  double helpSeconds;

  Optional<Run> run(int nodes, String strategy) {
    return runs.stream().filter(r -> r.nodes == nodes && r.strategy.equals(strategy)).findFirst();
  }

  double ratio(double seconds) {
    return unitSeconds > 0 ? seconds / unitSeconds : Double.NaN;
  }

  /** Each target with its measured value and whether it was met. */
  List<Map<String, Object>> targets() {
    List<Map<String, Object>> t = new ArrayList<>();
    run(3, "fast")
        .ifPresent(
            r -> {
              t.add(
                  target("fast, 3 nodes: total <= 2.3 node restarts", ratio(r.totalSeconds), 2.3));
              t.add(
                  target(
                      "fast, 3 nodes: window <= 1.3 node restarts", ratio(r.windowSeconds), 1.3));
              run(3, Bench.FAST_FIRST)
                  .ifPresent(
                      f ->
                          t.add(
                              target(
                                  "fast with first-secondary, 3 nodes: window <= 1.3 node restarts",
                                  ratio(f.windowSeconds),
                                  1.3)));
              run(9, "fast")
                  .ifPresent(
                      r9 ->
                          t.add(
                              target(
                                  "fast, 9 nodes: total <= 1.1 x the 3-node total",
                                  r9.totalSeconds / r.totalSeconds,
                                  1.1)));
            });
    double maxOverhead =
        runs.stream().mapToDouble(r -> 100 * r.overheadSeconds / r.totalSeconds).max().orElse(0);
    t.add(target("orchestrator overhead <= 2 % of the total (worst run)", maxOverhead, 2.0));
    haStatus.forEach(
        (tr, m) -> t.add(target("haStatus p50 <= 5 ms over " + tr, m.get("p50Ms"), 5.0)));
    t.add(target("--help <= 0.5 s wall", helpSeconds, 0.5));
    runs.stream()
        .filter(r -> r.nodes == 9)
        .mapToDouble(r -> r.heapPeakMiB)
        .max()
        .ifPresent(h -> t.add(target("orchestrator heap <= 128 MiB for 9 nodes", h, 128)));
    return t;
  }

  private static Map<String, Object> target(String name, double measured, double limit) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("target", name);
    m.put("measured", Math.round(measured * 1000) / 1000.0);
    m.put("met", measured <= limit);
    return m;
  }

  String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("machine", machine);
    root.put("unitNodeRestartSeconds", unitSeconds);
    root.put("helpSeconds", helpSeconds);
    List<Map<String, Object>> rs = new ArrayList<>();
    for (Run r : runs) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("nodes", r.nodes);
      m.put("strategy", r.strategy);
      m.put("exitCode", r.exitCode);
      m.put("totalSeconds", r.totalSeconds);
      m.put("windowSeconds", r.windowSeconds);
      m.put("stepSeconds", r.stepSeconds);
      m.put("overheadSeconds", r.overheadSeconds);
      m.put("totalRestarts", ratio(r.totalSeconds));
      m.put("windowRestarts", ratio(r.windowSeconds));
      m.put("overheadPercent", 100 * r.overheadSeconds / r.totalSeconds);
      m.put("acknowledgedWrites", r.ackedWrites);
      m.put("lostWrites", r.lostWrites);
      m.put("heapPeakMiB", r.heapPeakMiB);
      m.put("rssMiB", r.rssMiB);
      rs.add(m);
    }
    root.put("runs", rs);
    root.put("haStatus", haStatus);
    root.put("targets", targets());
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root)
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The ratio table: every figure divided by one node restart. */
  String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("One node restart (the unit): %.2f s%n%n", unitSeconds));
    sb.append(
        String.format(
            "| nodes | strategy | total (s) | total (restarts) | window (s) | window (restarts) |"
                + " overhead | acked writes | lost | heap peak (MiB) | exit |%n"));
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Run r : runs) {
      sb.append(
          String.format(
              "| %d | %s | %.1f | %.2f | %.1f | %.2f | %.1f %% | %d | %d | %.0f | %d |%n",
              r.nodes,
              r.strategy,
              r.totalSeconds,
              ratio(r.totalSeconds),
              r.windowSeconds,
              ratio(r.windowSeconds),
              100 * r.overheadSeconds / r.totalSeconds,
              r.ackedWrites,
              r.lostWrites,
              r.heapPeakMiB,
              r.exitCode));
    }
    sb.append("\n| haStatus round trip | p50 (ms) | p99 (ms) |\n|---|---|---|\n");
    haStatus.forEach(
        (t, m) ->
            sb.append(String.format("| %s | %.2f | %.2f |%n", t, m.get("p50Ms"), m.get("p99Ms"))));
    sb.append(String.format("%n--help: %.2f s (median of 7)%n%n", helpSeconds));
    sb.append("| target | measured | met |\n|---|---|---|\n");
    for (Map<String, Object> t : targets()) {
      sb.append(
          String.format(
              "| %s | %s | %s |%n",
              t.get("target"), t.get("measured"), (Boolean) t.get("met") ? "yes" : "no"));
    }
    sb.append(String.format("%nMachine: %s%n", machine));
    return sb.toString();
  }
}
