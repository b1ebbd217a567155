package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.journal.Journal;
import dev.nsoha.core.journal.JournalStore;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.Wait;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.testing.WriteProbe;
import dev.nsoha.host.install.LocalInstallHost;
import dev.nsoha.sim.testkit.NetworkNamespace;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault-injection suite: real operating-system faults against simulated three-node clusters,
 * with the write probe writing through the runs.
 *
 * <ul>
 *   <li>The orchestrator is a separate JVM ({@code java -cp <test classpath>
 *       dev.nsoha.scenarios.Main}), killed with SIGKILL by the test-only {@link KillHook} at the
 *       start of every step and right after the first change to a node in every step, each kill
 *       followed by a rerun that continues the journal; a last rerun finishes. Then {@code
 *       rollback} from SIGKILL points of each plan restores the old state.
 *   <li>Node faults (NSO version upgrade): SIGKILL of the acting primary while the first node is
 *       upgraded, SIGSTOP of a secondary as it rejoins after its upgrade; the run stops within its
 *       bounds naming the node and every node's state, and after the node is back a rerun
 *       converges.
 * </ul>
 *
 * Every fault is judged by the independent {@link ClusterReader}, never by the program's own
 * "Verified:" line: "nothing lost" after every killed or stopped run, "converged" after every run
 * that finished and every rollback. The HA link cut runs with the cluster idle and during the
 * package upgrade's sync. {@code -Dfaults.full=true} runs the rollbacks from every step boundary
 * ({@code make reliability}), {@code -Dfaults.steps=3,6} limits the orchestrator kills to those
 * steps; {@code -Dfaults.rollback=change:4,start:9} chooses the rollback points.
 */
class FaultIT {
  @TempDir Path dir;

  private static final Duration RUN_BOUND = Duration.ofMinutes(4);

  /** How long the reader waits for a judgement to hold (replication, a rejoining secondary). */
  private static final Duration JUDGE = Duration.ofSeconds(90);

  /** No acknowledged writes (no probe running). */
  private static final List<ClusterReader.Write> NONE = List.of();

  /** No original configuration yet: the first judgement, before the reader takes it. */
  private static final ClusterReader.Original NOTHING_YET = new ClusterReader.Original(Map.of());

  /** The bundled installs' versions, from their directory names ({@code nso-6.4.4}). */
  static final String OLD = installVersion(Bundle.require().oldInstall().ncsDir());

  static final String NEW = installVersion(Bundle.require().newInstall().ncsDir());

  private static String installVersion(Path ncsDir) {
    String name = ncsDir.getFileName().toString();
    return name.substring(name.indexOf('-') + 1);
  }

  @AfterAll
  static void figures() throws IOException {
    Reliability.write();
    if (classArchive.isPresent()) {
      Files.deleteIfExists(classArchive.get());
      Files.deleteIfExists(classArchive.get().getParent());
      classArchive = Optional.empty();
    }
  }

  @Test
  void nsoUpgradeSurvivesOrchestratorKillsAtEveryStepBoundary() throws Exception {
    orchestratorKills(
        "upgrade-nso",
        16,
        "every node back on NSO 6.4.4",
        new ClusterReader.Expected("n1", OLD, Map.of("dummy", "1.0")),
        new ClusterReader.Expected("n1", NEW, Map.of("dummy", "1.0")),
        Map.of(6, "n1", 10, "n2", 13, "n3"));
  }

  @Test
  void packageUpgradeSurvivesOrchestratorKillsAtEveryStepBoundary() throws Exception {
    orchestratorKills(
        "upgrade-pkgs-sys",
        9,
        "packages [dummy-1.0] up",
        new ClusterReader.Expected("n1", OLD, Map.of("dummy", "1.0")),
        new ClusterReader.Expected("n1", OLD, Map.of("dummy", "1.1", "inert", "1.0")),
        Map.of());
  }

