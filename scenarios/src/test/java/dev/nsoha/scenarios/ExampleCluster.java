package dev.nsoha.scenarios;

import dev.nsoha.core.model.NodeId;
import dev.nsoha.host.install.LocalInstallHost;
import dev.nsoha.host.install.ProcessRunner;
import dev.nsoha.host.ssh.OpenSshd;
import dev.nsoha.scenarios.flow.ExampleFlow;
import dev.nsoha.sim.testkit.Loopback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loopback addresses and IPC ports of a test's own, chosen as every module's tests choose them
 * ({@link Loopback}), so that a test never collides with a running example or another test, and a
 * way to stop the nodes it started.
 */
final class ExampleCluster {
  final String a;
  final String b;
  final String c;
  final int ipcBase;
  final int cliPort;
  final int count;

  ExampleCluster() {
    this(3);
  }

  /** {@code count} nodes on 127.x.1.1 ... 127.x.count.1. */
  ExampleCluster(int count) {
    this.count = count;
    int x = Loopback.randomOctet();
    a = Loopback.address(x, 1);
    b = Loopback.address(x, 2);
    c = Loopback.address(x, 3);
    ipcBase = Loopback.freeConsecutivePorts(count);
    try {
      // NSO's CLI port 2024 can be held on the wildcard address by the machine itself, which
      // stops every loopback address from binding it: a port free on 127.0.0.1 instead.
      cliPort = Loopback.freePorts(1)[0];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Node k's address (1-based). */
  String address(int k) {
    return a.replaceFirst("\\.1\\.1$", "." + k + ".1");
  }

  List<String> nodeArgs(Path runRoot) {
    List<String> nodes =
        count == 3 ? List.of("-a", a, "-b", b, "-c", c) : List.of("-a", a, "--nodes", "" + count);
    return Stream.concat(
            nodes.stream(),
            List.of(
                "--ipc-port",
                Integer.toString(ipcBase),
                "--run-root",
                runRoot.toString(),
                "--cli-port",
                Integer.toString(cliPort),
                "--known-hosts",
                runRoot.resolve("known_hosts").toString())
                .stream())
        .toList();
  }

  /**
   * Removes the example's run directory; its system-install links point into the bundled installs,
   * which JUnit's temporary-directory clean-up would warn about.
   */
  static void remove(Path runRoot) {
    ExampleFlow.deleteTree(runRoot);
  }

  /** Stops the nodes with the bundled install's {@code ncs --stop}; nodes already down are fine. */
  void stop() {
    Bundle bundle = Bundle.require();
    for (int port = ipcBase; port < ipcBase + count; port++) {
      ProcessRunner.run(
          "test",
          "stop",
          List.of(bundle.oldInstall().ncsDir().resolve("bin/ncs").toString(), "--stop"),
          Path.of("."),
          Map.of("NCS_IPC_ADDR", "127.0.0.1", "NCS_IPC_PORT", Integer.toString(port)),
          Duration.ofSeconds(60));
    }
  }

  /** Stops node {@code index} (0-based) only, as an operator's {@code ncs --stop} would. */
  void stopNode(int index) {
    Bundle bundle = Bundle.require();
    ProcessRunner.run(
        "test",
        "stop",
        List.of(bundle.oldInstall().ncsDir().resolve("bin/ncs").toString(), "--stop"),
        Path.of("."),
        Map.of("NCS_IPC_ADDR", "127.0.0.1", "NCS_IPC_PORT", Integer.toString(ipcBase + index)),
        Duration.ofSeconds(60));
  }

  /** A host for node {@code index} (0-based) of the example under {@code runRoot}. */
  LocalInstallHost host(Path runRoot, int index) {
    return host(runRoot, index, Map.of());
  }

  /** As {@link #host(Path, int)}, with {@code env} added to every tool's environment. */
  LocalInstallHost host(Path runRoot, int index, Map<String, String> env) {
    return new LocalInstallHost(
        new LocalInstallHost.Layout(
            NodeId.of("n" + (index + 1)),
            runRoot.resolve("nso-node" + (index + 1)).toAbsolutePath(),
            "127.0.0.1",
            ipcBase + index,
            runRoot.resolve("backups").toAbsolutePath(),
            env),
        Bundle.require().oldInstall(),
        Duration.ofSeconds(120));
  }

  // ---- system installs over SSH, and node processes: what the end-to-end tests share ----------

  /** Node {@code n}'s (1-based) directory under {@code runRoot}: {@code nso-node<n>}. */
  static Path nodeDir(Path runRoot, int n) {
    return runRoot.resolve("nso-node" + n);
  }

  /**
   * A private OpenSSH sshd in {@code dir} listening on the three example addresses, for the system
   * installs the example makes under each node's directory.
   */
  OpenSshd startSshd(Path dir) throws IOException {
    return OpenSshd.start(dir, List.of(a, b, c));
  }

  /**
   * Asks node {@code n} (1-based) of a system install under {@code runRoot} itself, with its
   * installed release's tool ({@code opt/ncs/current/bin/<tool>}) over its IPC port, never through
   * the program; the trimmed output.
   *
   * @throws AssertionError with the tool's output when it fails
   */
  String onNode(Path runRoot, int n, String tool, String... args) {
    Path root = nodeDir(runRoot, n);
    List<String> cmd =
        new ArrayList<>(List.of(root.resolve("opt/ncs/current/bin/" + tool).toString()));
    cmd.addAll(Arrays.asList(args));
    ProcessRunner.Result r =
        ProcessRunner.run(
            "n" + n,
            tool,
            cmd,
            root,
            Map.of("NCS_IPC_ADDR", "127.0.0.1", "NCS_IPC_PORT", Integer.toString(ipcBase + n - 1)),
            Duration.ofSeconds(30));
    if (!r.ok()) {
      throw new AssertionError(tool + " " + List.of(args) + " on n" + n + ": " + r.output());
    }
    return r.output().strip();
  }

  /** The pid of node {@code n}'s simulated NSO daemon (the JVM running in its run directory). */
  static long daemonPid(Path runRoot, int n) {
    String runDir = nodeDir(runRoot, n).toAbsolutePath().toString();
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .commandLine()
                    .map(c -> c.contains("NcsDaemon") && c.contains(runDir))
                    .orElse(false))
        .mapToLong(ProcessHandle::pid)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no daemon process for " + runDir));
  }

  /** Sends {@code signal} (as {@code kill} takes it, e.g. {@code -STOP}) to process {@code pid}. */
  static void signal(String signal, long pid) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new AssertionError("kill " + signal + " " + pid + ": exit " + p.exitValue());
    }
  }
}
