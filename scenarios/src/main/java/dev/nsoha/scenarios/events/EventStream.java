package dev.nsoha.scenarios.events;

import dev.nsoha.core.io.PrivateFiles;
import dev.nsoha.core.json.JsonWriter;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.ClusterSnapshot;
import dev.nsoha.core.plan.PlanEvent;
import dev.nsoha.core.plan.PlanListener;
import dev.nsoha.core.plan.Step;
import dev.nsoha.scenarios.input.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code --events} stream: one JSON object per line (NDJSON) for each thing that happens in a
 * run, flushed line by line, so that a pipeline can follow the run without parsing text. The schema
 * is documented in {@code docs/events.md}; every line carries {@link #SCHEMA} and its version.
 *
 * <p>Not thread-safe: the runner calls it from one thread.
 */
public final class EventStream implements PlanListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventStream.class);

  /** The schema's name, in every line's {@code schema} member. */
  public static final String SCHEMA = "nso-ha-upgrade.events";

  /** The schema's version, in every line's {@code version} member. */
  public static final int VERSION = 1;

  private final Writer writer;
  private final boolean close;
  private final Clock clock;
  private final Map<String, Object> context = new LinkedHashMap<>();
  private long seq;

  EventStream(Writer writer, boolean close, Clock clock) {
    this.writer = writer;
    this.close = close;
    this.clock = clock;
  }

  /**
   * The stream to {@code target}: {@code -} for standard output ({@code stdout}, left open), else a
   * file, created or truncated.
   *
   * @throws UsageException when the file cannot be opened
   */
  public static EventStream open(String target, PrintWriter stdout) {
    if (target.equals("-")) {
      return new EventStream(stdout, false, Clock.systemUTC());
    }
    try {
      Path file = PrivateFiles.touch(Path.of(target));
      return new EventStream(
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING),
          true,
          Clock.systemUTC());
    } catch (IOException | UncheckedIOException e) {
      throw new UsageException("cannot write the events file " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Adds facts of the run to its {@code run.started} line, e.g. the transport, the cluster and each
   * node's state before the run.
   */
  public void context(String key, Object value) {
    context.put(key, value);
  }

  @Override
  public void on(PlanEvent event) {
    if (event instanceof PlanEvent.PlanStarted e) {
      Map<String, Object> m = line("run.started", e.at());
      m.put("plan", e.plan().name());
      m.put("summary", e.plan().summary());
      m.putAll(context);
      List<Map<String, Object>> steps = new ArrayList<>();
      for (int i = 0; i < e.plan().steps().size(); i++) {
        Step s = e.plan().steps().get(i);
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("step", i + 1);
        step.put("title", s.title());
        step.put("nodes", nodes(s));
        steps.add(step);
      }
      m.put("steps", steps);
      emit(m);
    } else if (event instanceof PlanEvent.StepStarted e) {
      Map<String, Object> m = step("step.started", e.at(), e.number());
      m.put("title", e.step().title());
      m.put("nodes", nodes(e.step()));
      emit(m);
    } else if (event instanceof PlanEvent.StepSkipped e) {
      Map<String, Object> m = step("step.skipped", e.at(), e.number());
      m.put("observed", e.observed());
      emit(m);
      observed(e.at(), e.number(), e.nodeStates());
    } else if (event instanceof PlanEvent.StepDone e) {
      Map<String, Object> m = step("step.finished", e.at(), e.number());
      m.put("outcome", "done");
      m.put("durationMs", e.took().toMillis());
      emit(m);
      observed(e.at(), e.number(), e.nodeStates());
    } else if (event instanceof PlanEvent.StepFailed e) {
      Map<String, Object> m = step("step.finished", e.at(), e.number());
      m.put("outcome", "failed");
      m.put("durationMs", e.took().toMillis());
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("code", e.error().code().name());
      error.put("message", e.error().getMessage());
      m.put("error", error);
      emit(m);
      observed(e.at(), e.number(), e.nodeStates());
    } else if (event instanceof PlanEvent.Note e) {
      Map<String, Object> m = step("step.note", e.at(), e.number());
      m.put("text", e.text());
      emit(m);
    } else if (event instanceof PlanEvent.WaitProgress e) {
      Map<String, Object> m = step("wait.progress", e.at(), e.number());
      m.put("condition", e.condition());
      m.put("elapsedMs", e.elapsed().toMillis());
      m.put("timeoutMs", e.timeout().toMillis());
      m.put("observed", e.observed());
      emit(m);
    } else if (event instanceof PlanEvent.WaitEnded e) {
      Map<String, Object> m = step("wait.ended", e.at(), e.number());
      m.put("condition", e.condition());
      m.put("met", e.met());
      m.put("elapsedMs", e.elapsed().toMillis());
      m.put("timeoutMs", e.timeout().toMillis());
      m.put("observed", e.observed());
      emit(m);
    } else if (event instanceof PlanEvent.PlanFinished e) {
      Map<String, Object> m = line("plan.finished", e.at());
      m.put("plan", e.plan().name());
      m.put("succeeded", e.result().succeeded());
      m.put("stepsRun", e.result().stepsRun());
      m.put("stepsSkipped", e.result().stepsSkipped());
      m.put("durationMs", e.result().took().toMillis());
      m.put("failedStep", e.result().failedStep().orElse(null));
      m.put("error", e.result().error().map(Throwable::getMessage).orElse(null));
      emit(m);
    }
  }

  /** The final check's outcome: {@code ok}, the problems found, what each node showed. */
  public void verification(boolean ok, List<String> problems, Map<String, Object> nodes) {
    Map<String, Object> m = line("verification", clock.instant());
    m.put("ok", ok);
    m.put("problems", problems);
    m.put("nodes", nodes);
    emit(m);
  }

  /** The run's end: its exit code and one line on how it ended. */
  public void runFinished(int exitCode, String summary) {
    Map<String, Object> m = line("run.finished", clock.instant());
    m.put("succeeded", exitCode == 0);
    m.put("exitCode", exitCode);
    m.put("summary", summary);
    emit(m);
  }

  private void observed(Instant at, int number, ClusterSnapshot snapshot) {
    snapshot
        .nodes()
        .forEach(
            (node, state) -> {
              Map<String, Object> m = step("node.observed", at, number);
              m.put("node", node.value());
              m.put("state", NodeStates.toJson(state));
              emit(m);
            });
  }

  private Map<String, Object> line(String type, Instant at) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema", SCHEMA);
    m.put("version", VERSION);
    m.put("seq", ++seq);
    m.put("time", at.toString());
    m.put("type", type);
    return m;
  }

  private Map<String, Object> step(String type, Instant at, int number) {
    Map<String, Object> m = line(type, at);
    m.put("step", number);
    return m;
  }

  private static List<String> nodes(Step s) {
    return s.nodes().stream().map(NodeId::value).toList();
  }

  private void emit(Map<String, Object> line) {
    try {
      writer.write(JsonWriter.write(line));
      writer.write('\n');
      writer.flush();
    } catch (IOException e) {
      log.warn("cannot write an event: {}", e.toString());
    }
  }

  @Override
  public void close() {
    if (close) {
      try {
        writer.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
