package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.spi.Install;
import dev.nsoha.core.spi.InstallerFile;
import dev.nsoha.host.install.HostLayout;
import dev.nsoha.host.install.InstallHost;
import dev.nsoha.host.install.LocalRunner;
import dev.nsoha.host.install.ProcessRunner;
import dev.nsoha.host.install.ServiceManager;
import dev.nsoha.host.ssh.OpenSshd;
import dev.nsoha.scenarios.ProgramRun.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One deployment choice for every command, and a preflight that proves the plan's commands can run,
 * on three system installs over a private OpenSSH sshd (sysv, CLI): {@code preflight}, {@code
 * status}, {@code plan}, {@code journal show} and {@code rollback} take the upgrade's own command
 * line; preflight refuses systemd on this host (which has none), a missing or another node's IPC
 * port, and a login user without sudo rights for the plan's commands (a user and a sudoers.d rule
 * the test creates and removes); a stop through a wrong IPC port fails without repointing {@code
 * current}. After each refusal the nodes are read with NSO's own tools over their IPC ports, the
 * release links and the journal are checked: nothing changed.
 */
class DeploymentSshIT {
  private static final String OLD = "6.4.4";
  private static final String NEW = "6.5.1";

  @TempDir Path dir;

  private final ExampleCluster cluster = new ExampleCluster();
  private OpenSshd sshd;
  private String user;

