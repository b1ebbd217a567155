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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code make bench}: measures on this machine, for each start cost (the simulator's native speed
 * and {@code NCS_SIM_START_COST}), each cluster size and each plan, the whole NSO upgrade (the
 * program as a user runs it, from the distribution), the write-unavailable window (the longest gap
 * between two writes a {@link WriteProbe} got acknowledged, committing every 50 ms from outside),
 * each step's time from the program's events, and one node restart (the unit of every ratio); at
 * native speed also the program's fixed costs (JVM, preflight, steps that restart nothing, the
 * {@code ncs_*} tool calls of the example's set-up) and the whole example against the shell script
 * of the same procedure. It writes the results as JSON, an SVG chart and the Markdown page {@code
 * docs/benchmark.md}, and prints that page. It reports; it does not fail on a missed target.
 *
 * <p>{@code Bench --dist DIR [--out FILE] [--chart FILE] [--doc FILE] [--work DIR] [--addr3 IP]
 * [--addr9 IP] [--ipc-port PORT] [--cli-port PORT] [--sizes 3,9] [--costs native,10s] [--plans
 * seed,fast,fast+first-secondary] [--script FILE] [--settle SECONDS] [--transport cli]
 * [--setup-args "..."]}
 */
public final class Bench {
  /** The fast strategy with {@code --read-write-after first-secondary}. */
  static final String FAST_FIRST = "fast+first-secondary";

  /** The HA Raft plan: run only when asked for ({@code --plans ...,raft}). */
  static final String RAFT = "raft";

  /**
   * The plans, by name: the options each adds to {@code upgrade-nso}. {@link #RAFT} needs a program
   * whose {@code upgrade-nso} takes {@code --ha raft}; it is not among the default plans.
   */
  static final Map<String, List<String>> PLANS =
      Map.of(
          "seed",
          List.of("--strategy", "seed", "--read-write-after", "all-secondaries"),
          "fast",
          List.of("--strategy", "fast", "--read-write-after", "all-secondaries"),
          FAST_FIRST,
          List.of("--strategy", "fast", "--read-write-after", "first-secondary"),
          RAFT,
          List.of("--ha", "raft"));

  /** Set-up options a plan needs beyond the example's defaults: Raft sets up a Raft cluster. */
  static final Map<String, List<String>> SETUP = Map.of(RAFT, List.of("--ha", "raft"));

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
    Path doc = Path.of(opts.getOrDefault("--doc", "docs/benchmark.md"));
    for (Path p : List.of(json, chart, doc)) {
      Files.createDirectories(p.toAbsolutePath().getParent());
    }
    Files.writeString(json, r.toJson());
    Files.writeString(chart, Chart.svg(r));
    String page = r.markdown();
    Files.writeString(doc, page);
    System.out.println();
    System.out.print(page);
    System.out.println("\nwrote " + json + ", " + chart + " and " + doc);
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

  private static List<String> list(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
  }

  /** The environment that gives the nodes a start cost. */
  static Map<String, String> costEnv(String cost) {
    return cost.equals(Results.NATIVE) ? Map.of() : Map.of("NCS_SIM_START_COST", cost);
  }

