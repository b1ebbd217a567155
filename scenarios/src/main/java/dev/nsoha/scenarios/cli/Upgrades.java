package dev.nsoha.scenarios.cli;

import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plans.PackageFile;
import dev.nsoha.core.plans.PackageUpgrade;
import dev.nsoha.core.spi.Install;
import dev.nsoha.scenarios.ClusterRuntime;
import dev.nsoha.scenarios.UpgradeRun;
import dev.nsoha.scenarios.console.Output;
import java.io.PrintWriter;
import java.util.List;

/** The two upgrades on a live cluster, shared by the upgrade commands and the example. */
final class Upgrades {
  private Upgrades() {}

  /** NSO version upgrade from {@code current} to {@code target}; returns the exit code. */
  static int nso(
      ClusterRuntime rt,
      Install current,
      Install target,
      StrategyOptions strategy,
      RunOptions run,
      Output output,
      PrintWriter stdout,
      PrintWriter err) {
    Plan plan = strategy.nsoPlan(rt.spec(), target);
    UpgradeRun u = new UpgradeRun(rt, output, err, run.sinks(), stdout);
    String fp = u.preflight();
    for (NodeId id : rt.spec().ids()) {
      NsoVersion v = rt.client(id).version();
      if (!v.sameRelease(current.version()) && !v.sameRelease(target.version())) {
        throw new IllegalArgumentException(
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
    return u.run(
        plan,
        fp,
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
      Output output,
      PrintWriter stdout,
      PrintWriter err) {
    UpgradeRun u = new UpgradeRun(rt, output, err, run.sinks(), stdout);
    String fp = u.preflight();
    NsoVersion running = rt.client(rt.spec().primary().id()).version();
    u.report().put("packages", files.stream().map(f -> f.file().toString()).toList());
    return u.run(
        PackageUpgrade.plan(rt.spec(), files),
        fp,
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
