package dev.nsoha.core.plan;

import dev.nsoha.core.io.PrivateFiles;
import dev.nsoha.core.json.JsonWriter;
import dev.nsoha.core.model.NodeId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects one run into a JSON report: per step the title, nodes, start and end, outcome, notes and
 * every node's state at its end; plus sections the caller adds (states before and after,
 * verification). The file is rewritten atomically whenever {@link #write(Path)} is called, so an
 * interrupted run still leaves a readable report.
 */
public final class RunReport implements PlanListener {
  private final Map<String, Object> root = new LinkedHashMap<>();
  private final List<Map<String, Object>> steps = new ArrayList<>();

  public RunReport() {
    root.put("tool", "nso-ha-upgrade");
  }

  /**
   * Adds or replaces a top-level section, e.g. {@code verification}. Values are maps, lists,
   * strings, numbers.
   */
  public synchronized void put(String section, Object value) {
    root.put(section, value);
  }

  @Override
  public synchronized void on(PlanEvent event) {
    if (event instanceof PlanEvent.PlanStarted e) {
      root.put("plan", e.plan().name());
      root.put("summary", e.plan().summary());
      root.put("started", e.at().toString());
      List<Map<String, Object>> planned = new ArrayList<>();
      for (int i = 0; i < e.plan().steps().size(); i++) {
        Step s = e.plan().steps().get(i);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", i + 1);
        m.put("title", s.title());
        m.put("nodes", s.nodes().stream().map(NodeId::value).toList());
        m.put("outcome", "not run");
        planned.add(m);
      }
      steps.clear();
      steps.addAll(planned);
      root.put("steps", steps);
    } else if (event instanceof PlanEvent.StepStarted e) {
      steps.get(e.number() - 1).put("started", e.at().toString());
    } else if (event instanceof PlanEvent.StepSkipped e) {
      finish(e.number(), "skipped", e.at().toString(), null, e.nodeStates())
          .put("observed", e.observed());
    } else if (event instanceof PlanEvent.Note e) {
      @SuppressWarnings("unchecked")
      List<String> notes =
          (List<String>)
              steps.get(e.number() - 1).computeIfAbsent("notes", k -> new ArrayList<String>());
      notes.add(e.text());
    } else if (event instanceof PlanEvent.StepDone e) {
      finish(e.number(), "done", e.at().toString(), e.took().toMillis(), e.nodeStates());
    } else if (event instanceof PlanEvent.StepFailed e) {
      finish(e.number(), "failed", e.at().toString(), e.took().toMillis(), e.nodeStates())
          .put("error", Map.of("code", e.error().code().name(), "message", e.error().getMessage()));
    } else if (event instanceof PlanEvent.PlanFinished e) {
      root.put("finished", e.at().toString());
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("succeeded", e.result().succeeded());
      r.put("stepsRun", e.result().stepsRun());
      r.put("stepsSkipped", e.result().stepsSkipped());
      r.put("durationMs", e.result().took().toMillis());
      e.result().failedStep().ifPresent(n -> r.put("failedStep", n));
      e.result().error().ifPresent(x -> r.put("error", x.getMessage()));
      r.put("summary", e.result().summary());
      root.put("result", r);
    }
  }

  private Map<String, Object> finish(
      int number, String outcome, String at, Long ms, ClusterSnapshot states) {
    Map<String, Object> s = steps.get(number - 1);
    s.put("outcome", outcome);
    s.put("finished", at);
    if (ms != null) {
      s.put("durationMs", ms);
    }
    s.put("nodeStates", states.toMap());
    return s;
  }

  /** The report as JSON text. */
  public synchronized String toJson() {
    return JsonWriter.pretty(root);
  }

  /**
   * Writes the report to {@code file} atomically and privately ({@code 0600}, a new directory
   * {@code 0700}): it names nodes, addresses and backups.
   */
  public synchronized void write(Path file) {
    PrivateFiles.writeAtomically(file, toJson());
  }
}
