package dev.nsoha.scenarios;

import dev.nsoha.core.host.ProcessRunner;
import dev.nsoha.scenarios.flow.ExampleFlow;
import dev.nsoha.sim.testkit.Loopback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

  ExampleCluster() {
    int x = Loopback.randomOctet();
    a = Loopback.address(x, 1);
    b = Loopback.address(x, 2);
    c = Loopback.address(x, 3);
    ipcBase = Loopback.freeConsecutivePorts(3);
    try {
      // NSO's CLI port 2024 can be held on the wildcard address by the machine itself, which
      // stops every loopback address from binding it: a port free on 127.0.0.1 instead.
      cliPort = Loopback.freePorts(1)[0];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    ExampleFlow.deleteTree(runRoot);
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
}
