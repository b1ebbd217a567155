package dev.nsoha.sim.raft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nsoha.sim.pkg.PackageBuilder;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration from rule-based HA and packages on HA Raft, on three member processes: nodes that ran
 * rule-based HA restart with {@code ha-raft} instead, come up {@code stalled} with their data, form
 * a cluster by {@code create-cluster} and {@code adjust-membership add-node}; then {@code packages
 * ha sync and-reload} on the leader puts its packages on every follower, and a plain {@code
 * packages reload} on the leader loads on every member but leaves the followers' load paths as they
 * were.
 */
class RaftPackagesIT {
  @TempDir Path tmp;

  @Test
  void migrateFromRuleBasedThenSyncAndReloadPackages() throws Exception {
    try (RaftNodes c = new RaftNodes(tmp, 3, "PT1S")) {
      for (RaftNodes.Node x : c.nodes.values()) {
        x.ruleBased = true;
      }
      c.startAll();
      assertThat(c.status("n1").has("role")).as("no /ha-raft under rule-based HA").isFalse();
      assertThat(c.write("n1", "pre", "10.0.0.1")).isEqualTo(204);
      assertThat(c.write("n3", "only-n3", "10.0.0.3")).isEqualTo(204);
      for (String id : List.of("n1", "n2", "n3")) {
        c.stop(id);
        c.node(id).ruleBased = false;
      }
      c.startAll();
      String n1 = c.node("n1").name();
      String n2 = c.node("n2").name();
      String n3 = c.node("n3").name();

      // Swapped to ha-raft: stalled, no membership, the CDB as it was.
      for (String id : List.of("n1", "n3")) {
        JsonNode s = c.status(id);
        assertThat(s.path("role").asText()).as(id + ": " + s).isEqualTo("stalled");
        assertThat(s.path("member").size()).as(id + ": " + s).isZero();
      }
      assertThat(c.devices("n1")).containsExactly("pre");
      assertThat(c.devices("n3")).containsExactly("only-n3");

      // create-cluster with the first converted node, then add the last one.
      HttpResponse<String> r = c.action("n1", "create-cluster", "{\"member\":[\"" + n2 + "\"]}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
      RaftNodes.await("n2 has n1's data", () -> c.devices("n2"), d -> d.equals(List.of("pre")));
      r = c.action("n1", "adjust-membership", "{\"add-node\":\"" + n3 + "\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
      JsonNode lead =
          RaftNodes.await(
              "n1 leads three members in sync",
              () -> c.status("n1"),
              s ->
                  s.path("log").path("replications").size() == 2
                      && RaftClusterIT.allInSync(s)
                      && RaftNodes.list(s.path("member")).size() == 3);
      assertThat(RaftNodes.list(lead.path("member"))).containsExactlyInAnyOrder(n1, n2, n3);
      RaftNodes.await(
          "n3 follows with the cluster's data",
          () -> c.devices("n3"),
          d -> d.equals(List.of("pre")));
      assertThat(c.status("n3").path("leader").asText()).isEqualTo(n1);

      // packages ha sync and-reload: followers get the leader's packages and load them.
      PackageBuilder.example(c.node("n1").dir.resolve("packages"), "dummy-1.0", "6.4.4", true);
      HttpResponse<String> refused =
          c.node("n2").http().post("/operations/tailf-ncs:packages/ha/sync", "");
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("only run on the HA Raft leader (role is follower)");
      r =
          c.node("n1")
              .http()
              .post("/operations/tailf-ncs:packages/ha/sync", "{\"input\":{\"and-reload\":{}}}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode out = RaftNodes.JSON.readTree(r.body()).path("tailf-ncs:output");
      List<String> synced = new ArrayList<>();
      for (JsonNode e : out.path("sync-result")) {
        assertThat(e.path("result").asBoolean()).as(e.toString()).isTrue();
        synced.add(e.path("node").asText());
      }
      assertThat(synced).containsExactly(n2, n3);
      assertThat(out.path("reload-result").toString()).contains("dummy");
      for (String id : List.of("n1", "n2", "n3")) {
        RaftNodes.await(id + " runs dummy 1.0", () -> packages(c, id), p -> p.contains("dummy"));
        assertThat(loadPath(c, id)).contains("dummy-1.0.tar.gz");
      }
      assertThat(c.status("n1").path("role").asText()).isEqualTo("leader");
      assertThat(c.write("n1", "after-sync", "10.0.0.2")).as("writable again").isEqualTo(204);

      // Plain packages reload on the leader: loaded everywhere, followers' load paths stale.
      PackageBuilder.example(c.node("n1").dir.resolve("packages"), "inert-1.0", "6.4.4", true);
      r = c.node("n1").http().post("/operations/tailf-ncs:packages/reload", "");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      for (String id : List.of("n1", "n2", "n3")) {
        RaftNodes.await(id + " runs inert", () -> packages(c, id), p -> p.contains("inert"));
      }
      for (String id : List.of("n2", "n3")) {
        assertThat(loadPath(c, id)).containsExactly("dummy-1.0.tar.gz");
      }
      assertThat(RaftNodes.read(c.node("n2").dir.resolve("logs/raft.log")))
          .contains("packages-reload from the leader " + n1 + " done")
          .contains("packages-load from the leader " + n1 + " done");
    }
  }

  /** The names of the packages a node runs with oper-status up. */
  private static List<String> packages(RaftNodes c, String id) {
    List<String> out = new ArrayList<>();
    try {
      HttpResponse<String> r =
          c.node(id).http().get("/data/tailf-ncs:packages/package?content=nonconfig");
      if (r.statusCode() == 200) {
        for (JsonNode p : RaftNodes.JSON.readTree(r.body()).path("tailf-ncs:package")) {
          if (p.path("oper-status").has("up")) {
            out.add(p.path("name").asText());
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return out;
    }
    return out;
  }

  private static List<String> loadPath(RaftNodes c, String id) throws IOException {
    try (Stream<Path> s = Files.list(c.node(id).dir.resolve("packages"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
