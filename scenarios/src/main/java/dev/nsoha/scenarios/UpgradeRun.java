package dev.nsoha.scenarios;

import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.error.OperationFailedException;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.plan.ClusterSnapshot;
import dev.nsoha.core.plan.ClusterSnapshot.NodeSnapshot;
import dev.nsoha.core.plan.ConsoleListener;
import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plan.PlanRunner;
import dev.nsoha.core.plan.PlanSettings;
import dev.nsoha.core.plan.RunReport;
import dev.nsoha.core.plan.RunResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One upgrade on a live cluster: a preflight read of every node, the configuration fingerprint
 * before, the plan, the verification after, and the run report. Returns the process exit code.
 */
public final class UpgradeRun {
  private final ClusterRuntime cluster;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Optional<Path> reportFile;
  private final boolean verbose;
  private final RunReport report = new RunReport();

  public UpgradeRun(
      ClusterRuntime cluster,
      PrintWriter out,
      PrintWriter err,
      Optional<Path> reportFile,
      boolean verbose) {
    this.cluster = cluster;
    this.out = out;
    this.err = err;
    this.reportFile = reportFile;
    this.verbose = verbose;
  }

  public RunReport report() {
    return report;
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
    for (NodeId id : cluster.spec().ids()) {
      // The first read of each node: a typed error (unreachable, credentials) names the node.
      PlanRunner.nodeState(cluster.client(id));
    }
    ClusterSnapshot before = ClusterSnapshot.observe(cluster, true);
    report.put("transport", cluster.transport());
    report.put("cluster", cluster.spec().describe());
    report.put("before", before.toMap());
    NodeSnapshot primary = before.node(cluster.spec().primary().id());
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
    return fp;
  }

  /** Runs {@code plan} and verifies; prints progress and the final state. */
  public int run(Plan plan, String fingerprintBefore, Expectations expect, PlanSettings settings) {
    PlanRunner runner =
        new PlanRunner(cluster, settings, List.of(new ConsoleListener(out, verbose), report));
    RunResult result = runner.run(plan);
    writeReport();
    if (!result.succeeded()) {
      err.println("nso-ha-upgrade: " + plan.name() + " " + result.summary());
      err.println("nso-ha-upgrade: the cluster was left as the step found it; node states:");
      result.nodeStates().summaries().forEach((n, s) -> err.println("  " + n + ": " + s));
      err.flush();
      return ExitCodes.FAILED;
    }
    Verification.Outcome v =
        Verification.verify(
            cluster.spec(),
            ClusterSnapshot.observe(cluster, true),
            fingerprintBefore,
            expect.versionOk(),
            expect.versionWanted(),
            expect.packagesOk(),
            expect.packagesWanted());
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("ok", v.ok());
    section.put("problems", v.problems());
    section.put("nodes", v.observed().toMap());
    report.put("verification", section);
    report.put("after", v.observed().toMap());
    writeReport();
    if (!v.ok()) {
      err.println(
          "nso-ha-upgrade: " + plan.name() + " ran every step but the verification failed:");
      v.problems().forEach(p -> err.println("  - " + p));
      err.flush();
      return ExitCodes.FAILED;
    }
    out.println(
        "Verified: "
            + cluster.spec().primary().id()
            + " is primary with every secondary connected, "
            + expect.versionWanted()
            + ", "
            + expect.packagesWanted()
            + ", configuration unchanged on every node.");
    out.flush();
    return ExitCodes.OK;
  }

  /** Writes the report if a file was asked for. */
  public void writeReport() {
    reportFile.ifPresent(report::write);
  }
}