  /**
   * One cluster per plan, judged throughout by the independent {@link ClusterReader}, which reads
   * every node's configuration before the first fault. First the rollbacks: for each rollback point
   * the orchestrator is killed there ({@code change:k}: right after the first change of step k),
   * {@code plan rollback} prints the way back, and {@code rollback} takes it; the reader then
   * judges every node (nominal roles, no read-only mode, the old version and packages, the original
   * configuration); the next case starts from the cluster it left. The last case rolls back an
   * upgrade that finished. Then the chain: the orchestrator is killed at the start and in the
   * middle of every step, each killed run continued by the next one from the journal, with the
   * write probe writing; after every killed run the reader checks that nothing was lost (every node
   * that answers holds the original configuration, the primary and its connected secondaries every
   * acknowledged write); a last rerun finishes and the reader judges the whole cluster, every
   * acknowledged write on every node included.
   *
   * @param stoppingSteps the steps that stop a node, with the node: after a kill in the middle of
   *     one, the next run must say that the node is down because the run stopped it
   */
  private void orchestratorKills(
      String scenario,
      int steps,
      String rolledBack,
      ClusterReader.Expected before,
      ClusterReader.Expected after,
      Map<Integer, String> stoppingSteps)
      throws Exception {
    ExampleCluster cluster = new ExampleCluster();
    Path runRoot = dir.resolve("run");
    JournalStore store = new JournalStore(runRoot.resolve("journal.json"));
    Map<NodeId, NodeClient> clients = new LinkedHashMap<>();
    String kills = "orchestrator SIGKILL (" + scenario + ")";
    String rollbacks = "orchestrator SIGKILL, then rollback (" + scenario + ")";
    ClusterReader reader = ClusterReader.of(cluster);
    try {
      Outcome setup = inProcess(cluster, "example", scenario, "--transport", "cli", "--setup-only");
      assertThat(setup.code).as("%s", setup).isZero();
      archiveClasses(cluster);
      reader.converged("the example cluster as set up", before, NOTHING_YET, NONE, JUDGE);
      ClusterReader.Original original = reader.original();
      // No probe here: an NSO rollback restores the run's backups by design, so writes
      // acknowledged after a backup do not survive it, and rollback refuses to discard them.
      for (String point : rollbackPoints(scenario, steps)) {
        if (point.equals("completed")) {
          Outcome done = inProcess(cluster, scenario, "--transport", "cli");
          assertThat(done.code).as("the upgrade before its rollback:%n%s", done).isZero();
          reader.converged("the upgrade before its rollback", after, original, NONE, JUDGE);
        } else {
          Outcome killed = orchestrator(cluster, point, scenario, "--transport", "cli");
          assertThat(killed.code)
              .as("the orchestrator dies at %s:%n%s", point, killed)
              .isEqualTo(137);
          Reliability.fault(rollbacks);
          reader.nothingLost("after the kill at " + point, original, NONE, JUDGE);
        }
        String fingerprint = store.load().orElseThrow().originalFingerprint();
        if (point.equals("change:6") && scenario.equals("upgrade-nso")) {
          refusesANodeDownThatTheJournalDoesNotExplain(cluster, runRoot, scenario);
        }
        Outcome plan = planRollback(cluster, runRoot);
        assertThat(plan.code).as("plan rollback after %s:%n%s", point, plan).isZero();
        assertThat(plan.out).contains("rollback: rollback of").contains("Check that ");
        Outcome back = inProcess(cluster, "rollback", "--transport", "cli");
        assertThat(back.code)
            .as("rollback after %s:%nplan:%n%s%n%s", point, plan.out, back)
            .isZero();
        assertThat(back.out).as("rollback after %s", point).contains(rolledBack);
        Journal j = store.load().orElseThrow();
        assertThat(j.state()).as("after %s", point).isEqualTo(Journal.State.ROLLED_BACK);
        assertThat(j.originalFingerprint()).isEqualTo(fingerprint);
        // The program's own "Verified:" line is not the judge: the reader reads every node.
        reader.converged("the rollback after " + point, before, original, NONE, JUDGE);
        if (!point.equals("completed")) {
          Reliability.converged(rollbacks, 1);
        }
      }

      // The first kill, at the start of step 1, fixes the journal's original fingerprint before
      // the probe writes anything; the probe writes through every later run.
      Outcome first = orchestrator(cluster, "start:1", scenario, "--transport", "cli");
      assertThat(first.code).as("the orchestrator dies at start:1:%n%s", first).isEqualTo(137);
      String fingerprint = store.load().orElseThrow().originalFingerprint();
      Reliability.fault(kills);
      reader.nothingLost("after the kill at start:1", original, NONE, JUDGE);
      int injected = 1;
      clients = probeClients(cluster);
      WriteProbe probe = WriteProbe.start(clients, WriteProbe.Target.dummies());
      try {
        List<Integer> ks = steps(steps);
        for (int k : ks) {
          for (String point : List.of("start:" + k, "change:" + k)) {
            if (point.equals("start:1")) {
              continue;
            }
            Outcome killed = orchestrator(cluster, point, scenario, "--transport", "cli");
            assertThat(killed.code)
                .as("the orchestrator dies at %s:%n%s", point, killed)
                .isEqualTo(137);
            assertThat(killed.out)
                .as("%s continues the journal", point)
                .contains("Continuing the run started");
            String down =
                point.startsWith("start:") && ks.contains(k - 1) ? stoppingSteps.get(k - 1) : null;
            if (down != null) {
              // The kill in the middle of step k-1 left its node stopped; the run continued it.
              assertThat(killed.out)
                  .as("%s: the run says why %s is down and continues", point, down)
                  .contains(
                      down
                          + " ("
                          + cluster.address(Integer.parseInt(down.substring(1)))
                          + ") is down; the interrupted upgrade stopped it in step "
                          + (k - 1))
                  .contains("continuing with step " + (k - 1) + ", which starts " + down);
            }
            Journal j = store.load().orElseThrow();
            assertThat(j.originalFingerprint()).as("after %s", point).isEqualTo(fingerprint);
            Reliability.fault(kills);
            injected++;
            reader.nothingLost("after the kill at " + point, original, acked(probe), JUDGE);
          }
        }
        Outcome rerun = inProcess(cluster, scenario, "--transport", "cli");
        assertThat(rerun.out).as("%s", rerun).contains("Continuing the run started");
        assertFinished(rerun);
        probe.stop();
        reader.converged("the rerun after the last kill", after, original, acked(probe), JUDGE);
        Reliability.converged(kills, injected);
      } finally {
        probe.stop();
      }
      probeHoldsEverything(scenario + ", orchestrator kills", probe, reader);

    } finally {
      Reliability.judged(reader.judgements());
      clients.values().forEach(NodeClient::close);
      cluster.stop();
      ExampleCluster.remove(runRoot);
    }
  }

