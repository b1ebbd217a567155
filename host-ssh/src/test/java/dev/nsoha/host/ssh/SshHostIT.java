package dev.nsoha.host.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.error.AuthenticationException;
import dev.nsoha.core.error.HostException;
import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.Backup;
import dev.nsoha.core.spi.Install;
import dev.nsoha.core.spi.InstallerFile;
import dev.nsoha.host.install.CommandRunner;
import dev.nsoha.host.install.HostCheck;
import dev.nsoha.host.install.HostLayout;
import dev.nsoha.host.install.InstallHost;
import dev.nsoha.host.install.LocalRunner;
import dev.nsoha.host.install.ProcessRunner.Result;
import dev.nsoha.host.install.ServiceManager;
import dev.nsoha.host.install.Sudo;
import dev.nsoha.sim.testkit.Loopback;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install host over a real OpenSSH server (and, for the direct service manager, as local
 * processes), against system installs made by the simulator's installers, every directory under the
 * test's own root.
 */
class SshHostIT {
  private static final Path STORE =
      Path.of("../simulator/target/package-store").toAbsolutePath().normalize();
  private static final Install OLD =
      Install.fromInstaller(
          InstallerFile.parse(STORE.resolve("nso-6.4.4.linux.x86_64.installer.bin")));
  private static final Install NEW =
      Install.fromInstaller(
          InstallerFile.parse(STORE.resolve("nso-6.5.1.linux.x86_64.installer.bin")));
  private static final Duration T = Duration.ofSeconds(120);

  @TempDir static Path shared;
  @TempDir Path tmp;

  private static OpenSshd sshd;
  private InstallHost host;

  @BeforeAll
  static void startSshd() throws IOException {
    sshd = OpenSshd.start(shared.resolve("sshd"), List.of("127.0.0.1"));
  }

  @AfterAll
  static void stopSshd() {
    if (sshd != null) {
      sshd.close();
    }
  }

  @AfterEach
  void stopNode() {
    if (host != null) {
      try {
        host.stop();
      } finally {
        host.close();
      }
    }
  }

  /** A system-install layout under the test's root, on a fresh loopback address and free ports. */
  private HostLayout layout(ServiceManager service, int ipcPort) {
    return HostLayout.system(NodeId.of("n1"), tmp.resolve("root"), service, tmp.resolve("backups"))
        .withIpc("127.0.0.1", ipcPort)
        .withStagingDir(tmp.resolve("staging"));
  }

  /**
   * Binds the installed ncs.conf to its own address and free ports, as an operator would edit it.
   */
  private static void prepareNode(InstallHost h, Path local) throws IOException {
    CommandRunner r = h.runner();
    HostLayout l = h.hostLayout();
    int[] ports = Loopback.freePorts(2);
    String address =
        "127."
            + ThreadLocalRandom.current().nextInt(100, 250)
            + "."
            + ThreadLocalRandom.current().nextInt(1, 250)
            + ".1";
    Path copy = local.resolve("ncs.conf");
    r.download(l.confFile(), copy);
    String conf =
        Files.readString(copy)
            .replace("0.0.0.0", address)
            .replace("<port>2024</port>", "<port>" + ports[0] + "</port>")
            .replace("<port>8080</port>", "<port>" + ports[1] + "</port>")
            .replace(
                "</ncs-config>",
                "  <ncs-ipc-address><port>"
                    + l.ipcPort()
                    + "</port></ncs-ipc-address>\n</ncs-config>");
    Files.writeString(copy, conf);
    r.upload(copy, l.confFile());
    r.upload(STORE.resolve("dummy-1.0.tar.gz"), l.packageStore().resolve("dummy-1.0.tar.gz"));
    Result link =
        r.run(
            "link",
            List.of(
                "ln",
                "-s",
                l.packageStore().resolve("dummy-1.0.tar.gz").toString(),
                l.runDir().resolve("packages/dummy-1.0.tar.gz").toString()),
            null,
            Map.of(),
            T);
    assertThat(link.ok()).as(link.output()).isTrue();
  }

