package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nsoha.scenarios.ProgramRun.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NSO version upgrade of an HA Raft cluster end to end ({@code example upgrade-nso --ha raft},
 * {@code upgrade-nso --ha raft}, {@code rollback --ha raft}) on simulator nodes started with the
 * bundled installs' tools. Every verdict is read from the nodes by the test itself over RESTCONF:
 * each member's {@code /ha-raft/status}, its NSO version and the dummy configuration; never the
 * program's own verification line.
 */
class RaftUpgradeIT {
  @TempDir Path dir;
  private Outcome last;

  private int run(ExampleCluster cluster, String... args) {
    last = ProgramRun.on(cluster, dir.resolve("run"), args);
    return last.code();
  }

  private static String version(String address) {
    JsonNode v =
        RaftExampleIT.restconf(
            address, "GET", "/restconf/data/tailf-ncs-monitoring:ncs-state/version", null);
    return v.path("body").path("tailf-ncs-monitoring:version").asText();
  }

  /**
   * Judges the cluster from outside: node 1 leads, every other member follows it, every member
   * lists every member and runs {@code version}, and holds the dummy config the example set up.
   */
  private static void assertFormedOn(ExampleCluster cluster, String version) {
    List<String> members = new ArrayList<>();
    for (int k = 1; k <= cluster.count; k++) {
      members.add("ncsd" + k + "@" + cluster.address(k));
    }
    for (int k = 1; k <= cluster.count; k++) {
      String addr = cluster.address(k);
      JsonNode st = RaftExampleIT.statusOrError(addr);
      assertThat(st.path("role").asText())
          .as("node %d: %s", k, st)
          .isEqualTo(k == 1 ? "leader" : "follower");
      assertThat(st.path("leader").asText()).as("node %d", k).isEqualTo(members.get(0));
      assertThat(RaftExampleIT.strings(st.path("member"))).isEqualTo(new HashSet<>(members));
      Set<String> others = new HashSet<>(members);
      others.remove(members.get(k - 1));
      assertThat(RaftExampleIT.strings(st.path("connected-node"))).isEqualTo(others);
      if (k == 1) {
        st.path("log")
            .path("replications")
            .forEach(r -> assertThat(r.path("state").asText()).as("%s", r).isEqualTo("in-sync"));
        assertThat(st.path("log").path("replications")).hasSize(cluster.count - 1);
      }
      assertThat(version(addr)).as("node %d version", k).isEqualTo(version);
      JsonNode d = RaftExampleIT.restconf(addr, "GET", "/restconf/data/dummy:dummies", null);
      assertThat(ClusterReader.dummies(d.path("body")))
          .as("node %d: %s", k, d)
          .containsEntry("d1", "1.2.3.4");
    }
    // The leader takes writes again.
    JsonNode w =
        RaftExampleIT.restconf(
            cluster.address(1),
            "PATCH",
            "/restconf/data",
            "{\"dummy:dummies\":{\"dummy\":[{\"name\":\"after\",\"dummy\":\"10.0.0.9\"}]}}");
    assertThat(w.path("status").asInt()).as("write on the leader: %s", w).isBetween(200, 204);
  }

  private static String oldVersion() {
    return Bundle.require().oldInstall().version().text();
  }

  private static String newVersion() {
    return Bundle.require().newInstall().version().text();
  }

  /** Seconds between two instants of the report, for the printed figures. */
  private static double seconds(String from, String to) {
    return Duration.between(Instant.parse(from), Instant.parse(to)).toMillis() / 1000.0;
  }

  @Test
  void upgradesThreeMembersOverRestconf() throws Exception {
    ExampleCluster cluster = new ExampleCluster(3);
    Path report = dir.resolve("report.json");
    try {
      assertThat(
              run(
                  cluster,
                  "example",
                  "upgrade-nso",
                  "--ha",
                  "raft",
                  "--transport",
                  "restconf",
                  "--report",
                  report.toString()))
          .as("%s", last)
          .isZero();
      assertFormedOn(cluster, newVersion());
      JsonNode r = new ObjectMapper().readTree(Files.readString(report));
      JsonNode steps = r.path("steps");
      List<String> titles = new ArrayList<>();
      steps.forEach(s -> titles.add(s.path("title").asText()));
      assertThat(titles.get(0)).startsWith("Build the package(s) of node n1, n2 and n3");
      assertThat(titles.get(1)).startsWith("Enable read-only mode on the HA Raft leader");
      assertThat(titles.get(7)).startsWith("Create the HA Raft cluster on node n1 with n2 and n3");
      steps.forEach(s -> assertThat(s.path("outcome").asText()).as("%s", s).isEqualTo("done"));
      // The write window: from read-only on the leader to the re-created cluster in sync.
      double window =
          seconds(steps.get(1).path("started").asText(), steps.get(7).path("finished").asText());
      double total = r.path("result").path("durationMs").asDouble() / 1000.0;
      System.out.printf(
          "RaftUpgradeIT: 3 members, write window %.1f s, total %.1f s%n", window, total);
      assertThat(window).isLessThan(total);
    } finally {
      cluster.stop();
      ExampleCluster.remove(dir.resolve("run"));
    }
  }

