package dev.nsoha.core.plan;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints numbered progress in the words of the NSO example's step list:
 *
 * <pre>
 * [ 4/15] Disable high availability for node n3
 *         waiting until n1 no longer lists n3 as connected: enabled primary rw secondaries=[n2,n3]
 *         done in 0.2 s
 * </pre>
 */
public final class ConsoleListener implements PlanListener {
  private final PrintWriter out;
  private final boolean verbose;
  private int total;

  /**
   * @param out where to print
   * @param verbose also print every change of a waited-for state and the node states after each
   *     step
   */
  public ConsoleListener(PrintWriter out, boolean verbose) {
    this.out = out;
    this.verbose = verbose;
  }

  @Override
  public void on(PlanEvent event) {
    if (event instanceof PlanEvent.PlanStarted e) {
      total = e.plan().steps().size();
      out.printf("== %s: %s%n", e.plan().name(), e.plan().summary());
    } else if (event instanceof PlanEvent.StepStarted e) {
      out.printf("[%2d/%d] %s%n", e.number(), total, e.step().title());
    } else if (event instanceof PlanEvent.StepSkipped e) {
      out.printf("        skipped, already in place: %s%n", e.observed());
    } else if (event instanceof PlanEvent.Waiting e) {
      if (verbose) {
        out.printf("        waiting until %s: %s%n", e.condition(), e.observed());
      }
    } else if (event instanceof PlanEvent.Note e) {
      out.printf("        %s%n", e.text());
    } else if (event instanceof PlanEvent.StepDone e) {
      out.printf(Locale.ROOT, "        done in %.1f s%n", e.took().toMillis() / 1000.0);
      if (verbose) {
        printStates(e.nodeStates());
      }
    } else if (event instanceof PlanEvent.StepFailed e) {
      out.printf("        FAILED: %s%n", e.error().getMessage());
      out.println("        node states now:");
      printStates(e.nodeStates());
    } else if (event instanceof PlanEvent.PlanFinished e) {
      out.printf("== %s %s%n", e.plan().name(), e.result().summary());
    }
    out.flush();
  }

  private void printStates(ClusterSnapshot states) {
    states.summaries().forEach((node, state) -> out.printf("          %s: %s%n", node, state));
  }
}