  /**
   * NSO version upgrade with node faults: the acting primary n2 is killed (SIGKILL) while n1 is
   * being upgraded, and the secondary n3 is hung (SIGSTOP) as it rejoins after its upgrade. Each
   * run stops within its bounds, names the node and every node's state, touches no further node,
   * and after the node is back a rerun continues; the last one converges and is verified.
   */
  @Test
  void nsoUpgradeStopsSafelyOnNodeFaultsAndConvergesAfterwards() throws Exception {
    ExampleCluster cluster = new ExampleCluster();
    Path runRoot = dir.resolve("run");
    JournalStore store = new JournalStore(runRoot.resolve("journal.json"));
    Map<NodeId, NodeClient> clients = Map.of();
    WriteProbe probe = null;
    ClusterReader reader = ClusterReader.of(cluster);
    String[] bounded = {
      "upgrade-nso",
      "--transport",
      "cli",
      "--ha-timeout",
      "30",
      "--request-timeout",
      "5",
      "--tool-timeout",
      "60"
    };
    try {
      Outcome setup =
          inProcess(cluster, "example", "upgrade-nso", "--transport", "cli", "--setup-only");
      assertThat(setup.code).as("%s", setup).isZero();
      ClusterReader.Expected old = new ClusterReader.Expected("n1", OLD, Map.of("dummy", "1.0"));
      reader.converged("the example cluster as set up", old, NOTHING_YET, NONE, JUDGE);
      ClusterReader.Original original = reader.original();

      // The run starts; the probe writes from the moment the journal holds the original
      // fingerprint (the run is killed at the start of step 1 first, then continued).
      Outcome atStart = orchestrator(cluster, "start:1", "upgrade-nso", "--transport", "cli");
      assertThat(atStart.code).as("%s", atStart).isEqualTo(137);
      clients = probeClients(cluster);
      probe = WriteProbe.start(clients, WriteProbe.Target.dummies());

      // SIGKILL of the acting primary n2 while n1 is being upgraded (step 6).
      Running run = startOrchestrator(cluster, null, bounded);
      run.awaitOutput("[ 6/16] Upgrade node n1");
      long n2 = ExampleCluster.daemonPid(runRoot, 2);
      ExampleCluster.signal("-KILL", n2);
      awaitGone(n2);
      long t0 = System.nanoTime();
      Outcome failed = run.finish();
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      assertThat(failed.code).as("%s", failed).isEqualTo(ExitCodes.FAILED);
      assertThat(took).as("the run stops within its bounds").isLessThan(Duration.ofSeconds(150));
      assertThat(failed.err)
          .as("%s", failed)
          .contains("n2")
          .contains("node states:")
          .contains("  n1: ")
          .contains("  n2: ")
          .contains("  n3: ");
      assertNothingAfterFailedStep(store, failed);
      cluster.host(runRoot, 1).start(Bundle.require().oldInstall(), false);
      Reliability.fault("node SIGKILL: acting primary n2 while n1 is upgraded");
      reader.nothingLost("after the run n2's kill stopped", original, acked(probe), JUDGE);

      // SIGSTOP of the secondary n3, upgraded, as it is to join n1 again (step 14).
      run = startOrchestrator(cluster, null, bounded);
      run.awaitOutput("[14/16] ");
      long n3 = ExampleCluster.daemonPid(runRoot, 3);
      ExampleCluster.signal("-STOP", n3);
      Outcome hung;
      try {
        t0 = System.nanoTime();
        hung = run.finish();
        took = Duration.ofNanos(System.nanoTime() - t0);
        // A hung node is not a stopped one: `ncs --stop` reaches its IPC port (the kernel accepts
        // the connection) and gets no answer; the host must say so, not report it stopped. The
        // simulator's tools wait NSOSIM_IPC_TIMEOUT seconds for an answer (30 by default).
        LocalInstallHost h3 = cluster.host(runRoot, 2, Map.of("NSOSIM_IPC_TIMEOUT", "3"));
        long s0 = System.nanoTime();
        assertThatThrownBy(h3::stop)
            .as("ncs --stop of a hung node")
            .isInstanceOf(HostException.class)
            .hasMessageContaining("n3")
            .hasMessageContaining("gave no answer (stop)");
        assertThatThrownBy(h3::isRunning)
            .as("ncs --status of a hung node")
            .isInstanceOf(HostException.class)
            .hasMessageContaining("gave no answer (status)");
        assertThat(Duration.ofNanos(System.nanoTime() - s0))
            .as("both end within their bound")
            .isLessThan(Duration.ofSeconds(30));
        assertThat(ProcessHandle.of(n3).map(ProcessHandle::isAlive).orElse(false))
            .as("the hung node was not stopped")
            .isTrue();
      } finally {
        ExampleCluster.signal("-CONT", n3);
      }
      assertThat(hung.code).as("%s", hung).isEqualTo(ExitCodes.FAILED);
      assertThat(took)
          .as("every wait and request ends within its bound, from the SIGSTOP")
          .isLessThan(Duration.ofSeconds(120));
      assertThat(hung.err).as("%s", hung).contains("n3").contains("node states:");
      assertNothingAfterFailedStep(store, hung);
      Reliability.fault("node SIGSTOP: secondary n3 as it rejoins");
      reader.nothingLost("after the run the hung n3 stopped", original, acked(probe), JUDGE);
      // The stop that the hung n3 could not answer waited on its IPC port, and n3 may act on it
      // once resumed: stop it for sure and start it again on the install it runs (the target), as
      // an operator who had tried to stop it would.
      LocalInstallHost again = cluster.host(runRoot, 2);
      again.stop();
      again.start(Bundle.require().newInstall(), false);

      Outcome rerun = inProcess(cluster, "upgrade-nso", "--transport", "cli");
      probe.stop();
      assertFinished(rerun);
      ClusterReader.Expected upgraded =
          new ClusterReader.Expected("n1", NEW, Map.of("dummy", "1.0"));
      reader.converged("the rerun after the node faults", upgraded, original, acked(probe), JUDGE);
      Reliability.converged("node SIGKILL: acting primary n2 while n1 is upgraded", 1);
      Reliability.converged("node SIGSTOP: secondary n3 as it rejoins", 1);
      probeHoldsEverything("upgrade-nso, node faults", probe, reader);
    } finally {
      Reliability.judged(reader.judgements());
      if (probe != null) {
        probe.stop();
      }
      clients.values().forEach(NodeClient::close);
      cluster.stop();
      ExampleCluster.remove(runRoot);
    }
  }