  @Test
  void fiveMembersResumeOverTheCliAfterTheOrchestratorIsKilledWithEveryMemberStopped()
      throws Exception {
    ExampleCluster cluster = new ExampleCluster(5);
    try {
      assertThat(
              run(
                  cluster,
                  "example",
                  "upgrade-nso",
                  "--ha",
                  "raft",
                  "--transport",
                  "cli",
                  "--setup-only"))
          .as("%s", last)
          .isZero();
      // SIGKILL of the orchestrator right after its first change in step 5 (every member stopped,
      // one member's CDB being compacted and its state/raft removed).
      OrchestratorJvm.Outcome killed =
          OrchestratorJvm.run(
              cluster,
              dir,
              Map.of(KillHook.ENV, "change:5"),
              "upgrade-nso",
              "--ha",
              "raft",
              "--transport",
              "cli");
      assertThat(killed.code()).as("%s", killed).isEqualTo(137);
      for (int k = 1; k <= cluster.count; k++) {
        assertThat(RaftExampleIT.statusOrError(cluster.address(k)).has("error"))
            .as("member %d is down", k)
            .isTrue();
      }
      assertThat(run(cluster, "upgrade-nso", "--ha", "raft", "--transport", "cli"))
          .as("%s", last)
          .isZero();
      assertThat(last.out()).contains("Continuing the run started");
      for (int k = 1; k <= cluster.count; k++) {
        assertThat(dir.resolve("run/nso-node" + k + "/state/raft")).exists();
      }
      assertFormedOn(cluster, newVersion());
    } finally {
      cluster.stop();
      ExampleCluster.remove(dir.resolve("run"));
    }
  }

  @Test
  void rollsBackFromTheStartedNewReleaseAndFromReadOnlyOverTheCli() {
    ExampleCluster cluster = new ExampleCluster(3);
    try {
      assertThat(
              run(
                  cluster,
                  "example",
                  "upgrade-nso",
                  "--ha",
                  "raft",
                  "--transport",
                  "cli",
                  "--setup-only"))
          .as("%s", last)
          .isZero();
      // Interrupted after step 3 (read-only, backups): nothing stopped; rollback clears read-only.
      System.setProperty(UpgradeRun.STOP_AFTER_STEP, "3");
      try {
        assertThat(run(cluster, "upgrade-nso", "--ha", "raft", "--transport", "cli"))
            .as("%s", last)
            .isEqualTo(ExitCodes.FAILED);
      } finally {
        System.clearProperty(UpgradeRun.STOP_AFTER_STEP);
      }
      JsonNode refused =
          RaftExampleIT.restconf(
              cluster.address(1),
              "PATCH",
              "/restconf/data",
              "{\"dummy:dummies\":{\"dummy\":[{\"name\":\"ro\",\"dummy\":\"10.0.0.8\"}]}}");
      assertThat(refused.path("status").asInt()).as("read-only: %s", refused).isGreaterThan(299);
      assertThat(run(cluster, "rollback", "--ha", "raft", "--transport", "cli"))
          .as("%s", last)
          .isZero();
      assertFormedOn(cluster, oldVersion());

      // Interrupted after step 7: every member runs the new release, stalled, no cluster yet.
      System.setProperty(UpgradeRun.STOP_AFTER_STEP, "7");
      try {
        assertThat(run(cluster, "upgrade-nso", "--ha", "raft", "--transport", "cli", "--new-run"))
            .as("%s", last)
            .isEqualTo(ExitCodes.FAILED);
      } finally {
        System.clearProperty(UpgradeRun.STOP_AFTER_STEP);
      }
      assertThat(version(cluster.address(2))).isEqualTo(newVersion());
      assertThat(run(cluster, "rollback", "--ha", "raft", "--transport", "cli"))
          .as("%s", last)
          .isZero();
      assertFormedOn(cluster, oldVersion());

      // The rule-based plan on this HA Raft cluster: refused before anything changes, exit 2,
      // naming the mode found.
      assertThat(run(cluster, "upgrade-nso", "--transport", "cli", "--new-run"))
          .as("%s", last)
          .isEqualTo(ExitCodes.USAGE);
      assertThat(last.out() + last.err())
          .contains("the node runs HA Raft, but the command was given a rule-based HA cluster")
          .contains("run the command with --ha raft");
      assertFormedOn(cluster, oldVersion());
    } finally {
      cluster.stop();
      ExampleCluster.remove(dir.resolve("run"));
    }
  }
}
