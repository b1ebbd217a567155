package dev.nsoha.scenarios;

import dev.nsoha.core.host.LocalInstallHost;
import dev.nsoha.core.host.ProcessRunner;
import dev.nsoha.core.model.NodeId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback addresses and IPC ports of a test's own, so that a test never collides with a running
 * example or another test, and a way to stop the nodes it started.
 */
final class ExampleCluster {
  final String a;
  final String b;
  final String c;
  final int ipcBase;
  final int cliPort;

  ExampleCluster() {
    int x = ThreadLocalRandom.current().nextInt(150, 250);
    a = "127." + x + ".1.1";
    b = "127." + x + ".2.1";
    c = "127." + x + ".3.1";
    ipcBase = freeIpcBase();
    cliPort = freeWildcardPort();
  }

  List<String> nodeArgs(Path runRoot) {
    return List.of(
        "-a",
        a,
        "-b",
        b,
        "-c",
        c,
        "--ipc-port",
        Integer.toString(ipcBase),
        "--run-root",
        runRoot.toString(),
        "--cli-port",
        Integer.toString(cliPort),
        "--known-hosts",
        runRoot.resolve("known_hosts").toString());
  }

  /**
   * Removes the example's run directory; its system-install links point into the bundled installs,
   * which JUnit's temporary-directory clean-up would warn about.
   */
  static void remove(Path runRoot) {
    dev.nsoha.scenarios.flow.ExampleFlow.deleteTree(runRoot);
  }

  /**
   * Stops the three nodes with the bundled install's {@code ncs --stop}; nodes already down are
   * fine.
   */
  void stop() {
    Bundle bundle = Bundle.require();
    for (int port = ipcBase; port < ipcBase + 3; port++) {
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
    return new LocalInstallHost(
        new LocalInstallHost.Layout(
            NodeId.of("n" + (index + 1)),
            runRoot.resolve("nso-node" + (index + 1)).toAbsolutePath(),
            "127.0.0.1",
            ipcBase + index,
            runRoot.resolve("backups").toAbsolutePath(),
            Map.of()),
        Bundle.require().oldInstall(),
        Duration.ofSeconds(120));
  }

  /** Three consecutive free TCP ports on 127.0.0.1. */
  private static int freeIpcBase() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(20000, 50000);
      if (free(base) && free(base + 1) && free(base + 2)) {
        return base;
      }
    }
    throw new IllegalStateException("no three free consecutive ports on 127.0.0.1");
  }

  /**
   * A port that nothing listens on, not even on the wildcard address: NSO's CLI port 2024 can be
   * held that way by the machine itself, which stops every loopback address from binding it. The
   * probe binds 127.0.0.1 (tests stay on loopback); a wildcard listener on the port makes that bind
   * fail too.
   */
  private static int freeWildcardPort() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20000, 50000);
      if (free(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port for the CLI");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.isBound();
    } catch (IOException e) {
      return false;
    }
  }
}
