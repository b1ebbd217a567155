package dev.nsoha.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a run's events ({@code --events}, one JSON object a line) into a {@link Results.Run}: each
 * step from its start to the next step's start (or the plan's end), so that the snapshot of the
 * cluster after a step counts with it; the time before the first step and after the plan; and the
 * preflight's own time when the program reports it.
 */
final class EventTimes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventTimes() {}

  /** Whether a step restarts nodes: the plans' steps that upgrade them. */
  static boolean restarts(String title) {
    return title.startsWith("Upgrade node");
  }

  static void read(Path events, Instant launched, Instant ended, Results.Run run)
      throws IOException {
    if (!Files.exists(events)) {
      return;
    }
    List<JsonNode> lines = new ArrayList<>();
    for (String l : Files.readAllLines(events)) {
      if (!l.isBlank()) {
        lines.add(JSON.readTree(l));
      }
    }
    apply(lines, launched, ended, run);
  }

  static void apply(List<JsonNode> lines, Instant launched, Instant ended, Results.Run run) {
    List<JsonNode> starts = new ArrayList<>();
    Instant planEnd = null;
    for (JsonNode e : lines) {
      switch (e.path("type").asText()) {
        case "run.started" -> {
          if (e.has("preflightMs")) {
            run.preflightSeconds = e.get("preflightMs").asLong() / 1000.0;
          }
        }
        case "step.started" -> starts.add(e);
        case "plan.finished" -> planEnd = time(e);
        default -> {}
      }
    }
    run.steps.clear();
    for (int i = 0; i < starts.size(); i++) {
      JsonNode s = starts.get(i);
      Instant from = time(s);
      Instant to = i + 1 < starts.size() ? time(starts.get(i + 1)) : planEnd;
      if (to == null) {
        break;
      }
      String title = s.path("title").asText();
      run.steps.add(
          new Results.Step(
              s.path("step").asInt(),
              title,
              Duration.between(from, to).toNanos() / 1e9,
              restarts(title)));
    }
    if (!starts.isEmpty()) {
      run.beforePlanSeconds = Duration.between(launched, time(starts.get(0))).toNanos() / 1e9;
    }
    if (planEnd != null) {
      run.afterPlanSeconds = Duration.between(planEnd, ended).toNanos() / 1e9;
    }
  }

  private static Instant time(JsonNode e) {
    return Instant.parse(e.path("time").asText());
  }
}
