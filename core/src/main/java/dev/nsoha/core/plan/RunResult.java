package dev.nsoha.core.plan;

import dev.nsoha.core.error.NsoException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a plan run ended.
 *
 * @param stepsRun steps whose action ran
 * @param stepsSkipped steps skipped because their postcondition held
 * @param failedStep the number of the step that failed, if any
 * @param failedTitle its title
 * @param error the failure
 * @param took the run's wall time
 * @param nodeStates every node's state as observed at the end of the last step that ran (empty if
 *     none did)
 */
public record RunResult(
    int stepsRun,
    int stepsSkipped,
    Optional<Integer> failedStep,
    Optional<String> failedTitle,
    Optional<NsoException> error,
    Duration took,
    ClusterSnapshot nodeStates) {

  public RunResult {
    Objects.requireNonNull(nodeStates, "nodeStates");
  }

  public boolean succeeded() {
    return error.isEmpty();
  }

  /**
   * One line: {@code completed: 15 steps run, 0 skipped in 12.3 s} or {@code failed at step 6
   * (...): ...}.
   */
  public String summary() {
    if (succeeded()) {
      return String.format(
          "completed: %d steps run, %d skipped, in %.1f s",
          stepsRun, stepsSkipped, took.toMillis() / 1000.0);
    }
    return "failed at step "
        + failedStep.orElse(0)
        + " ("
        + failedTitle.orElse("?")
        + "): "
        + error.map(Throwable::getMessage).orElse("");
  }
}
