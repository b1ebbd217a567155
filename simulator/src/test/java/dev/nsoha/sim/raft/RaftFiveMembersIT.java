package dev.nsoha.sim.raft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Five member processes, one passive: forming, replication, handover, two failures. */
class RaftFiveMembersIT {
  @TempDir Path tmp;

  @Test
  void fiveMembersReplicateAndSurviveTwoFailures() throws Exception {
    try (RaftNodes c = new RaftNodes(tmp, 5, "PT1S")) {
      c.node("n5").passive = true;
      c.startAll();
      StringBuilder members = new StringBuilder();
      for (String id : List.of("n2", "n3", "n4", "n5")) {
        members
            .append(members.length() == 0 ? "" : ",")
            .append('"')
            .append(c.node(id).name())
            .append('"');
      }
      HttpResponse<String> r = c.action("n1", "create-cluster", "{\"member\":[" + members + "]}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
      JsonNode s =
          RaftNodes.await(
              "four followers in sync",
              () -> c.status("n1"),
              x -> x.path("log").path("replications").size() == 4 && RaftClusterIT.allInSync(x));
      assertThat(RaftNodes.list(s.path("member"))).hasSize(5);
      assertThat(c.status("n5").path("passive").asBoolean()).isTrue();

      // A handover to the passive member fails later; the leader stays.
      assertThat(
              c.action("n1", "handover", "{\"to-member\":\"" + c.node("n5").name() + "\"}")
                  .statusCode())
          .isEqualTo(204);
      assertThat(c.write("n1", "d1", "10.0.0.1")).isEqualTo(204);
      for (String id : c.nodes.keySet()) {
        RaftNodes.await(id + " has d1", () -> c.devices(id), d -> d.contains("d1"));
      }
      assertThat(c.leaderOf("n1", "n2", "n3", "n4", "n5")).isEqualTo("n1");

      // Two failures (the leader and a follower): the three left elect a non-passive leader.
      c.kill("n1");
      c.kill("n2");
      String l =
          RaftNodes.await("a new leader", () -> c.leaderOf("n3", "n4", "n5"), x -> x != null);
      assertThat(l).isIn("n3", "n4");
      RaftNodes.await(
          "the new leader takes writes", () -> c.write(l, "d2", "10.0.0.2"), k -> k == 204);
      for (String id : List.of("n3", "n4", "n5")) {
        RaftNodes.await(id + " has d2", () -> c.devices(id), d -> d.contains("d2"));
      }
      String alarms =
          c.node(l).http().get("/data/tailf-ncs-alarms:alarms?content=nonconfig").body();
      assertThat(alarms).contains("ha-secondary-down");
    }
  }
}
