package dev.nsoha.scenarios.cli;

import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plans.PackageFile;
import dev.nsoha.core.plans.PackageUpgrade;
import dev.nsoha.core.plans.RaftPackageUpgrade;
import dev.nsoha.core.preflight.PreflightRequest;
import dev.nsoha.core.spi.Install;
import dev.nsoha.scenarios.ClusterRuntime;
import dev.nsoha.scenarios.Preflight;
import dev.nsoha.scenarios.RunJournal;
import dev.nsoha.scenarios.UpgradeRun;
import dev.nsoha.scenarios.console.Output;
import dev.nsoha.scenarios.input.UsageException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** The two upgrades on a live cluster, shared by the upgrade commands and the example. */
final class Upgrades {
  private Upgrades() {}

  /** The journal's name for an NSO version upgrade's target: {@code NSO 6.5.1 at /opt/...}. */
  static String nsoTarget(Install target) {
    return nsoTarget(target, Optional.empty());
  }

  /**
   * The journal's name for an NSO version upgrade's target, what it really is on this machine: the
   * installer file that installs the release on each host, the container image the nodes are
   * swapped to, or the install directory the nodes start from.
   */
  static String nsoTarget(Install target, Optional<String> image) {
    if (image.isPresent()) {
      return "NSO " + target.version() + " in image " + image.get();
    }
    if (target.installer().isPresent()) {
      return "NSO "
          + target.version()
          + " from installer "
          + target.installer().get().toAbsolutePath().normalize();
    }
    return "NSO " + target.version() + " at " + target.ncsDir().toAbsolutePath().normalize();
  }

  /** The journal's name for a package upgrade's target: {@code dummy-1.1, inert-1.0}. */
  static String packagesTarget(List<PackageFile> files) {
    return files.stream().map(PackageFile::baseName).sorted().collect(Collectors.joining(", "));
  }

  /** The checks before an NSO version upgrade; run them with {@link Preflight#runExtra()}. */
  static Preflight preflightNso(ClusterRuntime rt, Install target, boolean allowDowngrade) {
    Preflight pf =
        new Preflight(rt)
            .cluster()
            .target(target, allowDowngrade)
            .hosts(new PreflightRequest(Optional.of(target), true));
    pf.runExtra();
    return pf;
  }

  /** The checks before a package upgrade. */
  static Preflight preflightPackages(ClusterRuntime rt, List<PackageFile> files) {
    Preflight pf =
        new Preflight(rt)
            .cluster()
            .packageFiles(files)
            .hosts(new PreflightRequest(Optional.empty(), true));
    pf.runExtra();
    return pf;
  }

  static Map<String, Object> installMap(Install i) {
    return installMap(i, Optional.empty());
  }

