package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.journal.Journal;
import dev.nsoha.core.journal.JournalStore;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.ClusterSnapshot;
import dev.nsoha.core.spi.Backup;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups a rollback can trust: a backup changed or truncated after the run took it is refused
 * before any node is touched (exit 3, the file named), and the untouched backup is accepted; a
 * backup that cannot be written (a full disk: a small tmpfs over the backup directory) stops the
 * upgrade at its backup step, before any node's data, install or HA role changes.
 */
class BackupTrustIT {
  @TempDir Path dir;

  private ProgramRun.Outcome last;

  private int run(ExampleCluster cluster, String... args) {
    last = ProgramRun.on(cluster, dir.resolve("run"), args);
    return last.code();
  }

  private static Map<NodeId, NodeClient> clients(ExampleCluster cluster) {
    Map<NodeId, NodeClient> clients = new LinkedHashMap<>();
    for (ClusterSpec.NodeSpec n : ClusterSpec.example(cluster.a, cluster.b, cluster.c).nodes()) {
      clients.put(
          n.id(),
          Transports.create()
              .factory("restconf")
              .create(NodeEndpoint.example(n.id(), n.address())));
    }
    return clients;
  }

  /** Every node's version, HA state and configuration, read by the test itself. */
  private static Map<NodeId, String> state(Map<NodeId, NodeClient> clients) {
    Map<NodeId, String> out = new LinkedHashMap<>();
    clients.forEach(
        (id, c) -> {
          ClusterSnapshot.NodeSnapshot n = ClusterSnapshot.observeNode(id, c, true);
          out.put(id, n.summary() + " " + n.packagesSummary() + " " + n.configFingerprint());
        });
    return out;
  }

  @Test
  void aChangedOrTruncatedBackupIsRefusedBeforeAnyNodeIsTouched() throws IOException {
    ExampleCluster cluster = new ExampleCluster();
    Path runRoot = dir.resolve("run");
    Map<NodeId, NodeClient> clients = Map.of();
    try {
      assertThat(run(cluster, "example", "upgrade-nso", "--transport", "cli", "--setup-only"))
          .as("%s", last)
          .isZero();
      System.setProperty(UpgradeRun.STOP_AFTER_STEP, "6");
      try {
        assertThat(run(cluster, "upgrade-nso", "--transport", "cli"))
            .as("%s", last)
            .isEqualTo(ExitCodes.FAILED);
      } finally {
        System.clearProperty(UpgradeRun.STOP_AFTER_STEP);
      }
      JournalStore store = new JournalStore(runRoot.resolve("journal.json"));
      Journal j = store.load().orElseThrow();
      Backup n1 = j.firstBackups().get(NodeId.of("n1"));
      Backup n3 = j.firstBackups().get(NodeId.of("n3"));
      Path keep = dir.resolve("kept.tar.gz");
      Files.copy(n1.file(), keep);
      clients = clients(cluster);
      Map<NodeId, String> before = state(clients);
      int attempts = j.attempts().size();

      // Truncated: n1's backup loses its last bytes.
      try (FileChannel ch = FileChannel.open(n1.file(), StandardOpenOption.WRITE)) {
        ch.truncate(ch.size() - 10);
      }
      assertThat(run(cluster, "rollback", "--transport", "cli")).as("%s", last).isEqualTo(3);
      assertThat(last.err())
          .contains(n1.file().toString())
          .contains("changed or truncated")
          .contains("nothing was changed");
      assertThat(state(clients)).as("no node was touched").isEqualTo(before);
      Journal after = store.load().orElseThrow();
      assertThat(after.attempts()).hasSize(attempts);
      assertThat(after.state()).isEqualTo(Journal.State.FAILED);

      // Changed: one byte of n3's backup (a node the rollback does not even restore).
      Files.copy(keep, n1.file(), StandardCopyOption.REPLACE_EXISTING);
      byte[] b = Files.readAllBytes(n3.file());
      Path n3Copy = dir.resolve("n3.tar.gz");
      Files.write(n3Copy, b);
      b[b.length / 2] ^= 0x20;
      Files.write(n3.file(), b);
      assertThat(run(cluster, "rollback", "--transport", "cli")).as("%s", last).isEqualTo(3);
      assertThat(last.err()).contains(n3.file().toString()).doesNotContain(n1.file().toString());
      assertThat(state(clients)).as("no node was touched").isEqualTo(before);

      // The backups as taken: the rollback goes ahead and restores the cluster.
      Files.copy(n3Copy, n3.file(), StandardCopyOption.REPLACE_EXISTING);
      assertThat(run(cluster, "rollback", "--transport", "cli")).as("%s", last).isZero();
      assertThat(store.load().orElseThrow().state()).isEqualTo(Journal.State.ROLLED_BACK);
    } finally {
      clients.values().forEach(NodeClient::close);
      cluster.stop();
      ExampleCluster.remove(runRoot);
    }
  }

