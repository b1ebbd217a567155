package dev.nsoha.sim.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.sim.testkit.SimCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tools around HA Raft, as shell commands of both installs: ncs_conf_tool in a pipeline, ncs
 * --cdb-compact with the compact.lock a running daemon (a real process started by bin/ncs) holds,
 * and ncs-backup / restore with state/raft/.
 */
class RaftToolsIT {
  static final List<Path> INSTALLS =
      List.of(
          Path.of("target/installs/nso-6.4.4").toAbsolutePath(),
          Path.of("target/installs/nso-6.5.1").toAbsolutePath());

  @TempDir Path dir;
  Path install;
  int ipcPort;

  record Run(int code, String out, String err) {}

  Run sh(String script) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(dir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("NCS_"));
    if (ipcPort > 0) {
      pb.environment().put("NCS_IPC_ADDR", "127.0.0.1");
      pb.environment().put("NCS_IPC_PORT", Integer.toString(ipcPort));
    }
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, err);
  }

  @AfterEach
  void stopNode() throws Exception {
    if (install != null && ipcPort > 0) {
      sh(install + "/bin/ncs --stop >/dev/null 2>&1 || true");
    }
  }

  @Test
  void ncsConfToolIsShippedByBothInstallsAndChainsInAPipeline() throws Exception {
    for (Path inst : INSTALLS) {
      assertThat(Files.isExecutable(inst.resolve("bin/ncs_conf_tool"))).isTrue();
      Run r =
          sh(
              "set -o pipefail; . "
                  + inst
                  + "/ncsrc && cat $NCS_DIR/etc/ncs/ncs.conf"
                  + " | ncs_conf_tool -d ncs-config ncs-ipc-access-check"
                  + " | ncs_conf_tool -e false ncs-config logs xpath-trace-log enabled"
                  + " | ncs_conf_tool -a '<ha-raft><enabled>true</enabled>"
                  + "<cluster-name>stockholm</cluster-name></ha-raft>' ncs-config"
                  + " > ncs.conf && cat ncs.conf");
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out())
          .doesNotContain("<ncs-ipc-access-check>")
          .contains(
              "<ha-raft><enabled>true</enabled><cluster-name>stockholm</cluster-name></ha-raft>"
                  + "\n</ncs-config>");
      Run bad = sh(". " + inst + "/ncsrc && echo '<ncs-config>' | ncs_conf_tool -d cdb");
      assertThat(bad.code()).isEqualTo(1);
      assertThat(bad.out()).isEmpty();
      assertThat(bad.err()).startsWith("ncs_conf_tool: cannot parse the input as XML");
    }
  }

  @Test
  void cdbCompactIsRefusedWhileTheNodeRunsAndWorksOnceItStopped() throws Exception {
    install = INSTALLS.get(ThreadLocalRandom.current().nextInt(2));
    int[] ports = SimCluster.freePorts(2);
    String ip = "127." + ThreadLocalRandom.current().nextInt(2, 100) + ".61.1";
    Run setup =
        sh(
            "set -e\n"
                + install
                + "/bin/ncs-setup --dest run\n"
                + "cd run && mkdir -p state/raft && echo 'term 3' > state/raft/meta\n"
                + "cat ncs.conf | "
                + install
                + "/bin/ncs_conf_tool -a '<ncs-ipc-address><ip>127.0.0.1</ip><port>"
                + ports[0]
                + "</port></ncs-ipc-address>' ncs-config"
                + " | sed -e 's/0\\.0\\.0\\.0/"
                + ip
                + "/g' -e 's/<port>2024</<port>"
                + ports[1]
                + "</' > ncs.conf.new && mv ncs.conf.new ncs.conf\n");
    assertThat(setup.code()).as(setup.err()).isZero();
    ipcPort = ports[0];
    Run start = sh("cd run && " + install + "/bin/ncs");
    assertThat(start.code()).as(start.err()).isZero();
    Path lock = dir.resolve("run/ncs-cdb/compact.lock");
    assertThat(lock).exists();
    String pid = Files.readString(lock).strip();
    assertThat(sh("tr '\\0' ' ' < /proc/" + pid + "/cmdline").out()).contains("NcsDaemon");

    Run refused = sh(install + "/bin/ncs --cdb-compact run/ncs-cdb");
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err())
        .startsWith("ncs: cannot compact the CDB: ")
        .contains("compact.lock exists (" + pid + ")");

    // A backup of a running Raft member holds state/raft/ but not the lock.
    Run backup = sh("cd run && " + install + "/bin/ncs-backup --no-compress");
    assertThat(backup.code()).as(backup.err()).isZero();
    Run listing = sh("tar -tf run/backups/*.backup");
    assertThat(listing.out()).contains("state/raft/meta").doesNotContain("compact.lock");

    Run stop = sh(install + "/bin/ncs --stop");
    assertThat(stop.code()).as(stop.err()).isZero();
    assertThat(lock).doesNotExist();
    byte[] before = Files.readAllBytes(dir.resolve("run/ncs-cdb/sim-cdb.json"));
    Run compact = sh(install + "/bin/ncs --cdb-compact run/ncs-cdb");
    assertThat(compact.code()).as(compact.err()).isZero();
    assertThat(compact.out() + compact.err()).isEmpty();
    assertThat(lock).doesNotExist();
    assertThat(Files.readAllBytes(dir.resolve("run/ncs-cdb/sim-cdb.json"))).isEqualTo(before);

    // The procedure's next step removes state/raft; a restore brings it back.
    Run restore =
        sh(
            "cd run && rm -rf state/raft && "
                + install
                + "/bin/ncs-backup --restore backups/*.backup --non-interactive");
    assertThat(restore.code()).as(restore.err()).isZero();
    assertThat(Files.readString(dir.resolve("run/state/raft/meta"))).isEqualTo("term 3\n");
    assertThat(lock).doesNotExist();

    Run again = sh("cd run && " + install + "/bin/ncs && " + install + "/bin/ncs --status");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).contains("status: started");
    Run missing = sh(install + "/bin/ncs --cdb-compact");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("--cdb-compact needs the CDB directory");
  }
}
