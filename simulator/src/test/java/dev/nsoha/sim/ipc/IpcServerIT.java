package dev.nsoha.sim.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.sim.testkit.SimCluster;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shell clients of src/install/bin against a real {@link IpcServer} with an echoing handler:
 * argument and stdin transport, exit codes, stderr, connection refused, and call latency.
 */
class IpcServerIT {
  private static final Path BIN = Path.of("src/install/bin").toAbsolutePath();
  private IpcServer server;
  private final List<IpcRequest> seen = new ArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private int startEcho() throws IOException {
    return startEcho(0);
  }

  private int startEcho(int port) throws IOException {
    server =
        IpcServer.start(
            "127.0.0.1",
            port,
            (req, after) -> {
              synchronized (seen) {
                seen.add(req);
              }
              if (req.args().contains("fail")) {
                return new IpcReply(3, "partial out\n", "FAILED: on purpose\n");
              }
              StringBuilder sb = new StringBuilder("tool=" + req.tool() + "\n");
              req.args().forEach(a -> sb.append("arg=").append(a).append('\n'));
              req.stdin().ifPresent(s -> sb.append("stdin=").append(s));
              return IpcReply.ok(sb.toString());
            });
    return server.address().getPort();
  }

  record Run(int code, String out, String err, long millis) {}

  private static Run run(int port, String stdin, String... command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash"));
    cmd.add(BIN.resolve(command[0]).toString());
    cmd.addAll(List.of(command).subList(1, command.length));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.put("NCS_IPC_ADDR", "127.0.0.1");
    env.put("NCS_IPC_PORT", Integer.toString(port));
    long t0 = System.nanoTime();
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = readAll(p.getInputStream());
    String err = readAll(p.getErrorStream());
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("tool finished").isTrue();
    return new Run(p.exitValue(), out, err, (System.nanoTime() - t0) / 1_000_000);
  }

