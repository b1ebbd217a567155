package dev.nsoha.sim.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node as a separate daemon JVM (NcsDaemon), as the install's ncs launcher starts it. */
class DaemonIT {
  @TempDir Path tmp;

  private Process daemon(Path ncsDir, Path conf, Path runDir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "dev.nsoha.sim.node.NcsDaemon",
            "--ncs-dir",
            ncsDir.toString(),
            "--conf",
            conf.toString(),
            "--cd",
            runDir.toString());
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.redirectError(runDir.resolve("stderr.txt").toFile());
    return pb.start();
  }

  @Test
  void daemonServesRestconfAndStopsOnSignal() throws Exception {
    Path ncsDir = Files.createDirectories(tmp.resolve("nso-6.4.4"));
    Files.writeString(ncsDir.resolve("VERSION"), "6.4.4\n");
    Path run = Files.createDirectories(tmp.resolve("run"));
    int octet = 100 + (int) (Math.random() * 150);
    String ip = "127." + octet + ".9.1";
    Files.writeString(
        run.resolve("ncs.conf"),
        "<ncs-config xmlns=\"http://tail-f.com/yang/tailf-ncs-config\">"
            + "<load-path><dir>${NCS_DIR}/packages</dir></load-path>"
            + "<cli><ssh><enabled>false</enabled></ssh></cli>"
            + "<webui><transport><tcp><enabled>true</enabled><ip>"
            + ip
            + "</ip><port>8080</port></tcp></transport></webui>"
            + "</ncs-config>");
    Process p = daemon(ncsDir, run.resolve("ncs.conf"), run);
    try {
      Http h = new Http("http://" + ip + ":8080/restconf");
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      HttpResponse<String> r = null;
      while (System.nanoTime() < end && p.isAlive()) {
        try {
          r = h.get("/data/tailf-ncs-monitoring:ncs-state/version");
          break;
        } catch (IllegalStateException e) {
          p.waitFor(100, TimeUnit.MILLISECONDS);
        }
      }
      assertThat(r)
          .as("daemon answered; stderr: " + Files.readString(run.resolve("stderr.txt")))
          .isNotNull();
      assertThat(r.body()).isEqualTo("{\n  \"tailf-ncs-monitoring:version\" : \"6.4.4\"\n}");
      assertThat(run.resolve("logs/ncs.log")).exists();
    } finally {
      p.destroy();
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(p.exitValue()).isIn(0, 143);
  }

  @Test
  void daemonFailsWithAClearMessage() throws Exception {
    Path ncsDir = Files.createDirectories(tmp.resolve("nso"));
    Files.writeString(ncsDir.resolve("VERSION"), "6.4.4\n");
    Path run = Files.createDirectories(tmp.resolve("bad"));
    Files.writeString(run.resolve("ncs.conf"), "<ncs-config><ha><port>x</port></ha></ncs-config>");
    Process p = daemon(ncsDir, run.resolve("ncs.conf"), run);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    String err = Files.readString(run.resolve("stderr.txt"), StandardCharsets.UTF_8);
    assertThat(err)
        .startsWith("ncs: " + run.resolve("ncs.conf") + ": /ncs-config/ha/port: bad integer 'x'");
    assertThat(File.separator).isNotEmpty();
  }
}
