package dev.nsoha.scenarios;

import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.error.OperationFailedException;
import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.core.journal.Journal;
import dev.nsoha.core.journal.JournalListener;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.plan.ClusterAccess;
import dev.nsoha.core.plan.ClusterSnapshot;
import dev.nsoha.core.plan.ClusterSnapshot.NodeSnapshot;
import dev.nsoha.core.plan.ConsoleListener;
import dev.nsoha.core.plan.NodeTime;
import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plan.PlanListener;
import dev.nsoha.core.plan.PlanRunner;
import dev.nsoha.core.plan.PlanSettings;
import dev.nsoha.core.plan.RunReport;
import dev.nsoha.core.plan.RunResult;
import dev.nsoha.scenarios.console.Output;
import dev.nsoha.scenarios.console.ProgressListener;
import dev.nsoha.scenarios.console.TerminalWidth;
import dev.nsoha.scenarios.events.EventStream;
import dev.nsoha.scenarios.events.NodeStates;
import dev.nsoha.scenarios.input.UsageException;
import dev.nsoha.scenarios.report.HtmlReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One upgrade on a live cluster: a preflight read of every node, the configuration fingerprint
 * before, the plan, the verification after, and the run report. Returns the process exit code.
 */
public final class UpgradeRun {
  private final ClusterRuntime cluster;
  private final Output output;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Sinks sinks;
  private final RunReport report = new RunReport();
  private final Optional<EventStream> events;
  private ClusterSnapshot before = ClusterSnapshot.empty();
  private final Map<NodeId, Journal.StoppedBy> down = new LinkedHashMap<>();

  /** The run's result line, for the events' last line. */
  private String lastSummary = "";

  /**
   * Where a run's records go besides the console.
   *
   * @param report the JSON run report's file
   * @param html the HTML page's file
   * @param events the NDJSON events' file, or {@code -} for standard output
   * @param verbose print every observed state while waiting
   */
  public record Sinks(
      Optional<Path> report, Optional<Path> html, Optional<String> events, boolean verbose) {}

  public UpgradeRun(
      ClusterRuntime cluster,
      PrintWriter out,
      PrintWriter err,
      Optional<Path> reportFile,
      boolean verbose) {
    this(
        cluster,
        Output.plain(out),
        err,
        new Sinks(reportFile, Optional.empty(), Optional.empty(), verbose));
  }

  /**
   * @param output where progress and the result go, and how
   * @param err where failures go
   * @param events the standard output for {@code --events -}
   */
  public UpgradeRun(
      ClusterRuntime cluster, Output output, PrintWriter err, Sinks sinks, PrintWriter events) {
    this.cluster = cluster;
    this.output = output;
    this.out = output.out();
    this.err = err;
    this.sinks = sinks;
    this.events = sinks.events().map(target -> EventStream.open(target, events));
  }

  private UpgradeRun(ClusterRuntime cluster, Output output, PrintWriter err, Sinks sinks) {
    this(cluster, output, err, sinks, output.out());
  }

  public RunReport report() {
    return report;
  }

  /**
   * Records how long the preflight took (its reads and checks, package builds included): the
   * report's and the {@code run.started} event's {@code preflightMs}.
   */
  public void preflightTook(Duration took) {
    report.put("preflightMs", took.toMillis());
    events.ifPresent(e -> e.context("preflightMs", took.toMillis()));
  }

  private Optional<WaysOut> waysOut = Optional.empty();

  /** The command lines a failed run prints as its two ways out. */
  public UpgradeRun waysOut(Optional<WaysOut> ways) {
    this.waysOut = ways;
    return this;
  }

  /** What the verification expects of versions and packages. */
  public record Expectations(
      Predicate<String> versionOk,
      String versionWanted,
      Predicate<List<PackageStatus>> packagesOk,
      String packagesWanted) {}

  /**
   * Reads every node once, so that a wrong address, a node that is down or bad credentials stop the
   * run before it changes anything.
   *
   * @return the fingerprint of the primary's configuration
   * @throws NsoException naming the node that failed
   */
  public String preflight() {
    NodeId p = cluster.spec().primary().id();
    return preflight(Map.of())
        .orElseThrow(() -> new IllegalStateException(p + " is down but was read"));
  }

