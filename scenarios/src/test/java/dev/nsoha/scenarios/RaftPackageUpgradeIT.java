package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code example upgrade-pkgs-sys --ha raft} end to end on three simulator members over each
 * transport: the Raft cluster set up on system-install layouts, then the tool's HA Raft package
 * upgrade (backups, fetch and install on the leader, {@code packages ha sync and-reload}). The test
 * judges the result itself: every member's {@code /ha-raft/status} (same leader, every replication
 * in sync), the packages every member runs and has in its load path, and the configuration, before
 * and after, read over RESTCONF by the independent reader.
 */
class RaftPackageUpgradeIT {
  @TempDir Path dir;

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"cli", "restconf"})
  void upgradesThePackagesOfAThreeMemberRaftCluster(String transport) throws Exception {
    ExampleCluster cluster = new ExampleCluster(3);
    Path runRoot = dir.resolve("run");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args =
        new ArrayList<>(
            List.of("example", "upgrade-pkgs-sys", "--ha", "raft", "--transport", transport));
    args.addAll(cluster.nodeArgs(runRoot));
    try {
      int code =
          Main.run(
              new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
      assertThat(code).as("exit code; stdout:%n%s%nstderr:%n%s", out, err).isZero();
      assertThat(out.toString()).contains("sync the packages to follower n2 and n3", "Verified");

      List<String> members = new ArrayList<>();
      for (int k = 1; k <= 3; k++) {
        members.add("ncsd" + k + "@" + cluster.address(k));
      }
      try (ClusterReader reader = ClusterReader.of(cluster)) {
        for (int k = 1; k <= 3; k++) {
          JsonNode st = RaftExampleIT.raftStatus(cluster.address(k));
          assertThat(st.path("role").asText())
              .as("member %d: %s", k, st)
              .isEqualTo(k == 1 ? "leader" : "follower");
          assertThat(st.path("leader").asText()).isEqualTo(members.get(0));
          assertThat(RaftExampleIT.strings(st.path("member"))).isEqualTo(new HashSet<>(members));
          if (k == 1) {
            assertThat(st.path("log").path("replications")).hasSize(2);
            st.path("log")
                .path("replications")
                .forEach(r -> assertThat(r.path("state").asText()).isEqualTo("in-sync"));
          }
          ClusterReader.View v = reader.view("n" + k);
          assertThat(v.packages())
              .as("member %d", k)
              .containsEntry("dummy", "1.1")
              .containsEntry("inert", "1.0");
          assertThat(v.packagesDown()).as("member %d", k).isEmpty();
          assertThat(ClusterReader.dummies(v.config()))
              .as("member %d keeps the example's config", k)
              .containsEntry("d1", "1.2.3.4");
          assertThat(v.config().toString()).contains("hello world", "4.3.2.1");
          assertThat(loadPath(runRoot.resolve("nso-node" + k)))
              .as("member %d's load path has the leader's packages", k)
              .contains("dummy-1.1.tar.gz", "inert-1.0.tar.gz");
        }
      }
    } finally {
      cluster.stop();
      ExampleCluster.remove(runRoot);
    }
  }

  /**
   * The package files in the node's active package directory ({@code .../var/opt/ncs/packages}).
   */
  private static List<String> loadPath(Path node) throws IOException {
    try (Stream<Path> s = Files.walk(node)) {
      return s.filter(
              p ->
                  p.getParent() != null
                      && p.getParent().endsWith(Path.of("var", "opt", "ncs", "packages")))
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    }
  }
}