  /**
   * An HA link cut between the primary n1 and the secondary n3 while the write probe's commits
   * replicate: an nftables rule that drops their packets, inside a network namespace this test
   * creates and removes (the cluster and the probe run in it, in {@link LinkCutDriver}). After the
   * rule is gone the reader judges every node: n3 rejoined, and every acknowledged commit is on
   * every node.
   */
  @Test
  void haLinkCutLosesNoAcknowledgedCommitOnAnyNode() throws Exception {
    linkCut("idle", "HA link cut primary n1 / secondary n3 (nft, in a netns)");
  }

  /**
   * The same cut while the package upgrade runs, in its step 8 ({@code packages ha sync
   * and-reload}, which replicates the new packages to the secondaries) once n3 holds the new
   * packages (see docs/fault-injection.md for why not earlier): the run finishes or stops safely, a
   * rerun after the cut continues it, and the reader judges every node on the new packages with the
   * original configuration and every acknowledged commit.
   */
  @Test
  void haLinkCutDuringThePackageUpgradeLosesNothingOnAnyNode() throws Exception {
    linkCut(
        "upgrade",
        "HA link cut primary n1 / secondary n3 during package sync (upgrade-pkgs-sys step 8)");
  }

  private void linkCut(String mode, String kind) throws Exception {
    Optional<String> missing = NetworkNamespace.unavailable();
    if (missing.isPresent()) {
      assertThat(System.getenv("CI"))
          .as("CI needs root, ip and nft for the HA link cut test")
          .isNotEqualTo("true");
      Assumptions.abort("HA link cut test skipped: " + missing.get());
    }
    Path result = dir.resolve("linkcut.properties");
    Path log = dir.resolve("linkcut.log");
    try (NetworkNamespace ns =
        NetworkNamespace.create("nsoha-faults-" + ProcessHandle.current().pid() + "-" + mode)) {
      ns.runJava(
          LinkCutDriver.class,
          List.of("-XX:+UseSerialGC"),
          List.of(result.toString(), mode),
          log,
          RUN_BOUND.multipliedBy(2));
      Properties r = new Properties();
      try (var in = Files.newBufferedReader(result)) {
        r.load(in);
      }
      System.out.println("HA link cut (" + mode + "): " + r);
      assertThat(r.getProperty("ok")).as("%s%n%s", r, read(log)).isEqualTo("true");
      Reliability.fault(kind);
      Reliability.judged(Integer.parseInt(r.getProperty("judgements")));
      Reliability.probe(
          "HA link cut (" + mode + ")",
          Long.parseLong(r.getProperty("acked")),
          Long.parseLong(r.getProperty("lost")),
          Duration.ofMillis(Long.parseLong(r.getProperty("longestGapMillis"))));
      assertThat(r.getProperty("reader"))
          .as("the reader's judgement: %s", r)
          .isEqualTo("converged");
      Reliability.converged(kind, 1);
      assertThat(r.getProperty("lost")).as("%s", r).isEqualTo("0");
      if (mode.equals("upgrade")) {
        assertThat(r.getProperty("runExit"))
            .as("the cut happened while the run ran: %s", r)
            .isNotNull();
      }
    }
  }

