package dev.nsoha.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's quick smoke test (the only part of it that {@code make test} runs): the ratios,
 * the targets, the JSON and the chart from a set of figures, and the heap parsed from a GC log.
 */
class BenchSmokeTest {
  @TempDir Path dir;

  private static Results.Run run(int nodes, String strategy, double total, double window) {
    Results.Run r = new Results.Run();
    r.nodes = nodes;
    r.strategy = strategy;
    r.totalSeconds = total;
    r.windowSeconds = window;
    r.stepSeconds = total - 0.1;
    r.overheadSeconds = 0.1;
    r.heapPeakMiB = 40;
    return r;
  }

  @Test
  void ratiosTargetsJsonAndChart() throws Exception {
    Results r = new Results();
    r.unitSeconds = 2.0;
    r.helpSeconds = 0.4;
    r.runs.add(run(3, "seed", 8.0, 7.0));
    r.runs.add(run(3, "fast", 4.0, 2.0));
    r.runs.add(run(9, "fast", 5.0, 2.0));
    r.haStatus.put("cli", Map.of("p50Ms", 3.0, "p99Ms", 9.0));

    JsonNode json = new ObjectMapper().readTree(r.toJson());
    assertThat(json.get("runs")).hasSize(3);
    assertThat(json.get("runs").get(1).get("totalRestarts").asDouble()).isEqualTo(2.0);
    assertThat(json.get("runs").get(1).get("windowRestarts").asDouble()).isEqualTo(1.0);
    List<JsonNode> targets = List.copyOf(json.get("targets").findParents("target"));
    assertThat(targets)
        .anySatisfy(
            t -> {
              assertThat(t.get("target").asText()).startsWith("fast, 3 nodes: total");
              assertThat(t.get("met").asBoolean()).isTrue();
            })
        .anySatisfy(
            t -> {
              assertThat(t.get("target").asText()).startsWith("fast, 9 nodes");
              assertThat(t.get("measured").asDouble()).isEqualTo(1.25);
              assertThat(t.get("met").asBoolean()).isFalse();
            });
    assertThat(r.table()).contains("| 3 | fast | 4.0 | 2.00 | 2.0 | 1.00 |");
    String svg = Chart.svg(r);
    assertThat(svg).startsWith("<svg").contains("9 nodes").contains("fast").endsWith("</svg>\n");

    Path gc = dir.resolve("gc.log");
    Files.writeString(
        gc,
        "[0.2s][info][gc] GC(0) Pause Young (Allocation Failure) 9M->3M(30M) 4ms\n"
            + "[0.9s][info][gc] GC(1) Pause Young (Allocation Failure) 27M->5M(30M) 4ms\n");
    assertThat(Bench.heapPeak(gc)).isEqualTo(27.0);
    assertThat(Bench.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
  }
}