  Results run() throws IOException {
    Results r = new Results();
    r.machine.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
    r.machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    r.machine.put("cpu", cpuModel());
    r.machine.put("started", Instant.now().toString());
    r.machine.put("loadAverageBefore", loadAverageText());
    String transport = opts.getOrDefault("--transport", "cli");
    r.machine.put("transport", transport);
    r.machine.put(
        "bench options",
        opts.entrySet().stream()
            .filter(e -> List.of("--sizes", "--costs", "--plans", "--settle").contains(e.getKey()))
            .map(e -> e.getKey() + " " + e.getValue())
            .toList());
    r.helpSeconds = helpSeconds();
    r.jvm.putAll(classSources());
    List<Integer> sizes =
        list(opts.getOrDefault("--sizes", "3,9")).stream().map(Integer::valueOf).toList();
    List<String> costs = list(opts.getOrDefault("--costs", "native,10s"));
    List<String> plans = list(opts.getOrDefault("--plans", "seed,fast," + FAST_FIRST));
    for (String p : plans) {
      if (!PLANS.containsKey(p)) {
        throw new IllegalArgumentException("unknown plan " + p + "; known: " + PLANS.keySet());
      }
    }
    int ipc = Integer.parseInt(opts.getOrDefault("--ipc-port", "5561"));
    int cli = Integer.parseInt(opts.getOrDefault("--cli-port", "12024"));
    // Nothing of an earlier run may hold the bench's ports.
    stopNodes(ipc, sizes.stream().mapToInt(Integer::intValue).max().orElse(3));
    if (costs.contains(Results.NATIVE)) {
      r.toolCalls.putAll(toolCalls(ipc));
    }
    for (String cost : costs) {
      for (int size : sizes) {
        String addr =
            opts.getOrDefault(
                size == 3 ? "--addr3" : "--addr9", size == 3 ? "127.0.51.1" : "127.0.151.1");
        for (String plan : plans) {
          Cluster c =
              new Cluster(
                  size,
                  addr,
                  ipc,
                  cli,
                  work.resolve(plan.replace('+', '-') + "-" + size + "-" + cost),
                  cost);
          try {
            out.printf("== start cost %s, %d nodes, %s: setting up%n", cost, size, plan);
            c.setUp(plan);
            double before = settle();
            out.printf("== start cost %s, %d nodes, %s: upgrading%n", cost, size, plan);
            Results.Run run = upgrade(c, plan, transport);
            run.loadBefore = before;
            run.loadAfter = load1();
            r.runs.add(run);
            if (size == sizes.get(0) && plan.equals(plans.get(plans.size() - 1))) {
              out.println("== one node restart, three times");
              r.units.put(cost, restartSeconds(c));
              if (cost.equals(Results.NATIVE)) {
                for (String t : List.of("cli", "restconf")) {
                  out.println("== haStatus round trip over " + t);
                  r.haStatus.put(t, roundTrip(c, t));
                }
              }
            }
          } finally {
            c.stop();
          }
        }
      }
      if (sizes.contains(3) && opts.containsKey("--script")) {
        r.versus.add(versus(cost, opts.getOrDefault("--addr3", "127.0.51.1"), ipc, cli));
      }
    }
    r.machine.put("loadAverageAfter", loadAverageText());
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
    final String cost;

    Cluster(int size, String addr, int ipc, int cli, Path root, String cost) {
      this.size = size;
      this.addr = addr;
      this.ipc = ipc;
      this.cli = cli;
      this.root = root;
      this.cost = cost;
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
      return ClusterSpec.example(addresses(addr, size));
    }

    void setUp(String plan) throws IOException {
      stop();
      List<String> cmd = new ArrayList<>(List.of(bin().toString(), "example", "upgrade-nso"));
      cmd.addAll(List.of("--transport", "cli", "--setup-only"));
      cmd.addAll(SETUP.getOrDefault(plan, List.of()));
      cmd.addAll(list(opts.getOrDefault("--setup-args", "").replace(' ', ',')));
      cmd.addAll(args());
      ProcessRunner.Result res =
          ProcessRunner.run("bench", "set up", cmd, dist, costEnv(cost), Duration.ofMinutes(10));
      if (!res.ok()) {
        throw new IllegalStateException("set-up failed: " + res.tail(20));
      }
    }

    void stop() {
      stopNodes(ipc, size);
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

  /** Node k's address: {@code first} with the third number raised by k-1. */
  static List<String> addresses(String first, int size) {
    String[] p = first.split("\\.");
    List<String> a = new ArrayList<>();
    for (int k = 0; k < size; k++) {
      a.add(p[0] + "." + p[1] + "." + (Integer.parseInt(p[2]) + k) + "." + p[3]);
    }
    return a;
  }

  private void stopNodes(int ipc, int size) {
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

  private Results.Run upgrade(Cluster c, String plan, String transport) throws IOException {
    Path report = c.root.resolve("report.json");
    Path events = c.root.resolve("events.ndjson");
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
                "--report",
                report.toString(),
                "--events",
                events.toString()));
    cmd.addAll(PLANS.get(plan));
    cmd.addAll(c.args());
    Map<NodeId, NodeClient> probeClients = c.clients("restconf");
    WriteProbe probe = WriteProbe.start(probeClients, WriteProbe.Target.dummies());
    Results.Run run = new Results.Run();
    run.cost = c.cost;
    run.nodes = c.size;
    run.strategy = plan;
    Map<String, String> env = new LinkedHashMap<>(costEnv(c.cost));
    env.put("JAVA_OPTS", "-Xmx128m -Xlog:gc:file=" + gc);
    Instant launched;
    Instant ended;
    try {
      Wait.until(
          "the probe's first acknowledged write",
          "bench",
          () -> probe.acknowledged().size(),
          n -> n > 0,
          String::valueOf,
          Duration.ofSeconds(60));
      launched = Instant.now();
      long t0 = System.nanoTime();
      ProcessRunner.Result res =
          ProcessRunner.run("bench", "upgrade", cmd, dist, env, Duration.ofMinutes(30));
      run.totalSeconds = (System.nanoTime() - t0) / 1e9;
      ended = Instant.now();
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
    EventTimes.read(events, launched, ended, run);
    run.heapPeakMiB = heapPeak(gc);
    run.rssMiB = Files.exists(rss) ? parseRss(Files.readString(rss)) : 0;
    out.printf(
        Locale.ROOT,
        "   total %.1f s, window %.1f s, restart steps %.1f s, outside restarts %.2f s, median other"
            + " step %.0f ms, preflight %.2f s, %d writes acknowledged, %d lost, exit %d%n",
        run.totalSeconds,
        run.windowSeconds,
        run.restartStepSeconds(),
        run.outsideRestartsSeconds(),
        run.medianOtherStepMs(),
        run.preflightSeconds,
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
                costEnv(c.cost)),
            target,
            Duration.ofMinutes(5));
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
            Duration.ofMinutes(5));
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
      out.printf(Locale.ROOT, "   p50 %.2f ms, p99 %.2f ms%n", m.get("p50Ms"), m.get("p99Ms"));
      return m;
    }
  }

  /**
   * The whole example against the shell script of the same procedure, each from reset to the final
   * display, on the same installs, addresses and ports.
   */
  private Results.Versus versus(String cost, String addr, int ipc, int cli) {
    Results.Versus v = new Results.Versus();
    v.cost = cost;
    Bundle b = Bundle.require();
    List<String> a = addresses(addr, 3);
    Path root = work.resolve("versus-" + cost);
    stopNodes(ipc, 3);
    v.loadBefore = settle();
    out.printf("== start cost %s: the shell script, set-up to final display%n", cost);
    List<String> script =
        List.of(
            "bash",
            Path.of(opts.get("--script")).toAbsolutePath().toString(),
            "-o",
            b.oldInstall().ncsDir().toString(),
            "-n",
            b.newInstall().ncsDir().toString(),
            "-w",
            root.resolve("script").toString(),
            "-a",
            a.get(0),
            "-b",
            a.get(1),
            "-c",
            a.get(2),
            "-P",
            ipc + "," + (ipc + 1) + "," + (ipc + 2),
            "-C",
            "" + cli);
    long t0 = System.nanoTime();
    ProcessRunner.Result s =
        ProcessRunner.run(
            "bench", "shell script", script, dist, costEnv(cost), Duration.ofMinutes(20));
    v.scriptSeconds = (System.nanoTime() - t0) / 1e9;
    v.scriptExit = s.exitCode();
    if (!s.ok()) {
      out.println(s.tail(30));
    }
    stopNodes(ipc, 3);
    settle();
    out.printf(
        "== start cost %s: example upgrade-nso --strategy fast, set-up to final display%n", cost);
    List<String> example =
        new ArrayList<>(
            List.of(
                bin().toString(),
                "example",
                "upgrade-nso",
                "--strategy",
                "fast",
                "--transport",
                "cli",
                "-a",
                a.get(0),
                "-b",
                a.get(1),
                "-c",
                a.get(2),
                "--ipc-port",
                "" + ipc,
                "--run-root",
                root.resolve("example").toString(),
                "--cli-port",
                "" + cli,
                "--known-hosts",
                root.resolve("known_hosts").toString()));
    t0 = System.nanoTime();
    ProcessRunner.Result e =
        ProcessRunner.run("bench", "example", example, dist, costEnv(cost), Duration.ofMinutes(20));
    v.exampleSeconds = (System.nanoTime() - t0) / 1e9;
    v.exampleExit = e.exitCode();
    if (!e.ok()) {
      out.println(e.tail(30));
    }
    v.loadAfter = load1();
    stopNodes(ipc, 3);
    out.printf(
        Locale.ROOT,
        "   script %.1f s (exit %d), example %.1f s (exit %d), ratio %.2f%n",
        v.scriptSeconds,
        v.scriptExit,
        v.exampleSeconds,
        v.exampleExit,
        v.ratio());
    return v;
  }

  /**
   * The cost of each tool call the example's set-up makes, on a scratch node of the old install:
   * {@code ncs-setup}, {@code ncs-make-package}, {@code make} of the package ({@code ncsc}), the
   * node's start ({@code ncs}), {@code ncs --status} and {@code ncs --stop}. Median of three.
   */
  private Map<String, Double> toolCalls(int ipc) throws IOException {
    out.println("== the ncs_* tool calls of the example's set-up");
    Install old = Bundle.require().oldInstall();
    Path bin = old.ncsDir().resolve("bin");
    Map<String, String> env = new LinkedHashMap<>(old.environment());
    env.put("NCS_IPC_ADDR", "127.0.0.1");
    env.put("NCS_IPC_PORT", "" + ipc);
    Map<String, List<Double>> t = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      Path d = work.resolve("tools-" + i);
      deleteTree(d);
      Files.createDirectories(d);
      time(t, "ncs --version", List.of(bin.resolve("ncs").toString(), "--version"), d, env);
      time(
          t,
          "ncs-setup --dest",
          List.of(bin.resolve("ncs-setup").toString(), "--dest", "run"),
          d,
          env);
      Files.writeString(
          d.resolve("run/ncs.conf"),
          Files.readString(d.resolve("run/ncs.conf"))
              .replace(
                  "</ncs-config>",
                  "<ncs-ipc-address><port>" + ipc + "</port></ncs-ipc-address>\n</ncs-config>")
              .replace(
                  "<port>2024</port>",
                  "<port>" + opts.getOrDefault("--cli-port", "12024") + "</port>")
              .replace("0.0.0.0", "127.0.0.1"));
      time(
          t,
          "ncs-make-package --service-skeleton template",
          List.of(
              bin.resolve("ncs-make-package").toString(),
              "--service-skeleton",
              "template",
              "--dest",
              "pkg",
              "--no-test",
              "--root-container",
              "dummies",
              "dummy"),
          d,
          env);
      time(t, "make -C pkg/src all (ncsc)", List.of("make", "-C", "pkg/src", "all"), d, env);
      time(t, "ncs (start a node)", List.of(bin.resolve("ncs").toString(), "--cd", "run"), d, env);
      time(t, "ncs --status", List.of(bin.resolve("ncs").toString(), "--status"), d, env);
      time(
          t,
          "ncs_cmd -c get_phase",
          List.of(bin.resolve("ncs_cmd").toString(), "-c", "get_phase"),
          d,
          env);
      time(t, "ncs --stop", List.of(bin.resolve("ncs").toString(), "--stop"), d, env);
    }
    Map<String, Double> m = new LinkedHashMap<>();
    t.forEach((k, v) -> m.put(k, median(v)));
    out.println("   " + m);
    return m;
  }

  private void time(
      Map<String, List<Double>> into,
      String name,
      List<String> cmd,
      Path dir,
      Map<String, String> env) {
    long t0 = System.nanoTime();
    ProcessRunner.Result r = ProcessRunner.run("bench", name, cmd, dir, env, Duration.ofMinutes(2));
    double s = (System.nanoTime() - t0) / 1e9;
    if (!r.ok()) {
      throw new IllegalStateException(name + " failed: " + r.tail(20));
    }
    into.computeIfAbsent(name, k -> new ArrayList<>()).add(s);
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
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

  /**
   * Where the classes of one {@code --help} come from: the CDS archive or a jar (picocli's named
   * apart), from the JVM's class-loading log.
   */
  private Map<String, Object> classSources() throws IOException {
    Path log = work.resolve("class-load.log");
    Files.createDirectories(work);
    ProcessRunner.run(
        "bench",
        "--help",
        List.of(bin().toString(), "--help"),
        dist,
        Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + log),
        Duration.ofMinutes(1));
    Map<String, Object> m = new LinkedHashMap<>();
    if (!Files.exists(log)) {
      m.put("classes loaded by --help", "no class-loading log");
      return m;
    }
    long shared = 0;
    long jar = 0;
    long picocliJar = 0;
    long picocliShared = 0;
    for (String line : Files.readAllLines(log)) {
      boolean isShared = line.contains("source: shared objects file");
      boolean picocli = line.contains(" picocli.");
      if (isShared) {
        shared++;
        picocliShared += picocli ? 1 : 0;
      } else if (line.contains("source: ")) {
        jar++;
        picocliJar += picocli ? 1 : 0;
      }
    }
    m.put("classes of --help from the CDS archive", shared);
    m.put("classes of --help from jars or generated", jar);
    m.put("picocli classes from the archive / from its jar", picocliShared + " / " + picocliJar);
    return m;
  }

  /**
   * Waits, at most {@code --settle} seconds, until the 1-minute load average is at most the number
   * of cores; returns the load average then.
   */
  private double settle() {
    int cores = Runtime.getRuntime().availableProcessors();
    long secs = Long.parseLong(opts.getOrDefault("--settle", "300"));
    if (secs > 0 && load1() > cores) {
      out.printf(
          "   waiting up to %d s for the load average (%.2f) to fall to %d%n",
          secs, load1(), cores);
      try {
        Wait.until(
            "a load average of at most " + cores,
            "bench",
            Bench::load1,
            l -> l <= cores,
            String::valueOf,
            Duration.ofSeconds(secs));
      } catch (RuntimeException e) {
        out.println("   " + e.getMessage());
      }
    }
    return load1();
  }

  static double load1() {
    String t = loadAverageText();
    try {
      return Double.parseDouble(t.split("\\s+")[0]);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    s.sort(Double::compare);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
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

  private static String loadAverageText() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
