package dev.nsoha.sim.raft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may join, over real processes: wrong CA, wrong address in the certificate, another
 * cluster-name and another NSO version are refused (status and raft.log); the /ha-raft renderings
 * over the CLI, RESTCONF and ncs_cmd; state/raft removal and create-cluster again.
 */
class RaftMembershipIT {
  static final Path BIN = RaftNodes.INSTALLS.resolve("nso-6.4.4/bin");

  @TempDir Path tmp;

  record Run(int code, String out) {}

  static Run tool(RaftNodes.Node n, String stdin, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(BIN.resolve(args[0]).toString());
    cmd.addAll(List.of(args).subList(1, args.length));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("NCS_IPC_PORT", Integer.toString(n.ipcPort));
    pb.environment().put("NCS_DIR", RaftNodes.INSTALLS.resolve("nso-6.4.4").toString());
    Process p = pb.start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  @Test
  void refusedPeersRenderingsAndRecreation() throws Exception {
    try (RaftNodes c = new RaftNodes(tmp, 6, "PT1S")) {
      Path otherCa = Files.createDirectories(tmp.resolve("other-ca"));
      RaftNodes.makeCa(otherCa);
      c.node("n3").caDir = otherCa;
      c.node("n4").certIp = "127.0.0.99";
      c.node("n5").cluster = "other";
      c.node("n6").version = "6.5.1";
      c.startAll();
      RaftNodes.Node n1 = c.node("n1");
      RaftNodes.Node n2 = c.node("n2");

      HttpResponse<String> r =
          c.action("n1", "create-cluster", "{\"member\":[\"" + n2.name() + "\"]}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
      RaftNodes.await(
          "n1 leads n2 in sync",
          () -> c.status("n1"),
          s -> s.path("log").path("replications").size() == 1 && RaftClusterIT.allInSync(s));

      // Each bad peer is refused, with its reason in the raft log of the side that checks.
      Path log1 = n1.dir.resolve("logs/raft.log");
      RaftNodes.await(
          "refusals in n1's raft.log",
          () -> RaftNodes.read(log1),
          l ->
              l.contains("does not name " + c.node("n4").ip)
                  && l.contains("cluster-name 'other' differs from the local 'stockholm'")
                  && l.contains("NSO version 6.5.1 differs from the local NSO version 6.4.4"));
      RaftNodes.await(
          "n3 (other CA) fails the TLS handshake",
          () -> RaftNodes.read(c.node("n3").dir.resolve("logs/raft.log")),
          l -> l.contains("TLS or handshake with " + n1.name()));
      RaftNodes.await(
          "n6 says why it is refused",
          () -> RaftNodes.read(c.node("n6").dir.resolve("logs/raft.log")),
          l ->
              l.contains(
                  n1.name()
                      + " refused the connection: NSO version 6.5.1 differs from the local NSO"
                      + " version 6.4.4"));
      JsonNode s1 = c.status("n1");
      assertThat(RaftNodes.list(s1.path("connected-node"))).containsExactly(n2.name());
      for (String bad : List.of("n3", "n4", "n5", "n6")) {
        assertThat(RaftNodes.list(c.status(bad).path("connected-node")))
            .as(bad)
            .doesNotContain(n1.name());
        assertThat(c.status(bad).path("role").asText()).as(bad).isEqualTo("stalled");
      }
      HttpResponse<String> add =
          c.action("n1", "adjust-membership", "{\"add-node\":\"" + c.node("n5").name() + "\"}");
      assertThat(add.statusCode()).isEqualTo(400);
      assertThat(add.body()).contains("NSO can't reach member node '" + c.node("n5").name() + "'.");

      // RESTCONF leaves, ncs_cmd and the C-style CLI show the same status.
      assertThat(
              n1.http()
                  .get(
                      "/data/tailf-ncs-high-availability-raft:ha-raft/status/role?content=nonconfig")
                  .body())
          .isEqualTo("{\n  \"tailf-ncs-high-availability-raft:role\" : \"leader\"\n}");
      assertThat(tool(n1, null, "ncs_cmd", "-o", "-c", "mrtrans; mget \"/ha-raft/status/role\""))
          .isEqualTo(new Run(0, "leader\n"));
      assertThat(tool(n1, null, "ncs_cmd", "-c", "maction /ha-raft/network/ping node " + n2.name()))
          .isEqualTo(new Run(0, "result pong\n"));
      String show = tool(n1, "show ha-raft\n", "ncs_cli", "-C", "-u", "admin").out();
      String lead = c.status("n1").path("log").path("current-index").asText();
      assertThat(show)
          .contains(
              "ha-raft status role leader\n"
                  + "ha-raft status leader "
                  + n1.name()
                  + "\nha-raft status member [ "
                  + n1.name()
                  + " "
                  + n2.name()
                  + " ]\nha-raft status connected-node [ "
                  + n2.name()
                  + " ]\nha-raft status local-node "
                  + n1.name()
                  + "\nha-raft status certificates certificate ")
          .contains(" expiration-date ")
          .contains(" file-path       " + n1.dir.resolve("ha-tls/n1.crt"))
          .contains("ha-raft status certificates certificate-authority ")
          .contains("ha-raft status log current-index " + lead + "\n")
          .contains(
              "ha-raft status log replications "
                  + n2.name()
                  + "\n state in-sync\n index "
                  + lead
                  + "\n lag   0\n")
          .contains("ha-raft status passive false");

      // Remove state/raft on both members: they come back stalled with their data, and
      // create-cluster (through ncs_cmd maction) builds the cluster again.
      assertThat(c.write("n1", "keep", "10.0.0.7")).isEqualTo(204);
      RaftNodes.await("n2 has keep", () -> c.devices("n2"), d -> d.contains("keep"));
      c.stop("n2");
      c.stop("n1");
      for (RaftNodes.Node n : List.of(n1, n2)) {
        Path raft = n.dir.resolve("state/raft");
        assertThat(raft).isDirectory();
        try (Stream<Path> w = Files.walk(raft)) {
          w.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
      }
      c.start("n1");
      c.start("n2");
      JsonNode fresh = c.status("n2");
      assertThat(fresh.path("role").asText()).isEqualTo("stalled");
      assertThat(fresh.has("member")).isFalse();
      assertThat(c.devices("n2")).contains("keep");
      assertThat(
              tool(
                  n2,
                  null,
                  "ncs_cmd",
                  "-c",
                  "maction /ha-raft/create-cluster member [ " + n1.name() + " ]"))
          .isEqualTo(new Run(0, ""));
      RaftNodes.await(
          "n1 follows n2",
          () -> c.status("n1"),
          s ->
              s.path("role").asText().equals("follower")
                  && s.path("leader").asText().equals(n2.name()));
      assertThat(c.write("n2", "again", "10.0.0.8")).isEqualTo(204);
      RaftNodes.await("n1 has again", () -> c.devices("n1"), d -> d.contains("again"));
    }
  }
}