  @Test
  void aBackupThatCannotBeWrittenStopsTheRunBeforeAnyNodeChanges()
      throws IOException, InterruptedException {
    ExampleCluster cluster = new ExampleCluster();
    Path runRoot = dir.resolve("run");
    Path backups = runRoot.resolve("backups");
    Map<NodeId, NodeClient> clients = Map.of();
    boolean mounted = false;
    try {
      assertThat(run(cluster, "example", "upgrade-nso", "--transport", "cli", "--setup-only"))
          .as("%s", last)
          .isZero();
      Files.createDirectories(backups);
      String uid = Long.toString((Integer) Files.getAttribute(backups, "unix:uid"));
      String gid = Long.toString((Integer) Files.getAttribute(backups, "unix:gid"));
      sudo(
          "mount",
          "-t",
          "tmpfs",
          "-o",
          "size=" + roomForOneBackup(runRoot) + ",mode=0700,uid=" + uid + ",gid=" + gid,
          "verify-backups-full",
          backups.toString());
      mounted = true;
      clients = clients(cluster);
      Map<NodeId, String> before = state(clients);

      assertThat(run(cluster, "upgrade-nso", "--transport", "cli"))
          .as("%s", last)
          .isEqualTo(ExitCodes.FAILED);
      assertThat(last.err()).as("%s", last).contains("Create a backup of node").contains("back up");
      Journal j = new JournalStore(runRoot.resolve("journal.json")).load().orElseThrow();
      List<?> steps = (List<?>) j.attempts().get(0).get("steps");
      int backupStep = -1;
      for (int i = 0; i < steps.size(); i++) {
        Map<?, ?> s = (Map<?, ?>) steps.get(i);
        if (String.valueOf(s.get("title")).startsWith("Create a backup")) {
          backupStep = i;
          assertThat(s.get("outcome")).isEqualTo("failed");
        } else if (backupStep >= 0) {
          assertThat(s.get("outcome")).as("step %s", s.get("title")).isEqualTo("not run");
        }
      }
      assertThat(backupStep).isPositive();
      assertThat(j.firstBackups()).isEmpty();
      // No node's version, packages, HA role or configuration changed; the only change before
      // the backup is read-only mode on the primary and the failover-primary (step 1), which the
      // failure reports.
      Map<NodeId, String> now = state(clients);
      before.forEach(
          (id, s) ->
              assertThat(now.get(id).replace(" ro ", " rw "))
                  .as("%s", id)
                  .isEqualTo(s.replace(" ro ", " rw ")));
    } finally {
      clients.values().forEach(NodeClient::close);
      if (mounted) {
        sudo("umount", backups.toString());
      }
      cluster.stop();
      ExampleCluster.remove(runRoot);
    }
  }

  /**
   * Just over what preflight asks for one node (the size of its run directory), so that preflight
   * says go, but less than the backups of the three nodes need together.
   */
  private static long roomForOneBackup(Path runRoot) throws IOException {
    long need = 0;
    for (int k = 1; k <= 3; k++) {
      try (var files = Files.walk(runRoot.resolve("nso-node" + k))) {
        need =
            Math.max(
                need,
                files
                    .filter(Files::isRegularFile)
                    .mapToLong(
                        f -> {
                          try {
                            return Files.size(f);
                          } catch (IOException e) {
                            return 0;
                          }
                        })
                    .sum());
      }
    }
    return (need / 4096 + 4) * 4096;
  }

  private static void sudo(String... cmd) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("sudo", "-n"));
    all.addAll(List.of(cmd));
    Process p = new ProcessBuilder(all).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as("%s: %s", all, out).isZero();
  }
}
