package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.journal.Journal;
import dev.nsoha.core.journal.JournalStore;
import dev.nsoha.host.ssh.OpenSshd;
import dev.nsoha.scenarios.ProgramRun.Outcome;
import dev.nsoha.scenarios.flow.ExampleFlow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NSO's upgrade example on three system installs, each under its own root directory on its own
 * address, installed and upgraded with the simulator's installers over a private OpenSSH sshd
 * listening on the three addresses; once with the whole example over the CLI, once with the setup
 * of the example and then {@code upgrade-nso --cluster-file --installer} over RESTCONF, after the
 * bad inputs a user can give have been refused with nothing changed. The final state is read from
 * the nodes directly with NSO's own tools over their IPC ports, not through the program.
 */
class SystemInstallSshIT {
  private static final String OLD = "6.4.4";
  private static final String NEW = "6.5.1";

  @TempDir Path dir;

  private final ExampleCluster cluster = new ExampleCluster();
  private OpenSshd sshd;

  @AfterEach
  void tearDown() {
    cluster.stop();
    if (sshd != null) {
      sshd.close();
    }
    ExampleCluster.remove(dir.resolve("run"));
  }

  private static Outcome main(List<String> args) {
    return ProgramRun.run(args.toArray(String[]::new));
  }

  private List<String> exampleArgs(String transport, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "example",
                "upgrade-nso",
                "--system-install",
                "--host",
                "ssh",
                "--service",
                transport.equals("cli") ? "sysv" : "direct",
                "--ssh-port",
                Integer.toString(sshd.port()),
                "--host-ssh-key",
                sshd.clientKey().toString(),
                "--ssh-known-hosts",
                sshd.knownHosts().toString(),
                "--transport",
                transport));
    a.addAll(cluster.nodeArgs(dir.resolve("run")));
    a.addAll(Arrays.asList(more));
    return a;
  }

  private void startSshd() throws IOException {
    sshd = cluster.startSshd(dir.resolve("sshd"));
  }

  private Path root(int n) {
    return ExampleCluster.nodeDir(dir.resolve("run"), n);
  }

  /** Asks node {@code n} itself, with the installed release's tools over its IPC port. */
  private String onNode(int n, String tool, String... args) {
    return cluster.onNode(dir.resolve("run"), n, tool, args);
  }

  private void assertUpgraded() throws IOException {
    for (int n = 1; n <= 3; n++) {
      Path opt = root(n).resolve("opt/ncs");
      assertThat(Files.readSymbolicLink(opt.resolve("current"))).isEqualTo(Path.of("ncs-" + NEW));
      assertThat(opt.resolve("ncs-" + OLD + "/bin/ncs")).as("old release kept").isExecutable();
      assertThat(onNode(n, "ncs", "--status")).contains("vsn: " + NEW).contains("status: started");
      assertThat(onNode(n, "ncs_cmd", "-c", "mget /high-availability/status/mode"))
          .isEqualTo(n == 1 ? "primary" : "secondary");
      assertThat(onNode(n, "ncs_load", "-Fo", "-p", "/dummies")).contains("1.2.3.4");
      assertThat(onNode(n, "ncs_cmd", "-c", "mget /packages/package{dummy}/oper-status/up"))
          .isNotEqualTo("false");
    }
    assertThat(onNode(1, "ncs_cmd", "-c", "mexists /ncs-state/read-only-mode")).isEqualTo("no");
    try (var s = Files.list(dir.resolve("run/backups"))) {
      assertThat(s.map(p -> p.getFileName().toString()).toList())
          .as("a copy of each node's ncs-backup here")
          .anyMatch(f -> f.startsWith("n1-ncs-" + OLD + "@"))
          .anyMatch(f -> f.startsWith("n2-ncs-" + OLD + "@"))
          .anyMatch(f -> f.startsWith("n3-ncs-" + OLD + "@"));
    }
  }

  @Test
  void theExampleInstallsAndUpgradesThreeSystemInstallsOverSshWithTheCli() throws IOException {
    startSshd();
    Outcome r = main(exampleArgs("cli"));
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("preflight n1: installer: ok")
        .contains("Installed and started n3")
        .contains("Verified:")
        .contains("##### Done!");
    assertUpgraded();
    assertThat(root(1).resolve("etc/init.d/ncs")).isExecutable();
  }

  @Test
  void upgradeNsoOverSshWithAClusterFileOverRestconfAfterRefusingBadInput() throws IOException {
    startSshd();
    Outcome setup = main(exampleArgs("restconf", "--setup-only"));
    assertThat(setup.code()).as(setup.toString()).isZero();

    Path store = Bundle.require().packageStore();
    Path installer = store.resolve("nso-" + NEW + ".linux.x86_64.installer.bin");
    Path file = clusterFile("cluster.properties", "direct");
    String sb = Files.readString(file);
    List<String> base =
        List.of(
            "upgrade-nso",
            "--cluster-file",
            file.toString(),
            "--transport",
            "restconf",
            "--ssh-known-hosts",
            sshd.knownHosts().toString(),
            "--run-root",
            dir.resolve("run").toString());

    // Bad input, refused before anything changes.
    Path wrong = dir.resolve("nso-" + NEW + ".linux.aarch64.installer.bin");
    Files.copy(installer, wrong);
    assertRefused(base, 2, "is for linux.aarch64", "--installer", wrong.toString());
    assertRefused(
        base,
        2,
        "does not exist",
        "--installer",
        dir.resolve("nso-" + NEW + ".linux.x86_64.installer.bin").toString());
    assertRefused(base, 2, "--installer");
    List<String> unknownHostKey = new ArrayList<>(base);
    unknownHostKey.set(
        unknownHostKey.indexOf(sshd.knownHosts().toString()), sshd.emptyKnownHosts().toString());
    assertRefused(
        unknownHostKey, 3, "host key of " + cluster.a, "--installer", installer.toString());
    Files.writeString(
        dir.resolve("other.properties"),
        sb.replace(sshd.clientKey().toString(), sshd.otherKey().toString()));
    List<String> otherKey = new ArrayList<>(base);
    otherKey.set(otherKey.indexOf(file.toString()), dir.resolve("other.properties").toString());
    assertRefused(otherKey, 3, "refused the key", "--installer", installer.toString());
    for (int n = 1; n <= 3; n++) {
      assertThat(onNode(n, "ncs", "--status")).contains("vsn: " + OLD);
      assertThat(root(n).resolve("opt/ncs/ncs-" + NEW)).doesNotExist();
    }

    List<String> args = new ArrayList<>(base);
    args.addAll(List.of("--installer", installer.toString()));
    Outcome r = main(args);
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("preflight n2: disk space: ok").contains("Verified:");
    assertUpgraded();
    assertThat(root(1).resolve("etc/init.d/ncs")).doesNotExist();

    // Run again, as after an interruption: every step already done is skipped, the cluster stays.
    Outcome again = main(args);
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.out()).containsPattern("completed: \\d+ steps run, [1-9]\\d* skipped");
    assertUpgraded();
  }

  /**
   * Rollback, resume and the package upgrade on system installs over SSH (sysv, CLI), on one
   * cluster: an upgrade that fails for real on n3 (a broken release of the new version left on its
   * host) stops with n1 and n2 upgraded; once the operator removed it, a rerun continues from the
   * journal and verifies against the original fingerprint; {@code rollback} of that finished
   * upgrade restores every node over SSH and starts it on the old release; an upgrade stopped after
   * n1 (the test hook) is rolled back too; then {@code upgrade-pkgs-sys} copies the new package to
   * the primary's host and upgrades every node with {@code packages ha sync and-reload}.
   */
  @Test
  void rollbackResumeAndPackageUpgradeOverSshWithTheCli() throws IOException {
    startSshd();
    Outcome setup = main(exampleArgs("cli", "--setup-only"));
    assertThat(setup.code()).as(setup.toString()).isZero();
    Path file = clusterFile("cluster.properties", "sysv");
    Path installer =
        Bundle.require().packageStore().resolve("nso-" + NEW + ".linux.x86_64.installer.bin");
    List<String> common =
        List.of(
            "--cluster-file",
            file.toString(),
            "--transport",
            "cli",
            "--cli-port",
            Integer.toString(cluster.cliPort),
            "--known-hosts",
            dir.resolve("run/known_hosts").toString(),
            "--ssh-known-hosts",
            sshd.knownHosts().toString(),
            "--run-root",
            dir.resolve("run").toString());
    List<String> upgrade = new ArrayList<>(List.of("upgrade-nso"));
    upgrade.addAll(common);
    upgrade.addAll(List.of("--installer", installer.toString()));
    List<String> rollback = new ArrayList<>(List.of("rollback"));
    rollback.addAll(common);
    String original = onNode(1, "ncs_load", "-Fo", "-p", "/dummies");

    // A real failure: a broken copy of the new release on n3's host; its package build fails.
    Path broken = root(3).resolve("opt/ncs/ncs-" + NEW);
    Files.createDirectories(broken.resolve("bin"));
    Path fake = broken.resolve("bin/ncs");
    Files.writeString(fake, "#!/bin/sh\necho 'broken release' >&2\nexit 1\n");
    assertThat(fake.toFile().setExecutable(true)).isTrue();
    Outcome failed = main(upgrade);
    assertThat(failed.code()).as(failed.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(failed.err()).contains("Rebuild node n3");
    assertThat(onNode(1, "ncs", "--status")).contains("vsn: " + NEW);
    assertThat(onNode(2, "ncs", "--status")).contains("vsn: " + NEW);
    assertThat(onNode(3, "ncs", "--status")).contains("vsn: " + OLD);

    // The operator removes it; the rerun continues where the run stopped.
    ExampleFlow.deleteTree(broken);
    Outcome resumed = main(upgrade);
    assertThat(resumed.code()).as(resumed.toString()).isZero();
    assertThat(resumed.out())
        .contains("Continuing the run started")
        .containsPattern("completed: \\d+ steps run, [1-9]\\d* skipped")
        .contains("configuration unchanged on every node");
    assertUpgraded();

    // Rollback of the finished upgrade: every node restored over SSH, on the old release again.
    Outcome back = main(rollback);
    assertThat(back.code()).as(back.toString()).isZero();
    assertThat(back.out()).contains("every node back on NSO " + OLD);
    assertRolledBack(original);

    // An upgrade stopped after n1 was upgraded (the test hook), rolled back.
    System.setProperty(UpgradeRun.STOP_AFTER_STEP, "6");
    Outcome partial;
    try {
      partial = main(upgrade);
    } finally {
      System.clearProperty(UpgradeRun.STOP_AFTER_STEP);
    }
    assertThat(partial.code()).as(partial.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(onNode(1, "ncs", "--status")).contains("vsn: " + NEW);
    assertThat(onNode(3, "ncs", "--status")).contains("vsn: " + OLD);
    Outcome back2 = main(rollback);
    assertThat(back2.code()).as(back2.toString()).isZero();
    assertRolledBack(original);

    // The package upgrade over SSH: the archive is copied to n1's host and fetched there.
    List<String> pkgs = new ArrayList<>(List.of("upgrade-pkgs-sys", "--new-run"));
    pkgs.addAll(common);
    pkgs.addAll(List.of("-p", Bundle.require().packageArchive("dummy-1.1").toString()));
    Outcome p = main(pkgs);
    assertThat(p.code()).as(p.toString()).isZero();
    assertThat(p.out())
        .contains("Copied dummy-1.1.tar.gz to n1")
        .contains(root(1).resolve("tmp/nso-ha-upgrade/dummy-1.1.tar.gz").toString())
        .contains("Verified:");
    for (int n = 1; n <= 3; n++) {
      assertThat(onNode(n, "ncs_cmd", "-c", "mget /packages/package{dummy}/package-version"))
          .as("n%d", n)
          .isEqualTo("1.1");
      assertThat(onNode(n, "ncs", "--status")).contains("vsn: " + OLD);
    }
    assertThat(root(1).resolve("opt/ncs/packages/dummy-1.1.tar.gz")).isRegularFile();
  }

  /** Read from the nodes: the old release, nominal roles, the original config, packages up. */
  private void assertRolledBack(String originalConfig) throws IOException {
    for (int n = 1; n <= 3; n++) {
      Path opt = root(n).resolve("opt/ncs");
      assertThat(Files.readSymbolicLink(opt.resolve("current"))).isEqualTo(Path.of("ncs-" + OLD));
      assertThat(onNode(n, "ncs", "--status")).contains("vsn: " + OLD).contains("status: started");
      assertThat(onNode(n, "ncs_cmd", "-c", "mget /high-availability/status/mode"))
          .as("n%d", n)
          .isEqualTo(n == 1 ? "primary" : "secondary");
      assertThat(onNode(n, "ncs_load", "-Fo", "-p", "/dummies")).isEqualTo(originalConfig);
      assertThat(onNode(n, "ncs_cmd", "-c", "mget /packages/package{dummy}/oper-status/up"))
          .isNotEqualTo("false");
    }
    assertThat(onNode(1, "ncs_cmd", "-c", "mexists /ncs-state/read-only-mode")).isEqualTo("no");
    Journal j = new JournalStore(dir.resolve("run/journal.json")).load().orElseThrow();
    assertThat(j.state()).isEqualTo(Journal.State.ROLLED_BACK);
  }

  /**
   * A cluster file naming the example's three system installs as SSH hosts under {@code service}.
   */
  private Path clusterFile(String name, String service) throws IOException {
    Path file = dir.resolve(name);
    StringBuilder sb = new StringBuilder();
    String[] addr = {cluster.a, cluster.b, cluster.c};
    String[] role = {"primary", "failover-primary", "secondary"};
    for (int n = 1; n <= 3; n++) {
      String p = "node.n" + n + ".";
      Path root = root(n);
      sb.append(p).append("address=").append(addr[n - 1]).append('\n');
      sb.append(p).append("role=").append(role[n - 1]).append('\n');
      sb.append(p).append("host=ssh\n");
      sb.append(p)
          .append("ssh=")
          .append(sshd.user())
          .append('@')
          .append(addr[n - 1])
          .append(':')
          .append(sshd.port())
          .append('\n');
      sb.append(p).append("ssh-key=").append(sshd.clientKey()).append('\n');
      sb.append(p).append("install-dir=").append(root.resolve("opt/ncs")).append('\n');
      sb.append(p).append("config-dir=").append(root.resolve("etc/ncs")).append('\n');
      sb.append(p).append("run-dir=").append(root.resolve("var/opt/ncs")).append('\n');
      sb.append(p).append("log-dir=").append(root.resolve("var/log/ncs")).append('\n');
      sb.append(p).append("staging-dir=").append(root.resolve("tmp")).append('\n');
      sb.append(p).append("service=").append(service).append('\n');
      sb.append(p).append("sudo=false\n");
      sb.append(p).append("ipc-port=").append(cluster.ipcBase + n - 1).append('\n');
    }
    Files.writeString(file, sb);
    return file;
  }

  private void assertRefused(List<String> base, int code, String message, String... more) {
    List<String> args = new ArrayList<>(base);
    args.addAll(Arrays.asList(more));
    Outcome r = main(args);
    assertThat(r.code()).as(r.toString()).isEqualTo(code);
    assertThat(r.err()).contains(message).containsIgnoringCase("nothing was changed");
  }
}
