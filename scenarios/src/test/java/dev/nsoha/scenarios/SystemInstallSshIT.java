package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.host.ProcessRunner;
import dev.nsoha.host.ssh.OpenSshd;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

  record Run(int code, String out, String err) {
    String both() {
      return "stdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  private static Run main(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
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
    sshd = OpenSshd.start(dir.resolve("sshd"), List.of(cluster.a, cluster.b, cluster.c));
  }

  private Path root(int n) {
    return dir.resolve("run/nso-node" + n);
  }

  /** Asks node {@code n} itself, with the installed release's tools over its IPC port. */
  private String onNode(int n, String tool, String... args) {
    Path bin = root(n).resolve("opt/ncs/current/bin");
    List<String> cmd = new ArrayList<>(List.of(bin.resolve(tool).toString()));
    cmd.addAll(Arrays.asList(args));
    ProcessRunner.Result r =
        ProcessRunner.run(
            "n" + n,
            tool,
            cmd,
            root(n),
            Map.of(
                "NCS_IPC_ADDR",
                "127.0.0.1",
                "NCS_IPC_PORT",
                Integer.toString(cluster.ipcBase + n - 1)),
            Duration.ofSeconds(30));
    assertThat(r.ok()).as("%s %s on n%d: %s", tool, List.of(args), n, r.output()).isTrue();
    return r.output().strip();
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
    Run r = main(exampleArgs("cli"));
    assertThat(r.code()).as(r.both()).isZero();
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
    Run setup = main(exampleArgs("restconf", "--setup-only"));
    assertThat(setup.code()).as(setup.both()).isZero();

    Path store = Bundle.require().packageStore();
    Path installer = store.resolve("nso-" + NEW + ".linux.x86_64.installer.bin");
    Path file = dir.resolve("cluster.properties");
    StringBuilder sb = new StringBuilder();
    String[] addr = {cluster.a, cluster.b, cluster.c};
    String[] role = {"primary", "failover-primary", "secondary"};
    for (int n = 1; n <= 3; n++) {
      String p = "node.n" + n + ".";
      Path root = root(n);
      sb.append(p)
          .append("address=")
          .append(addr[n - 1])
          .append('\n')
          .append(p)
          .append("role=")
          .append(role[n - 1])
          .append('\n')
          .append(p)
          .append("host=ssh\n")
          .append(p)
          .append("ssh=")
          .append(sshd.user())
          .append('@')
          .append(addr[n - 1])
          .append(':')
          .append(sshd.port())
          .append('\n')
          .append(p)
          .append("ssh-key=")
          .append(sshd.clientKey())
          .append('\n')
          .append(p)
          .append("install-dir=")
          .append(root.resolve("opt/ncs"))
          .append('\n')
          .append(p)
          .append("config-dir=")
          .append(root.resolve("etc/ncs"))
          .append('\n')
          .append(p)
          .append("run-dir=")
          .append(root.resolve("var/opt/ncs"))
          .append('\n')
          .append(p)
          .append("log-dir=")
          .append(root.resolve("var/log/ncs"))
          .append('\n')
          .append(p)
          .append("service=direct\n")
          .append(p)
          .append("sudo=false\n")
          .append(p)
          .append("ipc-port=")
          .append(cluster.ipcBase + n - 1)
          .append('\n');
    }
    Files.writeString(file, sb);
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
        sb.toString().replace(sshd.clientKey().toString(), sshd.otherKey().toString()));
    List<String> otherKey = new ArrayList<>(base);
    otherKey.set(otherKey.indexOf(file.toString()), dir.resolve("other.properties").toString());
    assertRefused(otherKey, 3, "refused the key", "--installer", installer.toString());
    for (int n = 1; n <= 3; n++) {
      assertThat(onNode(n, "ncs", "--status")).contains("vsn: " + OLD);
      assertThat(root(n).resolve("opt/ncs/ncs-" + NEW)).doesNotExist();
    }

    List<String> args = new ArrayList<>(base);
    args.addAll(List.of("--installer", installer.toString()));
    Run r = main(args);
    assertThat(r.code()).as(r.both()).isZero();
    assertThat(r.out()).contains("preflight n2: disk space: ok").contains("Verified:");
    assertUpgraded();
    assertThat(root(1).resolve("etc/init.d/ncs")).doesNotExist();

    // Run again, as after an interruption: every step already done is skipped, the cluster stays.
    Run again = main(args);
    assertThat(again.code()).as(again.both()).isZero();
    assertThat(again.out()).containsPattern("completed: \\d+ steps run, [1-9]\\d* skipped");
    assertUpgraded();
  }

  private void assertRefused(List<String> base, int code, String message, String... more) {
    List<String> args = new ArrayList<>(base);
    args.addAll(Arrays.asList(more));
    Run r = main(args);
    assertThat(r.code()).as(r.both()).isEqualTo(code);
    assertThat(r.err()).contains(message).containsIgnoringCase("nothing was changed");
  }
}
