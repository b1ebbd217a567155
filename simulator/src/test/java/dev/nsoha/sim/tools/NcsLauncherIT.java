package dev.nsoha.sim.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.sim.testkit.SimCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ncs} launcher of the 6.5.1 install with real daemons: start, refusal, foreground,
 * wait.
 */
class NcsLauncherIT {
  static final Path INSTALL = Path.of("target/installs/nso-6.5.1").toAbsolutePath();

  @TempDir Path dir;
  int ipcPort;

  record Run(int code, String out, String err) {}

  Run sh(String script) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("bash", "-c", ". " + INSTALL + "/ncsrc\n" + script)
            .directory(dir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("NCS_"));
    pb.environment().put("NCS_IPC_PORT", Integer.toString(ipcPort));
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, err);
  }

  @BeforeEach
  void runDir() throws Exception {
    int[] ports = SimCluster.freePorts(2);
    ipcPort = ports[0];
    String ip = "127." + ThreadLocalRandom.current().nextInt(2, 100) + ".60.1";
    Run r =
        sh(
            "set -e\nncs-setup --dest run\n"
                + "sed -i -e '/<\\/ncs-config>/d' -e 's/0\\.0\\.0\\.0/"
                + ip
                + "/g' -e 's/<port>2024</<port>"
                + ports[1]
                + "</' run/ncs.conf\n"
                + "printf '<ncs-ipc-address><port>"
                + ipcPort
                + "</port></ncs-ipc-address>\\n</ncs-config>\\n' >> run/ncs.conf\n");
    assertThat(r.code()).as(r.err()).isZero();
  }

  @AfterEach
  void stop() throws Exception {
    sh("ncs --stop");
  }

  @Test
  void startsFromARunDirRefusesASecondStartAndStops() throws Exception {
    // An NCS_DIR of another install does not change the version of the node this ncs starts.
    Run start =
        sh("NCS_DIR=" + INSTALL.resolveSibling("nso-6.4.4") + " ncs --cd run -c run/ncs.conf");
    assertThat(start.code()).as(start.err()).isZero();
    assertThat(sh("ncs --status").out()).contains("vsn: 6.5.1\n", "\nstatus: started\n");
    assertThat(dir.resolve("run/logs/ncs-console.log")).exists();

    Run again = sh("cd run && ncs");
    assertThat(again.code()).isNotZero();
    assertThat(again.err())
        .isEqualTo(
            "Cannot bind to internal socket 127.0.0.1:" + ipcPort + " : address already in use\n");

    Run stop = sh("ncs --stop");
    assertThat(stop.code()).isZero();
    assertThat(stop.out()).isEmpty();
    assertThat(sh("ncs --stop").err()).isEqualTo("connection refused (stop)\n");
  }

  @Test
  void aDaemonThatCannotStartMakesNcsFailWithItsReason() throws Exception {
    // Malformed XML that still names this test's IPC port: without it the launcher would check the
    // default
    // 127.0.0.1:4569, which anything else on the machine may be using.
    Files.writeString(
        dir.resolve("run/ncs.conf"),
        "<ncs-config xmlns=\"http://tail-f.com/yang/tailf-ncs-config\">"
            + "<ncs-ipc-address><port>"
            + ipcPort
            + "</port></ncs-ipc-address><oops></ncs-config>\n");
    Run r = sh("cd run && ncs");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).containsPattern("(?m)^ncs: .*ncs.conf");
    Run noConf = sh("ncs --cd run -c nosuch.conf");
    assertThat(noConf.code()).isNotZero();
    assertThat(noConf.err()).contains("cannot read configuration file").contains("nosuch.conf");
  }

  @Test
  void foregroundRunsUntilStoppedAndWaitStartedWaitsForIt() throws Exception {
    Run r =
        sh(
            "cd run && ncs --foreground -v > fg.out 2>&1 &\nfg=$!\n"
                + "ncs --wait-started 60 || exit 11\n"
                + "ncs --status | grep '^status:' \n"
                + "ncs --stop || exit 12\n"
                + "wait $fg; echo \"foreground exit $?\"\n");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("status: started\nforeground exit 0\n");
  }
}
