package dev.nsoha.sim.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jcraft.jsch.JSchException;
import dev.nsoha.sim.cli.JschCli;
import dev.nsoha.sim.cli.OpenSsh;
import dev.nsoha.sim.data.Content;
import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.data.WithDefaults;
import dev.nsoha.sim.testkit.Loopback;
import dev.nsoha.sim.testkit.SimCluster;
import dev.nsoha.sim.util.CryptHash;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local users as NSO has them: {@code ncs-setup}'s {@code ncs-cdb/aaa_init.xml} loaded at first
 * start, passwords stored hashed ({@code $0$} input hashed with ncs.conf's crypt-hash algorithm,
 * {@code $1$/$5$/$6$} kept), and SSH (password and the user's {@code ssh_keydir} keys) and RESTCONF
 * basic auth checked against them.
 */
@Timeout(120)
class AaaIT {
  static final Path INSTALL = Path.of("target/installs/nso-6.4.4").toAbsolutePath();

  @TempDir Path dir;
  private SimNode node;
  private String ip;
  private int cliPort;
  private int restconfPort;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  /** ncs-setup, the ports moved to this test's own, {@code edit} applied, then the node started. */
  private Path startNode(String cryptHash, ThrowingEdit edit) throws Exception {
    int[] ports = SimCluster.freePorts(3);
    cliPort = ports[0];
    restconfPort = ports[1];
    ip = "127." + Loopback.randomOctet() + ".61.1";
    Path run = dir.resolve("run");
    String script =
        "set -e\n"
            + INSTALL
            + "/bin/ncs-setup --dest run\n"
            + "sed -i -e '/<\\/ncs-config>/d' -e 's/0\\.0\\.0\\.0/"
            + ip
            + "/g' -e 's/<port>2024</<port>"
            + cliPort
            + "</' -e 's/<port>8080</<port>"
            + restconfPort
            + "</' -e 's/<algorithm>sha-512</<algorithm>"
            + cryptHash
            + "</' run/ncs.conf\n"
            + "printf '<ncs-ipc-address><port>"
            + ports[2]
            + "</port></ncs-ipc-address>\\n</ncs-config>\\n' >> run/ncs.conf\n";
    Process p = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).start();
    p.getOutputStream().close();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isZero();
    edit.apply(run);
    node =
        SimNode.start(
            new SimNodeOptions(
                INSTALL,
                run.resolve("ncs.conf"),
                run,
                Map.of("NCS_DIR", INSTALL.toString()),
                false,
                false,
                null,
                true));
    return run;
  }

  interface ThrowingEdit {
    void apply(Path run) throws Exception;
  }

  private int restconf(String user, String password) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    HttpRequest req =
        HttpRequest.newBuilder(
                URI.create(
                    "http://"
                        + ip
                        + ":"
                        + restconfPort
                        + "/restconf/data/tailf-ncs-monitoring:ncs-state"))
            .header("Authorization", "Basic " + basic)
            .header("Accept", "application/yang-data+json")
            .timeout(Duration.ofSeconds(20))
            .GET()
            .build();
    return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private String storedPassword(String user) {
    return node.read(
            DataPath.parseRestconf("tailf-aaa:aaa/authentication/users/user=" + user + "/password"),
            Content.CONFIG,
            WithDefaults.EXPLICIT)
        .value();
  }

  @Test
  void ncsSetupsUsersLogInWithTheirPasswordsOnly() throws Exception {
    Path run = startNode("sha-512", r -> {});
    assertThat(run.resolve("ncs-cdb/aaa_init.xml")).exists();
    assertThat(storedPassword("admin")).startsWith("$6$");
    assertThat(restconf("admin", "admin")).isEqualTo(200);
    assertThat(restconf("oper", "oper")).isEqualTo(200);
    assertThat(restconf("admin", "oper")).isEqualTo(401);
    assertThat(restconf("nobody", "admin")).isEqualTo(401);
    try (JschCli cli = JschCli.connect(ip, cliPort, "admin", "admin")) {
      assertThat(cli.exec("show ncs-state version").out()).isEqualTo("ncs-state version 6.4.4\n");
    }
    assertThatThrownBy(() -> JschCli.connect(ip, cliPort, "admin", "wrong"))
        .isInstanceOf(JSchException.class)
        .hasMessageContaining("Auth fail");
  }

  @Test
  void aDistinctivePasswordIsStoredHashedAndChecked() throws Exception {
    String pw = "pw-" + UUID.randomUUID();
    String operPw = "op-" + UUID.randomUUID();
    Path keys = dir.resolve("keys");
    Path key = OpenSsh.keygen(keys, "ed25519", "id_alice");
    Path run =
        startNode(
            "md5",
            r -> {
              Files.writeString(
                  r.resolve("ncs-cdb/aaa_init.xml"),
                  "<config xmlns=\"http://tail-f.com/ns/config/1.0\">\n"
                      + "  <aaa xmlns=\"http://tail-f.com/ns/aaa/1.1\"><authentication><users>\n"
                      + "    <user><name>alice</name><uid>1</uid><gid>1</gid>"
                      + "<password>$0$"
                      + pw
                      + "</password><ssh_keydir>./keys/alice</ssh_keydir>"
                      + "<homedir>./homes/alice</homedir></user>\n"
                      + "    <user><name>oper</name><password>"
                      + CryptHash.hash(operPw, CryptHash.Algorithm.SHA_256, "abcdefgh")
                      + "</password></user>\n"
                      + "  </users></authentication></aaa>\n"
                      + "</config>\n");
              Path kd = Files.createDirectories(r.resolve("keys/alice"));
              Files.copy(key.resolveSibling("id_alice.pub"), kd.resolve("authorized_keys"));
            });
    // $0$ input is hashed with ncs.conf's algorithm (md5 here); a given hash is kept as is.
    assertThat(storedPassword("alice")).startsWith("$1$").doesNotContain(pw);
    assertThat(storedPassword("oper")).startsWith("$5$abcdefgh$");
    try (var files = Files.walk(run)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (!f.getFileName().toString().equals("aaa_init.xml")) {
          assertThat(Files.readString(f, StandardCharsets.ISO_8859_1))
              .as(f.toString())
              .doesNotContain(pw);
        }
      }
    }
    assertThat(restconf("alice", pw)).isEqualTo(200);
    assertThat(restconf("oper", operPw)).isEqualTo(200);
    assertThat(restconf("alice", pw + "x")).isEqualTo(401);
    assertThat(restconf("admin", "admin")).as("no admin user in this CDB").isEqualTo(401);
    try (JschCli cli = JschCli.connect(ip, cliPort, "alice", pw)) {
      assertThat(cli.exec("show ncs-state version").status()).isZero();
    }
    try (JschCli cli = JschCli.connectWithKey(ip, cliPort, "alice", key)) {
      assertThat(cli.exec("show ncs-state version").status()).isZero();
    }
    assertThatThrownBy(() -> JschCli.connect(ip, cliPort, "alice", "admin"))
        .isInstanceOf(JSchException.class)
        .hasMessageContaining("Auth fail");
    assertThatThrownBy(() -> JschCli.connectWithKey(ip, cliPort, "oper", key))
        .isInstanceOf(JSchException.class)
        .hasMessageContaining("Auth fail");
  }
}
