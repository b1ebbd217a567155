package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.journal.Journal;
import dev.nsoha.core.journal.JournalStore;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.ConfigPath;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reproduction of "a resumed run that lost data must fail": the orchestrator is killed
 * (SIGKILL) at the start of step 9 of the NSO upgrade, an operator makes the primary n1 writable
 * and deletes {@code dummy{d1}}, which existed before the upgrade began, and the rerun must fail
 * (exit 1) naming that path on every node, judged against the digests the journal took before the
 * first attempt, not against what the rerun found at its own start. {@code rollback} then refuses
 * (exit 5, naming the path) and, with {@code --discard-changes}, restores every node, which the
 * test reads itself.
 */
class OriginalConfigIT {
  private static final ConfigPath DUMMIES = ConfigPath.parse("/dummy:dummies");

  @TempDir Path dir;

  private ProgramRun.Outcome last;

  private int run(ExampleCluster cluster, String... args) {
    last = ProgramRun.on(cluster, dir.resolve("run"), args);
    return last.code();
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"cli", "restconf"})
  void aRerunThatLostAnOriginalEntryFailsNamingItOnEveryNode(String transport)
      throws IOException, InterruptedException {
    ExampleCluster cluster = new ExampleCluster();
    Path runRoot = dir.resolve("run");
    Map<NodeId, NodeClient> clients = new LinkedHashMap<>();
    try {
      assertThat(run(cluster, "example", "upgrade-nso", "--transport", transport, "--setup-only"))
          .as("%s", last)
          .isZero();
      ClusterSpec spec = ClusterSpec.example(cluster.a, cluster.b, cluster.c);
      for (ClusterSpec.NodeSpec n : spec.nodes()) {
        clients.put(
            n.id(),
            Transports.create()
                .factory("restconf")
                .create(NodeEndpoint.example(n.id(), n.address())));
      }
      for (NodeClient c : clients.values()) {
        assertThat(hasD1(c)).as("d1 on %s before the upgrade", c.endpoint().id()).isTrue();
      }

      OrchestratorJvm.Outcome killed =
          OrchestratorJvm.run(
              cluster,
              dir,
              Map.of(KillHook.ENV, "start:9"),
              "upgrade-nso",
              "--transport",
              transport);
      assertThat(killed.code())
          .as("the orchestrator dies at the start of step 9:%n%s", killed)
          .isEqualTo(137);
      Journal j = new JournalStore(runRoot.resolve("journal.json")).load().orElseThrow();
      assertThat(j.originalDigests()).as("the journal keeps the original digests").isPresent();
      assertThat(Files.isRegularFile(runRoot.resolve(j.originalDigests().get().file()))).isTrue();

      // The operator, on n1 (the primary again after step 8): writable, and d1 deleted.
      NodeClient n1 = clients.get(NodeId.of("n1"));
      assertThat(n1.haStatus().isPrimary())
          .as("n1 is primary at step 9: %s", n1.haStatus())
          .isTrue();
      n1.setReadOnly(false);
      delete(cluster.a, "dummy:dummies/dummy=d1");
      // n1 commits the delete at once; n2 and n3 (out of HA or about to be upgraded at this step)
      // get it when they join n1 again during the rerun.
      assertThat(hasD1(n1)).as("d1 on n1 after the delete").isFalse();

      int rerun = run(cluster, "upgrade-nso", "--transport", transport);
      assertThat(rerun).as("%s", last).isEqualTo(ExitCodes.FAILED);
      assertThat(last.out()).as("%s", last).contains("Continuing the run started");
      assertThat(last.out()).doesNotContain("Verified:");
      for (String n : List.of("n1", "n2", "n3")) {
        assertThat(last.err())
            .as("%s", last)
            .contains(n + ": /dummy:dummies/dummy{d1} missing (present before the upgrade began)");
      }
      // Judged from outside: d1 is indeed gone from every node, the rest of the tree is there.
      for (NodeClient c : clients.values()) {
        assertThat(hasD1(c)).as("d1 on %s after the rerun", c.endpoint().id()).isFalse();
      }
      assertThat(new JournalStore(runRoot.resolve("journal.json")).load().orElseThrow().state())
          .isEqualTo(Journal.State.FAILED);

      last = ProgramRun.run("journal", "show", "--run-root", runRoot.toString());
      assertThat(last.code()).as("%s", last).isZero();
      assertThat(last.out()).contains("original configuration digests: ").contains("): intact");

      // rollback would lose nothing the operator wants, but it cannot know: it refuses, naming d1.
      assertThat(run(cluster, "rollback", "--transport", transport))
          .as("%s", last)
          .isEqualTo(ExitCodes.NOT_READY);
      assertThat(last.err())
          .contains("--discard-changes")
          .contains("Nothing was changed")
          .contains("n1: /dummy:dummies/dummy{d1} missing (present before the upgrade began)");
      assertThat(hasD1(n1)).isFalse();

      assertThat(run(cluster, "rollback", "--transport", transport, "--discard-changes"))
          .as("%s", last)
          .isZero();
      for (NodeClient c : clients.values()) {
        assertThat(hasD1(c)).as("d1 on %s after the rollback", c.endpoint().id()).isTrue();
      }
    } finally {
      clients.values().forEach(NodeClient::close);
      cluster.stop();
      ExampleCluster.remove(runRoot);
    }
  }

  private static boolean hasD1(NodeClient c) {
    DataTree t = c.readConfig(DUMMIES);
    return t.entry("name", "d1", "dummy:dummies", "dummy").isPresent();
  }

  private static void delete(String address, String path) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String auth =
        Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + address + ":8080/restconf/data/" + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + auth)
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("DELETE %s: %s", path, r.body()).isEqualTo(204);
  }
}
