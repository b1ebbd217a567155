package dev.nsoha.sim.raft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HA Raft between real node processes: forming, replication, failover, restart. */
class RaftClusterIT {
  @TempDir Path tmp;

  @Test
  void threeMembersFormReplicateSurviveLeaderKillAndRejoin() throws Exception {
    try (RaftNodes c = new RaftNodes(tmp, 3, "PT1S")) {
      c.startAll();
      String n1 = c.node("n1").name();
      String n2 = c.node("n2").name();
      String n3 = c.node("n3").name();

      // Before create-cluster: stalled, and the seed is connected.
      JsonNode s1 =
          RaftNodes.await(
              "n1 sees its seed",
              () -> c.status("n1"),
              s -> RaftNodes.list(s.path("connected-node")).contains(n2));
      assertThat(s1.path("role").asText()).isEqualTo("stalled");
      assertThat(s1.path("local-node").asText()).isEqualTo(n1);
      assertThat(s1.has("leader")).isFalse();
      assertThat(c.write("n1", "before", "10.0.0.1"))
          .as("stalled node refuses writes")
          .isEqualTo(409);

      HttpResponse<String> r =
          c.action("n1", "create-cluster", "{\"member\":[\"" + n2 + "\",\"" + n3 + "\"]}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
      JsonNode lead =
          RaftNodes.await(
              "all in sync on n1",
              () -> c.status("n1"),
              s -> s.path("log").path("replications").size() == 2 && allInSync(s));
      assertThat(lead.path("role").asText()).isEqualTo("leader");
      assertThat(lead.path("leader").asText()).isEqualTo(n1);
      assertThat(RaftNodes.list(lead.path("member"))).containsExactlyInAnyOrder(n1, n2, n3);
      for (String f : List.of("n2", "n3")) {
        JsonNode fs =
            RaftNodes.await(
                f + " follows n1",
                () -> c.status(f),
                s -> s.path("role").asText().equals("follower"));
        assertThat(fs.path("leader").asText()).isEqualTo(n1);
        assertThat(fs.has("replications")).isFalse();
      }

      // Only the leader takes writes; a commit reaches every member.
      assertThat(c.write("n1", "d1", "10.0.0.1")).isEqualTo(204);
      for (String id : List.of("n1", "n2", "n3")) {
        RaftNodes.await(id + " has d1", () -> c.devices(id), d -> d.contains("d1"));
      }
      HttpResponse<String> refused =
          c.node("n2")
              .http()
              .patch(
                  "/data",
                  "{\"tailf-ncs:devices\":{\"device\":[{\"name\":\"x\",\"address\":\"10.0.0.9\"}]}}");
      assertThat(refused.statusCode()).isEqualTo(409);
      assertThat(refused.body()).contains("node is in read-only mode");
      assertThat(
              c.node("n2")
                  .http()
                  .get("/data/tailf-ncs-monitoring:ncs-state/read-only-mode")
                  .statusCode())
          .isEqualTo(200);

      // SIGKILL the leader while a writer runs; count acknowledged writes.
      List<String> acked = new ArrayList<>();
      AtomicBoolean stop = new AtomicBoolean();
      Thread writer =
          new Thread(
              () -> {
                int i = 0;
                while (!stop.get()) {
                  String leader = c.leaderOf("n1", "n2", "n3");
                  if (leader == null) {
                    continue;
                  }
                  String name = "w" + i++;
                  if (c.write(leader, name, "10.1.0.1") == 204) {
                    synchronized (acked) {
                      acked.add(name);
                    }
                  }
                }
              });
      writer.start();
      RaftNodes.await("some writes acknowledged", () -> snapshot(acked).size(), k -> k >= 3);
      c.kill("n1");
      String newLeader =
          RaftNodes.await("a new leader", () -> c.leaderOf("n2", "n3"), l -> l != null);
      int before = snapshot(acked).size();
      RaftNodes.await(
          "writes on the new leader", () -> snapshot(acked).size(), k -> k > before + 2);
      JsonNode nl = c.status(newLeader);
      assertThat(nl.path("leader").asText()).isEqualTo(c.node(newLeader).name());
      String alarms =
          c.node(newLeader).http().get("/data/tailf-ncs-alarms:alarms?content=nonconfig").body();
      assertThat(alarms).contains("ha-primary-down").contains("Lost connection to primary due to");

      c.start("n1");
      JsonNode back =
          RaftNodes.await(
              "n1 back as follower",
              () -> c.status("n1"),
              s -> s.path("role").asText().equals("follower"));
      assertThat(back.path("leader").asText()).isEqualTo(c.node(newLeader).name());
      stop.set(true);
      writer.join();
      List<String> all = snapshot(acked);
      assertThat(all).isNotEmpty();
      for (String id : List.of("n1", "n2", "n3")) {
        RaftNodes.await(
            id + " has every acknowledged write (" + all.size() + ")",
            () -> c.devices(id),
            d -> d.containsAll(all));
      }
      assertThat(Files.readString(c.node("n1").dir.resolve("logs/raft.log")))
          .contains("created cluster");
      assertThat(c.node("n1").dir.resolve("state/raft/meta.json")).exists();
    }
  }

  static boolean allInSync(JsonNode s) {
    for (JsonNode r : s.path("log").path("replications")) {
      if (!r.path("state").asText().equals("in-sync")) {
        return false;
      }
    }
    return true;
  }

  static List<String> snapshot(List<String> l) {
    synchronized (l) {
      return List.copyOf(l);
    }
  }
}
