package dev.nsoha.sim.cli.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jcraft.jsch.JSchException;
import dev.nsoha.sim.cli.JschCli;
import dev.nsoha.sim.cli.OpenSsh;
import dev.nsoha.sim.cli.interpreter.CliStyle;
import dev.nsoha.sim.cli.interpreter.FakeBackend;
import dev.nsoha.sim.cli.interpreter.Prompts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The SSH server with an in-memory backend: login, shell, exec, host key persistence. */
@Timeout(60)
class CliSshServerIT {

  @TempDir Path dir;
  private FakeBackend node;
  private CliSshServer server;

  @BeforeEach
  void start() throws Exception {
    node = new FakeBackend();
    node.set(node.oper, "{\"tailf-ncs-monitoring:ncs-state\":{\"version\":\"6.4.4\"}}");
    node.actions.put("/high-availability/enable", in -> "{\"result\":\"enabled\"}");
    server = CliSshServer.start(settings(CliStyle.J), node);
  }

  private CliSshServer.Settings settings(CliStyle style) {
    return new CliSshServer.Settings(
        "127.0.0.1",
        0,
        style,
        Prompts.DEFAULTS.with("\\u@n1> ", "\\u@n1% ", "\\u@n1# ", "\\u@n1(\\m)# "),
        dir.resolve("state/ssh/host_key"),
        null);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void jStyleLoginRequestAndSwitchCli() throws Exception {
    try (JschCli cli = JschCli.connect("127.0.0.1", server.port(), "admin", "admin")) {
      String banner = cli.openShell();
      assertThat(banner)
          .contains("admin connected from 127.0.0.1 using ssh on host.example")
          .endsWith("admin@n1> ");
      assertThat(cli.send("request high-availability enable"))
          .matches(
              "request high-availability enable\nresult enabled\n\\[ok]\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d]\\nadmin@n1> ");
      assertThat(cli.send("switch cli")).isEqualTo("switch cli\nadmin@n1# ");
      assertThat(cli.send("show ncs-state version"))
          .isEqualTo("show ncs-state version\nncs-state version 6.4.4\nadmin@n1# ");
      assertThat(cli.send("config"))
          .isEqualTo("config\nEntering configuration mode terminal\nadmin@n1(config)# ");
      assertThat(cli.send("dummies dummy d1"))
          .isEqualTo("dummies dummy d1\nadmin@n1(config-dummy-d1)# ");
      assertThat(cli.send("dummy 1.2.3.4")).endsWith("admin@n1(config-dummy-d1)# ");
      assertThat(cli.send("commit"))
          .isEqualTo("commit\nCommit complete.\nadmin@n1(config-dummy-d1)# ");
      assertThat(cli.send("end")).endsWith("admin@n1# ");
      cli.send("config");
      cli.send("dummies dummy d1 dummy 5.5.5.5");
      assertThat(cli.sendRaw("end\r", Pattern.compile("\\[yes/no/CANCEL\\] $")))
          .isEqualTo("end\nUncommitted changes found, commit them? [yes/no/CANCEL] ");
      assertThat(cli.send("yes")).isEqualTo("yes\nCommit complete.\nadmin@n1# ");
      cli.sendAndWaitClose("exit");
    }
    assertThat(FakeBackend.json(node.config)).contains("5.5.5.5");
  }

  @Test
  void alarmLinesAppearAtThePrompt() throws Exception {
    try (JschCli cli = JschCli.connect("127.0.0.1", server.port(), "admin", "admin")) {
      cli.openShell();
      node.raise("ha-primary-down: Lost connection to primary due to: Primary closed connection");
      assertThat(cli.readUntilPrompt())
          .isEqualTo(
              "\n*** ALARM ha-primary-down: Lost connection to primary due to: Primary closed connection\n"
                  + "admin@n1> ");
    }
    node.awaitNoAlarmListeners(JschCli.TIMEOUT);
  }

  @Test
  void lineEditingBackspaceAndCtrlC() throws Exception {
    try (JschCli first = JschCli.connect("127.0.0.1", server.port(), "admin", "admin")) {
      assertThat(first.openShell())
          .startsWith("\nadmin connected from 127.0.0.1 using ssh on host.example\n");
    }
    try (JschCli cli = JschCli.connect("127.0.0.1", server.port(), "admin", "admin")) {
      assertThat(cli.openShell())
          .startsWith("User admin last logged in ")
          .contains(
              ", to host.example, from 127.0.0.1 using cli-ssh\nadmin connected from 127.0.0.1");
      assertThat(cli.send("switch clix\u007f")).endsWith("admin@n1# ");
      assertThat(cli.send("garbage\u0003")).endsWith("admin@n1# ");
    }
  }

  @Test
  void execChannelRunsCommandsAndReportsFailure() throws Exception {
    try (JschCli cli = JschCli.connect("127.0.0.1", server.port(), "admin", "admin")) {
      JschCli.ExecResult ok =
          cli.exec("switch cli; show ncs-state version; high-availability enable");
      assertThat(ok.status()).isZero();
      assertThat(ok.out()).isEqualTo("ncs-state version 6.4.4\nresult enabled\n");
      JschCli.ExecResult bad =
          cli.exec("show ncs-state version; request foo; show ncs-state version");
      assertThat(bad.status()).isEqualTo(1);
      assertThat(bad.out()).isEqualTo("ncs-state version 6.4.4\nsyntax error: unknown command\n");
    }
  }

  @Test
  void wrongPasswordIsRefused() {
    assertThatThrownBy(() -> JschCli.connect("127.0.0.1", server.port(), "admin", "wrong"))
        .isInstanceOf(JSchException.class)
        .hasMessageContaining("Auth fail");
  }

  @Test
  void hostKeyIsPersistedAndReused() throws Exception {
    try (JschCli cli = JschCli.connect("127.0.0.1", server.port(), "admin", "admin")) {
      cli.exec("show ncs-state version");
    }
    Path key = dir.resolve("state/ssh/host_key");
    assertThat(key).exists();
    byte[] before = Files.readAllBytes(key);
    server.close();
    server = CliSshServer.start(settings(CliStyle.C), node);
    try (JschCli cli = JschCli.connect("127.0.0.1", server.port(), "admin", "admin")) {
      assertThat(cli.exec("show ncs-state version").out()).isEqualTo("ncs-state version 6.4.4\n");
    }
    assertThat(Files.readAllBytes(key)).isEqualTo(before);
  }

  @Test
  void openSshClientRunsCommandsAndKeepsTheHostKey() throws Exception {
    assertThat(OpenSsh.available()).as("/usr/bin/ssh is installed").isTrue();
    OpenSsh ssh = new OpenSsh(dir.resolve("openssh"));
    OpenSsh.Result r =
        ssh.run(
            "127.0.0.1",
            server.port(),
            "admin",
            "admin",
            true,
            "switch cli; show ncs-state version");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("ncs-state version 6.4.4\n");
    OpenSsh.Result bad =
        ssh.run("127.0.0.1", server.port(), "admin", "admin", false, "nosuch command");
    assertThat(bad.status()).isEqualTo(1);
    assertThat(bad.out()).isEqualTo("syntax error: unknown command\n");
    OpenSsh.Result denied =
        ssh.run("127.0.0.1", server.port(), "admin", "wrong", false, "show ncs-state version");
    assertThat(denied.status()).isEqualTo(255);
    assertThat(denied.err()).contains("Permission denied");
    OpenSsh.Result shell =
        ssh.run(
            "127.0.0.1",
            server.port(),
            "admin",
            "admin",
            false,
            null,
            "switch cli\nshow ncs-state version\nexit\n");
    assertThat(shell.status()).as(shell.err()).isZero();
    assertThat(shell.out())
        .isEqualTo(
            "\nadmin connected from 127.0.0.1 using ssh on host.example\n"
                + "admin@n1> admin@n1# ncs-state version 6.4.4\nadmin@n1# ");
    // Same host key after a restart: strict checking against the saved known_hosts still passes.
    int port = server.port();
    server.close();
    server =
        CliSshServer.start(
            new CliSshServer.Settings(
                "127.0.0.1",
                port,
                CliStyle.C,
                Prompts.DEFAULTS,
                dir.resolve("state/ssh/host_key"),
                null),
            node);
    OpenSsh.Result again =
        ssh.run("127.0.0.1", server.port(), "admin", "admin", false, "show ncs-state version");
    assertThat(again.status()).as(again.err()).isZero();
    assertThat(again.out()).isEqualTo("ncs-state version 6.4.4\n");
  }

  @Test
  void hostKeyFromTheConfiguredKeyDirectory() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair kp = g.generateKeyPair();
    Path keyDir = dir.resolve("etc-ncs-ssh");
    Files.createDirectories(keyDir);
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(kp.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    Files.writeString(keyDir.resolve("ssh_host_rsa_key"), pem);
    server.close();
    server =
        CliSshServer.start(
            new CliSshServer.Settings(
                "127.0.0.1",
                0,
                CliStyle.C,
                Prompts.DEFAULTS,
                dir.resolve("state/ssh/host_key"),
                keyDir),
            node);
    try (JschCli cli = JschCli.connect("127.0.0.1", server.port(), "admin", "admin")) {
      String expected = PublicKeyEntry.toString(kp.getPublic()).split(" ")[1];
      assertThat(cli.hostKeyBase64()).isEqualTo(expected);
    }
    assertThat(dir.resolve("state/ssh/host_key")).doesNotExist();
  }
}