  /**
   * As {@link #preflight()}, but a node that cannot be reached is accepted when the run journal
   * explains it: {@code stoppedByRun} says which step of an interrupted attempt stopped it, and the
   * run continues from that step (see {@link #resumeAt(Plan)}). Any other node that is down, and
   * bad credentials anywhere, still stop the run before it changes anything.
   *
   * @return the fingerprint of the primary's configuration, or empty when the primary is one of the
   *     nodes the journal explains being down
   * @throws NsoException naming the node that failed
   */
  public Optional<String> preflight(Map<NodeId, Journal.StoppedBy> stoppedByRun) {
    for (NodeId id : cluster.spec().ids()) {
      // The first read of each node: a typed error (unreachable, credentials) names the node.
      try {
        PlanRunner.nodeState(cluster.client(id));
      } catch (UnreachableException e) {
        Journal.StoppedBy by = stoppedByRun.get(id);
        if (by == null) {
          throw e;
        }
        down.put(id, by);
        output
            .progress()
            .println(
                cluster.spec().node(id).label()
                    + " is down; "
                    + by.describe()
                    + "; continuing from that step ("
                    + e.detail()
                    + ")");
        output.progress().flush();
      }
    }
    before = ClusterSnapshot.observe(cluster, true);
    events.ifPresent(
        e -> {
          e.context("transport", cluster.transport());
          e.context("cluster", cluster.spec().describe());
          e.context("before", NodeStates.toJson(before));
        });
    report.put("transport", cluster.transport());
    report.put("cluster", cluster.spec().describe());
    report.put("before", before.toMap());
    if (!down.isEmpty()) {
      Map<String, Object> m = new LinkedHashMap<>();
      down.forEach((id, by) -> m.put(id.value(), by.describe()));
      report.put("downAtStart", m);
    }
    NodeSnapshot primary = before.node(cluster.spec().primary().id());
    if (down.containsKey(primary.node())) {
      return Optional.empty();
    }
    String fp =
        primary
            .configFingerprint()
            .orElseThrow(
                () ->
                    new OperationFailedException(
                        primary.node().value(),
                        "read the configuration before the run",
                        primary.error().orElse("not readable")));
    report.put("configFingerprintBefore", fp);
    return Optional.of(fp);
  }

  /** The nodes that {@link #preflight(Map)} found down, as the run journal explains them. */
  public Map<NodeId, Journal.StoppedBy> downAtStart() {
    return Map.copyOf(down);
  }

  /**
   * The step of {@code plan} the run continues from: 1, unless {@link #preflight(Map)} found a node
   * down that an interrupted upgrade attempt stopped, in which case that attempt's step (the
   * earliest, if several): its earlier steps were done by that attempt, and it starts the node
   * again.
   *
   * @throws UsageException when that step is not the same step of {@code plan} (another strategy)
   */
  public int resumeAt(Plan plan) {
    int at = Integer.MAX_VALUE;
    for (Map.Entry<NodeId, Journal.StoppedBy> e : down.entrySet()) {
      Journal.StoppedBy by = e.getValue();
      boolean same =
          by.kind().equals("upgrade")
              && by.step() >= 1
              && by.step() <= plan.steps().size()
              && plan.steps().get(by.step() - 1).title().equals(by.title());
      if (!same) {
        throw new UsageException(
            cluster.spec().node(e.getKey()).label()
                + " is down; "
                + by.describe()
                + ", but this run's plan does not have that step as step "
                + by.step()
                + "; rerun with the same options (the same --strategy) as the interrupted run, or"
                + " roll it back with 'nso-ha-upgrade rollback'. Nothing was changed.");
      }
      at = Math.min(at, by.step());
    }
    return at == Integer.MAX_VALUE ? 1 : at;
  }

  /**
   * Test support, not a user option: with the system property {@value #STOP_AFTER_STEP} set to k, a
   * run stops after step k as if it had been interrupted there, so that tests can resume or roll
   * back from every step boundary.
   */
  public static final String STOP_AFTER_STEP = "nsoha.test.stop-after-step";

  /** The ClusterSnapshot read by {@link #preflight()}. */
  public ClusterSnapshot before() {
    return before;
  }

