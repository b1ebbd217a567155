package dev.nsoha.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jcraft.jsch.JSchException;
import dev.nsoha.sim.cli.interpreter.CliStyle;
import dev.nsoha.sim.ha.HaRole;
import dev.nsoha.sim.testkit.SimCluster;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The SSH CLI of an in-process three-node cluster (n1 primary, n2 and n3 secondaries). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class ClusterCliIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private Path dir;
  private SimCluster cluster;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    dir = tmp;
    // Free ports rather than NSO's defaults: a wildcard listener on 2024 (a running example)
    // would block binding 127.x.y.1:2024.
    int[] ports = SimCluster.freePorts(3);
    cluster =
        SimCluster.builder()
            .baseDir(dir.resolve("cluster"))
            .ports(ports[0], ports[1], ports[2])
            .start();
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private JschCli login(String id) throws JSchException {
    return JschCli.connect(cluster.address(id), cluster.cliPort(), "admin", "admin");
  }

  private JschCli.ExecResult exec(String id, String commands) throws Exception {
    try (JschCli cli = login(id)) {
      return cli.exec(commands);
    }
  }

  /** Runs C-style commands on the exec channel and expects success. */
  private String c(String id, String commands) throws Exception {
    JschCli.ExecResult r = exec(id, "switch cli; " + commands);
    assertThat(r.status()).as("exit status of '%s' on %s: %s", commands, id, r.out()).isZero();
    return r.out();
  }

  @Test
  @Order(1)
  void jStyleLoginAndSwitchCli() throws Exception {
    try (JschCli cli = login("n1")) {
      assertThat(cli.openShell()).contains("admin connected from").endsWith("admin@n1> ");
      assertThat(cli.send("show high-availability status mode"))
          .matches(
              "show high-availability status mode\nhigh-availability status mode primary\n"
                  + "\\[ok]\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d]\\nadmin@n1> ");
      assertThat(cli.send("switch cli")).isEqualTo("switch cli\nadmin@n1# ");
      assertThat(cli.send("show high-availability status current-id"))
          .isEqualTo(
              "show high-availability status current-id\nhigh-availability status current-id n1\nadmin@n1# ");
      cli.sendAndWaitClose("exit");
    }
  }

  @Test
  @Order(2)
  void showHighAvailabilityOnPrimaryAndSecondary() throws Exception {
    String n1 = c("n1", "show high-availability | notab | nomore");
    assertThat(n1)
        .startsWith(
            "high-availability enabled\nhigh-availability status mode primary\n"
                + "high-availability status current-id n1\nhigh-availability status assigned-role primary\n")
        .contains(
            "high-availability status read-only-mode false\n",
            "high-availability status connected-secondary n2\n address ",
            "high-availability status connected-secondary n3\n address ");
    assertThat(c("n1", "show high-availability status connected-secondary | tab"))
        .startsWith("ID  ADDRESS");
    String n2 = c("n2", "show high-availability status");
    assertThat(n2)
        .contains(
            "high-availability status mode secondary\n", "high-availability status primary-id n1\n")
        .doesNotContain("enabled");
  }

  @Test
  @Order(3)
  void configCommitReplicatesToSecondaries() throws Exception {
    try (JschCli cli = login("n1")) {
      cli.openShell();
      cli.send("switch cli");
      assertThat(cli.send("config"))
          .isEqualTo("config\nEntering configuration mode terminal\nadmin@n1(config)# ");
      assertThat(cli.send("dummies dummy d1")).endsWith("admin@n1(config-dummy-d1)# ");
      assertThat(cli.send("dummy 1.2.3.400"))
          .contains("syntax error: \"1.2.3.400\" is an invalid value.");
      cli.send("dummy 1.2.3.4");
      assertThat(cli.send("high-availability ha-node n4"))
          .endsWith("admin@n1(config-ha-node-n4)# ");
      cli.send("address 127.0.4.1");
      cli.send("top");
      assertThat(cli.send("commit dry-run"))
          .contains(
              "cli {",
              "local-node {",
              "+    dummy d1 {",
              "+        dummy 1.2.3.4;",
              "+    ha-node n4 {");
      assertThat(cli.send("commit")).isEqualTo("commit\nCommit complete.\nadmin@n1(config)# ");
      assertThat(cli.send("commit"))
          .isEqualTo("commit\n% No modifications to commit.\nadmin@n1(config)# ");
      cli.send("no high-availability ha-node n4");
      assertThat(cli.send("commit")).contains("Commit complete.");
      assertThat(cli.send("end")).endsWith("admin@n1# ");
    }
    for (String id : new String[] {"n1", "n2", "n3"}) {
      assertThat(c(id, "show running-config dummies | nomore"))
          .as(id)
          .isEqualTo("dummies dummy d1\n dummy 1.2.3.4\n!\n");
      assertThat(c(id, "show running-config high-availability ha-node n4"))
          .as(id)
          .isEqualTo("% No entries found.\n");
    }
    assertThat(c("n2", "show running-config high-availability ha-node n2"))
        .isEqualTo(
            "high-availability ha-node n2\n address          "
                + cluster.address("n2")
                + "\n nominal-role     secondary\n failover-primary true\n!\n");
  }

  @Test
  @Order(4)
  void secondaryRefusesConfigurationMode() throws Exception {
    JschCli.ExecResult r = exec("n2", "switch cli; config");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("Aborted: node is in read-only mode\n");
  }

  @Test
  @Order(5)
  void showCommands() throws Exception {
    assertThat(c("n1", "show ncs-state version")).isEqualTo("ncs-state version 6.4.4\n");
    assertThat(c("n1", "show packages package dummy package-version"))
        .isEqualTo("packages package dummy\n package-version 1.0\n");
    assertThat(c("n1", "show packages package * oper-status"))
        .isEqualTo("packages package dummy\n oper-status up\n");
    assertThat(c("n1", "show running-config high-availability settings reconnect-interval"))
        .isEqualTo("high-availability settings reconnect-interval 1\n");
    assertThat(c("n1", "show alarms alarm-list")).isNotBlank();
    assertThat(c("n1", "show packages package nosuch")).isEqualTo("% No entries found.\n");
  }

  @Test
  @Order(6)
  void pipes() throws Exception {
    JsonNode json =
        new ObjectMapper().readTree(c("n1", "show high-availability status | display json"));
    assertThat(json.at("/data/tailf-ncs:high-availability/status/mode").asText())
        .isEqualTo("primary");
    assertThat(json.at("/data/tailf-ncs:high-availability/status/read-only-mode").isBoolean())
        .isTrue();
    // "| details" shows the default values of leaves nobody set, as NSO's CLI does.
    String settings = "/data/tailf-ncs:high-availability/settings";
    JsonNode plain =
        new ObjectMapper()
            .readTree(c("n1", "show running-config high-availability | display json | nomore"));
    assertThat(plain.at(settings + "/reconnect-interval").asInt()).isEqualTo(1);
    assertThat(plain.at(settings + "/reconnect-secondaries").isMissingNode()).isTrue();
    JsonNode details =
        new ObjectMapper()
            .readTree(
                c("n1", "show running-config high-availability | details | display json | nomore"));
    assertThat(details.at(settings + "/reconnect-interval").asInt()).isEqualTo(1);
    assertThat(details.at(settings + "/reconnect-attempts").asInt()).isEqualTo(2);
    assertThat(plain.at(settings + "/consensus/enabled").isMissingNode()).isTrue();
    assertThat(details.at(settings + "/consensus/enabled").isBoolean()).isTrue();
    assertThat(details.at(settings + "/reconnect-secondaries").isBoolean()).isTrue();
    assertThat(details.at(settings + "/reconnect-secondaries").asBoolean()).isTrue();
    JsonNode cfg =
        new ObjectMapper().readTree(c("n1", "show running-config dummies | display json"));
    assertThat(cfg.at("/data/dummy:dummies/dummy/0/dummy").asText()).isEqualTo("1.2.3.4");
    assertThat(c("n1", "show running-config dummies | display xml"))
        .isEqualTo(
            """
                <config xmlns="http://tail-f.com/ns/config/1.0">
                  <dummies xmlns="http://com/example/dummy">
                    <dummy>
                      <name>d1</name>
                      <dummy>1.2.3.4</dummy>
                    </dummy>
                  </dummies>
                </config>
                """);
    assertThat(c("n1", "show high-availability | include mode | exclude read-only"))
        .isEqualTo("high-availability status mode primary\n");
    assertThat(c("n1", "show running-config high-availability ha-node | count"))
        .isEqualTo("Count: 13 lines\n");
  }

  @Test
  @Order(7)
  void readOnlyActionsAndCommitRefusal() throws Exception {
    assertThat(c("n1", "high-availability read-only mode true")).isEmpty();
    assertThat(c("n1", "show high-availability status read-only-mode"))
        .isEqualTo("high-availability status read-only-mode true\n");
    JschCli.ExecResult r = exec("n1", "switch cli; config");
    assertThat(r.out()).isEqualTo("Aborted: node is in read-only mode\n");
    assertThat(c("n1", "ncs-state set-read-only mode false")).isEmpty();
    assertThat(c("n1", "config; dummies dummy d2 dummy 2.2.2.2; commit; end"))
        .isEqualTo("Entering configuration mode terminal\nCommit complete.\n");
    // A commit refused after config mode was entered: read-only set from another session.
    try (JschCli cli = login("n1")) {
      cli.openShell();
      cli.send("switch cli");
      cli.send("config");
      cli.send("dummies dummy d3 dummy 3.3.3.3");
      assertThat(c("n1", "high-availability read-only")).isEmpty();
      assertThat(cli.send("commit"))
          .isEqualTo("commit\nAborted: node is in read-only mode\nadmin@n1(config)# ");
      assertThat(c("n1", "high-availability read-only mode false")).isEmpty();
      assertThat(cli.send("commit")).contains("Commit complete.");
    }
  }

  @Test
  @Order(8)
  void haActionsOnThirdNode() throws Exception {
    assertThat(c("n3", "high-availability disable")).isEqualTo("result NSO Built-in HA disabled\n");
    cluster.awaitHa("n3", st -> st.mode() == HaRole.NONE, WAIT);
    assertThat(c("n3", "high-availability enable")).isEqualTo("result enabled\n");
    cluster.awaitHa("n3", st -> st.mode() == HaRole.SECONDARY, WAIT);
    assertThat(c("n3", "high-availability be-none")).startsWith("result ");
    cluster.awaitHa("n3", st -> st.mode() == HaRole.NONE, WAIT);
    assertThat(c("n3", "high-availability be-secondary-to node n1"))
        .isEqualTo("result Attempting to be secondary to node n1\n");
    cluster.awaitHa("n1", st -> st.connectedSecondaries().size() == 2, WAIT);
    assertThat(c("n1", "high-availability be-primary")).startsWith("result ");
    JschCli.ExecResult bad =
        exec("n3", "switch cli; high-availability be-secondary-to node nosuch");
    assertThat(bad.status()).isEqualTo(1);
    assertThat(bad.out()).startsWith("Error: ");
    JschCli.ExecResult missing = exec("n3", "switch cli; high-availability be-secondary-to");
    assertThat(missing.out()).isEqualTo("syntax error: expecting node\n");
  }

  @Test
  @Order(9)
  void packagesReloadAndHaSync() throws Exception {
    String reload = c("n1", "packages reload");
    assertThat(reload)
        .startsWith(">>> System upgrade is starting.\n")
        .contains(
            ">>> System upgrade has completed successfully.\nreload-result {\n    package dummy\n    result true\n}\n");
    String sync = c("n1", "packages ha sync and-reload { wait-commit-queue-empty }");
    assertThat(sync).startsWith(">>> System upgrade is starting.\n");
    cluster.awaitHa("n1", st -> st.connectedSecondaries().size() == 2, WAIT);
    assertThat(c("n2", "show packages package dummy package-version"))
        .isEqualTo("packages package dummy\n package-version 1.0\n");
  }

  @Test
  @Order(10)
  void execChannelStopsAtFirstFailure() throws Exception {
    JschCli.ExecResult r =
        exec("n1", "switch cli; show ncs-state version; show nosuch; show ncs-state version");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo("ncs-state version 6.4.4\nsyntax error: element does not exist\n");
    JschCli.ExecResult j = exec("n1", "request high-availability be-primary");
    assertThat(j.status()).isZero();
  }

  @Test
  @Order(11)
  void wrongPasswordIsRefused() {
    assertThatThrownBy(
            () -> JschCli.connect(cluster.address("n1"), cluster.cliPort(), "admin", "nope"))
        .isInstanceOf(JSchException.class)
        .hasMessageContaining("Auth fail");
  }

  @Test
  @Order(12)
  void scriptRunnerEchoAndStopOnError() {
    StringWriter out = new StringWriter();
    int rc =
        CliScriptRunner.run(
            cluster.node("n1"),
            "admin",
            CliStyle.C,
            new StringReader("show ncs-state version\nshow nosuch\nshow ncs-state version\n"),
            out,
            true,
            false);
    assertThat(rc).isZero();
    assertThat(out.toString())
        .isEqualTo(
            "admin@n1# show ncs-state version\nncs-state version 6.4.4\n"
                + "admin@n1# show nosuch\nsyntax error: element does not exist\n"
                + "admin@n1# show ncs-state version\nncs-state version 6.4.4\n");
    StringWriter quiet = new StringWriter();
    rc =
        CliScriptRunner.run(
            cluster.node("n1"),
            "admin",
            CliStyle.C,
            new StringReader("show ncs-state version\nshow nosuch\nshow ncs-state version\n"),
            quiet,
            false,
            true);
    assertThat(rc).isEqualTo(8);
    assertThat(quiet.toString())
        .isEqualTo("ncs-state version 6.4.4\nsyntax error: element does not exist\n");
    StringWriter j = new StringWriter();
    rc =
        CliScriptRunner.run(
            cluster.node("n2"),
            "admin",
            CliStyle.J,
            new StringReader("show high-availability status mode\nswitch cli\nconfig\n"),
            j,
            true,
            true);
    assertThat(rc).isEqualTo(8);
    assertThat(j.toString())
        .isEqualTo(
            "admin@n2> show high-availability status mode\n"
                + "high-availability status mode secondary\nadmin@n2> switch cli\nadmin@n2# config\n"
                + "Aborted: node is in read-only mode\n");
  }

  @Test
  @Order(13)
  void openSshClient() throws Exception {
    assertThat(OpenSsh.available()).as("/usr/bin/ssh is installed").isTrue();
    OpenSsh ssh = new OpenSsh(dir.resolve("openssh"));
    OpenSsh.Result r =
        ssh.run(
            cluster.address("n1"),
            cluster.cliPort(),
            "admin",
            "admin",
            true,
            "switch cli; show high-availability status mode");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("high-availability status mode primary\n");
    // Public-key login: the key in <run-dir>/homes/admin/.ssh/authorized_keys (NSO's ssh_keydir).
    Path key = OpenSsh.keygen(dir.resolve("keys"), "ed25519", "id_ed25519");
    OpenSsh.Result refused =
        ssh.runWithKey(
            cluster.address("n1"),
            cluster.cliPort(),
            "admin",
            key,
            false,
            "show ncs-state version");
    assertThat(refused.status()).isEqualTo(255);
    Path keyDir = cluster.node("n1").runDir().resolve("homes/admin/.ssh");
    Files.createDirectories(keyDir);
    Files.copy(key.resolveSibling("id_ed25519.pub"), keyDir.resolve("authorized_keys"));
    OpenSsh.Result withKey =
        ssh.runWithKey(
            cluster.address("n1"),
            cluster.cliPort(),
            "admin",
            key,
            false,
            "switch cli; show high-availability status mode");
    assertThat(withKey.status()).as(withKey.err()).isZero();
    assertThat(withKey.out()).isEqualTo("high-availability status mode primary\n");
  }

  @Test
  @Order(14)
  void alarmLineWhenThePrimaryGoesAway() throws Exception {
    try (JschCli cli = login("n2")) {
      cli.openShell();
      cli.send("switch cli");
      cluster.stop("n1");
      String out = cli.readUntil(Pattern.compile("\\*\\*\\* ALARM ha-primary-down: [^\\n]*\\n"));
      assertThat(out).contains("*** ALARM ha-primary-down: Lost connection to primary");
    }
    String alarms = c("n2", "show alarms alarm-list");
    assertThat(alarms)
        .contains(
            "alarms alarm-list number-of-alarms ",
            "ha-primary-down",
            "alarms alarm-list alarm ncs ha-primary-down /high-availability/ha-node[id='n1'] \"\"\n"
                + " is-cleared              false\n",
            " last-alarm-text         \"Lost connection to primary due to: ",
            "\n status-change 20",
            "\n  perceived-severity critical\n");
    // The J style, an SSH login's default, prints the list the same way.
    JschCli.ExecResult j = exec("n2", "show alarms alarm-list");
    assertThat(j.status()).as(j.out()).isZero();
    assertThat(j.out())
        .contains(
            "alarms alarm-list alarm ncs ha-primary-down /high-availability/ha-node[id='n1'] \"\"\n"
                + " is-cleared              false\n");
    // RFC 7951 in | display json: the managed object names its module, the type is qualified.
    assertThat(c("n2", "show alarms alarm-list | display json"))
        .contains("\"tailf-ncs-alarms:alarms\": {")
        .contains("\"device\": \"ncs\"")
        .contains("\"type\": \"tailf-ncs-alarms:ha-primary-down\"")
        .contains("\"managed-object\": \"/tailf-ncs:high-availability/ha-node[id='n1']\"")
        .contains("\"is-cleared\": false")
        .containsPattern(
            "\"last-status-change\": \"\\d{4}-\\d\\d-\\d\\dT[\\d:]{8}\\.\\d{6}\\+00:00\"");
  }
}
