package dev.nsoha.sim.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.sim.testkit.SimCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up cost model ({@code NCS_SIM_START_COST}) on a real daemon of the 6.5.1 install: a
 * slow start, not a hang. During the cost {@code ncs --status} and {@code ncs_cmd get_phase} say
 * phase 1, other tools are refused with the reason, {@code ncs --wait-started} returns once the
 * node has started, and {@code ncs --stop} ends a start in progress.
 */
class StartCostIT {
  static final Path INSTALL = Path.of("target/installs/nso-6.5.1").toAbsolutePath();

  /** Polls {@code ncs --status} until it names {@code phase}, at most 60 s, or fails. */
  static final String AWAIT_PHASE1 =
      "deadline=$(( SECONDS + 60 ))\n"
          + "until s=$(ncs --status 2>&1 | grep '^status:'); [[ $s == 'status: phase1' ]]; do\n"
          + "  (( SECONDS < deadline )) || { echo \"no phase 1 within 60 s; last: $s\"; exit 21; }\n"
          + "  sleep 0.02\n"
          + "done\n";

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
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, err);
  }

  @AfterEach
  void stop() throws Exception {
    sh("ncs --stop");
  }

  @Test
  void aStartCostIsASlowStartWithTruthfulPhasesNotAHang() throws Exception {
    int[] ports = SimCluster.freePorts(2);
    ipcPort = ports[0];
    String ip = "127." + ThreadLocalRandom.current().nextInt(2, 100) + ".61.1";
    Run setup =
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
    assertThat(setup.code()).as(setup.err()).isZero();

    Run r =
        sh(
            "cd run\nt0=$(date +%s%N)\n"
                + "NCS_SIM_START_COST=2s ncs --foreground > fg.out 2>&1 &\nfg=$!\n"
                + AWAIT_PHASE1
                + "echo \"during: $s\"\n"
                + "ncs_cmd -c get_phase\n"
                + "ncs_cmd -c 'mget /ncs-state/version' 2>&1; echo \"mget rc $?\"\n"
                + "ncs --wait-started 60 || exit 11\n"
                + "t1=$(date +%s%N)\n"
                + "echo \"elapsed_ms $(( (t1 - t0) / 1000000 ))\"\n"
                + "ncs --status | grep '^status:'\n"
                + "ncs_cmd -c get_phase\n"
                + "ncs --stop || exit 12\n"
                + "wait $fg; echo \"foreground exit $?\"\n"
                // A start in progress ends with ncs --stop: the launcher fails, nothing stays up.
                + "NCS_SIM_START_COST=10m ncs 2>/dev/null & launcher=$!\n"
                + AWAIT_PHASE1
                + "ncs --stop; echo \"stop rc $?\"\n"
                + "wait $launcher; echo \"launcher rc $?\"\n"
                + "ncs --status 2>&1; echo \"status rc $?\"\n");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains(
            "during: status: phase1\n",
            "phase: 1 flags: 0x0\n",
            "ncs_cmd: the node is still starting (start phase1); wait for it with ncs"
                + " --wait-started\nmget rc 1\n",
            "status: started\nphase: 2 flags: 0x0\nforeground exit 0\n",
            "stop rc 0\nlauncher rc 1\nconnection refused (status)\nstatus rc 1\n");
    Matcher m = Pattern.compile("elapsed_ms (\\d+)").matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    assertThat(Duration.ofMillis(Long.parseLong(m.group(1)))).isGreaterThan(Duration.ofSeconds(2));
  }

  @Test
  void theCostParsesItsFormsAndRefusesOthers() throws Exception {
    assertThat(StartCost.parse(null)).isZero();
    assertThat(StartCost.parse("0")).isZero();
    assertThat(StartCost.parse("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(StartCost.parse("2")).isEqualTo(Duration.ofSeconds(2));
    assertThat(StartCost.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(StartCost.parse("1.5m")).isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> StartCost.parse("soon"))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "NCS_SIM_START_COST=soon is not a duration; use e.g. 10s, 500ms or 2m (0 for no cost)");
  }
}
