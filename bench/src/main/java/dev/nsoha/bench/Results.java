package dev.nsoha.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one benchmark run measured, in seconds and in node restarts of its start cost, the targets
 * judged on it, and its two renderings: JSON ({@code bench/results.json}) and the Markdown page
 * ({@code docs/benchmark.md}).
 */
final class Results {
  /** The start cost of the simulator's native speed (no {@code NCS_SIM_START_COST}). */
  static final String NATIVE = "native";

  /** One step of an upgrade: from its start to the next step's start (command plus snapshot). */
  record Step(int number, String title, double seconds, boolean restarts) {}

  /** One upgrade: a start cost, a cluster size and a strategy. */
  static final class Run {
    String cost = NATIVE;
    int nodes;
    String strategy;
    double totalSeconds;
    double windowSeconds;

    /** From the program's launch to its plan's first step: JVM start, preflight, journal. */
    double beforePlanSeconds = Double.NaN;

    /** From the plan's end to the program's exit: verification, reports, JVM exit. */
    double afterPlanSeconds = Double.NaN;

    /** The preflight's own time, as the program reports it in its first event. */
    double preflightSeconds = Double.NaN;

    List<Step> steps = new ArrayList<>();
    int ackedWrites;
    int lostWrites;
    double heapPeakMiB;
    double rssMiB;
    int exitCode;
    double loadBefore = Double.NaN;
    double loadAfter = Double.NaN;

    double restartStepSeconds() {
      return steps.stream().filter(Step::restarts).mapToDouble(Step::seconds).sum();
    }

    /** Program start to exit, minus the steps that restart nodes. */
    double outsideRestartsSeconds() {
      return totalSeconds - restartStepSeconds();
    }

    /** The median time of a step that restarts nothing, in ms. */
    double medianOtherStepMs() {
      List<Double> v =
          steps.stream().filter(s -> !s.restarts()).map(s -> s.seconds() * 1000).toList();
      return v.isEmpty() ? Double.NaN : Bench.median(v);
    }

    /** The steps, longest first. */
    List<Step> longest(int n) {
      return steps.stream()
          .sorted(Comparator.comparingDouble(Step::seconds).reversed())
          .limit(n)
          .toList();
    }
  }

  /** The whole example (set-up, upgrade, final display) against the shell script, one cost. */
  static final class Versus {
    String cost = NATIVE;
    double scriptSeconds;
    int scriptExit;
    double exampleSeconds;
    int exampleExit;
    double loadBefore = Double.NaN;
    double loadAfter = Double.NaN;

    double ratio() {
      return exampleSeconds / scriptSeconds;
    }
  }

  final Map<String, Object> machine = new LinkedHashMap<>();
  int cores = Runtime.getRuntime().availableProcessors();
  final List<Run> runs = new ArrayList<>();

  /** One node restart per start cost (stop, start on the new install, packages up), seconds. */
  final Map<String, Double> units = new LinkedHashMap<>();

  final Map<String, Map<String, Double>> haStatus = new LinkedHashMap<>();

  /** Each ncs_* tool call the example makes during set-up, median seconds. */
  final Map<String, Double> toolCalls = new LinkedHashMap<>();

  /** The program's JVM: --help time, classes from the CDS archive and from jars. */
  final Map<String, Object> jvm = new LinkedHashMap<>();

  final List<Versus> versus = new ArrayList<>();
  double helpSeconds;

  Optional<Run> run(String cost, int nodes, String strategy) {
    return runs.stream()
        .filter(r -> r.cost.equals(cost) && r.nodes == nodes && r.strategy.equals(strategy))
        .findFirst();
  }

  double unit(String cost) {
    return units.getOrDefault(cost, Double.NaN);
  }

  /** Seconds of a run in node restarts of its own cost. */
  double restarts(Run r, double seconds) {
    double u = unit(r.cost);
    return u > 0 ? seconds / u : Double.NaN;
  }

  /** Whether a run's figures may be judged: the load before it did not exceed the cores. */
  boolean judged(Run r) {
    return !(r.loadBefore > cores);
  }

  /** A target: its name, what was measured, the limit, met or not (null: not judged) and why. */
  record Target(String name, double measured, double limit, Boolean met, String note) {}

