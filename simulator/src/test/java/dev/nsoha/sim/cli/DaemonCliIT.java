package dev.nsoha.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.sim.testkit.SimCluster;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH CLI of a real daemon started by the install's {@code ncs} launcher from an {@code
 * ncs-setup} run directory: the service is found on the install's class path, listens on the
 * configured address and port, and talks J-style by default as NSO's generated ncs.conf asks.
 */
@Timeout(180)
class DaemonCliIT {

  private static final Path INSTALL = Path.of("target/installs/nso-6.4.4").toAbsolutePath();

  private record Run(int code, String out, String err) {}

  private static Run sh(Path dir, int ipcPort, String script) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("bash", "-c", ". " + INSTALL + "/ncsrc\n" + script)
            .directory(dir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("NCS_"));
    pb.environment().put("NCS_IPC_PORT", Integer.toString(ipcPort));
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Path out = dir.resolve("sh.out");
    Path err = dir.resolve("sh.err");
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("script finished: " + script).isTrue();
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void daemonServesTheCliOverSsh(@TempDir Path dir) throws Exception {
    int[] ports = SimCluster.freePorts(3);
    int ipcPort = ports[0];
    int cliPort = ports[1];
    String ip = "127." + ThreadLocalRandom.current().nextInt(2, 100) + ".61.1";
    Run setup =
        sh(
            dir,
            ipcPort,
            "set -e\nncs-setup --dest run\n"
                + "sed -i -e '/<\\/ncs-config>/d' -e 's/0\\.0\\.0\\.0/"
                + ip
                + "/g' -e 's/<port>2024</<port>"
                + cliPort
                + "</' -e 's/<port>8080</<port>"
                + ports[2]
                + "</' run/ncs.conf\n"
                + "printf '<ncs-ipc-address><port>"
                + ipcPort
                + "</port></ncs-ipc-address>\\n</ncs-config>\\n' >> run/ncs.conf\n");
    assertThat(setup.code()).as(setup.err()).isZero();
    Run start = sh(dir, ipcPort, "ncs --cd run -c run/ncs.conf");
    assertThat(start.code()).as(start.err()).isZero();
    try {
      OpenSsh ssh = new OpenSsh(dir.resolve("openssh"));
      OpenSsh.Result exec = ssh.run(ip, cliPort, "admin", "admin", true, "show ncs-state version");
      assertThat(exec.status()).as(exec.err()).isZero();
      assertThat(exec.out()).isEqualTo("ncs-state version 6.4.4\n");
      OpenSsh.Result shell =
          ssh.run(
              ip,
              cliPort,
              "admin",
              "admin",
              false,
              null,
              "show ncs-state daemon-status\nswitch cli\nexit\n");
      assertThat(shell.status()).as(shell.err()).isZero();
      assertThat(shell.out())
          .containsPattern(
              "admin@ncs> ncs-state daemon-status started\n\\[ok]\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d]\\nadmin@ncs> admin@ncs# $");
      assertThat(dir.resolve("run/state/cli-ssh/ssh_host_ecdsa_key")).exists();
    } finally {
      Run stop = sh(dir, ipcPort, "ncs --stop");
      assertThat(stop.code()).as(stop.err()).isZero();
    }
  }
}
