package dev.nsoha.core.plan;

import dev.nsoha.core.model.NodeId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a plan.
 *
 * @param title what the step does, in the words of the NSO example's step list
 * @param nodes the nodes it acts on
 * @param action what it does; may wait for the effect it causes
 * @param postcondition what holds once it is done; when it already holds before the step runs the
 *     step is skipped. Steps without one always run.
 * @param checkedAfter whether the postcondition must also hold after the action ran; false for
 *     steps whose effect the cluster cannot show yet (a package rebuild shows only once the node
 *     restarts)
 * @param stops the nodes the step may stop: a run interrupted in it may leave them stopped, and the
 *     run journal records that, so that a rerun or a rollback accepts them being down
 * @param starts the nodes the step starts (again) before it ends: once it is done or skipped they
 *     run
 */
public record Step(
    String title,
    List<NodeId> nodes,
    Action action,
    Optional<Postcondition> postcondition,
    boolean checkedAfter,
    List<NodeId> stops,
    List<NodeId> starts) {

  /** What a step does to the cluster. */
  @FunctionalInterface
  public interface Action {
    void run(StepContext ctx);
  }

  /**
   * A condition on the live cluster. A check that cannot read a node (it is down) should return a
   * failing check.
   */
  @FunctionalInterface
  public interface Postcondition {
    Check check(StepContext ctx);
  }

  public Step {
    Objects.requireNonNull(title, "title");
    nodes = List.copyOf(nodes);
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(postcondition, "postcondition");
    stops = List.copyOf(stops);
    starts = List.copyOf(starts);
  }

  /** A step that stops and starts no node. */
  public Step(
      String title,
      List<NodeId> nodes,
      Action action,
      Optional<Postcondition> postcondition,
      boolean checkedAfter) {
    this(title, nodes, action, postcondition, checkedAfter, List.of(), List.of());
  }

  /**
   * This step, marked as one that stops {@code restarted} and starts them again before it ends (a
   * node's upgrade, a restore from a backup).
   */
  public Step restarting(List<NodeId> restarted) {
    return new Step(title, nodes, action, postcondition, checkedAfter, restarted, restarted);
  }

  /** This step, marked as one that stops {@code stopped} and leaves them stopped. */
  public Step stopping(List<NodeId> stopped) {
    return new Step(title, nodes, action, postcondition, checkedAfter, stopped, starts);
  }

  /**
   * A step that is skipped when {@code postcondition} holds, and fails when it does not hold after
   * the action.
   */
  public static Step of(
      String title, List<NodeId> nodes, Action action, Postcondition postcondition) {
    return new Step(title, nodes, action, Optional.of(postcondition), true);
  }

  /**
   * A step that is skipped when {@code doneWhen} holds; after the action only the action's own
   * outcome counts.
   */
  public static Step unlessAlready(
      String title, List<NodeId> nodes, Action action, Postcondition doneWhen) {
    return new Step(title, nodes, action, Optional.of(doneWhen), false);
  }

  /** A step that always runs. */
  public static Step always(String title, List<NodeId> nodes, Action action) {
    return new Step(title, nodes, action, Optional.empty(), false);
  }
}