  private Target target(String name, double measured, double limit, List<Run> from, String why) {
    for (Run r : from) {
      if (!judged(r)) {
        return new Target(
            name,
            measured,
            limit,
            null,
            String.format(
                Locale.ROOT,
                "not judged: the load average before the %s run was %.2f, more than the %d cores",
                label(r),
                r.loadBefore,
                cores));
      }
    }
    if (Double.isNaN(measured)) {
      return new Target(name, measured, limit, null, "not measured");
    }
    boolean met = measured <= limit;
    return new Target(name, measured, limit, met, met ? "" : why);
  }

  static String label(Run r) {
    return r.nodes
        + "-node "
        + r.strategy
        + (r.cost.equals(NATIVE) ? "" : " (start cost " + r.cost + ")");
  }

  /** What stands in the way of a run's target: its longest steps, in restarts. */
  String inTheWay(Run r) {
    StringBuilder sb = new StringBuilder("longest steps: ");
    List<String> parts = new ArrayList<>();
    for (Step s : r.longest(3)) {
      parts.add(
          String.format(
              Locale.ROOT,
              "%d '%s' %.2f restarts%s",
              s.number(),
              s.title(),
              restarts(r, s.seconds()),
              s.restarts() ? " (restarts nodes)" : ""));
    }
    sb.append(String.join("; ", parts));
    sb.append(
        String.format(
            Locale.ROOT,
            "; before the plan %.2f restarts, after it %.2f",
            restarts(r, r.beforePlanSeconds),
            restarts(r, r.afterPlanSeconds)));
    return sb.toString();
  }

  /** The restart-cost targets at {@code cost} (none at native speed). */
  List<Target> targets(String cost) {
    List<Target> t = new ArrayList<>();
    if (cost.equals(NATIVE)) {
      // At native speed a restart costs little more than the fixed costs: those have their own
      // targets, the restart-cost targets are judged with a start cost.
      return t;
    }
    run(cost, 3, "fast")
        .ifPresent(
            r -> {
              t.add(
                  target(
                      "fast, 3 nodes: total <= 2.3 restarts",
                      restarts(r, r.totalSeconds),
                      2.3,
                      List.of(r),
                      inTheWay(r)));
              t.add(
                  target(
                      "fast (all-secondaries), 3 nodes: window <= 2.3 restarts",
                      restarts(r, r.windowSeconds),
                      2.3,
                      List.of(r),
                      inTheWay(r)));
              run(cost, 9, "fast")
                  .ifPresent(
                      r9 ->
                          t.add(
                              target(
                                  "fast, 9 nodes: total <= 1.15 x the 3-node total",
                                  r9.totalSeconds / r.totalSeconds,
                                  1.15,
                                  List.of(r, r9),
                                  inTheWay(r9))));
            });
    run(cost, 3, Bench.FAST_FIRST)
        .ifPresent(
            f ->
                t.add(
                    target(
                        "fast with first-secondary, 3 nodes: window <= 1.3 restarts",
                        restarts(f, f.windowSeconds),
                        1.3,
                        List.of(f),
                        inTheWay(f))));
    return t;
  }

  List<Target> fixedCostTargets() {
    List<Target> t = new ArrayList<>();
    run(NATIVE, 3, "fast")
        .ifPresent(
            r -> {
              t.add(
                  target(
                      "fast, 3 nodes: time outside node restarts <= 1.5 s",
                      r.outsideRestartsSeconds(),
                      1.5,
                      List.of(r),
                      String.format(
                          Locale.ROOT,
                          "before the plan %.2f s, steps that restart nothing %.2f s, after the"
                              + " plan %.2f s",
                          r.beforePlanSeconds,
                          r.steps.stream()
                              .filter(s -> !s.restarts())
                              .mapToDouble(Step::seconds)
                              .sum(),
                          r.afterPlanSeconds)));
              t.add(
                  target(
                      "fast, 3 nodes: median step that restarts nothing <= 40 ms",
                      r.medianOtherStepMs(),
                      40,
                      List.of(r),
                      "see the steps table"));
              t.add(
                  target(
                      "preflight, 3 nodes, package builds included <= 0.5 s",
                      r.preflightSeconds,
                      0.5,
                      List.of(r),
                      "the preflight's reads and package builds"));
            });
    versus.stream()
        .filter(v -> v.cost.equals(NATIVE))
        .findFirst()
        .ifPresent(
            v ->
                t.add(
                    v.loadBefore > cores
                        ? new Target(
                            "whole fast example / shell script < 1.0",
                            v.ratio(),
                            1.0,
                            null,
                            String.format(
                                Locale.ROOT,
                                "not judged: the load average before it was %.2f, more than the %d"
                                    + " cores",
                                v.loadBefore,
                                cores))
                        : new Target(
                            "whole fast example / shell script < 1.0",
                            v.ratio(),
                            1.0,
                            v.ratio() < 1.0,
                            "")));
    return t;
  }

