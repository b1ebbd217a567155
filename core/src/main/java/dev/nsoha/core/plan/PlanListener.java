package dev.nsoha.core.plan;

/**
 * Receives a plan run's events, in order, on the thread that runs the plan. A listener must not
 * throw.
 */
@FunctionalInterface
public interface PlanListener {
  void on(PlanEvent event);
}
