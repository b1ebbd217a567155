package dev.nsoha.sim.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.sim.node.SimNode;
import dev.nsoha.sim.node.SimNodeOptions;
import dev.nsoha.sim.testkit.SimCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bash tools of the 6.4.4 install against one in-process node whose IPC server was started as a
 * NorthboundService plug-in: ncs_cmd, ncs_load, ncs --status, ncs --stop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.MethodName.class)
class ToolsNodeIT {
  static final Path BIN = Path.of("target/installs/nso-6.4.4/bin").toAbsolutePath();

  @TempDir static Path dir;
  SimNode node;
  int ipcPort;

  record Run(int code, String out, String err) {}

  @BeforeAll
  void startNode() throws Exception {
    int[] ports = SimCluster.freePorts(2);
    ipcPort = ports[0];
    int cliPort = ports[1];
    String ip = "127." + ThreadLocalRandom.current().nextInt(2, 100) + ".50.1";
    Run setup =
        sh(
            "set -e\n"
                + BIN
                + "/ncs-setup --dest run\n"
                + "sed -i -e '/<\\/ncs-config>/d' -e 's/0\\.0\\.0\\.0/"
                + ip
                + "/g' -e 's/<port>2024</<port>"
                + cliPort
                + "</' run/ncs.conf\n"
                + "printf '<ncs-ipc-address><port>"
                + ipcPort
                + "</port></ncs-ipc-address>\\n</ncs-config>\\n' >> run/ncs.conf\n"
                + "cp "
                + Path.of("target/package-store/dummy-1.0.tar.gz").toAbsolutePath()
                + " run/packages/\n",
            "");
    assertThat(setup.code()).as(setup.err()).isZero();
    Path run = dir.resolve("run");
    Path install = BIN.getParent();
    node =
        SimNode.start(
            new SimNodeOptions(
                install,
                run.resolve("ncs.conf"),
                run,
                Map.of("NCS_DIR", install.toString()),
                false,
                false,
                null,
                true));
  }

