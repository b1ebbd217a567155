package dev.nsoha.sim.raft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The body of {@link RaftPartitionIT}, run inside the network namespace that test creates (so the
 * nodes' loopback addresses and the nftables rules are the namespace's own): three members, the
 * leader cut off from both followers by an nftables rule, then healed. Every judgement reads the
 * members' own status and data over RESTCONF. Writes {@code ok=true} and the figures to the result
 * file, or throws.
 */
public final class RaftPartitionDriver {

  private static final String TABLE = "nsoharaftcut";

  private RaftPartitionDriver() {}

  public static void main(String[] args) throws Exception {
    Path base = Path.of(args[0]);
    Path result = Path.of(args[1]);
    Properties p = new Properties();
    try (RaftNodes c = new RaftNodes(base, 3, "PT1S")) {
      run(c, p);
    } finally {
      runQuietly("nft", "delete", "table", "inet", TABLE);
    }
    p.setProperty("ok", "true");
    try (Writer w = Files.newBufferedWriter(result, StandardCharsets.UTF_8)) {
      p.store(w, "HA Raft partition");
    }
  }

  private static void run(RaftNodes c, Properties p) throws Exception {
    // n3 has its ha-raft section in ncs.conf.d/raft.conf, as NSO's newer examples do.
    c.node("n3").fragment = true;
    c.startAll();
    assertThat(Files.readString(c.node("n3").dir.resolve("ncs.conf"))).doesNotContain("ha-raft");
    assertThat(c.node("n3").dir.resolve("ncs.conf.d/raft.conf")).exists();
    String n1 = c.node("n1").name();
    String n2 = c.node("n2").name();
    String n3 = c.node("n3").name();
    HttpResponse<String> r =
        c.action("n1", "create-cluster", "{\"member\":[\"" + n2 + "\",\"" + n3 + "\"]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    RaftNodes.await(
        "all in sync on n1",
        () -> c.status("n1"),
        s -> s.path("log").path("replications").size() == 2 && RaftClusterIT.allInSync(s));
    List<String> acked = new ArrayList<>();
    assertThat(c.write("n1", "before", "10.0.0.1")).isEqualTo(204);
    acked.add("before");

    // J-style rendering on a real leader (ncs_cli -J over the node's IPC port).
    String show =
        RaftMembershipIT.tool(c.node("n1"), "show ha-raft\n", "ncs_cli", "-J", "-u", "admin").out();
    assertThat(show)
        .contains("ha-raft status role leader\n")
        .containsPattern("(?m)^SERIAL NUMBER +EXPIRATION DATE +FILE PATH *$")
        .containsPattern("(?m)^NODE +STATE +INDEX +LAG *$")
        .containsPattern("(?m)^" + n2.replace(".", "\\.") + " +in-sync +\\d+ +0 *$")
        .endsWith("ha-raft status passive false\n");

    // network resolve-address and scan-ports, over RESTCONF and the CLI.
    String ip2 = c.node("n2").ip;
    HttpResponse<String> res =
        c.action(
            "n1", "network/resolve-address", "{\"node\":\"" + n2 + "\",\"ip-version\":\"ipv4\"}");
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    assertThat(
            RaftNodes.JSON
                .readTree(res.body())
                .path("tailf-ncs-high-availability-raft:output")
                .path("result")
                .asText())
        .isEqualTo(ip2);
    HttpResponse<String> v6 =
        c.action(
            "n1", "network/resolve-address", "{\"node\":\"" + n2 + "\",\"ip-version\":\"ipv6\"}");
    assertThat(v6.statusCode()).as(v6.body()).isEqualTo(400);
    assertThat(v6.body()).contains("address '" + ip2 + "' has no ipv6 address");
    assertThat(
            RaftMembershipIT.tool(
                    c.node("n1"),
                    "ha-raft network resolve-address node " + n3 + "\n",
                    "ncs_cli",
                    "-C",
                    "-u",
                    "admin")
                .out())
        .isEqualTo("result " + c.node("n3").ip + "\n");
    int raftPort2 = raftPortOf(c, "n1", n2);
    p.setProperty("raftPortOfN2", Integer.toString(raftPort2));
    assertThat(scan(c, "n1", n2, raftPort2, 1)).containsExactly("open", "closed");

    // Cut n1 off from n2 and n3 (both directions), on the way in.
    String a = c.node("n1").ip;
    String others = "{ " + c.node("n2").ip + ", " + c.node("n3").ip + " }";
    nft("add table inet " + TABLE);
    nft("add chain inet " + TABLE + " in { type filter hook input priority 0 ; }");
    nft("add rule inet " + TABLE + " in ip saddr " + a + " ip daddr " + others + " drop");
    nft("add rule inet " + TABLE + " in ip saddr " + others + " ip daddr " + a + " drop");
    long cut = System.nanoTime();

    // The network actions see the cut.
    assertThat(scan(c, "n1", n2, raftPort2, 1)).containsExactly("closed", "closed");
    assertThat(scan(c, "n3", n2, raftPort2, 1)).containsExactly("open", "closed");

    // The old leader cannot commit: its write is not acknowledged.
    int minority = c.write("n1", "minority", "10.9.9.9");
    p.setProperty("minorityWriteStatus", Integer.toString(minority));
    assertThat(minority).as("a write on the cut-off leader").isNotEqualTo(204);

    // The majority elects a leader that commits.
    String newLeader =
        RaftNodes.await("a leader among n2, n3", () -> c.leaderOf("n2", "n3"), l -> l != null);
    p.setProperty("electionMillis", Long.toString((System.nanoTime() - cut) / 1_000_000));
    // Each write is retried until the majority's leader acknowledges it (it may refuse while it
    // applies what was committed before its term).
    for (int i = 0; i < 5; i++) {
      String name = "major" + i;
      String address = "10.2.0." + i;
      RaftNodes.await(
          "write " + name + " acknowledged by " + newLeader,
          () -> c.write(newLeader, name, address),
          k -> k == 204);
      acked.add(name);
    }

    // The cut-off leader gives up: not leader any more, quorum-lost alarm, still refuses writes.
    JsonNode down =
        RaftNodes.await(
            "n1 steps down",
            () -> c.status("n1"),
            s -> !s.path("role").asText().equals("leader") && s.path("role").asText().length() > 0);
    p.setProperty("oldLeaderRoleDuringCut", down.path("role").asText());
    String alarms1 = alarms(c, "n1");
    assertThat(alarms1)
        .contains("ha-raft-quorum-lost")
        .contains("HA Raft quorum lost: Leader cannot reach majority of nodes.");
    assertThat(c.write("n1", "minority2", "10.9.9.8")).isNotEqualTo(204);
    assertThat(alarms(c, newLeader)).contains("ha-primary-down");

    // Heal: everything converges on the new leader's log.
    nft("delete table inet " + TABLE);
    long heal = System.nanoTime();
    JsonNode back =
        RaftNodes.await(
            "n1 follows " + newLeader,
            () -> c.status("n1"),
            s ->
                s.path("role").asText().equals("follower")
                    && s.path("leader").asText().equals(c.node(newLeader).name()));
    assertThat(RaftNodes.list(back.path("member"))).containsExactlyInAnyOrder(n1, n2, n3);
    p.setProperty("rejoinMillis", Long.toString((System.nanoTime() - heal) / 1_000_000));
    RaftNodes.await(
        "all in sync on " + newLeader,
        () -> c.status(newLeader),
        s -> s.path("log").path("replications").size() == 2 && RaftClusterIT.allInSync(s));
    for (String id : List.of("n1", "n2", "n3")) {
      List<String> d =
          RaftNodes.await(
              id + " has every acknowledged write " + acked,
              () -> c.devices(id),
              x -> x.containsAll(acked));
      assertThat(d)
          .as("unacknowledged writes of the cut-off leader on " + id)
          .doesNotContain("minority", "minority2");
    }
    JsonNode lead = c.status(newLeader);
    JsonNode follower = c.status("n1");
    assertThat(follower.path("log").path("applied-index").asText())
        .isEqualTo(lead.path("log").path("applied-index").asText());
    // Choice documented in docs/simulator.md: the quorum-lost alarm is never cleared by itself.
    assertThat(alarms(c, "n1")).contains("ha-raft-quorum-lost");
    p.setProperty("acked", Integer.toString(acked.size()));
  }