  Map<String, Object> toMap() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("machine", machine);
    root.put("cores", cores);
    root.put("unitNodeRestartSeconds", units);
    root.put("helpSeconds", helpSeconds);
    root.put("jvm", jvm);
    root.put("toolCallSeconds", toolCalls);
    List<Map<String, Object>> rs = new ArrayList<>();
    for (Run r : runs) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("startCost", r.cost);
      m.put("nodes", r.nodes);
      m.put("strategy", r.strategy);
      m.put("exitCode", r.exitCode);
      m.put("totalSeconds", r.totalSeconds);
      m.put("windowSeconds", r.windowSeconds);
      m.put("totalRestarts", restarts(r, r.totalSeconds));
      m.put("windowRestarts", restarts(r, r.windowSeconds));
      m.put("restartStepSeconds", r.restartStepSeconds());
      m.put("outsideRestartsSeconds", r.outsideRestartsSeconds());
      m.put("medianOtherStepMs", r.medianOtherStepMs());
      m.put("beforePlanSeconds", r.beforePlanSeconds);
      m.put("afterPlanSeconds", r.afterPlanSeconds);
      m.put("preflightSeconds", r.preflightSeconds);
      m.put("acknowledgedWrites", r.ackedWrites);
      m.put("lostWrites", r.lostWrites);
      m.put("heapPeakMiB", r.heapPeakMiB);
      m.put("rssMiB", r.rssMiB);
      m.put("loadBefore", r.loadBefore);
      m.put("loadAfter", r.loadAfter);
      List<Map<String, Object>> steps = new ArrayList<>();
      for (Step s : r.steps) {
        Map<String, Object> sm = new LinkedHashMap<>();
        sm.put("step", s.number());
        sm.put("title", s.title());
        sm.put("seconds", s.seconds());
        sm.put("restarts", s.restarts());
        steps.add(sm);
      }
      m.put("steps", steps);
      rs.add(m);
    }
    root.put("runs", rs);
    root.put("haStatus", haStatus);
    List<Map<String, Object>> vs = new ArrayList<>();
    for (Versus v : versus) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("startCost", v.cost);
      m.put("scriptSeconds", v.scriptSeconds);
      m.put("scriptExit", v.scriptExit);
      m.put("exampleSeconds", v.exampleSeconds);
      m.put("exampleExit", v.exampleExit);
      m.put("ratio", v.ratio());
      m.put("loadBefore", v.loadBefore);
      m.put("loadAfter", v.loadAfter);
      vs.add(m);
    }
    root.put("exampleVersusScript", vs);
    Map<String, Object> ts = new LinkedHashMap<>();
    for (String cost : costs()) {
      ts.put(cost, targets(cost).stream().map(Results::targetMap).toList());
    }
    ts.put("fixedCosts", fixedCostTargets().stream().map(Results::targetMap).toList());
    root.put("targets", ts);
    return root;
  }

  private static Map<String, Object> targetMap(Target t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("target", t.name());
    m.put("measured", Double.isNaN(t.measured()) ? null : Math.round(t.measured() * 1000) / 1000.0);
    m.put("limit", t.limit());
    m.put("met", t.met());
    m.put("note", t.note());
    return m;
  }

  List<String> costs() {
    List<String> c = new ArrayList<>();
    runs.forEach(
        r -> {
          if (!c.contains(r.cost)) {
            c.add(r.cost);
          }
        });
    return c;
  }

  String toJson() {
    try {
      return new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(toMap())
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  private static String num(double v, int decimals) {
    return Double.isNaN(v) ? "-" : f("%." + decimals + "f", v);
  }

  private static String met(Target t) {
    return t.met() == null ? "not judged" : t.met() ? "met" : "**missed**";
  }

  /** The page {@code make bench} writes to {@code docs/benchmark.md}. */
  String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Benchmark\n\n");
    sb.append(
        "Generated by `make bench` (the `bench` module, `dev.nsoha.bench.Bench`); do not edit: run it"
            + " again. What it measures and how: [the end of this page](#how-it-measures).\n\n");
    sb.append("## Machine\n\n");
    sb.append("| | |\n|---|---|\n");
    sb.append(f("| cores | %d |%n", cores));
    machine.forEach((k, v) -> sb.append(f("| %s | %s |%n", k, v)));
    sb.append('\n');
    sb.append("## One node restart, the unit\n\n");
    sb.append(
        "Stop, start on the new install with a package reload, packages up; median of three, on the"
            + " upgraded 3-node cluster.\n\n| start cost | one node restart (s) |\n|---|---|\n");
    units.forEach((c, u) -> sb.append(f("| %s | %s |%n", c, num(u, 2))));
    sb.append('\n');
    for (String cost : costs()) {
      sb.append(f("## Upgrades, start cost %s%n%n", cost));
      sb.append(
          "| nodes | strategy | total (s) | total (restarts) | window (s) | window (restarts) |"
              + " outside restarts (s) | acked writes | lost | heap peak (MiB) | exit | load before"
              + " / after |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
      for (Run r : runs) {
        if (!r.cost.equals(cost)) {
          continue;
        }
        sb.append(
            f(
                "| %d | %s | %s | %s | %s | %s | %s | %d | %d | %s | %d | %s / %s |%n",
                r.nodes,
                r.strategy,
                num(r.totalSeconds, 1),
                num(restarts(r, r.totalSeconds), 2),
                num(r.windowSeconds, 1),
                num(restarts(r, r.windowSeconds), 2),
                num(r.outsideRestartsSeconds(), 2),
                r.ackedWrites,
                r.lostWrites,
                num(r.heapPeakMiB, 0),
                r.exitCode,
                num(r.loadBefore, 2),
                num(r.loadAfter, 2)));
      }
      sb.append('\n');
      List<Target> ts = targets(cost);
      if (!ts.isEmpty()) {
        sb.append("| target | measured | result | why |\n|---|---|---|---|\n");
        for (Target t : ts) {
          sb.append(f("| %s | %s | %s | %s |%n", t.name(), num(t.measured(), 2), met(t), t.note()));
        }
        sb.append('\n');
      }
      run(cost, 3, "seed")
          .ifPresent(
              s ->
                  sb.append(
                      f(
                          "The seed plan measures NSO's own sequential order, one node restart after"
                              + " the other with failover: %s restarts in total for 3 nodes, of"
                              + " which the steps that restart nodes take %s.%n%n",
                          num(restarts(s, s.totalSeconds), 2),
                          num(restarts(s, s.restartStepSeconds()), 2))));
    }
    sb.append("## Fixed costs, native speed\n\n");
    run(NATIVE, 3, "fast")
        .ifPresent(
            r -> {
              sb.append(
                  f(
                      "The fast 3-node upgrade: %s s from launch to exit; %s s in the steps that"
                          + " restart nodes; %s s before the plan (JVM start, preflight %s s,"
                          + " journal); %s s after it (verification, reports, exit).%n%n",
                      num(r.totalSeconds, 2),
                      num(r.restartStepSeconds(), 2),
                      num(r.beforePlanSeconds, 2),
                      num(r.preflightSeconds, 2),
                      num(r.afterPlanSeconds, 2)));
              sb.append("| step | title | time (ms) | restarts nodes |\n|---|---|---|---|\n");
              for (Step s : r.steps) {
                sb.append(
                    f(
                        "| %d | %s | %s | %s |%n",
                        s.number(),
                        s.title(),
                        num(s.seconds() * 1000, 0),
                        s.restarts() ? "yes" : ""));
              }
              sb.append('\n');
            });
    List<Target> fixed = fixedCostTargets();
    if (!fixed.isEmpty()) {
      sb.append("| target | measured | result | why |\n|---|---|---|---|\n");
      for (Target t : fixed) {
        sb.append(f("| %s | %s | %s | %s |%n", t.name(), num(t.measured(), 3), met(t), t.note()));
      }
      sb.append('\n');
    }
    sb.append("| the JVM of the program | |\n|---|---|\n");
    sb.append(f("| `--help`, median of 7 (s) | %s |%n", num(helpSeconds, 3)));
    jvm.forEach((k, v) -> sb.append(f("| %s | %s |%n", k, v)));
    sb.append('\n');
    if (!toolCalls.isEmpty()) {
      sb.append("| tool call the example makes in set-up | median of 3 (s) |\n|---|---|\n");
      toolCalls.forEach((k, v) -> sb.append(f("| `%s` | %s |%n", k, num(v, 3))));
      sb.append('\n');
    }
    if (!haStatus.isEmpty()) {
      sb.append("| haStatus round trip | p50 (ms) | p99 (ms) |\n|---|---|---|\n");
      haStatus.forEach(
          (t, m) ->
              sb.append(
                  f("| %s | %s | %s |%n", t, num(m.get("p50Ms"), 2), num(m.get("p99Ms"), 2))));
      sb.append('\n');
    }
    if (!versus.isEmpty()) {
      sb.append("## The whole example against the shell script\n\n");
      sb.append(
          "`example upgrade-nso --strategy fast` and `bench/scripts/upgrade-cluster.sh` (the"
              + " sequential procedure of NSO's upgrade-cluster example, driven by NSO's tools), each"
              + " from reset and set-up to the final display, on the same installs and addresses.\n\n");
      sb.append(
          "| start cost | script (s) | example (s) | example / script | exits | load before / after"
              + " |\n|---|---|---|---|---|---|\n");
      for (Versus v : versus) {
        sb.append(
            f(
                "| %s | %s | %s | %s | %d / %d | %s / %s |%n",
                v.cost,
                num(v.scriptSeconds, 1),
                num(v.exampleSeconds, 1),
                num(v.ratio(), 2),
                v.scriptExit,
                v.exampleExit,
                num(v.loadBefore, 2),
                num(v.loadAfter, 2)));
      }
      sb.append('\n');
    }
    sb.append(HOW);
    return sb.toString();
  }

  static final String HOW =
      """
      ## How it measures

      * **Two units.** Every scenario runs twice: at the simulator's native speed, and with
        `NCS_SIM_START_COST` (10 s by default) so that a node restart costs about what a real NSO
        restart with packages costs, as a share of the whole. Each run's figures are also given in
        node restarts of its own cost: stop, start on the new install with a package reload,
        packages up (median of three).
      * **Total** is the program's wall time, from launch to exit, as a user runs it from the
        distribution (`upgrade-nso` on a cluster the example set up). **Window** is measured from
        outside: a write probe commits to the writable primary every 50 ms; the window is the
        longest gap between two acknowledged writes. Writes acknowledged and lost are counted.
      * **Steps** come from the program's events (`--events`): a step lasts from its start to the
        next step's start, so the snapshot of the cluster after it counts. A step restarts nodes
        when it upgrades them (`Upgrade node ...`). **Outside restarts** is the total minus those
        steps. **Preflight** is the program's own figure (`preflightMs` of `run.started`).
      * **Load.** The load average is read before and after each scenario; the bench first waits
        (up to `--settle` seconds) for it to fall to the number of cores. A target whose scenario
        started above that load is not judged, and the page says so, rather than a misleading miss.
      * **Floors.** The fast plan restarts nodes in two waves: the primary with the plain
        secondaries, then the failover-primary, which stood in as primary meanwhile. A plan that keeps a
        node of the cluster serving during the primary's restart cannot do with fewer than two waves,
        so two restarts is the floor of the total, and what the total shows above two is fixed cost.
        The window with `first-secondary` cannot be shorter than one wave (the primary's restart);
        with `all-secondaries` it spans both waves. The seed plan restarts one node after the other,
        one restart per node. With 9 nodes the first wave restarts 8 nodes at once: with a start cost
        their waits overlap, at native speed they compete for the machine's cores.
      * **The shell script** `bench/scripts/upgrade-cluster.sh` is this project's copy of the
        example's sequential procedure (the README of NSO's upgrade-cluster example lists its
        steps); it starts and upgrades the nodes one after the other, as that procedure does.
      * **Hooks.** A plan is one entry of `Bench.PLANS` (name and the options it adds to
        `upgrade-nso`) and `Bench.SETUP` (options of the example's set-up). The HA Raft plan is
        there as `raft` (`--ha raft`), run only when asked for: `make bench BENCH_ARGS="...
        --plans seed,fast,fast+first-secondary,raft"`. `--setup-args` passes options to every
        set-up, the place for a datastore size.
      """;
}
