package dev.nsoha.core.journal;

import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.PlanEvent;
import dev.nsoha.core.plan.PlanListener;
import dev.nsoha.core.plan.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records one attempt of a plan in a journal and writes the journal after every change: each step's
 * start, outcome, times and notes, and each backup with its checksum. A journal write that fails
 * stops nothing (the runner logs a listener's failure); the next event writes again.
 */
public final class JournalListener implements PlanListener {
  private final Journal journal;
  private final JournalStore store;
  private final String kind;
  private int attempt;

  /**
   * @param kind {@code upgrade} or {@code rollback}
   */
  public JournalListener(Journal journal, JournalStore store, String kind) {
    this.journal = journal;
    this.store = store;
    this.kind = kind;
  }

  /** The attempt's number in the journal, once the plan started. */
  public int attempt() {
    return attempt;
  }

  @Override
  public synchronized void on(PlanEvent event) {
    if (event instanceof PlanEvent.Waiting) {
      return;
    }
    if (event instanceof PlanEvent.PlanStarted e) {
      attempt =
          journal.startAttempt(
              kind,
              e.plan().name(),
              e.plan().steps().stream().map(Step::title).toList(),
              e.plan().steps().stream()
                  .map(st -> st.nodes().stream().map(NodeId::value).toList())
                  .toList(),
              e.at());
      List<Step> steps = e.plan().steps();
      for (int i = 0; i < steps.size(); i++) {
        Step st = steps.get(i);
        if (!st.stops().isEmpty()) {
          step(i + 1).put("stops", new ArrayList<Object>(ids(st.stops())));
        }
        if (!st.starts().isEmpty()) {
          step(i + 1).put("starts", new ArrayList<Object>(ids(st.starts())));
        }
      }
    } else if (event instanceof PlanEvent.StepStarted e) {
      step(e.number()).put("outcome", "started");
      step(e.number()).put("started", e.at().toString());
    } else if (event instanceof PlanEvent.StepSkipped e) {
      finish(e.number(), "skipped", e.at()).put("observed", e.observed());
    } else if (event instanceof PlanEvent.BackupTaken e) {
      journal.addBackup(e.backup(), attempt, e.number());
    } else if (event instanceof PlanEvent.Note e) {
      @SuppressWarnings("unchecked")
      List<String> notes =
          (List<String>) step(e.number()).computeIfAbsent("notes", k -> new ArrayList<String>());
      notes.add(e.text());
    } else if (event instanceof PlanEvent.StepDone e) {
      finish(e.number(), "done", e.at()).put("durationMs", e.took().toMillis());
    } else if (event instanceof PlanEvent.StepFailed e) {
      Map<String, Object> s = finish(e.number(), "failed", e.at());
      s.put("durationMs", e.took().toMillis());
      s.put("error", e.error().getMessage());
    } else if (event instanceof PlanEvent.PlanFinished e) {
      journal.endAttempt(
          attempt, e.result().succeeded() ? "completed" : e.result().summary(), e.at());
    }
    store.save(journal);
  }

  private static List<String> ids(List<NodeId> nodes) {
    return nodes.stream().map(NodeId::value).toList();
  }

  private Map<String, Object> step(int number) {
    return journal.step(attempt, number);
  }

  private Map<String, Object> finish(int number, String outcome, Instant at) {
    Map<String, Object> s = step(number);
    s.put("outcome", outcome);
    s.put("finished", at.toString());
    return s;
  }
}
