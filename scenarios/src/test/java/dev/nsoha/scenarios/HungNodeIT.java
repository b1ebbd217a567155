package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.Wait;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hung node (its NSO process stopped with SIGSTOP) stops a run within one request timeout plus 10
 * s, with no step reported done that the node did not answer, and a message that leads with what no
 * longer works and gives the two ways out as command lines; then both ways out are taken, literally
 * as printed: {@code kill -CONT} and the same command again, and {@code rollback}. Both plans, over
 * both transports. The cluster is judged by this test's own reads of every node over RESTCONF, not
 * by the program's verification.
 */
class HungNodeIT {
  /** The run's request timeout, short so that the test stays short. */
  private static final int REQUEST_TIMEOUT = 5;

  /** The promise: the run stops within one request timeout plus 10 s of the hang. */
  private static final Duration STOP_BOUND = Duration.ofSeconds(REQUEST_TIMEOUT + 10);

  private static final Duration RUN_BOUND = Duration.ofMinutes(4);
  private static final String HA_TREE = "tailf-ncs:high-availability";

  @TempDir Path dir;

  /**
   * NSO version upgrade, n3 hung as step 3 (HA disabled on n3) begins. Over RESTCONF, then the way
   * out by rollback; over the CLI on the same cluster, then the way out by SIGCONT and a rerun.
   */
  @Test
  void nsoUpgradeStopsAtAHungSecondaryAndBothWaysOutWork() throws Exception {
    ExampleCluster cluster = new ExampleCluster();
    Path runRoot = dir.resolve("run");
    Map<NodeId, NodeClient> reader = reader(cluster);
    try {
      ProgramRun.Outcome setup =
          ProgramRun.on(
              cluster, runRoot, "example", "upgrade-nso", "--transport", "cli", "--setup-only");
      assertThat(setup.code()).as("%s", setup).isZero();
      Map<NodeId, State> original = read(reader);
      String oldVersion = original.get(NodeId.of("n1")).version;
      assertNominal(original, oldVersion);

      // 1. Over RESTCONF; the way out: rollback, as printed.
      Stopped rc =
          hang(cluster, runRoot, "upgrade-nso", "restconf", "[ 3/16] ", 3, NodeId.of("n3"));
      assertLeadsWithRefusedWrites(rc, reader);
      ProgramRun.Outcome back = ProgramRun.run(args(rc.line("nso-ha-upgrade rollback ")));
      assertThat(back.code()).as("%s", back).isZero();
      Map<NodeId, State> afterRollback = read(reader);
      assertNominal(afterRollback, oldVersion);
      assertSameConfig(original, afterRollback);

      // 2. Over the CLI; the way out: kill -CONT (done by hang()) and the same command again.
      Stopped cli = hang(cluster, runRoot, "upgrade-nso", "cli", "[ 3/16] ", 3, NodeId.of("n3"));
      assertLeadsWithRefusedWrites(cli, reader);
      ProgramRun.Outcome rerun = ProgramRun.run(args(cli.line("nso-ha-upgrade upgrade-nso ")));
      assertThat(rerun.code()).as("%s", rerun).isZero();
      Map<NodeId, State> upgraded = read(reader);
      String newVersion = Bundle.require().newInstall().version().text();
      assertNominal(upgraded, newVersion);
      assertSameConfig(original, upgraded);
    } finally {
      reader.values().forEach(NodeClient::close);
      cluster.stop();
      ExampleCluster.remove(runRoot);
    }
  }

