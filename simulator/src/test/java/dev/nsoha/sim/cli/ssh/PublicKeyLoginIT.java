package dev.nsoha.sim.cli.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jcraft.jsch.JSchException;
import dev.nsoha.sim.cli.JschCli;
import dev.nsoha.sim.cli.OpenSsh;
import dev.nsoha.sim.cli.interpreter.CliStyle;
import dev.nsoha.sim.cli.interpreter.FakeBackend;
import dev.nsoha.sim.cli.interpreter.Prompts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSH public-key login from per-user {@code authorized_keys} files (NSO's {@code ssh_keydir}):
 * ed25519 and RSA keys over jsch and the OpenSSH client, unlisted keys refused, keys re-read at
 * each login, password login unchanged.
 */
@Timeout(120)
class PublicKeyLoginIT {

  @TempDir Path dir;
  private FakeBackend node;
  private CliSshServer server;
  private Path homes;
  private Path ed25519;
  private Path rsa;
  private Path stranger;

  @BeforeEach
  void start() throws Exception {
    assertThat(OpenSsh.available()).as("/usr/bin/ssh and ssh-keygen are installed").isTrue();
    node = new FakeBackend();
    node.set(node.oper, "{\"tailf-ncs-monitoring:ncs-state\":{\"version\":\"6.4.4\"}}");
    Path keys = dir.resolve("client-keys");
    ed25519 = OpenSsh.keygen(keys, "ed25519", "id_ed25519");
    rsa = OpenSsh.keygen(keys, "rsa", "id_rsa");
    stranger = OpenSsh.keygen(keys, "ed25519", "id_stranger");
    homes = dir.resolve("run/homes");
    authorize(
        "# keys of admin\n\n"
            + Files.readString(pub(ed25519))
            + "no-pty "
            + Files.readString(pub(rsa)));
    server =
        CliSshServer.start(settings().withUserKeyDirs(u -> homes.resolve(u).resolve(".ssh")), node);
  }

  private CliSshServer.Settings settings() {
    return new CliSshServer.Settings(
        "127.0.0.1",
        0,
        CliStyle.C,
        Prompts.DEFAULTS.with(null, null, "\\u@n1# ", "\\u@n1(\\m)# "),
        dir.resolve("state/host_key"),
        null);
  }

  private static Path pub(Path key) {
    return key.resolveSibling(key.getFileName() + ".pub");
  }

  private void authorize(String text) throws Exception {
    Path ssh = homes.resolve("admin/.ssh");
    Files.createDirectories(ssh);
    Files.writeString(ssh.resolve("authorized_keys"), text);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void jschLogsInWithEd25519AndRsaKeys() throws Exception {
    for (Path key : new Path[] {ed25519, rsa}) {
      try (JschCli cli = JschCli.connectWithKey("127.0.0.1", server.port(), "admin", key)) {
        JschCli.ExecResult r = cli.exec("show ncs-state version");
        assertThat(r.status()).as(key.toString()).isZero();
        assertThat(r.out()).isEqualTo("ncs-state version 6.4.4\n");
      }
      try (JschCli cli = JschCli.connectWithKey("127.0.0.1", server.port(), "admin", key)) {
        assertThat(cli.openShell())
            .contains("admin connected from 127.0.0.1")
            .endsWith("admin@n1# ");
      }
    }
  }

  @Test
  void unlistedKeysAndUnknownUsersAreRefused() {
    assertThatThrownBy(() -> JschCli.connectWithKey("127.0.0.1", server.port(), "admin", stranger))
        .isInstanceOf(JSchException.class)
        .hasMessageContaining("Auth fail");
    assertThatThrownBy(() -> JschCli.connectWithKey("127.0.0.1", server.port(), "oper", ed25519))
        .isInstanceOf(JSchException.class)
        .hasMessageContaining("Auth fail");
    assertThatThrownBy(() -> JschCli.connectWithKey("127.0.0.1", server.port(), "..", ed25519))
        .isInstanceOf(JSchException.class)
        .hasMessageContaining("Auth fail");
  }

  @Test
  void openSshClientLogsInWithKeys() throws Exception {
    OpenSsh ssh = new OpenSsh(dir.resolve("openssh"));
    OpenSsh.Result r =
        ssh.runWithKey(
            "127.0.0.1", server.port(), "admin", ed25519, true, "show ncs-state version");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("ncs-state version 6.4.4\n");
    OpenSsh.Result withRsa =
        ssh.runWithKey("127.0.0.1", server.port(), "admin", rsa, false, "show ncs-state version");
    assertThat(withRsa.status()).as(withRsa.err()).isZero();
    assertThat(withRsa.out()).isEqualTo("ncs-state version 6.4.4\n");
    OpenSsh.Result refused =
        ssh.runWithKey(
            "127.0.0.1", server.port(), "admin", stranger, false, "show ncs-state version");
    assertThat(refused.status()).isEqualTo(255);
    assertThat(refused.err()).contains("Permission denied");
    // Password login keeps working next to keys.
    OpenSsh.Result password =
        ssh.run("127.0.0.1", server.port(), "admin", "admin", false, "show ncs-state version");
    assertThat(password.status()).as(password.err()).isZero();
  }

  @Test
  @SuppressWarnings("try") // a login that succeeds is the failure
  void authorizedKeysAreReadAtEachLogin() throws Exception {
    try (JschCli cli = JschCli.connectWithKey("127.0.0.1", server.port(), "admin", stranger)) {
      throw new AssertionError("an unlisted key logged in");
    } catch (JSchException expected) {
      assertThat(expected).hasMessageContaining("Auth fail");
    }
    authorize(Files.readString(pub(stranger)));
    try (JschCli cli = JschCli.connectWithKey("127.0.0.1", server.port(), "admin", stranger)) {
      assertThat(cli.exec("show ncs-state version").status()).isZero();
    }
    assertThatThrownBy(() -> JschCli.connectWithKey("127.0.0.1", server.port(), "admin", ed25519))
        .isInstanceOf(JSchException.class)
        .hasMessageContaining("Auth fail");
  }

  @Test
  void withoutKeyDirectoriesKeysAreRefusedAndPasswordsWork() throws Exception {
    server.close();
    server = CliSshServer.start(settings(), node);
    assertThatThrownBy(() -> JschCli.connectWithKey("127.0.0.1", server.port(), "admin", ed25519))
        .isInstanceOf(JSchException.class)
        .hasMessageContaining("Auth fail");
    try (JschCli cli = JschCli.connect("127.0.0.1", server.port(), "admin", "admin")) {
      assertThat(cli.exec("show ncs-state version").status()).isZero();
    }
  }
}
