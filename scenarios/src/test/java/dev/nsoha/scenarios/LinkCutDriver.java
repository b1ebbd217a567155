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
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The HA link cut of the fault-injection suite, run by {@link FaultIT} as its own JVM inside a
 * network namespace the test created (so the firewall rule touches nothing outside it): a
 * three-node example cluster, the write probe, then an nftables rule that drops every packet
 * between the primary n1 and the secondary n3 while the probe's commits replicate, and its removal.
 * Writes its figures to the file named by its one argument.
 */
final class LinkCutDriver {
  private LinkCutDriver() {}

  /**
   * {@code LinkCutDriver <result file> idle|upgrade}: {@code idle} cuts the link while the cluster
   * only takes the probe's writes; {@code upgrade} cuts it while the package upgrade runs, from the
   * moment in its step 8 ({@code packages ha sync and-reload}, which replicates the new packages to
   * the secondaries while the probe's commits replicate too) when n3 holds the new packages, until
   * the primary has given up on n3, then lets the run end, reruns it if it stopped, and has the
   * reader judge every node.
   */
  public static void main(String[] args) throws Exception {
    Path result = Path.of(args[0]);
    boolean duringUpgrade = args.length > 1 && args[1].equals("upgrade");
    Path runRoot = Files.createTempDirectory("nsoha-linkcut");
    ExampleCluster cluster = new ExampleCluster();
    Properties p = new Properties();
    Map<NodeId, NodeClient> clients = new LinkedHashMap<>();
    ClusterReader reader = ClusterReader.of(cluster);
    ExecutorService runner = Executors.newSingleThreadExecutor();
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
      ClusterReader.Expected before =
          new ClusterReader.Expected("n1", FaultIT.OLD, Map.of("dummy", "1.0"));
      reader.converged("the example cluster as set up", before, NO_ORIGINAL, List.of(), JUDGE);
      ClusterReader.Original original = reader.original();
      ClusterSpec spec = ClusterSpec.example(cluster.a, cluster.b, cluster.c);
      for (ClusterSpec.NodeSpec n : spec.nodes()) {
        clients.put(
            n.id(),
            Transports.create()
                .factory("restconf")
                .create(NodeEndpoint.example(n.id(), n.address())));
      }
      WriteProbe probe = WriteProbe.start(clients, WriteProbe.Target.dummies());
      StringWriter runOut = new StringWriter();
      Future<Integer> run = null;
      try {
        awaitAcks(probe, 20);
        if (duringUpgrade) {
          List<String> upgrade = new ArrayList<>(List.of("upgrade-pkgs-sys", "--transport", "cli"));
          upgrade.addAll(cluster.nodeArgs(runRoot));
          PrintWriter w = new PrintWriter(runOut, true);
          run = runner.submit(() -> Main.run(w, w, upgrade.toArray(String[]::new)));
          awaitOutput(runOut, run, "[ 8/9]");
          // Cut once n3 holds the new packages: a cut before they reach it leaves n3 on the old
          // packages, which the primary then refuses as a secondary, and no rerun repairs that
          // (see docs/fault-injection.md, what the suite found).
          awaitPackages(reader, "n3", Map.of("dummy", "1.1", "inert", "1.0"), run);
          p.setProperty("runAtCut", lastLines(runOut.toString(), 1));
        }
        cut(cluster);
        int atCut = probe.acknowledged().size();
        p.setProperty("ackedBeforeCut", Integer.toString(atCut));
        // The primary goes on serving writes once it has given up on n3.
        awaitAcks(probe, atCut + 40);
        nft("delete table inet nsohacut");
        awaitAcks(probe, probe.acknowledged().size() + 20);
        if (run != null) {
          int first = run.get(4, TimeUnit.MINUTES);
          p.setProperty("runExit", Integer.toString(first));
          p.setProperty("runOutput", lastLines(runOut.toString(), 40));
          if (first != 0) {
            // The run stopped on the cut: once n3 is back, a rerun continues from the journal.
            StringWriter again = new StringWriter();
            List<String> rerun = new ArrayList<>(List.of("upgrade-pkgs-sys", "--transport", "cli"));
            rerun.addAll(cluster.nodeArgs(runRoot));
            int second =
                Main.run(
                    new PrintWriter(again, true),
                    new PrintWriter(again, true),
                    rerun.toArray(String[]::new));
            p.setProperty("rerunExit", Integer.toString(second));
            p.setProperty("rerunOutput", lastLines(again.toString(), 40));
          }
        }
      } finally {
        probe.stop();
        runQuietly("nft", "delete", "table", "inet", "nsohacut");
      }
      List<ClusterReader.Write> acked = FaultIT.acked(probe);
      ClusterReader.Expected after =
          duringUpgrade
              ? new ClusterReader.Expected(
                  "n1", FaultIT.OLD, Map.of("dummy", "1.1", "inert", "1.0"))
              : before;
      try {
        reader.converged("every node after the link cut", after, original, acked, JUDGE);
        p.setProperty("reader", "converged");
      } catch (AssertionError e) {
        p.setProperty("reader", e.getMessage());
      }
      Map<String, Integer> missing = reader.missingWrites(acked, Duration.ofSeconds(30));
      p.setProperty("acked", Integer.toString(acked.size()));
      p.setProperty(
          "lost",
          Integer.toString(missing.values().stream().mapToInt(Integer::intValue).max().orElse(0)));
      p.setProperty("missingPerNode", missing.toString());
      p.setProperty("judgements", Integer.toString(reader.judgements()));
      p.setProperty(
          "longestGapMillis",
          Long.toString(probe.longestGap().map(g -> g.length().toMillis()).orElse(0L)));
      p.setProperty("summary", probe.summary());
      p.setProperty("ok", "true");
    } catch (RuntimeException | Error e) {
      p.setProperty("ok", "false");
      p.setProperty("error", e.toString());
    } finally {
      runner.shutdownNow();
      clients.values().forEach(NodeClient::close);
      cluster.stop();
      ExampleCluster.remove(runRoot);
      try (var w = Files.newBufferedWriter(result)) {
        p.store(w, "link cut");
      }
    }
    System.exit(0);
  }

  private static final Duration JUDGE = Duration.ofSeconds(90);
  private static final ClusterReader.Original NO_ORIGINAL = new ClusterReader.Original(Map.of());

  /** Drops every packet between n1 and n3, both ways. */
  private static void cut(ExampleCluster cluster) throws IOException, InterruptedException {
    nft("add table inet nsohacut");
    nft("add chain inet nsohacut out { type filter hook output priority 0 ; }");
    nft("add rule inet nsohacut out ip saddr " + cluster.a + " ip daddr " + cluster.c + " drop");
    nft("add rule inet nsohacut out ip saddr " + cluster.c + " ip daddr " + cluster.a + " drop");
  }

  /** Waits until the in-process run printed {@code text}, or ended. */
  private static void awaitOutput(StringWriter out, Future<Integer> run, String text) {
    Wait.<String>until(
        "the upgrade prints '" + text + "'",
        "upgrade-pkgs-sys",
        () -> out.toString(),
        o -> o.contains(text) || run.isDone(),
        o -> lastLines(o, 1),
        Duration.ofMinutes(3));
    if (!out.toString().contains(text)) {
      throw new IllegalStateException("the upgrade ended before '" + text + "':\n" + out);
    }
  }

  /**
   * Waits until {@code node} has loaded {@code packages} (read by the reader), or the run ended.
   */
  private static void awaitPackages(
      ClusterReader reader, String node, Map<String, String> packages, Future<Integer> run) {
    Wait.<String>until(
        node + " has loaded " + packages,
        "upgrade-pkgs-sys",
        () -> {
          try {
            return reader.view(node).packages().toString();
          } catch (ClusterReader.ReadFailure e) {
            return e.getMessage();
          }
        },
        seen -> seen.equals(new TreeMap<>(packages).toString()) || run.isDone(),
        seen -> seen,
        Duration.ofMinutes(3));
  }

  private static String lastLines(String text, int n) {
    List<String> l = text.lines().toList();
    return String.join("\n", l.subList(Math.max(0, l.size() - n), l.size()));
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