  /** The failed run's journal has no step after the one that failed: no further node touched. */
  private static void assertNothingAfterFailedStep(JournalStore store, Outcome failed) {
    Matcher m = Pattern.compile("failed at step (\\d+)").matcher(failed.err);
    assertThat(m.find()).as("the failed step is named:%n%s", failed).isTrue();
    int k = Integer.parseInt(m.group(1));
    assertThat(failed.out).as("%s", failed).doesNotContainPattern("\\[\\s*" + (k + 1) + "/\\d+\\]");
    assertThat(store.load().orElseThrow().state()).isEqualTo(Journal.State.FAILED);
  }

  private static void awaitGone(long pid) {
    Wait.until(
        "pid " + pid + " is gone",
        "test",
        () -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
        alive -> !alive,
        alive -> alive ? "alive" : "gone",
        Duration.ofSeconds(30));
  }

  // ---- helpers ------------------------------------------------------------------------------

  record Outcome(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private Outcome inProcess(ExampleCluster cluster, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(cluster.nodeArgs(dir.resolve("run")));
    int code =
        Main.run(
            new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    return new Outcome(code, out.toString(), err.toString());
  }

  /**
   * With n1 stopped by the killed run (its upgrade step) and n3 stopped by hand, which the journal
   * does not explain: a rerun and a rollback both refuse with exit 3 and change nothing, not even
   * the journal. Then n3 is started again.
   */
  private void refusesANodeDownThatTheJournalDoesNotExplain(
      ExampleCluster cluster, Path runRoot, String scenario) throws IOException {
    Path journal = runRoot.resolve("journal.json");
    String before = Files.readString(journal);
    cluster.stopNode(2);
    try {
      Outcome rerun = inProcess(cluster, scenario, "--transport", "cli");
      assertThat(rerun.code).as("%s", rerun).isEqualTo(ExitCodes.UNREACHABLE);
      assertThat(rerun.err).as("%s", rerun).contains("n3").contains("nothing was changed");
      assertThat(rerun.out)
          .as("%s", rerun)
          .contains("n1 (" + cluster.a + ") is down; the interrupted upgrade stopped it in step 6");
      Outcome back = inProcess(cluster, "rollback", "--transport", "cli");
      assertThat(back.code).as("%s", back).isEqualTo(ExitCodes.UNREACHABLE);
      assertThat(back.err)
          .as("%s", back)
          .contains("n3 (" + cluster.c + ") cannot be read")
          .contains("the journal does not say that the run stopped it")
          .contains("nothing was changed");
      assertThat(Files.readString(journal)).as("the journal is untouched").isEqualTo(before);
    } finally {
      cluster.host(runRoot, 2).start(Bundle.require().oldInstall(), false);
    }
  }

  /** {@code plan rollback}: prints the way back from the journal, connects to nothing. */
  private static Outcome planRollback(ExampleCluster cluster, Path runRoot) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "plan",
            "rollback",
            "-a",
            cluster.a,
            "-b",
            cluster.b,
            "-c",
            cluster.c,
            "--run-root",
            runRoot.toString());
    return new Outcome(code, out.toString(), err.toString());
  }