  /** The port {@code from} found {@code node} on: scan-ports without ports, the open one. */
  private static int raftPortOf(RaftNodes c, String from, String node) throws Exception {
    HttpResponse<String> r = c.action(from, "network/scan-ports", "{\"node\":\"" + node + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode result =
        RaftNodes.JSON
            .readTree(r.body())
            .path("tailf-ncs-high-availability-raft:output")
            .path("result");
    for (JsonNode e : result) {
      if (e.path("status").asText().equals("open")) {
        return e.path("port").asInt();
      }
    }
    throw new AssertionError("no open port of " + node + " seen from " + from + ": " + r.body());
  }

  /**
   * scan-ports from {@code from} to {@code node} on {@code port} and {@code port + offset} (nothing
   * listens there): the two statuses.
   */
  private static List<String> scan(RaftNodes c, String from, String node, int port, int offset)
      throws Exception {
    HttpResponse<String> r =
        c.action(
            from,
            "network/scan-ports",
            "{\"node\":\"" + node + "\",\"port\":[" + port + "," + (port + offset) + "]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    for (JsonNode e :
        RaftNodes.JSON
            .readTree(r.body())
            .path("tailf-ncs-high-availability-raft:output")
            .path("result")) {
      out.add(e.path("status").asText());
    }
    return out;
  }

  private static String alarms(RaftNodes c, String id) {
    return c.node(id).http().get("/data/tailf-ncs-alarms:alarms?content=nonconfig").body();
  }

  private static void nft(String command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("nft"));
    cmd.addAll(List.of(command.split(" ")));
    Process pr = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!pr.waitFor(30, TimeUnit.SECONDS) || pr.exitValue() != 0) {
      throw new IllegalStateException("nft " + command + ": " + text);
    }
  }

  private static void runQuietly(String... cmd) {
    try {
      Process pr = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      pr.getInputStream().readAllBytes();
      pr.waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      // nothing to clean up
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