  private static String readAll(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void closeFreesThePortForAnImmediateRestart() throws Exception {
    // A node restarted at once (ncs --stop; ncs) binds the same IPC port again.
    int port = startEcho();
    for (int i = 0; i < 200; i++) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        assertThat(probe.isConnected()).isTrue();
      }
      server.close();
      server = null;
      assertThat(startEcho(port)).as("restart %d", i).isEqualTo(port);
    }
  }

  @Test
  void ncsCmdSendsItsArgumentsButNoStdinWithDashC() throws Exception {
    int port = startEcho();
    Run r =
        run(
            port,
            "ignored",
            "ncs_cmd",
            "-o",
            "-c",
            "mrtrans; mget \"/high-availability/status/mode\"");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "tool=ncs_cmd\narg=-o\narg=-c\narg=mrtrans; mget \"/high-availability/status/mode\"\n");
    assertThat(seen.get(0).env()).containsEntry("NCS_IPC_PORT", Integer.toString(port));
    assertThat(seen.get(0).cwd()).isNotEmpty();
  }

  @Test
  void ncsCliSendsStdinVerbatimAndSplitsClusteredOptions() throws Exception {
    int port = startEcho();
    String script = "config\ndummies dummy d1 dummy 1.2.3.4\ncommit\nend\n";
    Run r = run(port, script, "ncs_cli", "-n", "-Cu", "admin");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo("tool=ncs_cli\narg=-n\narg=-C\narg=-u\narg=admin\nstdin=" + script);
  }

  @Test
  void exitCodeAndStderrComeBackSeparately() throws Exception {
    int port = startEcho();
    Run r = run(port, "", "ncs_cmd", "-c", "fail");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).isEqualTo("partial out\n");
    assertThat(r.err()).isEqualTo("FAILED: on purpose\n");
  }

  @Test
  void ncsLoadSendsStdinOnlyWhenLoadingWithoutFiles() throws Exception {
    int port = startEcho();
    assertThat(run(port, "<config/>", "ncs_load", "-l", "-m").out()).endsWith("stdin=<config/>");
    assertThat(run(port, "<config/>", "ncs_load", "-l", "-m", "init.xml").out())
        .doesNotContain("stdin=");
    assertThat(run(port, "<config/>", "ncs_load", "-W", "-Fp", "-p", "/high-availability").out())
        .isEqualTo("tool=ncs_load\narg=-W\narg=-Fp\narg=-p\narg=/high-availability\n");
  }

  @Test
  void withoutANodeEachToolFailsLikeNso() throws Exception {
    int port = SimCluster.freePorts(1)[0];
    Run stop = run(port, "", "ncs", "--stop");
    assertThat(stop.code()).isNotZero();
    assertThat(stop.err()).isEqualTo("connection refused (stop)\n");
    Run status = run(port, "", "ncs", "--status");
    assertThat(status.code()).isNotZero();
    assertThat(status.err()).isEqualTo("connection refused (status)\n");
    Run cmd = run(port, "", "ncs_cmd", "-c", "mrtrans");
    assertThat(cmd.code()).isEqualTo(1);
    assertThat(cmd.err()).startsWith("FAILED: maapi_connect");
    Run cli = run(port, "show packages\n", "ncs_cli", "-C", "-u", "admin");
    assertThat(cli.code()).isEqualTo(4);
    Run load = run(port, "", "ncs_load", "-Fp");
    assertThat(load.code()).isEqualTo(1);
    Run wait = run(port, "", "ncs", "--wait-started", "0");
    assertThat(wait.code()).isNotZero();
  }

  @Test
  void aForeignServerOnThePortIsReportedNotMisread() throws Exception {
    try (ServerSocket foreign = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                for (int i = 0; i < 2; i++) {
                  try (Socket s = foreign.accept()) {
                    s.getOutputStream()
                        .write(
                            "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      t.setDaemon(true);
      t.start();
      Run cmd = run(foreign.getLocalPort(), "", "ncs_cmd", "-c", "mget /x");
      assertThat(cmd.code()).isEqualTo(1);
      assertThat(cmd.err())
          .isEqualTo("ncs_cmd: the IPC port did not answer like an NSO simulator node\n");
      // Not "connection refused": something listens there, and it is not a node.
      Run status = run(foreign.getLocalPort(), "", "ncs", "--status");
      assertThat(status.code()).isEqualTo(2);
      assertThat(status.err()).contains("did not answer like an NSO simulator node (status)");
    }
  }

  @Test
  void versionNeedsNoNode() throws Exception {
    Path inst = Files.createTempDirectory("inst");
    try {
      Files.createDirectories(inst.resolve("bin"));
      Files.createDirectories(inst.resolve("lib"));
      Files.copy(BIN.resolve("ncs"), inst.resolve("bin/ncs"));
      Files.copy(BIN.resolve("../lib/ipc-client.bash"), inst.resolve("lib/ipc-client.bash"));
      Files.writeString(inst.resolve("VERSION"), "6.4.4\n");
      Process p =
          new ProcessBuilder("bash", inst.resolve("bin/ncs").toString(), "--version").start();
      assertThat(readAll(p.getInputStream())).isEqualTo("6.4.4\n");
      assertThat(p.waitFor()).isZero();
    } finally {
      try (var files = Files.walk(inst)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Test
  void aStopCanAnswerBeforeTheServerCloses() throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    server =
        IpcServer.start(
            "127.0.0.1",
            0,
            (req, after) -> {
              after.accept(
                  () -> {
                    server.close();
                    closed.countDown();
                  });
              return IpcReply.ok("stopped\n");
            });
    int port = server.address().getPort();
    try (Socket s = new Socket("127.0.0.1", port)) {
      IpcCodec.writeRequest(
          s.getOutputStream(),
          new IpcRequest("ncs", List.of("--stop"), Map.of(), "", Optional.empty()));
      assertThat(IpcCodec.readReply(s.getInputStream()).stdout()).isEqualTo("stopped\n");
    }
    assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void refusesNonLoopbackAddresses() {
    assertThatThrownBy(() -> IpcServer.start("0.0.0.0", 0, (r, a) -> IpcReply.ok("")))
        .hasMessageContaining("loopback");
  }

  @Test
  void aCallTakesWellUnderTheBudget() throws Exception {
    int port = startEcho();
    run(port, "", "ncs_cmd", "-c", "warm up");
    long best = Long.MAX_VALUE;
    long total = 0;
    int n = 10;
    for (int i = 0; i < n; i++) {
      Run r = run(port, "", "ncs_cmd", "-o", "-c", "mrtrans; mget /x");
      best = Math.min(best, r.millis());
      total += r.millis();
    }
    System.out.printf(
        "ncs_cmd round trip (echo handler): best %d ms, mean %d ms%n", best, total / n);
    assertThat(Duration.ofMillis(total / n)).isLessThan(Duration.ofMillis(150));
  }
}
