package dev.nsoha.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's quick smoke test (the only part of it that {@code make test} runs): steps from an
 * events stream, the ratios per start cost, the targets (met, missed with what stands in the way,
 * not judged under load), the JSON, the page and the chart, and the heap parsed from a GC log.
 */
class BenchSmokeTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static Results.Run run(
      String cost, int nodes, String strategy, double total, double window, double load) {
    Results.Run r = new Results.Run();
    r.cost = cost;
    r.nodes = nodes;
    r.strategy = strategy;
    r.totalSeconds = total;
    r.windowSeconds = window;
    r.heapPeakMiB = 40;
    r.loadBefore = load;
    r.steps.add(new Results.Step(1, "Enable read-only mode for node n1 and n2", 0.03, false));
    r.steps.add(new Results.Step(2, "Upgrade node n1 and n3 to NSO 6.5.1", total * 0.5, true));
    r.steps.add(new Results.Step(3, "Disable read-only mode for node n1", 0.05, false));
    return r;
  }

  private static JsonNode line(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void stepsFromEvents() throws Exception {
    Instant launched = Instant.parse("2026-12-08T04:00:00Z");
    List<JsonNode> ev = new ArrayList<>();
    ev.add(
        line(
            "{\"type\":\"run.started\",\"time\":\"2026-12-08T04:00:00.600Z\",\"preflightMs\":250}"));
    ev.add(
        line(
            "{\"type\":\"step.started\",\"time\":\"2026-12-08T04:00:01Z\",\"step\":1,"
                + "\"title\":\"Enable read-only mode for node n1 and n2\"}"));
    ev.add(
        line(
            "{\"type\":\"step.started\",\"time\":\"2026-12-08T04:00:01.040Z\",\"step\":2,"
                + "\"title\":\"Upgrade node n1 and n3 to NSO 6.5.1\"}"));
    ev.add(
        line(
            "{\"type\":\"step.started\",\"time\":\"2026-12-08T04:00:11.040Z\",\"step\":3,"
                + "\"title\":\"Disable read-only mode for node n1\"}"));
    ev.add(line("{\"type\":\"plan.finished\",\"time\":\"2026-12-08T04:00:11.060Z\"}"));
    Results.Run r = new Results.Run();
    r.totalSeconds = 11.5;
    EventTimes.apply(ev, launched, Instant.parse("2026-12-08T04:00:11.500Z"), r);
    assertThat(r.steps).hasSize(3);
    assertThat(r.steps.get(1).restarts()).isTrue();
    assertThat(r.restartStepSeconds()).isEqualTo(10.0);
    assertThat(r.outsideRestartsSeconds()).isCloseTo(1.5, within());
    assertThat(r.medianOtherStepMs()).isCloseTo(30.0, within());
    assertThat(r.beforePlanSeconds).isCloseTo(1.0, within());
    assertThat(r.afterPlanSeconds).isCloseTo(0.44, within());
    assertThat(r.preflightSeconds).isEqualTo(0.25);
  }

  private static Offset<Double> within() {
    return Offset.offset(1e-6);
  }

  @Test
  void ratiosTargetsJsonPageAndChart() throws Exception {
    Results r = new Results();
    r.cores = 2;
    r.units.put(Results.NATIVE, 0.7);
    r.units.put("10s", 10.0);
    r.helpSeconds = 0.4;
    r.runs.add(run(Results.NATIVE, 3, "fast", 4.0, 2.0, 0.5));
    r.runs.add(run("10s", 3, "seed", 40.0, 35.0, 0.5));
    r.runs.add(run("10s", 3, "fast", 22.0, 21.0, 0.5));
    r.runs.add(run("10s", 3, Bench.FAST_FIRST, 22.0, 14.0, 0.5));
    r.runs.add(run("10s", 9, "fast", 30.0, 21.0, 3.5));
    r.haStatus.put("cli", Map.of("p50Ms", 3.0, "p99Ms", 9.0));
    Results.Versus v = new Results.Versus();
    v.scriptSeconds = 20;
    v.exampleSeconds = 12;
    v.loadBefore = 0.3;
    r.versus.add(v);

    JsonNode json = JSON.readTree(r.toJson());
    assertThat(json.get("runs")).hasSize(5);
    assertThat(json.get("runs").get(2).get("totalRestarts").asDouble()).isEqualTo(2.2);
    // The restart-cost targets are judged with a start cost only.
    assertThat(json.get("targets").get(Results.NATIVE)).isEmpty();
    JsonNode at10 = json.get("targets").get("10s");
    assertThat(at10.get(0).get("target").asText()).startsWith("fast, 3 nodes: total");
    assertThat(at10.get(0).get("met").asBoolean()).isTrue();
    // The 9-node run started with a load of 3.5 on 2 cores: not judged, and the page says why.
    assertThat(at10.get(2).get("target").asText()).startsWith("fast, 9 nodes");
    assertThat(at10.get(2).get("met").isNull()).isTrue();
    assertThat(at10.get(2).get("note").asText()).contains("3.50", "more than the 2 cores");
    // 14 s of 10 s restarts is a missed window, and the note names the longest step.
    assertThat(at10.get(3).get("met").asBoolean()).isFalse();
    assertThat(at10.get(3).get("note").asText())
        .contains("2 'Upgrade node n1 and n3", "1.10 restarts");
    JsonNode fixed = json.get("targets").get("fixedCosts");
    assertThat(fixed.get(0).get("measured").asDouble()).isEqualTo(2.0);
    assertThat(fixed.get(0).get("met").asBoolean()).isFalse();
    assertThat(fixed.get(1).get("measured").asDouble()).isEqualTo(40.0);
    assertThat(fixed.get(1).get("met").asBoolean()).isTrue();
    assertThat(fixed.get(3).get("measured").asDouble()).isEqualTo(0.6);
    assertThat(fixed.get(3).get("met").asBoolean()).isTrue();

    String page = r.markdown();
    assertThat(page)
        .startsWith("# Benchmark\n")
        .contains("## Upgrades, start cost 10s")
        .contains("| 3 | fast | 22.0 | 2.20 | 21.0 | 2.10 |")
        .contains("not judged")
        .contains("The seed plan measures NSO's own sequential order")
        .contains("| native | 20.0 | 12.0 | 0.60 |")
        .contains("## How it measures");
    String svg = Chart.svg(r);
    assertThat(svg).startsWith("<svg").contains("9 nodes, 10s").endsWith("</svg>\n");

    Path gc = dir.resolve("gc.log");
    Files.writeString(
        gc,
        "[0.2s][info][gc] GC(0) Pause Young (Allocation Failure) 9M->3M(30M) 4ms\n"
            + "[0.9s][info][gc] GC(1) Pause Young (Allocation Failure) 27M->5M(30M) 4ms\n");
    assertThat(Bench.heapPeak(gc)).isEqualTo(27.0);
    assertThat(Bench.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(Bench.addresses("127.0.201.1", 3))
        .containsExactly("127.0.201.1", "127.0.202.1", "127.0.203.1");
  }
}