  /**
   * Package upgrade, the secondary n3 hung as step 2 (a read of n1) begins: the next observation
   * finds n3 hung and the run stops before the next step. Over the CLI, then the way out by
   * rollback; over RESTCONF on the same cluster, then SIGCONT and a rerun.
   */
  @Test
  void packageUpgradeStopsAtAHungSecondaryAndBothWaysOutWork() throws Exception {
    ExampleCluster cluster = new ExampleCluster();
    Path runRoot = dir.resolve("run");
    Map<NodeId, NodeClient> reader = reader(cluster);
    try {
      ProgramRun.Outcome setup =
          ProgramRun.on(
              cluster,
              runRoot,
              "example",
              "upgrade-pkgs-sys",
              "--transport",
              "cli",
              "--setup-only");
      assertThat(setup.code()).as("%s", setup).isZero();
      Map<NodeId, State> original = read(reader);
      String version = original.get(NodeId.of("n1")).version;
      assertNominal(original, version);

      Stopped cli =
          hang(cluster, runRoot, "upgrade-pkgs-sys", "cli", "[ 2/9] ", 2, NodeId.of("n3"));
      assertThat(cli.err)
          .as("%s", cli)
          .startsWith("nso-ha-upgrade: the run stopped and n3 does not answer");
      ProgramRun.Outcome back = ProgramRun.run(args(cli.line("nso-ha-upgrade rollback ")));
      assertThat(back.code()).as("%s", back).isZero();
      Map<NodeId, State> afterRollback = read(reader);
      assertNominal(afterRollback, version);
      assertThat(packages(afterRollback)).isEqualTo(packages(original));
      assertSameConfig(original, afterRollback);

      Stopped rc =
          hang(cluster, runRoot, "upgrade-pkgs-sys", "restconf", "[ 2/9] ", 2, NodeId.of("n3"));
      assertThat(rc.err)
          .as("%s", rc)
          .startsWith("nso-ha-upgrade: the run stopped and n3 does not answer");
      ProgramRun.Outcome rerun = ProgramRun.run(args(rc.line("nso-ha-upgrade upgrade-pkgs-sys ")));
      assertThat(rerun.code()).as("%s", rerun).isZero();
      Map<NodeId, State> upgraded = read(reader);
      assertNominal(upgraded, version);
      assertThat(packages(upgraded).values())
          .as("every node runs the new packages")
          .allSatisfy(p -> assertThat(p).contains("dummy-1.1"));
      assertSameConfig(original, upgraded);
    } finally {
      reader.values().forEach(NodeClient::close);
      cluster.stop();
      ExampleCluster.remove(runRoot);
    }
  }

  /** A run that a hung node stopped: its output and the time from the SIGSTOP to its exit. */
  record Stopped(int code, String out, String err, Duration took) {
    /** The line of the message that starts with {@code prefix} (after indentation). */
    String line(String prefix) {
      return err.lines()
          .map(String::strip)
          .filter(l -> l.startsWith(prefix))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no line '" + prefix + "...' in:\n" + this));
    }

