package dev.nsoha.core.plan;

import dev.nsoha.core.error.NsoException;
import java.time.Duration;
import java.time.Instant;

/** What the runner tells its listeners. Step numbers count from 1. */
public sealed interface PlanEvent {
  Instant at();

  record PlanStarted(Instant at, Plan plan) implements PlanEvent {}

  record StepStarted(Instant at, int number, Step step) implements PlanEvent {}

  /** The step's postcondition already held, so its action did not run. */
  record StepSkipped(Instant at, int number, Step step, String observed, ClusterSnapshot nodeStates)
      implements PlanEvent {}

  /** A wait inside a step observed the cluster and the condition does not hold yet. */
  record Waiting(Instant at, int number, Step step, String condition, String observed)
      implements PlanEvent {}

  /** A fact a step recorded, such as a backup's file. */
  record Note(Instant at, int number, Step step, String text) implements PlanEvent {}

  record StepDone(Instant at, int number, Step step, Duration took, ClusterSnapshot nodeStates)
      implements PlanEvent {}

  record StepFailed(
      Instant at,
      int number,
      Step step,
      Duration took,
      NsoException error,
      ClusterSnapshot nodeStates)
      implements PlanEvent {}

  record PlanFinished(Instant at, Plan plan, RunResult result) implements PlanEvent {}
}