  @AfterAll
  void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  Run sh(String script, String stdin) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(dir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("NCS_"));
    pb.environment().put("NCS_IPC_PORT", Integer.toString(ipcPort));
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, err);
  }

  Run tool(String... cmd) throws Exception {
    StringBuilder b = new StringBuilder(BIN.resolve(cmd[0]).toString());
    for (String a : List.of(cmd).subList(1, cmd.length)) {
      b.append(" '").append(a.replace("'", "'\\''")).append('\'');
    }
    return sh(b.toString(), "");
  }

  @Test
  void statusReportsVersionAndStarted() throws Exception {
    Run r = tool("ncs", "--status");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .startsWith("vsn: 6.4.4\nSMP support: yes")
        .contains("\nstatus: started\n", "dummy 1.0 up");
    assertThat(tool("ncs", "--wait-started", "5").code()).isZero();
  }

  @Test
  void ncsCmdWritesReadsAndReportsMaapiErrors() throws Exception {
    assertThat(tool("ncs_cmd", "-c", "mset \"/dummies/dummy{c1}/dummy\" 10.0.0.1").code()).isZero();
    assertThat(
            tool(
                    "ncs_cmd",
                    "-c",
                    "mrtrans; mget /dummies/dummy{c1}/dummy; mn /high-availability/ha-node; mexists /dummies/dummy{c9}")
                .out())
        .isEqualTo("10.0.0.1\n0\nno\n");
    assertThat(
            tool("ncs_cmd", "-o", "-c", "mrtrans; maapi_get \"/high-availability/status/mode\"")
                .out())
        .isEqualTo("none\n");
    assertThat(
            tool(
                    "ncs_cmd",
                    "-c",
                    "mrtrans; maapi_get \"/high-availability/settings/reconnect-interval\"")
                .out())
        .isEqualTo("10\n");

    Run bad = tool("ncs_cmd", "-c", "mset /dummies/dummy{c1}/dummy 300.1.1.1");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).startsWith("FAILED: maapi_set_elem2(").contains("Error: bad type (5): ");
    Run missing = tool("ncs_cmd", "-c", "mget /dummies/dummy{c1}/nosuch");
    assertThat(missing.err())
        .contains(
            "Error: badly formatted or nonexistent path (8): Bad path element \"nosuch\" after: /dummies/dummy{c1}");
    Run unset = tool("ncs_cmd", "-o", "-c", "mrtrans; mget /high-availability/status/primary-id");
    assertThat(unset.code()).isEqualTo(1);
    assertThat(unset.err()).contains("Error: item does not exist (1)");
  }

  @Test
  void ncsCmdActionOutput() throws Exception {
    Run r = tool("ncs_cmd", "-c", "maction /packages/reload");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("reload-result begin\n  package dummy\n  result true\nreload-result end\n");
  }

  @Test
  void ncsLoadMergesAFileAndSavesXmlAndJson() throws Exception {
    Files.writeString(
        dir.resolve("l1.xml"),
        """
                <config xmlns="http://tail-f.com/ns/config/1.0">
                  <dummies xmlns="http://com/example/dummy"><dummy><name>l1</name><dummy>1.1.1.1</dummy></dummy></dummies>
                </config>
                """);
    Run load = tool("ncs_load", "-l", "-m", "l1.xml");
    assertThat(load.code()).as(load.err()).isZero();
    Run pretty = tool("ncs_load", "-Fp", "-p", "/dummies/dummy{l1}");
    assertThat(pretty.out())
        .isEqualTo(
            """
                <config xmlns="http://tail-f.com/ns/config/1.0">
                  <dummies xmlns="http://com/example/dummy">
                    <dummy>
                      <name>l1</name>
                      <dummy>1.1.1.1</dummy>
                    </dummy>
                  </dummies>
                </config>
                """);
    assertThat(tool("ncs_load", "-Fc", "-p", "/dummies/dummy{l1}").out())
        .isEqualTo("dummies dummy l1\n dummy 1.1.1.1\n!\n");
    assertThat(tool("ncs_load", "-Fj", "-p", "/dummies/dummy{l1}").out())
        .contains("dummy l1 {", "dummy 1.1.1.1;");
    Run json = tool("ncs_load", "-F", "o", "-p", "/dummies/dummy{l1}");
    assertThat(json.out()).contains("\"dummy:dummies\"", "\"name\" : \"l1\"");
    Run ha = tool("ncs_load", "-W", "-Fp", "-p", "/high-availability");
    assertThat(ha.out())
        .contains(
            "<high-availability xmlns=\"http://tail-f.com/ns/ncs\">",
            "<reconnect-interval>10</reconnect-interval>");
    Run badFile = tool("ncs_load", "-l", "-m", "nosuch.xml");
    assertThat(badFile.code()).isEqualTo(1);
    assertThat(badFile.err()).startsWith("ncs_load: cannot read nosuch.xml");
  }

  @Test
  void ncsCliRunsAHereDocumentAsOneSession() throws Exception {
    Run r =
        sh(
            BIN
                + "/ncs_cli -n -u admin -C <<'EOF'\nconfig\ndummies dummy s1 dummy 9.9.9.9\ncommit\nend\n"
                + "show running-config dummies dummy s1 | nomore\nEOF\n",
            "");
    assertThat(r.code()).as(r.err()).isZero();
    // The prompt is c-prompt1 of ncs.conf ("\\u@ncs# "); echo shows it before each command.
    assertThat(r.out())
        .containsPattern("admin@ncs# ?config\n")
        .contains("Commit complete.", "dummies dummy s1\n dummy 9.9.9.9\n!");
    assertThat(tool("ncs_cmd", "-c", "mget /dummies/dummy{s1}/dummy").out()).isEqualTo("9.9.9.9\n");
    Run quiet = sh(BIN + "/ncs_cli -u admin -C", "show running-config dummies dummy s1 | nomore\n");
    assertThat(quiet.out()).doesNotContain("admin@ncs#").contains("dummies dummy s1");
    Run stop = sh(BIN + "/ncs_cli -s -u admin -C", "nosuchcommand\nshow running-config dummies\n");
    assertThat(stop.code()).isEqualTo(8);
  }

  @Test
  void ncsCliOnATerminalIsALiveSession() throws Exception {
    // script(1) gives ncs_cli a terminal; the typed-ahead lines are read with readline and
    // streamed to the node, which answers with prompts and output as it goes.
    Run r =
        sh(
            "script -qec '" + BIN + "/ncs_cli -C -u admin' /dev/null | tr -d '\\r'",
            "config\ndummies dummy t1 dummy 7.7.7.7\ncommit\nend\nexit\n");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("admin@ncs(config)# ", "Commit complete.");
    assertThat(tool("ncs_cmd", "-c", "mget /dummies/dummy{t1}/dummy").out()).isEqualTo("7.7.7.7\n");
  }

  @Test
  void zzStopEndsTheNode() throws Exception {
    Run r = tool("ncs", "--stop");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(node.awaitStopped(Duration.ofSeconds(30))).isTrue();
    Run after = tool("ncs", "--status");
    assertThat(after.code()).isNotZero();
    assertThat(after.err()).isEqualTo("connection refused (status)\n");
  }
}
