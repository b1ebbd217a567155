package dev.nsoha.scenarios;

import dev.nsoha.core.journal.Journal;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plans.NsoVersionUpgrade;
import dev.nsoha.core.plans.PackageFile;
import dev.nsoha.core.plans.PackageUpgrade;
import dev.nsoha.core.plans.RaftRollback;
import dev.nsoha.core.plans.RaftVersionUpgrade;
import dev.nsoha.core.plans.Rollback;
import dev.nsoha.core.spi.Backup;
import dev.nsoha.core.spi.Install;
import dev.nsoha.host.install.InstallHost;
import dev.nsoha.scenarios.input.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the rollback plan of the run a journal records; connects to nothing. */
public final class Rollbacks {
  private Rollbacks() {}

  /** The install the nodes ran before an NSO version upgrade, as the journal recorded it. */
  public static Install oldInstall(Journal j) {
    Map<String, Object> from = j.from();
    Object dir = from.get("install");
    Object version = from.get("version");
    if (!(dir instanceof String d) || !(version instanceof String v)) {
      throw new UsageException(
          "the journal records no install the nodes ran before (from: " + from + ")");
    }
    return new Install(Path.of(d), NsoVersion.parse(v));
  }

  /**
   * The rollback plan for {@code j} on {@code cluster}.
   *
   * @throws UsageException when the journal is of another cluster or a plan with no rollback
   */
  public static Plan plan(Journal j, ClusterSpec cluster) {
    if (!j.cluster().equals(Journal.clusterKey(cluster))) {
      throw new UsageException(
          "the journal's cluster is "
              + j.cluster()
              + ", this command's is "
              + Journal.clusterKey(cluster)
              + "; give the same cluster options as the run. Nothing was changed.");
    }
    Set<String> doneBefore = new LinkedHashSet<>(j.finishedSteps("rollback"));
    if (j.plan().equals(RaftVersionUpgrade.NAME)) {
      if (cluster.raft().isEmpty()) {
        throw new UsageException(
            "the journal records an HA Raft upgrade; give --ha raft with the same cluster options"
                + " as the run. Nothing was changed.");
      }
      boolean stopped =
          j.stepsThatRan("upgrade").stream()
              .anyMatch(s -> RaftVersionUpgrade.changesNode(s.getKey()));
      Map<NodeId, Backup> backups = j.firstBackups();
      if (stopped && !backups.keySet().containsAll(cluster.ids())) {
        throw new UsageException(
            "the journal records stopped members but backups of "
                + backups.keySet()
                + " only; cannot restore every member");
      }
      return RaftRollback.plan(cluster, oldInstall(j), backups, stopped);
    }
    if (cluster.raft().isPresent()) {
      throw new UsageException(
          "the journal records plan "
              + j.plan()
              + " of a rule-based HA cluster, but --ha raft was given; give the same cluster"
              + " options as the run. Nothing was changed.");
    }
    if (j.plan().equals(NsoVersionUpgrade.NAME)) {
      Map<NodeId, Backup> backups = j.firstBackups();
      Map<NodeId, Backup> touched = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> s : j.stepsThatRan("upgrade")) {
        if (!NsoVersionUpgrade.changesNode(s.getKey())) {
          continue;
        }
        for (String n : s.getValue()) {
          NodeId id = NodeId.of(n);
          Backup b = backups.get(id);
          if (b == null) {
            throw new UsageException(
                "the journal records a change to " + n + " but no backup of it; cannot restore it");
          }
          touched.put(id, b);
        }
      }
      return Rollback.nso(cluster, oldInstall(j), touched, doneBefore);
    }
    if (j.plan().equals(PackageUpgrade.NAME)) {
      Object files = j.targetDetail().get("packages");
      if (!(files instanceof List<?> l)) {
        throw new UsageException("the journal records no package files");
      }
      List<PackageFile> pf =
          l.stream().map(o -> PackageFile.of(Path.of(String.valueOf(o)))).toList();
      return Rollback.packages(cluster, j.packagesBefore(cluster.primary().id()), pf);
    }
    throw new UsageException("the journal records plan " + j.plan() + ", which has no rollback");
  }

  /**
   * What is wrong with the backups a rollback of {@code j} would restore: for an NSO version
   * upgrade, every node's first backup must be there with the SHA-256 the journal recorded when it
   * was taken. Each problem names the file. Empty when every backup can be trusted, and for a
   * package upgrade, whose rollback restores no backup.
   */
  public static List<String> backupProblems(Journal j) {
    List<String> out = new ArrayList<>();
    if (!j.plan().equals(NsoVersionUpgrade.NAME) && !j.plan().equals(RaftVersionUpgrade.NAME)) {
      return out;
    }
    for (Backup b : j.firstBackups().values()) {
      Path f = b.file();
      if (!Files.isRegularFile(f)) {
        out.add(f + " (the backup of " + b.node() + ") is missing");
        continue;
      }
      String actual;
      try {
        actual = InstallHost.sha256(f);
      } catch (IOException e) {
        out.add(f + " (the backup of " + b.node() + ") cannot be read: " + e.getMessage());
        continue;
      }
      if (!actual.equalsIgnoreCase(b.sha256())) {
        out.add(
            f
                + " (the backup of "
                + b.node()
                + ") has sha256 "
                + actual
                + ", but the journal recorded "
                + b.sha256()
                + " when it was taken: it was changed or truncated since");
      }
    }
    return out;
  }
}
