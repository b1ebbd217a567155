package dev.nsoha.sim.node;

import dev.nsoha.sim.data.CdbCompaction;
import dev.nsoha.sim.pkg.PackageBuilder;
import dev.nsoha.sim.tools.NcsConfTool;
import dev.nsoha.sim.util.CryptHash;
import dev.nsoha.sim.util.Tar;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * The training run for the install's class-data sharing archive: the build runs it once per install
 * with {@code -XX:ArchiveClassesAtExit}, so that the classes a node loads when it starts (config
 * parsing, package load with YANG compilation, the HA, IPC, RESTCONF and SSH servers) are archived
 * and later node starts and {@code ncsc} runs map them instead of loading them from the jars. It
 * starts a node from a temporary run directory with the example's dummy package, on free ports on
 * 127.0.0.1 only, reads its HA status over RESTCONF, and stops it.
 *
 * <p>{@code CdsTraining <ncs-dir>}.
 */
public final class CdsTraining {
  private CdsTraining() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: CdsTraining <ncs-dir>");
      System.exit(2);
    }
    Path ncsDir = Path.of(args[0]).toAbsolutePath().normalize();
    String version = Files.readString(ncsDir.resolve("VERSION")).strip();
    Path run = Files.createTempDirectory("nsosim-cds-training");
    System.setProperty(SimLogConfigurator.PROCESS, "daemon");
    System.setProperty("nsosim.logfile", run.resolve("logs/ncs.log").toString());
    System.setProperty("nsosim.console.level", "ERROR");
    try {
      Files.createDirectories(run.resolve("logs"));
      Files.createDirectories(run.resolve("ncs-cdb"));
      Path packages = Files.createDirectories(run.resolve("packages"));
      PackageBuilder.example(packages, "dummy-1.0", version, true);
      int[] ports = freePorts(4);
      Files.writeString(run.resolve("ncs.conf"), conf(ports));
      SimNodeOptions o =
          new SimNodeOptions(
              ncsDir,
              run.resolve("ncs.conf"),
              run,
              Map.of("NCS_DIR", ncsDir.toString()),
              true,
              false,
              null,
              true);
      try (SimNode node = SimNode.start(o)) {
        node.haStatus();
        // A local user's first login hashes its password (Commons Codec's SHA-crypt).
        CryptHash.verify("admin", CryptHash.store("$0$admin", CryptHash.Algorithm.SHA_512));
        HttpURLConnection c =
            (HttpURLConnection)
                URI.create(
                        "http://127.0.0.1:"
                            + ports[1]
                            + "/restconf/data/tailf-ncs:high-availability?content=nonconfig")
                    .toURL()
                    .openConnection();
        c.setRequestProperty(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)));
        c.setRequestProperty("Accept", "application/yang-data+json");
        try (InputStream in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream()) {
          if (in != null) {
            in.readAllBytes();
          }
        }
        c.disconnect();
      }
      // The stand-alone tools scripts call in loops: ncs_conf_tool and ncs --cdb-compact.
      try (InputStream in = Files.newInputStream(run.resolve("ncs.conf"))) {
        NcsConfTool.run(
            new String[] {"-a", "<style>c</style>", "ncs-config", "cli"},
            in,
            OutputStream.nullOutputStream(),
            new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
      }
      try {
        CdbCompaction.compact(run.resolve("ncs-cdb"));
      } catch (CdbCompaction.Refused e) {
        System.err.println("CdsTraining: " + e.getMessage());
      }
    } finally {
      Tar.deleteTree(run);
    }
    System.exit(0);
  }

  private static String conf(int[] ports) {
    return "<ncs-config xmlns=\"http://tail-f.com/yang/tailf-ncs-config\">\n"
        + "  <ncs-ipc-address><ip>127.0.0.1</ip><port>"
        + ports[3]
        + "</port></ncs-ipc-address>\n"
        + "  <load-path><dir>./packages</dir></load-path>\n"
        + "  <state-dir>./state</state-dir>\n"
        + "  <cdb><db-dir>./ncs-cdb</db-dir></cdb>\n"
        + "  <cli><enabled>true</enabled><ssh><enabled>true</enabled><ip>127.0.0.1</ip><port>"
        + ports[0]
        + "</port></ssh></cli>\n"
        + "  <webui><enabled>true</enabled><transport><tcp><enabled>true</enabled>"
        + "<ip>127.0.0.1</ip><port>"
        + ports[1]
        + "</port></tcp></transport></webui>\n"
        + "  <restconf><enabled>true</enabled></restconf>\n"
        + "  <ha><enabled>true</enabled><ip>127.0.0.1</ip><port>"
        + ports[2]
        + "</port></ha>\n"
        + "</ncs-config>\n";
  }

  private static int[] freePorts(int n) throws IOException {
    ServerSocket[] open = new ServerSocket[n];
    int[] ports = new int[n];
    try {
      for (int i = 0; i < n; i++) {
        open[i] = new ServerSocket();
        open[i].bind(new InetSocketAddress("127.0.0.1", 0));
        ports[i] = open[i].getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : open) {
        if (s != null) {
          s.close();
        }
      }
    }
  }
}