  /**
   * The journal's record of an install: {@code image}, {@code installer} (a release the hosts
   * install from that file; its directory exists on the hosts only) or {@code install} (a directory
   * on this machine), and {@code version}.
   */
  static Map<String, Object> installMap(Install i, Optional<String> image) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (image.isPresent()) {
      m.put("image", image.get());
    } else if (i.installer().isPresent()) {
      m.put("installer", i.installer().get().toAbsolutePath().normalize().toString());
    } else {
      m.put("install", i.ncsDir().toAbsolutePath().normalize().toString());
    }
    m.put("version", i.version().text());
    return m;
  }

  /** NSO version upgrade from {@code current} to {@code target}; returns the exit code. */
  static int nso(
      ClusterRuntime rt,
      Install current,
      Install target,
      StrategyOptions strategy,
      RunOptions run,
      Path runRoot,
      Output output,
      PrintWriter stdout,
      PrintWriter err) {
    return nso(rt, current, target, Optional.empty(), strategy, run, runRoot, output, stdout, err);
  }

  /**
   * NSO version upgrade from {@code current} to {@code target}, the nodes being swapped to {@code
   * image} when they run in containers; returns the exit code.
   */
  static int nso(
      ClusterRuntime rt,
      Install current,
      Install target,
      Optional<String> image,
      StrategyOptions strategy,
      RunOptions run,
      Path runRoot,
      Output output,
      PrintWriter stdout,
      PrintWriter err) {
    Plan plan = strategy.nsoPlan(rt.spec(), target);
    // Progress, not results: on a quiet run, or with the events on standard output, it stays out of
    // standard output.
    PrintWriter out = output.progress();
    UpgradeRun u = new UpgradeRun(rt, output, err, run.sinks(), stdout).waysOut(run.waysOut());
    Path journalFile = run.journalFile(Optional.of(runRoot));
    long preflightStart = System.nanoTime();
    // A node that the interrupted run this one continues stopped (its own upgrade step) may be
    // down.
    Optional<String> fp =
        u.preflight(
            RunJournal.stoppedByRun(
                journalFile, run.newRun(), plan.name(), nsoTarget(target, image), rt.spec()));
    for (NodeId id : rt.spec().ids()) {
      if (u.downAtStart().containsKey(id)) {
        continue;
      }
      NsoVersion v = rt.client(id).version();
      if (!v.sameRelease(current.version()) && !v.sameRelease(target.version())) {
        throw new UsageException(
            rt.spec().node(id).label()
                + " runs NSO "
                + v
                + ", but the upgrade is from "
                + current.version()
                + " to "
                + target.version()
                + "; pass the install it runs with -o. Nothing was changed.");
      }
    }
    u.report().put("from", current.toString());
    u.report().put("to", target.toString());
    RunJournal journal =
        RunJournal.open(
            journalFile,
            run.newRun(),
            plan.name(),
            nsoTarget(target, image),
            installMap(target, image),
            rt.spec(),
            rt.transport(),
            installMap(current),
            u.before(),
            fp,
            out);
    if (!journal.resumed()) {
      Preflight pf = preflightNso(rt, target, run.allowDowngrade());
      pf.print(plan.name() + " to NSO " + target.version(), out);
      if (!pf.go()) {
        return pf.exitCode();
      }
    }
    u.preflightTook(Duration.ofNanos(System.nanoTime() - preflightStart));
    return u.run(
        plan,
        journal,
        new UpgradeRun.Expectations(
            v -> NsoVersion.parse(v).sameRelease(target.version()),
            "every node on NSO " + target.version(),
            pkgs -> !pkgs.isEmpty() && pkgs.stream().allMatch(PackageStatus::isUp),
            "packages up"),
        run.settings());
  }

  /** Package upgrade to {@code files}; returns the exit code. */
  static int packages(
      ClusterRuntime rt,
      List<PackageFile> files,
      RunOptions run,
      Path runRoot,
      Output output,
      PrintWriter stdout,
      PrintWriter err) {
    return packages(rt, files, UnaryOperator.identity(), run, runRoot, output, stdout, err);
  }

  /**
   * Package upgrade to {@code files} (on this machine, which the checks read); {@code toPrimary}
   * gives, once the checks passed, the files as the primary's host sees them, which the plan
   * fetches.
   */
  static int packages(
      ClusterRuntime rt,
      List<PackageFile> files,
      UnaryOperator<List<PackageFile>> toPrimary,
      RunOptions run,
      Path runRoot,
      Output output,
      PrintWriter stdout,
      PrintWriter err) {
    // Progress, not results: on a quiet run, or with the events on standard output, it stays out of
    // standard output.
    PrintWriter out = output.progress();
    UpgradeRun u = new UpgradeRun(rt, output, err, run.sinks(), stdout).waysOut(run.waysOut());
    // No step of a package upgrade stops a node: any node that is down stops the run here.
    Optional<String> fp = Optional.of(u.preflight());
    NsoVersion running = rt.client(rt.spec().primary().id()).version();
    u.report().put("packages", files.stream().map(f -> f.file().toString()).toList());
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("packages", files.stream().map(f -> f.file().toString()).toList());
    RunJournal journal =
        RunJournal.open(
            run.journalFile(Optional.of(runRoot)),
            run.newRun(),
            PackageUpgrade.NAME,
            packagesTarget(files),
            detail,
            rt.spec(),
            rt.transport(),
            Map.of("version", running.text()),
            u.before(),
            fp,
            out);
    if (!journal.resumed()) {
      Preflight pf = preflightPackages(rt, files);
      pf.print(PackageUpgrade.NAME + " to " + packagesTarget(files), out);
      if (!pf.go()) {
        return pf.exitCode();
      }
    }
    List<PackageFile> onPrimary = toPrimary.apply(files);
    return u.run(
        rt.spec().raft().isPresent()
            ? RaftPackageUpgrade.plan(rt.spec(), onPrimary)
            : PackageUpgrade.plan(rt.spec(), onPrimary),
        journal,
        new UpgradeRun.Expectations(
            v -> NsoVersion.parse(v).sameRelease(running),
            "every node still on NSO " + running,
            pkgs ->
                pkgs.stream().allMatch(PackageStatus::isUp)
                    && files.stream()
                        .allMatch(
                            f ->
                                pkgs.stream()
                                    .anyMatch(
                                        p ->
                                            p.name().equals(f.packageName())
                                                && p.version().equals(f.version()))),
            "packages " + files + " up"),
        run.settings());
  }
}
