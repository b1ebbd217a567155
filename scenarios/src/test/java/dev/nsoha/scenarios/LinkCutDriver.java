package dev.nsoha.scenarios;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.Wait;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.testing.WriteProbe;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The HA link cut of the fault-injection suite, run by {@link FaultIT} as its own JVM inside a
 * network namespace the test created (so the firewall rule touches nothing outside it): a
 * three-node example cluster, the write probe, then an nftables rule that drops every packet
 * between the primary n1 and the secondary n3 while the probe's commits replicate, and its removal.
 * Writes its figures to the file named by its one argument.
 */
final class LinkCutDriver {
  private LinkCutDriver() {}

  public static void main(String[] args) throws Exception {
    Path result = Path.of(args[0]);
    Path runRoot = Files.createTempDirectory("nsoha-linkcut");
    ExampleCluster cluster = new ExampleCluster();
    Properties p = new Properties();
    Map<NodeId, NodeClient> clients = new LinkedHashMap<>();
    try {
      StringWriter out = new StringWriter();
      List<String> setup =
          new ArrayList<>(
              List.of("example", "upgrade-pkgs-sys", "--transport", "cli", "--setup-only"));
      setup.addAll(cluster.nodeArgs(runRoot));
      int code =
          Main.run(
              new PrintWriter(out, true), new PrintWriter(out, true), setup.toArray(String[]::new));
      if (code != 0) {
        throw new IllegalStateException("setup failed: " + out);
      }
      ClusterSpec spec = ClusterSpec.example(cluster.a, cluster.b, cluster.c);
      for (ClusterSpec.NodeSpec n : spec.nodes()) {
        clients.put(
            n.id(),
            Transports.create()
                .factory("restconf")
                .create(NodeEndpoint.example(n.id(), n.address())));
      }
      WriteProbe probe = WriteProbe.start(clients, WriteProbe.Target.dummies());
      try {
        awaitAcks(probe, 20);
        nft("add table inet nsohacut");
        nft("add chain inet nsohacut out { type filter hook output priority 0 ; }");
        nft(
            "add rule inet nsohacut out ip saddr "
                + cluster.a
                + " ip daddr "
                + cluster.c
                + " drop");
        nft(
            "add rule inet nsohacut out ip saddr "
                + cluster.c
                + " ip daddr "
                + cluster.a
                + " drop");
        int atCut = probe.acknowledged().size();
        p.setProperty("ackedBeforeCut", Integer.toString(atCut));
        // The primary goes on serving writes once it has given up on n3.
        awaitAcks(probe, atCut + 40);
        nft("delete table inet nsohacut");
        awaitAcks(probe, probe.acknowledged().size() + 20);
      } finally {
        probe.stop();
        runQuietly("nft", "delete", "table", "inet", "nsohacut");
      }
      Map<NodeId, List<String>> missing = probe.missing(Duration.ofSeconds(30));
      p.setProperty("acked", Integer.toString(probe.acknowledged().size()));
      p.setProperty(
          "lostOnPrimary",
          Integer.toString(missing.getOrDefault(NodeId.of("n1"), List.of()).size()));
      p.setProperty(
          "missingPerNode",
          missing.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue().size())
              .toList()
              .toString());
      p.setProperty(
          "longestGapMillis",
          Long.toString(probe.longestGap().map(g -> g.length().toMillis()).orElse(0L)));
      p.setProperty("summary", probe.summary());
      p.setProperty("n3", clients.get(NodeId.of("n3")).haStatus().summary());
      p.setProperty("ok", "true");
    } catch (RuntimeException | Error e) {
      p.setProperty("ok", "false");
      p.setProperty("error", e.toString());
    } finally {
      clients.values().forEach(NodeClient::close);
      cluster.stop();
      ExampleCluster.remove(runRoot);
      try (var w = Files.newBufferedWriter(result)) {
        p.store(w, "link cut");
      }
    }
    System.exit(0);
  }

  private static void awaitAcks(WriteProbe probe, int atLeast) {
    Wait.<String>until(
        atLeast + " acknowledged writes",
        "write probe",
        () -> probe.acknowledged().size() + " acknowledged, last refusal: " + lastRefusal(probe),
        s -> probe.acknowledged().size() >= atLeast,
        s -> s,
        Duration.ofSeconds(90));
  }

  private static String lastRefusal(WriteProbe probe) {
    List<WriteProbe.Refusal> r = probe.refusals();
    return r.isEmpty() ? "none" : r.get(r.size() - 1).reason();
  }

  private static void nft(String command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("nft"));
    cmd.addAll(List.of(command.split(" ")));
    Process pr = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text = new String(pr.getInputStream().readAllBytes());
    if (pr.waitFor() != 0) {
      throw new IllegalStateException("nft " + command + ": " + text);
    }
  }

  private static void runQuietly(String... cmd) {
    try {
      Process pr = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      pr.getInputStream().readAllBytes();
      pr.waitFor();
    } catch (IOException e) {
      // Nothing to undo.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