  /** An orchestrator JVM that runs while the test injects a fault. */
  final class Running {
    final Process process;
    final Path out;
    final Path err;
    final String what;

    Running(Process process, Path out, Path err, String what) {
      this.process = process;
      this.out = out;
      this.err = err;
      this.what = what;
    }

    /** Waits until the program printed {@code text}. */
    void awaitOutput(String text) {
      Wait.until(
          "the orchestrator prints '" + text + "'",
          what,
          () -> read(out),
          o -> o.contains(text) || !process.isAlive(),
          o -> o.lines().reduce((x, y) -> y).orElse("(nothing yet)"),
          RUN_BOUND);
      assertThat(read(out))
          .as("the orchestrator exited before '%s':%n%s", text, read(err))
          .contains(text);
    }

    /** Waits for the program to exit (at most {@link #RUN_BOUND}). */
    Outcome finish() throws InterruptedException {
      if (!process.waitFor(RUN_BOUND.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(
            "the orchestrator (" + what + ") ran longer than " + RUN_BOUND + ":\n" + read(out));
      }
      return new Outcome(process.exitValue(), read(out), read(err));
    }
  }

  /**
   * A class-data-sharing archive of the classes an orchestrator run loads, shared by every
   * orchestrator JVM of this test JVM: each of the chains' many program starts then loads its
   * classes from it instead of from the jars. Empty until {@link #archiveClasses} made it.
   */
  private static volatile Optional<Path> classArchive = Optional.empty();

