package dev.nsoha.scenarios.cli;

import dev.nsoha.core.journal.JournalStore;
import dev.nsoha.core.plan.PlanSettings;
import dev.nsoha.scenarios.UpgradeRun;
import dev.nsoha.scenarios.WaysOut;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options of a run: report, verbosity and deadlines. */
public final class RunOptions {
  /** The command this mixin is part of, for the command lines of a stopped run's ways out. */
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /** The rerun and rollback command lines of this command, for a stopped run's message. */
  public Optional<WaysOut> waysOut() {
    return command == null ? Optional.empty() : WaysOut.of(command);
  }

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "Write the JSON run report to FILE (default: none).")
  Path report;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description =
          "Write the run as one self-contained HTML page to FILE: a timeline with a lane per node"
              + " and the write-unavailable window, the steps, the node states before and after,"
              + " the verification and the backups (default: none).")
  Path html;

  @Option(
      names = "--events",
      paramLabel = "FILE|-",
      description =
          "Write one JSON object per line for each event of the run (run started, steps, waits,"
              + " node states, verification, run finished) to FILE, or to standard output for '-',"
              + " where the progress text then goes to standard error; see docs/events.md"
              + " (default: none).")
  String events;

  @Option(
      names = {"-v", "--verbose"},
      description =
          "Also print every observed state while waiting, and the node states after each step"
              + " (default: off).")
  boolean verbose;

  @Option(
      names = "--journal",
      paramLabel = "FILE",
      description =
          "The run journal (default: <run-root>/journal.json; see --run-root for where that is"
              + " when nodes are on SSH hosts or in containers).")
  Path journal;

  @Option(
      names = "--new-run",
      description =
          "Start a new run even if the journal records an unfinished one; the old journal is kept"
              + " beside it (default: continue or refuse).")
  boolean newRun;

  @Option(
      names = "--allow-downgrade",
      description =
          "Let preflight accept a target install older than what the cluster runs (default: off).")
  boolean allowDowngrade;

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

  public Optional<Path> html() {
    return Optional.ofNullable(html);
  }

  public Optional<String> events() {
    return Optional.ofNullable(events);
  }

  /** Whether the events go to standard output, so that the progress text must not. */
  public boolean eventsOnStdout() {
    return "-".equals(events);
  }

  /** Where this run's report, page and events go. */
  public UpgradeRun.Sinks sinks() {
    return new UpgradeRun.Sinks(report(), html(), events(), verbose);
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