  /**
   * Runs {@code plan}, recording it in {@code journal}, and verifies against the journal's original
   * fingerprint; prints progress and the final state.
   */
  public int run(Plan plan, RunJournal journal, Expectations expect, PlanSettings settings) {
    return run(plan, journal, "upgrade", expect, settings);
  }

  /**
   * As {@link #run(Plan, RunJournal, Expectations, PlanSettings)} for an attempt of {@code kind}
   * ({@code upgrade} or {@code rollback}).
   */
  public int run(
      Plan plan, RunJournal journal, String kind, Expectations expect, PlanSettings settings) {
    try {
      int code = runAndVerify(plan, journal, kind, expect, settings);
      events.ifPresent(e -> e.runFinished(code, lastSummary));
      return code;
    } finally {
      writeHtml();
      events.ifPresent(EventStream::close);
    }
  }

  private int runAndVerify(
      Plan plan, RunJournal journal, String kind, Expectations expect, PlanSettings settings) {
    boolean rollback = kind.equals("rollback");
    String fingerprintBefore = journal.originalFingerprint();
    report.put("journal", journal.store().file().toString());
    report.put("originalFingerprint", fingerprintBefore);
    Integer stopAfter = Integer.getInteger(STOP_AFTER_STEP);
    Plan toRun =
        stopAfter != null && stopAfter < plan.steps().size()
            ? new Plan(plan.name(), plan.summary(), plan.steps().subList(0, stopAfter))
            : plan;
    int resumeAt = rollback ? 1 : resumeAt(plan);
    if (!journal.resumed() && journal.journal().originalDigests().isEmpty()) {
      // Before the first attempt changes anything: what the verification proves kept, whatever
      // later attempts find.
      OriginalConfig.record(
          journal.journal(), journal.store(), cluster.client(cluster.spec().primary().id()));
    }
    journal.begin(out);
    journal.state(rollback ? Journal.State.ROLLING_BACK : Journal.State.RUNNING);
    String why = "";
    if (resumeAt > 1) {
      Journal.StoppedBy by =
          down.values().stream().filter(b -> b.step() == resumeAt).findFirst().orElseThrow();
      why =
          "done by attempt "
              + by.attempt()
              + ", which stopped in step "
              + resumeAt
              + " (run journal)";
      output
          .progress()
          .println(
              "Steps 1 to "
                  + (resumeAt - 1)
                  + " were done by attempt "
                  + by.attempt()
                  + " of this run; continuing with step "
                  + resumeAt
                  + ", which starts "
                  + down.entrySet().stream()
                      .filter(e -> e.getValue().step() == resumeAt)
                      .map(e -> e.getKey().value())
                      .collect(Collectors.joining(", "))
                  + " again");
      output.progress().flush();
    }
    List<PlanListener> listeners = new ArrayList<>();
    Optional<ProgressListener> progress =
        output.quiet() ? Optional.empty() : Optional.of(new ProgressListener(output, columns()));
    progress.ifPresent(listeners::add);
    listeners.add(new ConsoleListener(output.progress(), sinks.verbose()));
    listeners.add(report);
    events.ifPresent(listeners::add);
    listeners.add(new JournalListener(journal.journal(), journal.store(), kind));
    // Test-only: the fault-injection suite's kill points (see KillHook); absent in normal runs.
    Optional<KillHook> hook = KillHook.fromEnvironment();
    hook.ifPresent(h -> listeners.add(h.listener()));
    ClusterAccess access = hook.map(h -> h.wrap(cluster)).orElse(cluster);
    PlanRunner runner = new PlanRunner(access, settings, listeners);
    RunResult result;
    try {
      result = runner.run(toRun, Math.min(resumeAt, toRun.steps().size()), why);
    } finally {
      progress.ifPresent(ProgressListener::close);
    }
    writeReport();
    if (result.succeeded() && toRun != plan) {
      journal.state(rollback ? Journal.State.ROLLBACK_FAILED : Journal.State.FAILED);
      lastSummary = plan.name() + " stopped after step " + stopAfter + " (test hook)";
      err.println("nso-ha-upgrade: " + lastSummary);
      err.flush();
      return ExitCodes.FAILED;
    }
    if (!result.succeeded()) {
      journal.state(rollback ? Journal.State.ROLLBACK_FAILED : Journal.State.FAILED);
      lastSummary = plan.name() + " " + result.summary();
      List<String> worse = StopReport.worse(before, result.nodeStates());
      if (!worse.isEmpty()) {
        // What the operator must know first: what no longer works.
        err.println(
            "nso-ha-upgrade: " + output.red("the run stopped and " + String.join("; ", worse)));
      }
      err.println("nso-ha-upgrade: " + output.red(lastSummary));
      waysOut.ifPresent(
          w -> StopReport.printWaysOut(err, w, cluster.unresponsive(), rollback, result));
      err.println(
          worse.isEmpty()
              ? "nso-ha-upgrade: the cluster was left as the step found it; node states:"
              : "nso-ha-upgrade: node states:");
      result.nodeStates().summaries().forEach((n, s) -> err.println("  " + n + ": " + s));
      err.flush();
      return ExitCodes.FAILED;
    }
    OriginalConfig.Observed seen =
        OriginalConfig.observe(cluster, journal.journal(), journal.store());
    Verification.Outcome v =
        Verification.verify(
            cluster.spec(),
            seen.snapshot(),
            fingerprintBefore,
            expect.versionOk(),
            expect.versionWanted(),
            expect.packagesOk(),
            expect.packagesWanted(),
            id -> seen.problemsSeen(id, journal.journal(), journal.store(), cluster.client(id)));
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("ok", v.ok());
    section.put("problems", v.problems());
    section.put("nodes", v.observed().toMap());
    report.put("verification", section);
    events.ifPresent(e -> e.verification(v.ok(), v.problems(), NodeStates.toJson(v.observed())));
    report.put("after", v.observed().toMap());
    writeReport();
    journal.journal().put(rollback ? "rollbackVerification" : "verification", section);
    if (!v.ok()) {
      journal.state(rollback ? Journal.State.ROLLBACK_FAILED : Journal.State.FAILED);
      lastSummary = plan.name() + " ran every step but the verification failed";
      err.println("nso-ha-upgrade: " + output.red(lastSummary) + ":");
      v.problems().forEach(p -> err.println("  - " + p));
      err.flush();
      return ExitCodes.FAILED;
    }
    journal.state(rollback ? Journal.State.ROLLED_BACK : Journal.State.COMPLETED);
    lastSummary =
        "Verified: "
            + cluster.spec().primary().id()
            + (cluster.spec().raft().isPresent()
                ? " leads with every member connected and in sync, "
                : " is primary with every secondary connected, ")
            + expect.versionWanted()
            + ", "
            + expect.packagesWanted()
            + ", configuration unchanged on every node.";
    out.println(output.green(lastSummary));
    out.flush();
    return ExitCodes.OK;
  }

