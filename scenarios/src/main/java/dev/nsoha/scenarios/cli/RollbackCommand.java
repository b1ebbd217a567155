package dev.nsoha.scenarios.cli;

import dev.nsoha.core.journal.Journal;
import dev.nsoha.core.journal.JournalStore;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.plan.ClusterSnapshot;
import dev.nsoha.core.plan.ClusterSnapshot.NodeSnapshot;
import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plans.Rollback;
import dev.nsoha.core.spi.Install;
import dev.nsoha.scenarios.ClusterRuntime;
import dev.nsoha.scenarios.ExitCodes;
import dev.nsoha.scenarios.OriginalConfig;
import dev.nsoha.scenarios.Rollbacks;
import dev.nsoha.scenarios.RunJournal;
import dev.nsoha.scenarios.UpgradeRun;
import dev.nsoha.scenarios.input.UsageException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Returns a partly or fully upgraded cluster to where the journal says it was. */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Undo the upgrade the run journal records, from wherever it stopped: for an NSO version"
          + " upgrade every node it rebuilt or upgraded is restored from its backup and started on"
          + " the old install, and HA comes back in the nominal roles; for a package upgrade the"
          + " previous package versions come back on every node through the primary.",
      "It ends with the same verification as an upgrade, against the configuration fingerprint"
          + " taken before the run, and resumes when run again.",
      "Give the cluster options of the run: nodes on their own hosts (node.<id>.host=ssh) are"
          + " restored with ncs-backup --restore over SSH and started on the old release through"
          + " their service manager; containers are recreated from the old image."
    },
    footer = {
      "",
      "Examples:",
      "  nso-ha-upgrade plan rollback --run-root nso-run",
      "  nso-ha-upgrade rollback --run-root nso-run",
      "  nso-ha-upgrade rollback --cluster-file hosts.properties --run-root nso-run"
    })
public final class RollbackCommand extends UpgradeCommandBase {
  @Option(
      names = "--discard-changes",
      description =
          "Roll back even though a node's configuration differs from before the run; the changes"
              + " made since are lost (default: refuse).")
  boolean discardChanges;

  @Override
  public Integer call() {
    placeRunFiles();
    Path file = run.journalFile(Optional.of(nodes.runRoot));
    JournalStore store = new JournalStore(file);
    Journal j =
        store
            .load()
            .orElseThrow(
                () -> new UsageException("no journal at " + file + ": nothing to roll back"));
    Plan plan = Rollbacks.plan(j, cluster.spec());
    // Before any node is touched: a backup that is not the one taken is refused.
    List<String> badBackups = Rollbacks.backupProblems(j);
    if (!badBackups.isEmpty()) {
      PrintWriter err = err();
      err.println("nso-ha-upgrade: the rollback would restore a backup that cannot be trusted:");
      badBackups.forEach(b -> err.println("  - " + b));
      err.println(
          "nso-ha-upgrade: nothing was changed. Put the backup taken by the run back in its place"
              + " (the journal "
              + file
              + " names it with its sha256), or undo the upgrade by other means.");
      err.flush();
      return ExitCodes.UNREACHABLE;
    }
    return Deployment.run(
        this,
        d -> {
          Deployment.RollbackHosts back = d.rollbackHosts(j);
          try (ClusterRuntime rt = d.runtime(back.hosts())) {
            d.preflight(back.hosts(), Optional.empty(), true, out());
            return rollback(rt, j, store, plan, back.old());
          }
        });
  }

  /**
   * Runs {@code plan} on {@code rt} once the configuration is known not to have changed since the
   * run (or {@code --discard-changes}); returns the exit code.
   *
   * @param old for an NSO version upgrade, the install the nodes ran before
   */
  int rollback(ClusterRuntime rt, Journal j, JournalStore store, Plan plan, Optional<Install> old) {
    PrintWriter out = out();
    PrintWriter err = err();
    ClusterSnapshot now = ClusterSnapshot.observe(rt, true);
    // A node that cannot be read is accepted only when the journal says the run stopped it (its
    // upgrade step, or an earlier rollback's stop or restore): the rollback restores it and
    // starts it. Any other node that is down stops the rollback before it changes anything.
    Map<NodeId, Journal.StoppedBy> stopped = j.nodesStoppedByRun();
    for (NodeSnapshot n : now.nodes().values()) {
      if (n.version().isPresent()) {
        continue;
      }
      String label = rt.spec().node(n.node()).label();
      String why = n.error().orElse("not readable");
      Journal.StoppedBy by = stopped.get(n.node());
      if (by == null) {
        err.println(
            "nso-ha-upgrade: "
                + label
                + " cannot be read ("
                + why
                + "), and the journal does not say that the run stopped it: start it (or fix"
                + " its address or credentials), then run the rollback again.");
        err.println("nso-ha-upgrade: nothing was changed.");
        err.flush();
        return ExitCodes.UNREACHABLE;
      }
      out.println(label + " is down; " + by.describe() + "; the rollback starts it again");
      out.flush();
    }
    List<String> changed = new ArrayList<>();
    for (NodeSnapshot n : now.nodes().values()) {
      n.configFingerprint()
          .filter(fp -> !fp.equals(j.originalFingerprint()))
          .ifPresent(fp -> changed.add(n.node().value()));
    }
    if (!changed.isEmpty() && !discardChanges) {
      err.println(
          "nso-ha-upgrade: the configuration of "
              + String.join(", ", changed)
              + " differs from before the run (fingerprint "
              + j.originalFingerprint().substring(0, 12)
              + "): it was changed after the upgrade, and restoring would lose that. Give"
              + " --discard-changes to roll back anyway. Nothing was changed.");
      for (String id : changed) {
        OriginalConfig.problems(j, store, rt.client(NodeId.of(id)))
            .ifPresent(
                ps -> {
                  if (ps.isEmpty()) {
                    err.println(
                        "  "
                            + id
                            + ": holds everything it held before the run, and more (writes"
                            + " accepted since), which the rollback would lose");
                  }
                  ps.forEach(x -> err.println("  " + id + ": " + x));
                });
      }
      err.flush();
      return ExitCodes.NOT_READY;
    }
    UpgradeRun u = new UpgradeRun(rt, out, err, run.report(), run.verbose()).waysOut(run.waysOut());
    u.report().put("rollbackOf", j.plan() + " to " + j.target());
    u.report().put("before", now.toMap());
    UpgradeRun.Expectations expect;
    if (old.isPresent()) {
      NsoVersion v = old.get().version();
      expect =
          new UpgradeRun.Expectations(
              x -> NsoVersion.parse(x).sameRelease(v),
              "every node back on NSO " + v,
              pkgs -> !pkgs.isEmpty() && pkgs.stream().allMatch(PackageStatus::isUp),
              "packages up");
    } else {
      NodeId p = rt.spec().primary().id();
      TreeSet<String> wanted = new TreeSet<>(j.packagesBefore(p));
      expect =
          new UpgradeRun.Expectations(
              x -> true,
              "every node on its NSO version",
              pkgs -> Rollback.runsExactly(pkgs, wanted),
              "packages " + wanted + " up");
    }
    int code = u.run(plan, RunJournal.existing(j, store), "rollback", expect, run.settings());
    StatusCommand.printAll(rt, out);
    return code;
  }
}