  private static String fxsVersion(Path runDir) throws IOException {
    Path fxs = runDir.resolve("packages/dummy-1.0/load-dir/dummy.fxs");
    return Files.readAllLines(fxs).stream()
        .filter(l -> l.startsWith("ncs-version:"))
        .findFirst()
        .orElse("");
  }

  @Test
  void upgradesASysvSystemInstallOverSshAndRollsItBackFromTheBackup() throws Exception {
    int ipc = Loopback.freePorts(1)[0];
    HostLayout layout = layout(ServiceManager.SYSV, ipc);
    host = new SshHost(target("127.0.0.1"), layout, OLD, T);
    Path root = tmp.resolve("root");

    assertThat(host.preflight(Optional.of(OLD), false)).allMatch(HostCheck::ok);
    host.install(OLD);
    prepareNode(host, Files.createDirectories(tmp.resolve("work")));
    host.start(OLD, false);
    assertThat(host.isRunning()).isTrue();
    assertThat(host.installedVersion().text()).isEqualTo("6.4.4");
    assertThat(root.resolve("var/log/ncs/ncs.log")).exists();

    Backup backup = host.backup();
    assertThat(backup.file()).exists().startsWith(tmp.resolve("backups"));
    assertThat(backup.file().getFileName().toString()).startsWith("n1-ncs-6.4.4@");
    assertThat(backup.sha256()).isEqualTo(InstallHost.sha256(backup.file()));

    // The version upgrade, as the plan runs it: rebuild with the new release, stop, start with
    // reload.
    host.rebuildPackages(NEW);
    assertThat(root.resolve("opt/ncs/ncs-6.5.1/bin/ncs")).isExecutable();
    assertThat(Files.readSymbolicLink(root.resolve("opt/ncs/current")))
        .isEqualTo(Path.of("ncs-6.4.4"));
    assertThat(fxsVersion(layout.runDir())).isEqualTo("ncs-version: 6.5.1");
    host.stop();
    assertThat(host.isRunning()).isFalse();
    host.start(NEW, true);
    assertThat(host.installedVersion().text()).isEqualTo("6.5.1");
    assertThat(Files.readSymbolicLink(root.resolve("opt/ncs/current")))
        .isEqualTo(Path.of("ncs-6.5.1"));
    assertThat(root.resolve("opt/ncs/ncs-6.4.4/bin/ncs"))
        .as("releases side by side")
        .isExecutable();
    assertThat(
            Files.readString(root.resolve("var/log/ncs/ncs-console.log"))
                + Files.readString(root.resolve("var/log/ncs/ncs.log")))
        .isNotEmpty();

    // Rollback: stop, restore the backup (data and config), start on the old release.
    String confBefore = Files.readString(layout.confFile());
    Files.writeString(
        layout.confFile(), confBefore.replace("</ncs-config>", "<!-- edited --></ncs-config>"));
    assertThatThrownBy(() -> host.restore(backup))
        .isInstanceOf(HostException.class)
        .hasMessageContaining("stop it first");
    host.stop();
    Path onHost =
        layout
            .runDir()
            .resolve("backups")
            .resolve(backup.file().getFileName().toString().substring(3));
    assertThat(onHost).exists();
    Files.delete(onHost); // the copy kept here is put back on the host
    host.restore(backup);
    assertThat(onHost).exists();
    assertThat(layout.confFile()).hasContent(confBefore);
    host.start(OLD, false);
    assertThat(host.installedVersion().text()).isEqualTo("6.4.4");
    assertThat(host.isRunning()).isTrue();
    assertThat(Files.readSymbolicLink(root.resolve("opt/ncs/current")))
        .isEqualTo(Path.of("ncs-6.4.4"));

    Backup tampered = new Backup(backup.node(), backup.file(), "0".repeat(64), backup.taken());
    host.stop();
    assertThatThrownBy(() -> host.restore(tampered))
        .isInstanceOf(HostException.class)
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void theDirectServiceManagerStartsAndUpgradesASystemInstallAsLocalProcesses() throws Exception {
    int ipc = Loopback.freePorts(1)[0];
    HostLayout layout = layout(ServiceManager.DIRECT, ipc);
    host = new InstallHost(LocalRunner.INSTANCE, layout, OLD, T);
    host.install(OLD);
    assertThat(tmp.resolve("root/etc/init.d/ncs")).doesNotExist();
    assertThat(tmp.resolve("root/etc/systemd/system/ncs.service")).doesNotExist();
    prepareNode(host, Files.createDirectories(tmp.resolve("work")));
    host.start(OLD, false);
    assertThat(host.installedVersion().text()).isEqualTo("6.4.4");
    host.rebuildPackages(NEW);
    host.stop();
    host.start(NEW, true);
    assertThat(host.isRunning()).isTrue();
    assertThat(host.installedVersion().text()).isEqualTo("6.5.1");
    assertThat(fxsVersion(layout.runDir())).isEqualTo("ncs-version: 6.5.1");
  }

  @Test
  void newPackageVersionsFromADirectoryReplaceTheNodesPackages() throws Exception {
    int ipc = Loopback.freePorts(1)[0];
    Path from = Files.createDirectories(tmp.resolve("new-packages"));
    Files.copy(STORE.resolve("dummy-1.0.tar.gz"), from.resolve("dummy-1.0.tar.gz"));
    Files.copy(STORE.resolve("inert-1.0.tar.gz"), from.resolve("inert-1.0.tar.gz"));
    // Under sudo (with a password on standard input; as root here, sudo does not ask for it).
    HostLayout layout =
        layout(ServiceManager.SYSV, ipc)
            .withPackagesFrom(Optional.of(from))
            .withSudo(Sudo.withPassword(() -> "unused-by-root"));
    host = new SshHost(target("127.0.0.1"), layout, OLD, T);
    host.install(OLD);
    prepareNode(host, Files.createDirectories(tmp.resolve("work")));
    host.start(OLD, false);
    assertThat(host.isRunning()).isTrue();
    host.stop();
    assertThat(host.isRunning()).isFalse();
    host.rebuildPackages(NEW);
    Path pkgs = layout.runDir().resolve("packages");
    assertThat(Files.readSymbolicLink(pkgs.resolve("inert-1.0.tar.gz")))
        .isEqualTo(layout.packageStore().resolve("inert-1.0.tar.gz"));
    assertThat(layout.packageStore().resolve("inert-1.0.tar.gz")).isRegularFile();
    try (var s = Files.list(pkgs)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("dummy-1.0.tar.gz", "inert-1.0.tar.gz");
    }
  }

  @Test
  void theRunnerPassesArgumentsUnchangedAndSecretsOnlyOnStandardInput() {
    try (JschRunner r = new JschRunner(target("127.0.0.1"))) {
      Result echo =
          r.run(
              "echo",
              List.of("printf", "%s|", "a b", "it's", "$HOME", "*"),
              tmp,
              Map.of("X", "1 2"),
              T);
      assertThat(echo.output()).isEqualTo("a b|it's|$HOME|*|");
      Result env = r.run("env", List.of("sh", "-c", "echo \"$X\""), null, Map.of("X", "it's 1"), T);
      assertThat(env.output().strip()).isEqualTo("it's 1");
      Result cat =
          r.run(
              "cat",
              List.of("cat"),
              null,
              Map.of(),
              "pw-on-stdin\n".getBytes(StandardCharsets.UTF_8),
              T);
      assertThat(cat.output()).isEqualTo("pw-on-stdin\n");
      Result fail = r.run("false", List.of("sh", "-c", "echo oops >&2; exit 7"), null, Map.of(), T);
      assertThat(fail.exitCode()).isEqualTo(7);
      assertThat(fail.output()).contains("oops");
    }
  }

  @Test
  void anUnknownHostKeyIsRefusedBeforeAnythingRuns() {
    SshTarget t = target("127.0.0.1");
    SshTarget unknown =
        new SshTarget(
            t.user(), t.address(), t.port(), t.key(), sshd.emptyKnownHosts(), t.connectTimeout());
    try (JschRunner r = new JschRunner(unknown)) {
      assertThatThrownBy(() -> r.run("true", List.of("true"), null, Map.of(), T))
          .isInstanceOf(UnreachableException.class)
          .hasMessageContaining("host key of 127.0.0.1:" + t.port())
          .hasMessageContaining(sshd.emptyKnownHosts().toString());
    }
  }

  @Test
  void aRefusedKeyIsAnAuthenticationError() {
    SshTarget t = target("127.0.0.1");
    SshTarget other =
        new SshTarget(
            t.user(),
            t.address(),
            t.port(),
            Optional.of(sshd.otherKey()),
            t.knownHosts(),
            t.connectTimeout());
    try (JschRunner r = new JschRunner(other)) {
      assertThatThrownBy(() -> r.run("true", List.of("true"), null, Map.of(), T))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("refused the key of user " + t.user());
    }
  }

  @Test
  void anUnreachableHostIsReportedByThePreflight() throws IOException {
    int closed = Loopback.freePorts(1)[0];
    SshTarget t = target("127.0.0.1");
    SshTarget nowhere =
        new SshTarget(t.user(), t.address(), closed, t.key(), t.knownHosts(), t.connectTimeout());
    host = null;
    try (SshHost h = new SshHost(nowhere, layout(ServiceManager.SYSV, 0), OLD, T)) {
      List<HostCheck> checks = h.preflight(Optional.of(NEW), true);
      assertThat(checks).hasSize(1);
      assertThat(checks.get(0).outcome()).isEqualTo(HostCheck.Outcome.REFUSED);
      assertThat(checks.get(0).detail()).contains("connection refused by 127.0.0.1:" + closed);
    }
  }

  @Test
  void thePreflightRefusesAMissingOrWrongArchitectureInstallerAndChecksSudo() throws IOException {
    Path wrong = tmp.resolve("nso-6.5.1.linux.aarch64.installer.bin");
    Files.copy(STORE.resolve("nso-6.5.1.linux.x86_64.installer.bin"), wrong);
    try (SshHost h =
        new SshHost(
            target("127.0.0.1"),
            layout(ServiceManager.SYSV, 0).withSudo(Sudo.passwordless()),
            OLD,
            T)) {
      List<HostCheck> wrongArch =
          h.preflight(Optional.of(Install.fromInstaller(InstallerFile.parse(wrong))), false);
      assertThat(wrongArch)
          .filteredOn(c -> c.check().equals("installer"))
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.outcome()).isEqualTo(HostCheck.Outcome.BAD_INPUT);
                assertThat(c.detail()).contains("is for linux.aarch64").contains("is linux.x86_64");
              });
      assertThat(wrongArch)
          .filteredOn(c -> c.check().equals("sudo"))
          .singleElement()
          .satisfies(c -> assertThat(c.ok()).as(c.detail()).isTrue());
      Install missing =
          Install.fromInstaller(
              InstallerFile.parse(tmp.resolve("nso-6.5.1.linux.x86_64.installer.bin")));
      assertThat(h.preflight(Optional.of(missing), false))
          .filteredOn(c -> c.check().equals("installer"))
          .singleElement()
          .satisfies(c -> assertThat(c.detail()).startsWith("no installer file"));
      assertThat(h.preflight(Optional.empty(), true))
          .filteredOn(c -> c.check().equals("install"))
          .singleElement()
          .satisfies(c -> assertThat(c.outcome()).isEqualTo(HostCheck.Outcome.BAD_INPUT));
    }
  }

  /** A target for {@code address} on the private sshd, logging in with its authorized key. */
  private static SshTarget target(String address) {
    return new SshTarget(
        sshd.user(),
        address,
        sshd.port(),
        Optional.of(sshd.clientKey()),
        sshd.knownHosts(),
        Duration.ofSeconds(10));
  }
}
