package dev.nsoha.scenarios.cli;

import dev.nsoha.core.plan.PlanSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options of a run: report, verbosity and deadlines. */
public final class RunOptions {
  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "Write the JSON run report to FILE (default: none).")
  Path report;

  @Option(
      names = {"-v", "--verbose"},
      description =
          "Also print every observed state while waiting, and the node states after each step"
              + " (default: off).")
  boolean verbose;

  @Option(
      names = "--ha-timeout",
      paramLabel = "SECONDS",
      description =
          "Deadline in seconds for an HA role change or a secondary to connect (default:"
              + " ${DEFAULT-VALUE}).")
  int haTimeout = 120;

  @Option(
      names = "--start-timeout",
      paramLabel = "SECONDS",
      description =
          "Deadline in seconds for a node to start with its packages up (default:"
              + " ${DEFAULT-VALUE}).")
  int startTimeout = 180;

  public Optional<Path> report() {
    return Optional.ofNullable(report);
  }

  public boolean verbose() {
    return verbose;
  }

  public PlanSettings settings() {
    return new PlanSettings(
        Duration.ofSeconds(haTimeout),
        Duration.ofSeconds(startTimeout),
        Duration.ofSeconds(startTimeout));
  }
}
