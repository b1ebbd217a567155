package dev.nsoha.scenarios.cli;

import dev.nsoha.core.journal.JournalStore;
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
      description = "Write the JSON run report to FILE.")
  Path report;

  @Option(
      names = {"-v", "--verbose"},
      description =
          "Also print every observed state while waiting, and node states after each step.")
  boolean verbose;

  @Option(
      names = "--journal",
      paramLabel = "FILE",
      description =
          "The run journal (default: <run-root>/journal.json for local installs, else"
              + " $XDG_STATE_HOME/nso-ha-upgrade/journal.json).")
  Path journal;

  @Option(
      names = "--new-run",
      description =
          "Start a new run even if the journal records an unfinished one (the old journal is kept"
              + " beside it).")
  boolean newRun;

  @Option(
      names = "--allow-downgrade",
      description = "Let preflight accept a target install older than what the cluster runs.")
  boolean allowDowngrade;

  @Option(
      names = "--ha-timeout",
      paramLabel = "SECONDS",
      description =
          "Deadline for an HA role change or a secondary to connect (default: ${DEFAULT-VALUE}).")
  int haTimeout = 120;

  @Option(
      names = "--start-timeout",
      paramLabel = "SECONDS",
      description =
          "Deadline for a node to start with its packages up (default: ${DEFAULT-VALUE}).")
  int startTimeout = 180;

  public Optional<Path> report() {
    return Optional.ofNullable(report);
  }

  /** {@code --journal}, or {@code <run-root>/journal.json} when the nodes are local installs. */
  public Path journalFile(Optional<Path> runRoot) {
    if (journal != null) {
      return journal.toAbsolutePath().normalize();
    }
    return runRoot
        .map(r -> r.toAbsolutePath().normalize().resolve("journal.json"))
        .orElseGet(
            () ->
                JournalStore.defaultFile(
                    System.getenv(), Path.of(System.getProperty("user.home"))));
  }

  public boolean allowDowngrade() {
    return allowDowngrade;
  }

  public boolean newRun() {
    return newRun;
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
