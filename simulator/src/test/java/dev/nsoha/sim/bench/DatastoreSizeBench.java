package dev.nsoha.sim.bench;

import dev.nsoha.sim.data.Datastore;
import dev.nsoha.sim.ha.HaRole;
import dev.nsoha.sim.node.Http;
import dev.nsoha.sim.node.SimNode;
import dev.nsoha.sim.testkit.SimCluster;
import dev.nsoha.sim.tools.SimNodeOps;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The simulator at production size: loads N {@code dummy} entries into the primary of an in-process
 * three-node cluster with {@code ncs_load -l -m} (the tool's node side), then times what a client
 * does on that node over RESTCONF ({@code haStatus}, read-only on/off, a one-entry write), a
 * secondary's restart and its full resync, and the heap the cluster holds.
 *
 * <p>Usage: {@code scripts/sim-size-bench.sh [N...]} (default 20000 100000 1000000). It writes
 * {@code simulator/target/size-bench/results.json} and the table between the size-bench markers of
 * {@code docs/simulator.md} (with {@code --docs FILE}). A benchmark, not a test.
 */
public final class DatastoreSizeBench {
  private static final int SAMPLES = 21;
  private static final String BEGIN = "<!-- size-bench:begin -->";
  private static final String END = "<!-- size-bench:end -->";

  private DatastoreSizeBench() {}

  /** One size's figures (times in milliseconds). */
  record Row(
      int entries,
      long xmlBytes,
      long cdbBytes,
      double loadMs,
      double haStatusP50,
      double readOnlyP50,
      double writeP50,
      double emptyRestartMs,
      double restartMs,
      double resyncMs,
      long heapMiB,
      double heapBytesPerEntry,
      String error) {
    static Row failed(int entries, long xmlBytes, String error) {
      return new Row(entries, xmlBytes, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, error);
    }
  }

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    Path docs = null;
    Path out = Path.of("simulator/target/size-bench");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--docs" -> docs = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> sizes.add(Integer.parseInt(args[i].replace("_", "")));
      }
    }
    if (sizes.isEmpty()) {
      sizes = List.of(20_000, 100_000, 1_000_000);
    }
    Files.createDirectories(out);
    List<Row> rows = new ArrayList<>();
    for (int n : sizes) {
      Row r = measure(n, out);
      rows.add(r);
      System.out.println(r);
    }
    String json = json(rows);
    Files.writeString(out.resolve("results.json"), json);
    if (docs != null) {
      writeDocs(docs, rows);
    }
  }

  static Row measure(int n, Path out) throws Exception {
    Path base = Files.createTempDirectory(out.toAbsolutePath(), "run-");
    Path xml = base.resolve("dummies.xml");
    long xmlBytes = writeEntries(xml, n);
    long heapBefore = usedHeap();
    try (SimCluster c =
        SimCluster.builder()
            .baseDir(base.resolve("cluster"))
            .reconnectInterval(10)
            .reconnectAttempts(6)
            .tickTimeout(Duration.ofSeconds(20))
            .start()) {
      double emptyRestart = restart(c, "n3");
      awaitSynced(c, "n3", Duration.ofMinutes(2));
      long t0 = System.nanoTime();
      new SimNodeOps(c.node("n1"))
          .loadXml(Files.readString(xml, StandardCharsets.UTF_8), "admin", true, null);
      double load = ms(t0);
      awaitSynced(c, "n2", Duration.ofMinutes(3));
      awaitSynced(c, "n3", Duration.ofMinutes(3));
      long heap = usedHeap() - heapBefore;
      Http n1 = new Http(c.restconfUrl("n1"));
      double ha = p50(() -> expect(n1.get("/data/tailf-ncs:high-availability/status"), 200));
      double ro =
          p50(
                  () -> {
                    expect(
                        n1.post(
                            "/operations/high-availability/read-only",
                            "{\"input\":{\"mode\":\"true\"}}"),
                        204,
                        200);
                    expect(
                        n1.post(
                            "/operations/high-availability/read-only",
                            "{\"input\":{\"mode\":\"false\"}}"),
                        204,
                        200);
                  })
              / 2;
      int[] k = {0};
      double write =
          p50(
              () -> {
                int i = k[0]++;
                expect(
                    n1.patch(
                        "/data/dummy:dummies",
                        "{\"dummy:dummies\":{\"dummy\":[{\"name\":\"bench-"
                            + i
                            + "\",\"dummy\":\"10.9.9."
                            + (i % 250)
                            + "\"}]}}"),
                    204,
                    200);
              });
      long cdb = dirBytes(c.spec("n1").runDir().resolve("ncs-cdb"));
      awaitSynced(c, "n3", Duration.ofMinutes(3));
      // A restart with the same transaction id as the primary: no copy.
      double restartMs = restart(c, "n3");
      awaitSynced(c, "n3", Duration.ofMinutes(3));
      // A restart after missing a commit: the primary sends a full copy.
      c.stop("n3");
      expect(
          n1.patch(
              "/data/dummy:dummies",
              "{\"dummy:dummies\":{\"dummy\":[{\"name\":\"missed\",\"dummy\":\"10.9.9.9\"}]}}"),
          204,
          200);
      long r0 = System.nanoTime();
      c.start("n3");
      awaitSynced(c, "n3", Duration.ofMinutes(3));
      double resync = ms(r0);
      return new Row(
          n,
          xmlBytes,
          cdb,
          load,
          ha,
          ro,
          write,
          emptyRestart,
          restartMs,
          resync,
          heap >> 20,
          (double) heap / n / 3,
          null);
    } catch (RuntimeException | OutOfMemoryError e) {
      return Row.failed(n, xmlBytes, e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      SimCluster.deleteTree(base);
    }
  }

  private static double restart(SimCluster c, String id) throws IOException {
    c.stop(id);
    long t0 = System.nanoTime();
    c.start(id);
    return ms(t0);
  }

  /** Waits until {@code id} is a connected secondary of n1 with n1's transaction id. */
  private static void awaitSynced(SimCluster c, String id, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      SimNode p = c.node("n1");
      SimNode s = c.node(id);
      if (p.haStatus().mode() != HaRole.PRIMARY) {
        throw new IllegalStateException("n1 is no longer primary: " + p.haStatus());
      }
      boolean connected = p.haStatus().connectedSecondaries().containsKey(id);
      if (connected && p.transactionId().equals(s.transactionId())) {
        return;
      }
      if (System.nanoTime() > end) {
        throw new IllegalStateException(
            id
                + " not in sync with n1 within "
                + timeout
                + ": connected="
                + connected
                + " txid n1="
                + p.transactionId()
                + " "
                + id
                + "="
                + s.transactionId());
      }
      LockSupport.parkNanos(5_000_000L);
    }
  }

  private static long writeEntries(Path f, int n) throws IOException {
    try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
      w.write("<config xmlns=\"http://tail-f.com/ns/config/1.0\">\n");
      w.write("  <dummies xmlns=\"http://com/example/dummy\">\n");
      for (int i = 0; i < n; i++) {
        w.write("    <dummy>\n      <name>d");
        w.write(Integer.toString(i));
        w.write("</name>\n      <dummy>10.");
        w.write(Integer.toString((i >> 16) & 255));
        w.write('.');
        w.write(Integer.toString((i >> 8) & 255));
        w.write('.');
        w.write(Integer.toString(i & 255));
        w.write("</dummy>\n    </dummy>\n");
      }
      w.write("  </dummies>\n</config>\n");
    }
    return Files.size(f);
  }

  private static long dirBytes(Path d) throws IOException {
    try (var s = Files.walk(d)) {
      return s.filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    }
  }

  private static long usedHeap() {
    MemoryMXBean m = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return m.getHeapMemoryUsage().getUsed();
  }

  private static void expect(HttpResponse<String> r, int... codes) {
    for (int c : codes) {
      if (r.statusCode() == c) {
        return;
      }
    }
    throw new IllegalStateException(
        r.request().method() + " " + r.uri() + ": HTTP " + r.statusCode() + " " + r.body());
  }

  private static double p50(Runnable op) {
    op.run(); // warm-up
    List<Double> t = new ArrayList<>();
    for (int i = 0; i < SAMPLES; i++) {
      long t0 = System.nanoTime();
      op.run();
      t.add(ms(t0));
    }
    Collections.sort(t);
    return t.get(t.size() / 2);
  }

  private static double ms(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }

  static String json(List<Row> rows) {
    StringBuilder b =
        new StringBuilder("{\n  \"file\": \"" + Datastore.FILE + "\",\n  \"rows\": [");
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("entries", r.entries());
      if (r.error() != null) {
        m.put("error", '"' + r.error().replace("\\", "\\\\").replace("\"", "\\\"") + '"');
      }
      m.put("xmlBytes", r.xmlBytes());
      m.put("cdbBytes", r.cdbBytes());
      m.put("loadMs", r.loadMs());
      m.put("haStatusP50Ms", r.haStatusP50());
      m.put("readOnlyP50Ms", r.readOnlyP50());
      m.put("writeP50Ms", r.writeP50());
      m.put("emptyRestartMs", r.emptyRestartMs());
      m.put("restartMs", r.restartMs());
      m.put("resyncMs", r.resyncMs());
      m.put("heapMiB", r.heapMiB());
      m.put("heapBytesPerEntryPerNode", r.heapBytesPerEntry());
      b.append(i == 0 ? "\n    {" : ",\n    {");
      int j = 0;
      for (Map.Entry<String, Object> e : m.entrySet()) {
        b.append(j++ == 0 ? "" : ", ").append('"').append(e.getKey()).append("\": ");
        b.append(
            e.getValue() instanceof Double d
                ? String.format(Locale.ROOT, "%.1f", d)
                : e.getValue().toString());
      }
      b.append('}');
    }
    return b.append("\n  ]\n}\n").toString();
  }

  static void writeDocs(Path docs, List<Row> rows) throws IOException {
    StringBuilder t = new StringBuilder(BEGIN).append('\n');
    t.append(
        "| entries | XML | CDB on disk | `ncs_load -l -m` | `haStatus` p50 | read-only on or off p50"
            + " | one-entry write p50 | restart, empty CDB | restart, no copy | restart + full resync"
            + " | resync rate | heap, 3 nodes | heap per entry and node |\n");
    t.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      if (r.error() != null) {
        t.append(
            String.format(
                Locale.ROOT,
                "| %,d | %.1f MB | failed: %s |||||||||||\n",
                r.entries(),
                r.xmlBytes() / 1e6,
                r.error().replace('|', '/').replace('\n', ' ')));
        continue;
      }
      t.append(
          String.format(
              Locale.ROOT,
              "| %,d | %.1f MB | %.1f MB | %,.0f ms | %.1f ms | %.1f ms | %.1f ms | %,.0f ms | %,.0f ms"
                  + " | %,.0f ms | %.1f MB/s | %,d MiB | %.0f B |\n",
              r.entries(),
              r.xmlBytes() / 1e6,
              r.cdbBytes() / 1e6,
              r.loadMs(),
              r.haStatusP50(),
              r.readOnlyP50(),
              r.writeP50(),
              r.emptyRestartMs(),
              r.restartMs(),
              r.resyncMs(),
              r.cdbBytes() / 1e6 / (r.resyncMs() / 1000),
              r.heapMiB(),
              r.heapBytesPerEntry()));
    }
    t.append(
        String.format(
            Locale.ROOT,
            "\nGenerated by `scripts/sim-size-bench.sh` (Java %s, %d cores, -Xmx%d MiB).\n",
            System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(),
            Runtime.getRuntime().maxMemory() >> 20));
    t.append(END);
    String d = Files.readString(docs);
    int a = d.indexOf(BEGIN);
    int z = d.indexOf(END);
    if (a < 0 || z < a) {
      throw new IllegalStateException(docs + " has no " + BEGIN + " ... " + END + " markers");
    }
    Files.writeString(docs, d.substring(0, a) + t + d.substring(z + END.length()));
  }
}
