package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nsoha.core.model.ConfigPath;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.Wait;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.transport.cli.CliOptions;
import dev.nsoha.transport.restconf.RestconfOptions;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code example upgrade-nso|upgrade-pkgs-sys --ha raft --setup-only} end to end on simulator nodes
 * started with the bundled installs' tools. The test reads every node's {@code /ha-raft/status}
 * over RESTCONF itself, the dummy config over the other transport, and checks each node's
 * certificate with openssl.
 */
class RaftExampleIT {
  @TempDir Path dir;

  static JsonNode raftStatus(String address) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(
                URI.create(
                    "http://"
                        + address
                        + ":8080/restconf/data/tailf-ncs-high-availability-raft:ha-raft"
                        + "?content=nonconfig"))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
            .header("Accept", "application/yang-data+json")
            .build();
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new ObjectMapper()
        .readTree(r.body())
        .path("tailf-ncs-high-availability-raft:ha-raft")
        .path("status");
  }

  static Set<String> strings(JsonNode array) {
    Set<String> s = new HashSet<>();
    array.forEach(x -> s.add(x.asText()));
    return s;
  }

  static String openssl(Path cwd, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue() + ":" + out.strip();
  }

  @ParameterizedTest(name = "{0} over {1} with {2} nodes")
  @CsvSource({"upgrade-nso, cli, 3", "upgrade-pkgs-sys, restconf, 5"})
  void setsUpARaftClusterAndReplicatesTheDummyConfig(String scenario, String transport, int count)
      throws Exception {
    ExampleCluster cluster = new ExampleCluster(count);
    Path runRoot = dir.resolve("run");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args =
        new ArrayList<>(
            List.of("example", scenario, "--ha", "raft", "--setup-only", "--transport", transport));
    args.addAll(cluster.nodeArgs(runRoot));
    try {
      int code =
          Main.run(
              new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
      assertThat(code).as("exit code; stdout:%n%s%nstderr:%n%s", out, err).isZero();

      List<String> members = new ArrayList<>();
      for (int k = 1; k <= count; k++) {
        members.add("ncsd" + k + "@" + cluster.address(k));
      }
      String leader = members.get(0);
      String other = transport.equals("cli") ? "restconf" : "cli";
      for (int k = 1; k <= count; k++) {
        String addr = cluster.address(k);
        JsonNode st = raftStatus(addr);
        assertThat(st.path("role").asText())
            .as("node %d: %s", k, st)
            .isEqualTo(k == 1 ? "leader" : "follower");
        assertThat(st.path("leader").asText()).isEqualTo(leader);
        assertThat(st.path("local-node").asText()).isEqualTo(members.get(k - 1));
        assertThat(strings(st.path("member"))).isEqualTo(new HashSet<>(members));
        Set<String> others = new HashSet<>(members);
        others.remove(members.get(k - 1));
        assertThat(strings(st.path("connected-node"))).isEqualTo(others);

        Path node = runRoot.resolve("nso-node" + k);
        assertThat(
                openssl(
                    node,
                    "verify",
                    "-CAfile",
                    "ha-tls/ca.crt",
                    "-verify_ip",
                    addr,
                    "ha-tls/ncsd" + k + ".crt"))
            .isEqualTo("0:ha-tls/ncsd" + k + ".crt: OK");

        NodeEndpoint ex = NodeEndpoint.example(NodeId.of("n" + k), addr);
        NodeEndpoint endpoint =
            new NodeEndpoint(
                ex.id(), addr, cluster.cliPort, ex.restconfPort(), ex.credentials(), ex.options());
        try (NodeClient c =
            Transports.create(
                    CliOptions.lab(runRoot.resolve("known_hosts")), RestconfOptions.defaults())
                .factory(other)
                .create(endpoint)) {
          DataTree dummies = c.readConfig(ConfigPath.parse("/dummy:dummies"));
          assertThat(dummies.entry("name", "d1", "dummy:dummies", "dummy"))
              .as("node %d", k)
              .hasValueSatisfying(e -> assertThat(e).containsEntry("dummy", "1.2.3.4"));
        }
      }
      if (count == 3) {
        recreateAfterCompactAndStateRemoval(cluster, runRoot, members);
      }
    } finally {
      cluster.stop();
      ExampleCluster.remove(runRoot);
    }
  }

  /**
   * NSO's Raft upgrade steps on every member, as ha-hcc chains them on a running node: remove the
   * CDB's compact.lock, compact, remove state/raft, stop. Started again, the nodes are stalled with
   * no membership; create-cluster on node 1 brings every member back with the dummy config.
   */
  private void recreateAfterCompactAndStateRemoval(
      ExampleCluster cluster, Path runRoot, List<String> members) throws Exception {
    Path ncs = Bundle.require().oldInstall().ncsDir().resolve("bin/ncs");
    for (int k = 1; k <= members.size(); k++) {
      Path node = runRoot.resolve("nso-node" + k);
      String r =
          sh(
              node,
              cluster.ipcBase + k - 1,
              "rm ncs-cdb/compact.lock && "
                  + ncs
                  + " --cdb-compact ncs-cdb && rm -rf state/raft && "
                  + ncs
                  + " --stop");
      assertThat(r).as("node %d", k).startsWith("0:");
      assertThat(node.resolve("state/raft")).doesNotExist();
      assertThat(node.resolve("ncs-cdb/compact.lock")).doesNotExist();
    }
    for (int k = 1; k <= members.size(); k++) {
      Path node = runRoot.resolve("nso-node" + k);
      assertThat(sh(node, cluster.ipcBase + k - 1, ncs.toString()))
          .as("start %d", k)
          .startsWith("0:");
      assertThat(node.resolve("ncs-cdb/compact.lock")).exists();
    }
    for (int k = 1; k <= members.size(); k++) {
      String addr = cluster.address(k);
      Set<String> seeds = new HashSet<>(members);
      seeds.remove(members.get(k - 1));
      Wait.until(
          "stalled with every seed connected and no membership",
          addr,
          () -> statusOrError(addr),
          st ->
              "stalled".equals(st.path("role").asText())
                  && strings(st.path("connected-node")).equals(seeds)
                  && strings(st.path("member")).isEmpty(),
          JsonNode::toString,
          Duration.ofSeconds(120));
    }
    JsonNode created =
        restconf(
            cluster.address(1),
            "POST",
            "/restconf/operations/tailf-ncs-high-availability-raft:ha-raft/create-cluster",
            "{\"input\":{\"member\":[\"" + members.get(1) + "\",\"" + members.get(2) + "\"]}}");
    assertThat(created.path("status").asInt()).as(created.toString()).isBetween(200, 204);
    for (int k = 1; k <= members.size(); k++) {
      String addr = cluster.address(k);
      String role = k == 1 ? "leader" : "follower";
      Wait.until(
          role + " of " + members.get(0) + " with every member",
          addr,
          () -> statusOrError(addr),
          st ->
              role.equals(st.path("role").asText())
                  && members.get(0).equals(st.path("leader").asText())
                  && strings(st.path("member")).equals(new HashSet<>(members)),
          JsonNode::toString,
          Duration.ofSeconds(120));
      JsonNode data =
          Wait.until(
              "dummy d1 in the running config",
              addr,
              () -> restconf(addr, "GET", "/restconf/data/dummy:dummies", null),
              d -> d.path("body").toString().contains("1.2.3.4"),
              JsonNode::toString,
              Duration.ofSeconds(60));
      assertThat(data.path("body").path("dummy:dummies").path("dummy").get(0).path("name").asText())
          .isEqualTo("d1");
    }
  }

  static JsonNode statusOrError(String address) {
    try {
      return raftStatus(address);
    } catch (Exception | AssertionError e) {
      return new ObjectMapper().createObjectNode().put("error", String.valueOf(e.getMessage()));
    }
  }

  /** One RESTCONF request: {"status": code, "body": parsed body or text}. */
  static JsonNode restconf(String address, String method, String path, String body) {
    ObjectMapper m = new ObjectMapper();
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create("http://" + address + ":8080" + path))
              .header(
                  "Authorization",
                  "Basic "
                      + Base64.getEncoder()
                          .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
              .header("Accept", "application/yang-data+json")
              .header("Content-Type", "application/yang-data+json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      HttpResponse<String> r =
          HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode parsed;
      try {
        parsed = r.body().isBlank() ? m.createObjectNode() : m.readTree(r.body());
      } catch (IOException e) {
        parsed = m.getNodeFactory().textNode(r.body());
      }
      return m.createObjectNode().put("status", r.statusCode()).set("body", parsed);
    } catch (IOException e) {
      return m.createObjectNode().put("status", 0).put("error", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return m.createObjectNode().put("status", 0).put("error", "interrupted");
    }
  }

  static String sh(Path cwd, int ipcPort, String script) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("bash", "-c", script).directory(cwd.toFile()).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("NCS_"));
    pb.environment().put("NCS_IPC_ADDR", "127.0.0.1");
    pb.environment().put("NCS_IPC_PORT", Integer.toString(ipcPort));
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return p.exitValue() + ":" + out.strip();
  }

  @Test
  void aSystemInstallOrContainerRaftExampleIsRefusedBeforeAnythingIsMade() {
    ExampleCluster cluster = new ExampleCluster();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args =
        new ArrayList<>(List.of("example", "upgrade-pkgs-sys", "--ha", "raft", "--system-install"));
    args.addAll(cluster.nodeArgs(dir.resolve("run")));
    int code =
        Main.run(
            new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--ha raft sets up local installs");
    assertThat(dir.resolve("run")).doesNotExist();
  }
}
