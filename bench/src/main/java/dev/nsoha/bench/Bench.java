package dev.nsoha.bench;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.plan.Wait;
import dev.nsoha.core.spi.Install;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.testing.WriteProbe;
import dev.nsoha.host.install.LocalInstallHost;
import dev.nsoha.host.install.ProcessRunner;
import dev.nsoha.scenarios.Bundle;
import dev.nsoha.scenarios.Transports;
import dev.nsoha.transport.cli.CliOptions;
import dev.nsoha.transport.restconf.RestconfOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code make bench}: one run on this machine that measures, for 3 and 9 nodes and both strategies,
 * the whole NSO upgrade (the program as a user runs it, from the distribution), the
 * write-unavailable window (the longest gap between two writes a {@link WriteProbe} got
 * acknowledged, committing every 50 ms from outside), the orchestrator's overhead (wall time minus
 * the time it spent on the nodes: requests, host commands and waits, as the program's report counts
 * them), its peak heap and RSS; and on the upgraded 3-node cluster one node restart alone (stop,
 * start on the new install, packages up: the unit of every ratio) and the haStatus round trip per
 * transport (a warmed loop, p50 and p99). It writes the results as JSON and an SVG chart and prints
 * the ratio table. It reports; it does not fail on a missed target.
 *
 * <p>{@code Bench --dist DIR [--out FILE] [--chart FILE] [--work DIR] [--addr3 IP] [--addr9 IP]
 * [--ipc-port PORT] [--cli-port PORT] [--sizes 3,9] [--transport cli]}
 */
public final class Bench {
  /** The fast strategy with {@code --read-write-after first-secondary}. */
  static final String FAST_FIRST = "fast+first-secondary";

  private final Map<String, String> opts;
  private final Path dist;
  private final Path work;
  private final PrintStream out = System.out;