  /**
   * Makes {@link #classArchive} once: {@code status} over the CLI (picocli, Guice, the transports,
   * jsch, a read of every node) in a JVM that writes the classes it loaded when it exits. Where the
   * archive cannot be made the JVMs start without it.
   */
  private void archiveClasses(ExampleCluster cluster) throws IOException, InterruptedException {
    if (classArchive.isPresent()) {
      return;
    }
    Optional<String> jars = jarClasspath();
    if (jars.isEmpty()) {
      return;
    }
    Path jsa = Files.createTempDirectory("nsoha-faultit-cds").resolve("orchestrator.jsa");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    cmd.add("-XX:ArchiveClassesAtExit=" + jsa);
    cmd.addAll(List.of("-cp", jars.get(), Main.class.getName()));
    cmd.addAll(List.of("status", "--transport", "cli", "-a", cluster.a, "-b", cluster.b));
    cmd.addAll(List.of("-c", cluster.c, "--cli-port", Integer.toString(cluster.cliPort)));
    cmd.addAll(List.of("--known-hosts", dir.resolve("run").resolve("known_hosts").toString()));
    Path log = Files.createTempFile(dir, "cds", ".log");
    Process p =
        new ProcessBuilder(cmd)
            .directory(Path.of("").toAbsolutePath().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(RUN_BOUND.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
    }
    if (p.exitValue() == 0 && Files.isRegularFile(jsa) && Files.size(jsa) > 0) {
      classArchive = Optional.of(jsa);
    } else {
      System.out.println("no class archive for the orchestrator JVMs:\n" + read(log));
      Files.deleteIfExists(jsa);
      Files.deleteIfExists(jsa.getParent());
    }
  }

  /**
   * The test JVM's classpath without this module's test classes, which the program does not need,
   * when every other entry is a jar (as under failsafe, after {@code package}): class-data sharing
   * archives classes from jars only. Empty otherwise (e.g. classes directories of an IDE).
   */
  private static Optional<String> jarClasspath() {
    String tests;
    try {
      tests =
          Path.of(FaultIT.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toString();
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
    List<String> kept = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (e.isBlank() || Path.of(e).toAbsolutePath().toString().equals(tests)) {
        continue;
      }
      if (!e.endsWith(".jar")) {
        return Optional.empty();
      }
      kept.add(e);
    }
    return Optional.of(String.join(File.pathSeparator, kept));
  }

  /**
   * Starts the program as its own JVM, with the kill hook armed at {@code point} unless it is null.
   */
  private Running startOrchestrator(ExampleCluster cluster, String point, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    String classpath = System.getProperty("java.class.path");
    if (classArchive.isPresent()) {
      cmd.addAll(List.of("-XX:SharedArchiveFile=" + classArchive.get(), "-Xlog:cds=off"));
      cmd.add("-Xlog:cds+dynamic=off");
      classpath = jarClasspath().orElse(classpath);
    }
    cmd.addAll(List.of("-cp", classpath, Main.class.getName()));
    cmd.addAll(Arrays.asList(args));
    cmd.addAll(cluster.nodeArgs(dir.resolve("run")));
    Path out = Files.createTempFile(dir, "orchestrator", ".out");
    Path err = Files.createTempFile(dir, "orchestrator", ".err");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(Path.of("").toAbsolutePath().toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    if (point != null) {
      pb.environment().put(KillHook.ENV, point);
    } else {
      pb.environment().remove(KillHook.ENV);
    }
    return new Running(
        pb.start(), out, err, String.join(" ", args) + (point == null ? "" : " @" + point));
  }

  /**
   * Runs the program as its own JVM with the kill hook armed at {@code point}; returns its exit
   * code (137 after a SIGKILL) and output.
   */
  private Outcome orchestrator(ExampleCluster cluster, String point, String... args)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Outcome o = startOrchestrator(cluster, point, args).finish();
    System.out.printf(
        "orchestrator %s @%s: exit %d after %.1f s%n",
        args[0], point, o.code, (System.nanoTime() - t0) / 1e9);
    return o;
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Integer> steps(int steps) {
    String only = System.getProperty("faults.steps");
    if (only != null && !only.isBlank()) {
      return Arrays.stream(only.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }
    return IntStream.rangeClosed(1, steps).boxed().toList();
  }

  /**
   * Where the rollback cases kill the orchestrator. With {@code -Dfaults.full=true} ({@code make
   * reliability}): {@code start:k} and {@code change:k} (right after the first change of step k)
   * for every step, and {@code completed}, an upgrade that finished. In {@code make test}: the
   * representative boundaries {@link #REPRESENTATIVE_ROLLBACKS} names, one per kind of state a
   * rollback must undo. With {@code -Dfaults.rollback=change:4,start:9,completed} exactly those.
   */
  private static List<String> rollbackPoints(String scenario, int steps) {
    String v = System.getProperty("faults.rollback");
    if (v != null) {
      return v.isBlank() ? List.of() : Arrays.stream(v.split(",")).map(String::trim).toList();
    }
    if (!Boolean.getBoolean("faults.full")) {
      return REPRESENTATIVE_ROLLBACKS.get(scenario);
    }
    List<String> out = new ArrayList<>();
    for (int k : steps(steps)) {
      out.add("start:" + k);
      if (k < steps) {
        out.add("change:" + k);
      }
    }
    out.add("completed");
    return out;
  }

  /**
   * The rollback points of {@code make test}, one per kind of state a rollback must undo (see
   * docs/fault-injection.md). NSO version upgrade: read-only on, no backup yet (1); failover done,
   * roles swapped, only HA state changed (4); n1 stopped in its upgrade, which the journal explains
   * (6); n1 upgraded and primary, n2 stopped in its upgrade, mixed versions (10); every node
   * upgraded, n3 rejoining (14); a finished upgrade. Package upgrade: backups taken (1); the new
   * package installed on the primary only (4); every node reloaded on the new packages (8); a
   * finished upgrade.
   */
  private static final Map<String, List<String>> REPRESENTATIVE_ROLLBACKS =
      Map.of(
          "upgrade-nso",
          List.of("change:1", "change:4", "change:6", "change:10", "change:14", "completed"),
          "upgrade-pkgs-sys",
          List.of("change:1", "change:4", "change:8", "completed"));

  private static Map<NodeId, NodeClient> probeClients(ExampleCluster cluster) {
    Map<NodeId, NodeClient> clients = new LinkedHashMap<>();
    ClusterSpec spec = ClusterSpec.example(cluster.a, cluster.b, cluster.c);
    for (ClusterSpec.NodeSpec n : spec.nodes()) {
      clients.put(
          n.id(),
          Transports.create()
              .factory("restconf")
              .create(NodeEndpoint.example(n.id(), n.address())));
    }
    return clients;
  }

  /**
   * The run finished every step. The program's own verification compares each node's fingerprint
   * with the original one, so the write probe's entries may show up there as "configuration
   * differs", the only problem allowed; whether the cluster really converged is the reader's
   * judgement, not this output's.
   */
  private static void assertFinished(Outcome rerun) {
    assertThat(rerun.out).as("%s", rerun).contains("completed:");
    if (rerun.code != 0) {
      List<String> problems = rerun.err.lines().filter(l -> l.startsWith("  - ")).toList();
      assertThat(problems)
          .as("only the probe's writes may differ:%n%s", rerun)
          .isNotEmpty()
          .allSatisfy(l -> assertThat(l).contains("configuration differs from before the run"));
    }
  }

  /** The probe's acknowledged writes, as the reader checks them: name and the value written. */
  static List<ClusterReader.Write> acked(WriteProbe probe) {
    WriteProbe.Target t = WriteProbe.Target.dummies();
    List<ClusterReader.Write> out = new ArrayList<>();
    for (WriteProbe.Write w : probe.acknowledged()) {
      Object entry =
          ((List<?>)
                  ((Map<?, ?>) t.entry(w.name(), w.seq()).asMap().get("dummy:dummies"))
                      .get("dummy"))
              .get(0);
      out.add(new ClusterReader.Write(w.name(), String.valueOf(((Map<?, ?>) entry).get("dummy"))));
    }
    return out;
  }

  /**
   * The write probe's figures, with "lost" as the reader sees it: acknowledged writes missing on a
   * node, read back from every node (also the ones that rejoined) after waiting for replication.
   */
  private static void probeHoldsEverything(String where, WriteProbe probe, ClusterReader reader) {
    List<ClusterReader.Write> acked = acked(probe);
    Map<String, Integer> missing = reader.missingWrites(acked, Duration.ofSeconds(30));
    long lost = missing.values().stream().mapToLong(Integer::longValue).max().orElse(0);
    Reliability.probe(
        where,
        acked.size(),
        lost,
        probe.longestGap().map(WriteProbe.Gap::length).orElse(Duration.ZERO));
    System.out.println("write probe (" + where + "): " + probe.summary());
    assertThat(acked).as("the probe got writes through").isNotEmpty();
    assertThat(missing).as("acknowledged writes missing per node, read by the reader").isEmpty();
  }
}