  private int columns() {
    return output.terminal() ? TerminalWidth.columns(System.getenv()) : TerminalWidth.DEFAULT;
  }

  /** Writes the HTML page if one was asked for; a page that cannot be written is a warning. */
  private void writeHtml() {
    sinks
        .html()
        .ifPresent(
            file -> {
              try {
                HtmlReport.write(report.toJson(), file);
              } catch (RuntimeException e) {
                err.println("nso-ha-upgrade: cannot write the HTML report: " + e.getMessage());
                err.flush();
              }
            });
  }

  /** Writes the report if a file was asked for. */
  public void writeReport() {
    report.put("timing", timing());
    sinks.report().ifPresent(report::write);
  }

  private static volatile Instant processStart = Instant.now();

  /**
   * Where the run's time starts: the JVM's start for the program, the call for an in-process run.
   * The time spent on the nodes counts from here.
   */
  static void startClock(Instant start) {
    processStart = start;
    NodeTime.reset();
  }

  /**
   * The process's time so far and how much of it was spent on the nodes (requests, host commands,
   * waits); the rest is the orchestrator's own overhead: JVM start, planning, journal and output.
   */
  private static Map<String, Object> timing() {
    Instant start = processStart;
    long processMs = Duration.between(start, Instant.now()).toMillis();
    long nodeMs = NodeTime.total().toMillis();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("processMs", processMs);
    m.put("nodeMs", nodeMs);
    m.put("overheadMs", Math.max(0, processMs - nodeMs));
    return m;
  }
}