  @AfterEach
  void tearDown() {
    cluster.stop();
    if (sshd != null) {
      sshd.close();
    }
    if (user != null) {
      ProcessRunner.run(
          "test", "remove user", List.of("userdel", user), dir, Map.of(), Duration.ofSeconds(30));
      try {
        Files.deleteIfExists(Path.of("/etc/sudoers.d/" + user));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    ExampleCluster.remove(dir.resolve("run"));
  }

  private static Outcome main(List<String> args) {
    return ProgramRun.run(args.toArray(String[]::new));
  }

  private Path root(int n) {
    return ExampleCluster.nodeDir(dir.resolve("run"), n);
  }

  private Path installer() {
    return Bundle.require().packageStore().resolve("nso-" + NEW + ".linux.x86_64.installer.bin");
  }

  /** Asks node {@code n} itself, with the installed release's tools over its IPC port. */
  private String onNode(int n, String tool, String... args) {
    return cluster.onNode(dir.resolve("run"), n, tool, args);
  }

  /** Read from the nodes and the hosts: every node on the old release, in its role; no journal. */
  private void assertNothingChanged(String when) throws IOException {
    for (int n = 1; n <= 3; n++) {
      Path opt = root(n).resolve("opt/ncs");
      assertThat(Files.readSymbolicLink(opt.resolve("current")))
          .as("%s: n%d's current", when, n)
          .isEqualTo(Path.of("ncs-" + OLD));
      assertThat(opt.resolve("ncs-" + NEW)).as("%s: n%d", when, n).doesNotExist();
      assertThat(onNode(n, "ncs", "--status"))
          .as("%s: n%d", when, n)
          .contains("vsn: " + OLD)
          .contains("status: started");
      assertThat(onNode(n, "ncs_cmd", "-c", "mget /high-availability/status/mode"))
          .as("%s: n%d", when, n)
          .isEqualTo(n == 1 ? "primary" : "secondary");
    }
    assertThat(onNode(1, "ncs_cmd", "-c", "mexists /ncs-state/read-only-mode")).isEqualTo("no");
    assertThat(dir.resolve("run/journal.json")).as("%s: no journal", when).doesNotExist();
  }

  /** The example's three system installs as SSH hosts, each setting overridable per node. */
  private Path clusterFile(String name, Map<String, String> override) throws IOException {
    Path file = dir.resolve(name);
    StringBuilder sb = new StringBuilder();
    String[] addr = {cluster.a, cluster.b, cluster.c};
    String[] role = {"primary", "failover-primary", "secondary"};
    for (int n = 1; n <= 3; n++) {
      String p = "node.n" + n + ".";
      Path root = root(n);
      Map<String, String> s = new LinkedHashMap<>();
      s.put("address", addr[n - 1]);
      s.put("role", role[n - 1]);
      s.put("host", "ssh");
      s.put("ssh", sshd.user() + "@" + addr[n - 1] + ":" + sshd.port());
      s.put("ssh-key", sshd.clientKey().toString());
      s.put("install-dir", root.resolve("opt/ncs").toString());
      s.put("config-dir", root.resolve("etc/ncs").toString());
      s.put("run-dir", root.resolve("var/opt/ncs").toString());
      s.put("log-dir", root.resolve("var/log/ncs").toString());
      s.put("staging-dir", root.resolve("tmp").toString());
      s.put("service", "sysv");
      s.put("sudo", "false");
      s.put("ipc-port", Integer.toString(cluster.ipcBase + n - 1));
      override.forEach(
          (k, v) -> {
            if (k.startsWith(p)) {
              String key = k.substring(p.length());
              if (v == null) {
                s.remove(key);
              } else {
                s.put(key, v);
              }
            }
          });
      s.forEach((k, v) -> sb.append(p).append(k).append('=').append(v).append('\n'));
    }
    Files.writeString(file, sb);
    return file;
  }

  private List<String> common(Path file) {
    return List.of(
        "--cluster-file",
        file.toString(),
        "--transport",
        "cli",
        "--cli-port",
        Integer.toString(cluster.cliPort),
        "--cli-known-hosts",
        dir.resolve("run/known_hosts").toString(),
        "--host-known-hosts",
        sshd.knownHosts().toString(),
        "--run-root",
        dir.resolve("run").toString(),
        "--installer",
        installer().toString());
  }

  private Outcome command(String name, Path file, String... more) {
    List<String> args = new ArrayList<>(Arrays.asList(name.split(" ")));
    args.addAll(common(file));
    args.addAll(Arrays.asList(more));
    return main(args);
  }

  private void setUp() throws IOException {
    sshd = cluster.startSshd(dir.resolve("sshd"));
    List<String> a =
        new ArrayList<>(
            List.of(
                "example",
                "upgrade-nso",
                "--system-install",
                "--host",
                "ssh",
                "--service",
                "sysv",
                "--ssh-port",
                Integer.toString(sshd.port()),
                "--host-ssh-key",
                sshd.clientKey().toString(),
                "--ssh-known-hosts",
                sshd.knownHosts().toString(),
                "--transport",
                "cli",
                "--setup-only"));
    a.addAll(cluster.nodeArgs(dir.resolve("run")));
    Outcome setup = main(a);
    assertThat(setup.code()).as(setup.toString()).isZero();
  }

  @Test
  void everyCommandTakesTheUpgradesCommandLineAndPreflightRefusesWhatWouldFailHalfway()
      throws IOException {
    setUp();
    Path good = clusterFile("cluster.properties", Map.of());

    // The read-only commands take the upgrade's own command line, SSH hosts and all.
    Outcome pf = command("preflight upgrade-nso", good);
    assertThat(pf.code()).as(pf.toString()).isZero();
    assertThat(pf.out())
        .contains("preflight n1: service: ok, " + root(1).resolve("etc/init.d/ncs") + " status")
        .contains("preflight n2: ipc: ok, 127.0.0.1:" + (cluster.ipcBase + 1))
        .contains("answers for HA node n2")
        .contains("preflight n3: installer: ok");
    Outcome status = command("status", good);
    assertThat(status.code()).as(status.toString()).isZero();
    assertThat(status.out()).contains("n1 " + cluster.a + ": NSO " + OLD).contains("n3 ");
    Outcome plan = command("plan upgrade-nso", good);
    assertThat(plan.code()).as(plan.toString()).isZero();
    assertThat(plan.out()).contains("NSO " + NEW);
    Outcome journal = command("journal show", good);
    assertThat(journal.code()).as(journal.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(journal.err()).contains("no journal at " + dir.resolve("run/journal.json"));
    Outcome rollback = command("rollback", good);
    assertThat(rollback.code()).as(rollback.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(rollback.err()).contains("nothing to roll back");
    assertNothingChanged("after the read-only commands");

    // systemd named where the host has none: a no-go naming the setting, in preflight and upgrade.
    Path systemd = clusterFile("systemd.properties", Map.of("node.n2.service", "systemd"));
    for (String cmd : List.of("preflight upgrade-nso", "upgrade-nso")) {
      Outcome r = command(cmd, systemd);
      assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err())
          .contains("node.n2.service=systemd")
          .contains("has not been booted with systemd")
          .containsIgnoringCase("nothing was changed");
      assertNothingChanged(cmd + " with systemd");
    }

    // No IPC port for n1: NSO's default answers nothing, but NSO runs in n1's run directory.
    Map<String, String> noPort = new HashMap<>();
    noPort.put("node.n1.ipc-port", null);
    Path missing = clusterFile("no-ipc-port.properties", noPort);
    Outcome r = command("upgrade-nso", missing);
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .contains("node n1: ipc: nothing answers on the IPC endpoint 127.0.0.1:4569")
        .contains("NSO runs in " + root(1).resolve("var/opt/ncs"))
        .contains("set node.n1.ipc-port");
    assertNothingChanged("upgrade-nso without n1's IPC port");

    // n1's IPC port set to n2's: it answers, for the wrong node.
    Path wrong =
        clusterFile(
            "wrong-ipc-port.properties",
            Map.of("node.n1.ipc-port", Integer.toString(cluster.ipcBase + 1)));
    r = command("preflight upgrade-nso", wrong);
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("answers for HA node n2, not n1").contains("node.n1.ipc-port");
    assertNothingChanged("preflight with n2's IPC port for n1");

    // A login user whose sudo rights do not cover the plan's commands.
    user = createUserWithSudoRule();
    Map<String, String> sudo = new HashMap<>();
    for (int n = 1; n <= 3; n++) {
      sudo.put(
          "node.n" + n + ".ssh",
          user + "@" + List.of(cluster.a, cluster.b, cluster.c).get(n - 1) + ":" + sshd.port());
      sudo.put("node.n" + n + ".sudo", "true");
    }
    Path noSudo = clusterFile("no-sudo.properties", sudo);
    for (String cmd : List.of("preflight upgrade-nso", "upgrade-nso")) {
      Outcome s = command(cmd, noSudo);
      assertThat(s.code()).as(s.toString()).isEqualTo(ExitCodes.UNREACHABLE);
      assertThat(s.err())
          .contains("node n1: sudo: ")
          .contains("does not let this user run under sudo without a password")
          .contains(root(1).resolve("etc/init.d/ncs") + " stop")
          .containsIgnoringCase("nothing was changed");
      assertNothingChanged(cmd + " without sudo rights");
    }
  }

  @Test
  void aStopThroughAWrongIpcPortFailsAndCurrentIsNotRepointed() throws IOException {
    setUp();
    Path r1 = root(1);
    int unused = cluster.ipcBase + 3;
    HostLayout layout =
        HostLayout.system(
                NodeId.of("n1"),
                r1.resolve("opt/ncs"),
                r1.resolve("etc/ncs"),
                r1.resolve("var/opt/ncs"),
                r1.resolve("var/log/ncs"),
                ServiceManager.SYSV,
                dir.resolve("backups"))
            .withIpc("127.0.0.1", unused);
    Install old = new Install(r1.resolve("opt/ncs/current"), NsoVersion.parse(OLD));
    Install target = Install.fromInstaller(InstallerFile.parse(installer()));
    try (InstallHost host =
        new InstallHost(LocalRunner.INSTANCE, layout, old, Duration.ofSeconds(30))) {
      assertThatThrownBy(host::stop)
          .isInstanceOf(HostException.class)
          .hasMessageContaining("did not stop the node")
          .hasMessageContaining("127.0.0.1:" + unused)
          .hasMessageContaining("set node.n1.ipc-port");
      assertThatThrownBy(() -> host.start(target, true))
          .isInstanceOf(HostException.class)
          .hasMessageContaining("NSO still runs in " + r1.resolve("var/opt/ncs"))
          .hasMessageContaining("is left as it is");
    }
    assertNothingChanged("a stop and a start through a wrong IPC port");
  }

  /**
   * A login user of the test's own whose only sudo right is {@code /usr/bin/true}; removed in
   * {@link #tearDown()}. Needs root (as CI runs); elsewhere the test is skipped.
   */
  private String createUserWithSudoRule() throws IOException {
    boolean root = "root".equals(System.getProperty("user.name"));
    if (!root || !Files.isDirectory(Path.of("/etc/sudoers.d"))) {
      String msg = "creating a user and a sudoers.d rule needs root and sudo";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(msg);
      }
      Assumptions.abort(msg + " (skipped)");
    }
    String name = "nsoha-t" + ThreadLocalRandom.current().nextInt(10_000, 100_000);
    ProcessRunner.Result r =
        ProcessRunner.run(
            "test",
            "create user",
            // '*' (no password) rather than useradd's locked '!': sshd refuses locked accounts.
            List.of("useradd", "-M", "-d", "/nonexistent", "-s", "/bin/sh", "-p", "*", name),
            Path.of("/"),
            Map.of(),
            Duration.ofSeconds(30));
    assertThat(r.ok()).as("useradd: %s", r.output()).isTrue();
    Path rule = Path.of("/etc/sudoers.d/" + name);
    Files.writeString(rule, name + " ALL=(root) NOPASSWD: /usr/bin/true\n");
    Files.setPosixFilePermissions(rule, PosixFilePermissions.fromString("r--r-----"));
    ProcessRunner.Result check =
        ProcessRunner.run(
            "test",
            "check the rule",
            List.of("visudo", "-c", "-f", rule.toString()),
            Path.of("/"),
            Map.of(),
            Duration.ofSeconds(30));
    assertThat(check.ok()).as("visudo: %s", check.output()).isTrue();
    // sshd reads authorized_keys as the user logging in: let the new user reach the test's copy.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    Files.setPosixFilePermissions(
        dir.resolve("sshd"), PosixFilePermissions.fromString("rwx--x--x"));
    Files.setPosixFilePermissions(
        dir.resolve("sshd/authorized_keys"), PosixFilePermissions.fromString("rw-r--r--"));
    return name;
  }
}