  private Bench(Map<String, String> opts) {
    this.opts = opts;
    this.dist = Path.of(require(opts, "--dist")).toAbsolutePath().normalize();
    this.work = Path.of(opts.getOrDefault("--work", "/tmp/nso-ha-bench")).toAbsolutePath();
    System.setProperty(Bundle.HOME_PROPERTY, dist.toString());
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i], args[i + 1]);
    }
    Results r = new Bench(opts).run();
    Path json = Path.of(opts.getOrDefault("--out", "bench/results.json"));
    Path chart = Path.of(opts.getOrDefault("--chart", "bench/chart.svg"));
    Files.createDirectories(json.toAbsolutePath().getParent());
    Files.writeString(json, r.toJson());
    Files.writeString(chart, Chart.svg(r));
    System.out.println();
    System.out.print(r.table());
    System.out.println("\nwrote " + json + " and " + chart);
    System.exit(0);
  }

  private static String require(Map<String, String> opts, String key) {
    String v = opts.get(key);
    if (v == null) {
      throw new IllegalArgumentException("missing " + key);
    }
    return v;
  }

  private Path bin() {
    return dist.resolve("bin/nso-ha-upgrade");
  }

  Results run() throws IOException {
    Results r = new Results();
    r.machine.put("cores", Runtime.getRuntime().availableProcessors());
    r.machine.put("loadAverageBefore", loadAverage());
    r.machine.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
    r.machine.put("started", Instant.now().toString());
    String transport = opts.getOrDefault("--transport", "cli");
    r.machine.put("transport", transport);
    r.helpSeconds = helpSeconds();
    List<Integer> sizes =
        Arrays.stream(opts.getOrDefault("--sizes", "3,9").split(","))
            .map(String::trim)
            .map(Integer::valueOf)
            .toList();
    int ipc = Integer.parseInt(opts.getOrDefault("--ipc-port", "5561"));
    int cli = Integer.parseInt(opts.getOrDefault("--cli-port", "12024"));
    for (int size : sizes) {
      String addr =
          opts.getOrDefault(
              size == 3 ? "--addr3" : "--addr9", size == 3 ? "127.0.51.1" : "127.0.151.1");
      for (String strategy : List.of("seed", "fast", FAST_FIRST)) {
        Cluster c =
            new Cluster(
                size, addr, ipc, cli, work.resolve(strategy.replace('+', '-') + "-" + size));
        try {
          out.printf("== %d nodes, %s strategy: setting up%n", size, strategy);
          c.setUp();
          out.printf("== %d nodes, %s strategy: upgrading%n", size, strategy);
          r.runs.add(upgrade(c, strategy, transport));
          if (size == sizes.get(0) && strategy.equals(FAST_FIRST)) {
            out.println("== one node restart, three times");
            r.unitSeconds = restartSeconds(c);
            for (String t : List.of("cli", "restconf")) {
              out.println("== haStatus round trip over " + t);
              r.haStatus.put(t, roundTrip(c, t));
            }
          }
        } finally {
          c.stop();
        }
      }
    }
    r.machine.put("loadAverageAfter", loadAverage());
    r.machine.put("finished", Instant.now().toString());
    return r;
  }

  /** A cluster of the example's nodes on this machine, set up by the program itself. */
  private final class Cluster {
    final int size;
    final String addr;
    final int ipc;
    final int cli;
    final Path root;

    Cluster(int size, String addr, int ipc, int cli, Path root) {
      this.size = size;
      this.addr = addr;
      this.ipc = ipc;
      this.cli = cli;
      this.root = root;
    }

    List<String> args() {
      return List.of(
          "--nodes",
          "" + size,
          "-a",
          addr,
          "--ipc-port",
          "" + ipc,
          "--run-root",
          root.toString(),
          "--cli-port",
          "" + cli,
          "--known-hosts",
          root.resolve("known_hosts").toString());
    }

    ClusterSpec spec() {
      String[] p = addr.split("\\.");
      List<String> a = new ArrayList<>();
      for (int k = 0; k < size; k++) {
        a.add(p[0] + "." + p[1] + "." + (Integer.parseInt(p[2]) + k) + "." + p[3]);
      }
      return ClusterSpec.example(a);
    }

    void setUp() throws IOException {
      stop();
      List<String> cmd = new ArrayList<>(List.of(bin().toString(), "example", "upgrade-nso"));
      cmd.addAll(List.of("--transport", "cli", "--setup-only"));
      cmd.addAll(args());
      ProcessRunner.Result res =
          ProcessRunner.run("bench", "set up", cmd, dist, Map.of(), Duration.ofMinutes(10));
      if (!res.ok()) {
        throw new IllegalStateException("set-up failed: " + res.tail(20));
      }
    }

    void stop() {
      Bundle b = Bundle.require();
      for (int port = ipc; port < ipc + size; port++) {
        ProcessRunner.run(
            "bench",
            "stop",
            List.of(b.oldInstall().ncsDir().resolve("bin/ncs").toString(), "--stop"),
            dist,
            Map.of("NCS_IPC_ADDR", "127.0.0.1", "NCS_IPC_PORT", "" + port),
            Duration.ofSeconds(90));
      }
    }

    Map<NodeId, NodeClient> clients(String transport) {
      Map<NodeId, NodeClient> m = new LinkedHashMap<>();
      for (ClusterSpec.NodeSpec n : spec().nodes()) {
        m.put(n.id(), client(n, transport));
      }
      return m;
    }

    NodeClient client(ClusterSpec.NodeSpec n, String transport) {
      NodeEndpoint ex = NodeEndpoint.example(n.id(), n.address());
      NodeEndpoint e =
          new NodeEndpoint(
              ex.id(), ex.address(), cli, ex.restconfPort(), ex.credentials(), ex.options());
      return Transports.shared()
          .factory(
              transport, CliOptions.lab(root.resolve("known_hosts")), RestconfOptions.defaults())
          .create(e);
    }
  }

  private Results.Run upgrade(Cluster c, String strategy, String transport) throws IOException {
    Path report = c.root.resolve("report.json");
    Path gc = c.root.resolve("gc.log");
    Path rss = c.root.resolve("rss.txt");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "/usr/bin/time",
                "-f",
                "%M",
                "-o",
                rss.toString(),
                bin().toString(),
                "upgrade-nso",
                "--transport",
                transport,
                "--strategy",
                strategy.equals(FAST_FIRST) ? "fast" : strategy,
                "--read-write-after",
                strategy.equals(FAST_FIRST) ? "first-secondary" : "all-secondaries",
                "--report",
                report.toString()));
    cmd.addAll(c.args());
    Map<NodeId, NodeClient> probeClients = c.clients("restconf");
    WriteProbe probe = WriteProbe.start(probeClients, WriteProbe.Target.dummies());
    Results.Run run = new Results.Run();
    run.nodes = c.size;
    run.strategy = strategy;
    try {
      Wait.until(
          "the probe's first acknowledged write",
          "bench",
          () -> probe.acknowledged().size(),
          n -> n > 0,
          String::valueOf,
          Duration.ofSeconds(60));
      long t0 = System.nanoTime();
      ProcessRunner.Result res =
          ProcessRunner.run(
              "bench",
              "upgrade",
              cmd,
              dist,
              Map.of("JAVA_OPTS", "-Xmx128m -Xlog:gc:file=" + gc),
              Duration.ofMinutes(20));
      run.totalSeconds = (System.nanoTime() - t0) / 1e9;
      run.exitCode = res.exitCode();
      if (!res.ok()) {
        out.println(res.tail(30));
      }
      // The window closes with the first acknowledged write after it; wait for that one.
      int acked = probe.acknowledged().size();
      try {
        Wait.until(
            "an acknowledged write after the run",
            "bench",
            () -> probe.acknowledged().size(),
            n -> n > acked,
            String::valueOf,
            Duration.ofSeconds(30));
      } catch (RuntimeException e) {
        out.println("no write acknowledged after the run: " + e.getMessage());
      }
    } finally {
      probe.stop();
    }
    run.windowSeconds = probe.longestGap().map(g -> g.length().toNanos() / 1e9).orElse(0.0);
    run.ackedWrites = probe.acknowledged().size();
    run.lostWrites =
        probe.missing(Duration.ofSeconds(30)).values().stream()
            .mapToInt(List::size)
            .max()
            .orElse(0);
    probeClients.values().forEach(NodeClient::close);
    run.stepSeconds = stepSeconds(report);
    run.overheadSeconds = Math.max(0, run.totalSeconds - nodeSeconds(report));
    run.heapPeakMiB = heapPeak(gc);
    run.rssMiB = Files.exists(rss) ? parseRss(Files.readString(rss)) : 0;
    out.printf(
        "   total %.1f s, window %.1f s, steps %.1f s, overhead %.1f s, %d writes acknowledged, %d lost,"
            + " exit %d%n",
        run.totalSeconds,
        run.windowSeconds,
        run.stepSeconds,
        run.overheadSeconds,
        run.ackedWrites,
        run.lostWrites,
        run.exitCode);
    return run;
  }

  /** Median of three restarts of the last plain secondary: stop, start on the new install, up. */
  private double restartSeconds(Cluster c) {
    ClusterSpec spec = c.spec();
    ClusterSpec.NodeSpec n = spec.nodes().get(spec.nodes().size() - 1);
    int index = spec.nodes().size() - 1;
    Install target = Bundle.require().newInstall();
    LocalInstallHost host =
        new LocalInstallHost(
            new LocalInstallHost.Layout(
                n.id(),
                c.root.resolve("nso-node" + (index + 1)),
                "127.0.0.1",
                c.ipc + index,
                c.root.resolve("backups"),
                Map.of()),
            target,
            Duration.ofMinutes(3));
    List<Double> times = new ArrayList<>();
    try (NodeClient client = c.client(n, "restconf")) {
      for (int i = 0; i < 3; i++) {
        long t0 = System.nanoTime();
        host.stop();
        host.start(target, true);
        Wait.until(
            n.id() + " runs the target with packages up",
            n.label(),
            () -> client.packages(),
            p -> !p.isEmpty() && p.stream().allMatch(PackageStatus::isUp),
            Object::toString,
            Duration.ofMinutes(3));
        times.add((System.nanoTime() - t0) / 1e9);
      }
    }
    out.println("   restarts: " + times);
    return median(times);
  }

  private Map<String, Double> roundTrip(Cluster c, String transport) {
    ClusterSpec.NodeSpec n = c.spec().nodes().get(0);
    try (NodeClient client = c.client(n, transport)) {
      for (int i = 0; i < 300; i++) {
        client.haStatus();
      }
      double[] ms = new double[1000];
      for (int i = 0; i < ms.length; i++) {
        long t0 = System.nanoTime();
        client.haStatus();
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
      Arrays.sort(ms);
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("p50Ms", ms[ms.length / 2]);
      m.put("p99Ms", ms[(int) (ms.length * 0.99)]);
      out.printf("   p50 %.2f ms, p99 %.2f ms%n", m.get("p50Ms"), m.get("p99Ms"));
      return m;
    }
  }

  /** Median wall time of seven runs of {@code nso-ha-upgrade --help}. */
  private double helpSeconds() {
    List<Double> t = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      long t0 = System.nanoTime();
      ProcessRunner.run(
          "bench",
          "--help",
          List.of(bin().toString(), "--help"),
          dist,
          Map.of(),
          Duration.ofMinutes(1));
      t.add((System.nanoTime() - t0) / 1e9);
    }
    out.println("== --help: " + t);
    return median(t);
  }

  static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    s.sort(Double::compare);
    return s.get(s.size() / 2);
  }

  /** The time the program spent on the nodes (its report's {@code timing.nodeMs}). */
  private static double nodeSeconds(Path report) throws IOException {
    if (!Files.exists(report)) {
      return 0;
    }
    Matcher m = Pattern.compile("\"nodeMs\"\\s*:\\s*(\\d+)").matcher(Files.readString(report));
    return m.find() ? Long.parseLong(m.group(1)) / 1000.0 : 0;
  }

  private static double stepSeconds(Path report) throws IOException {
    if (!Files.exists(report)) {
      return 0;
    }
    double ms = 0;
    Matcher m = Pattern.compile("\"durationMs\"\\s*:\\s*(\\d+)").matcher(Files.readString(report));
    List<Long> all = new ArrayList<>();
    while (m.find()) {
      all.add(Long.parseLong(m.group(1)));
    }
    // The last durationMs is the whole run's (result section); the others are the steps'.
    for (int i = 0; i + 1 < all.size(); i++) {
      ms += all.get(i);
    }
    return ms / 1000.0;
  }

  /** The largest heap occupancy before a collection, from a {@code -Xlog:gc} file, in MiB. */
  static double heapPeak(Path gcLog) throws IOException {
    if (!Files.exists(gcLog)) {
      return 0;
    }
    Matcher m = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)").matcher(Files.readString(gcLog));
    double peak = 0;
    while (m.find()) {
      peak = Math.max(peak, Double.parseDouble(m.group(1)));
    }
    return peak;
  }

  private static double parseRss(String text) {
    for (String line : text.strip().split("\n")) {
      if (line.strip().matches("\\d+")) {
        return Long.parseLong(line.strip()) / 1024.0;
      }
    }
    return 0;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