    @Override
    public String toString() {
      return "exit " + code + " after " + took + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  /**
   * Runs {@code scenario} over {@code transport} in its own JVM, stops {@code node}'s NSO process
   * (SIGSTOP) as soon as the run prints {@code marker}, and lets it go on (SIGCONT) once the run
   * ended. Asserts the promises of a stop at a hung node: exit 1 within {@link #STOP_BOUND} of the
   * SIGSTOP, at step {@code step} or the next (when the node answered the step before it hung), no
   * step after that started, a step reported done that acts on the node only when the node shows
   * its effect, and both ways out in the message with the node named.
   */
  private Stopped hang(
      ExampleCluster cluster,
      Path runRoot,
      String scenario,
      String transport,
      String marker,
      int step,
      NodeId node)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    List<String> args =
        new ArrayList<>(
            List.of(
                scenario,
                "--transport",
                transport,
                "--request-timeout",
                Integer.toString(REQUEST_TIMEOUT),
                "--ha-timeout",
                "30",
                "--tool-timeout",
                "60"));
    args.addAll(cluster.nodeArgs(runRoot));
    cmd.addAll(args);
    Path out = Files.createTempFile(dir, "run", ".out");
    Path err = Files.createTempFile(dir, "run", ".err");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(Path.of("").toAbsolutePath().toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().remove(KillHook.ENV);
    Process p = pb.start();
    long pid = ExampleCluster.daemonPid(runRoot, Integer.parseInt(node.value().substring(1)));
    Stopped s;
    try {
      Wait.until(
          "the run prints '" + marker + "'",
          scenario,
          () -> read(out),
          o -> o.contains(marker) || !p.isAlive(),
          o -> o.lines().reduce((x, y) -> y).orElse("(nothing yet)"),
          RUN_BOUND);
      assertThat(read(out))
          .as("the run ended before '%s':%n%s", marker, read(err))
          .contains(marker);
      ExampleCluster.signal("-STOP", pid);
      long t0 = System.nanoTime();
      try {
        if (!p.waitFor(RUN_BOUND.toSeconds(), TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor();
          throw new AssertionError("the run did not stop:\n" + read(out) + read(err));
        }
        s =
            new Stopped(
                p.exitValue(), read(out), read(err), Duration.ofNanos(System.nanoTime() - t0));
      } finally {
        ExampleCluster.signal("-CONT", pid);
      }
    } finally {
      if (p.isAlive()) {
        p.destroyForcibly().waitFor();
      }
    }
    System.out.println(
        scenario + " over " + transport + ", " + node + " hung at '" + marker + "': " + s);
    assertThat(s.code).as("%s", s).isEqualTo(ExitCodes.FAILED);
    assertThat(s.took)
        .as("time from the SIGSTOP to the stop: %s", s)
        .isLessThanOrEqualTo(STOP_BOUND);
    Matcher m = Pattern.compile("failed at step (\\d+)").matcher(s.err);
    assertThat(m.find()).as("the failed step is named: %s", s).isTrue();
    int failed = Integer.parseInt(m.group(1));
    // The simulator's steps take well under a second: the SIGSTOP lands in step `step` or soon
    // after, and the next read of every node (each step's check reads them all) finds the node
    // hung.
    assertThat(failed).as("%s", s).isGreaterThanOrEqualTo(step);
    assertThat(s.out)
        .as("no step after the failed one started: %s", s)
        .doesNotContainPattern("\\[\\s*" + (failed + 1) + "/\\d+\\]");
    assertThat(s.err)
        .as("%s", s)
        .contains(node + " stopped answering")
        .contains("kill -CONT")
        .contains("two ways out:")
        .contains("node states:");
    String rerun = s.line("nso-ha-upgrade " + scenario + " ");
    assertThat(rerun)
        .as("the rerun is the same command line")
        .isEqualTo("nso-ha-upgrade " + String.join(" ", args));
    String rollback = s.line("nso-ha-upgrade rollback ");
    assertThat(rollback)
        .isEqualTo("nso-ha-upgrade rollback " + String.join(" ", args.subList(1, args.size())));
    if (failed > 3 && scenario.equals("upgrade-nso")) {
      // Step 3 (HA disabled on n3) was reported done: n3 must have answered it, so n3 shows it.
      assertThat(s.out).as("%s", s).contains("done in");
      try (NodeClient c = client(cluster, node)) {
        HaStatus h = awaitAnswer(c);
        assertThat(h.enabled()).as("%s reported done on %s: %s", step, node, h.summary()).isFalse();
      }
    }
    return s;
  }

  /**
   * The message leads with refused writes, naming the read-only primary, and that holds: this test
   * reads that node itself.
   */
  private static void assertLeadsWithRefusedWrites(Stopped s, Map<NodeId, NodeClient> reader) {
    Matcher m =
        Pattern.compile(
                "\\Anso-ha-upgrade: the run stopped and writes are refused: (n\\d) is primary and"
                    + " read-only")
            .matcher(s.err);
    assertThat(m.find()).as("the message leads with the refused writes: %s", s).isTrue();
    NodeId p = NodeId.of(m.group(1));
    HaStatus h = read(reader).get(p).ha;
    assertThat(h.isPrimary() && h.readOnly())
        .as("%s is primary and read-only: %s", p, h.summary())
        .isTrue();
  }

  /** The node's HA status, once it answers again after the SIGCONT. */
  private static HaStatus awaitAnswer(NodeClient c) {
    return Wait.until(
        "the node answers",
        "test",
        c::haStatus,
        h -> true,
        HaStatus::summary,
        Duration.ofSeconds(30));
  }

  // ---- the test's own reader: every node over RESTCONF --------------------------------------

  /** What this test reads of one node. */
  record State(String version, HaStatus ha, List<String> packages, Map<String, Object> config) {}

  private static Map<NodeId, NodeClient> reader(ExampleCluster cluster) {
    Map<NodeId, NodeClient> m = new LinkedHashMap<>();
    for (ClusterSpec.NodeSpec n : ClusterSpec.example(cluster.a, cluster.b, cluster.c).nodes()) {
      m.put(n.id(), client(cluster, n.id()));
    }
    return m;
  }

  private static NodeClient client(ExampleCluster cluster, NodeId id) {
    String address = cluster.address(Integer.parseInt(id.value().substring(1)));
    return Transports.create().factory("restconf").create(NodeEndpoint.example(id, address));
  }

  /** Every node, once all answer (a node just started or resumed may need a moment). */
  private static Map<NodeId, State> read(Map<NodeId, NodeClient> reader) {
    Map<NodeId, State> m = new LinkedHashMap<>();
    reader.forEach(
        (id, c) ->
            m.put(
                id,
                Wait.until(
                    id + " answers",
                    "test",
                    () -> {
                      Map<String, Object> config = new TreeMap<>(c.readRunningConfig().asMap());
                      config.remove(HA_TREE);
                      return new State(
                          c.version().text(),
                          c.haStatus(),
                          c.packages().stream()
                              .map(p -> p.name() + "-" + p.version() + (p.isUp() ? "" : " DOWN"))
                              .sorted()
                              .toList(),
                          config);
                    },
                    st -> true,
                    State::toString,
                    Duration.ofSeconds(60))));
    return m;
  }

  /** n1 primary and read-write with n2 and n3 connected secondaries, all on {@code version}. */
  private static void assertNominal(Map<NodeId, State> s, String version) {
    HaStatus p = s.get(NodeId.of("n1")).ha;
    assertThat(p.isPrimary() && !p.readOnly()).as("n1 primary, read-write: %s", s).isTrue();
    for (String sec : List.of("n2", "n3")) {
      assertThat(p.hasConnectedSecondary(NodeId.of(sec))).as("%s connected: %s", sec, s).isTrue();
      assertThat(s.get(NodeId.of(sec)).ha.isSecondary()).as("%s secondary: %s", sec, s).isTrue();
    }
    s.forEach((id, st) -> assertThat(st.version).as("%s's version", id).isEqualTo(version));
    s.forEach(
        (id, st) ->
            assertThat(st.packages).as("%s's packages", id).noneMatch(x -> x.endsWith(" DOWN")));
  }

  private static void assertSameConfig(Map<NodeId, State> before, Map<NodeId, State> after) {
    DataTree expected = DataTree.of(before.get(NodeId.of("n1")).config);
    after.forEach(
        (id, st) ->
            assertThat(DataTree.of(st.config))
                .as("%s's configuration, the HA tree aside, is the primary's from before", id)
                .isEqualTo(expected));
  }

  private static Map<NodeId, List<String>> packages(Map<NodeId, State> s) {
    Map<NodeId, List<String>> m = new LinkedHashMap<>();
    s.forEach((id, st) -> m.put(id, st.packages));
    return m;
  }

  // ---- processes ----------------------------------------------------------------------------

  /** A printed command line's arguments: the program's name left out, no quoting needed here. */
  private static String[] args(String line) {
    assertThat(line).as("a line without quotes (the test's paths need none)").doesNotContain("'");
    List<String> words = Arrays.asList(line.strip().split("\\s+"));
    return words.subList(1, words.size()).toArray(String[]::new);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
