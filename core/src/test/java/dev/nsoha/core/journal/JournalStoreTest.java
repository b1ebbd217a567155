package dev.nsoha.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.ClusterSnapshot;
import dev.nsoha.core.plan.ClusterSnapshot.NodeSnapshot;
import dev.nsoha.core.spi.Backup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalStoreTest {
  @TempDir Path dir;

  private static final ClusterSpec CLUSTER =
      ClusterSpec.example("127.0.1.1", "127.0.2.1", "127.0.3.1");
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  private static Journal journal() {
    ClusterSnapshot before =
        new ClusterSnapshot(
            T0,
            Map.of(
                NodeId.of("n1"), NodeSnapshot.unreachable(NodeId.of("n1"), "Connection refused")));
    return Journal.start(
        "upgrade-nso",
        "NSO 6.5.1 at /opt/nso-6.5.1",
        Map.of("install", "/opt/nso-6.5.1", "version", "6.5.1"),
        CLUSTER,
        "cli",
        Map.of("install", "/opt/nso-6.4.4", "version", "6.4.4"),
        before,
        "ab".repeat(32),
        T0);
  }

  @Test
  void writesAPrivateFileInAPrivateDirectoryAndReadsItBack() throws IOException {
    JournalStore store = new JournalStore(dir.resolve("state/nso-ha-upgrade/journal.json"));
    Journal j = journal();
    j.addBackup(new Backup(NodeId.of("n1"), Path.of("/b/n1.tar.gz"), "11", T0), 1, 2);
    j.addBackup(new Backup(NodeId.of("n1"), Path.of("/b/n1-again.tar.gz"), "22", T0), 2, 2);
    int a = j.startAttempt("upgrade", "upgrade-nso", List.of("one", "two"), T0);
    j.step(a, 1).put("outcome", "done");
    store.save(j);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("state/nso-ha-upgrade"))))
        .isEqualTo("rwx------");
    assertThat(Files.list(store.file().getParent())).containsExactly(store.file());

    Journal back = store.load().orElseThrow();
    assertThat(back.plan()).isEqualTo("upgrade-nso");
    assertThat(back.state()).isEqualTo(Journal.State.RUNNING);
    assertThat(back.originalFingerprint()).isEqualTo("ab".repeat(32));
    assertThat(back.firstBackups().get(NodeId.of("n1")).file()).isEqualTo(Path.of("/b/n1.tar.gz"));
    assertThat(back.finishedSteps("upgrade")).containsExactly("one");
    assertThat(back.mismatch("upgrade-nso", "NSO 6.5.1 at /opt/nso-6.5.1", CLUSTER)).isEmpty();
    assertThat(back.mismatch("upgrade-pkgs-sys", "dummy-1.1", CLUSTER).orElseThrow())
        .contains("its plan is upgrade-nso, this run's is upgrade-pkgs-sys")
        .contains("its target is NSO 6.5.1");
    assertThat(
            back.mismatch(
                    "upgrade-nso",
                    "NSO 6.5.1 at /opt/nso-6.5.1",
                    ClusterSpec.example("127.0.1.1", "127.0.2.1", "127.0.9.1"))
                .orElseThrow())
        .contains("its cluster is");
  }

  @Test
  void noFileIsNoJournalAndGarbageIsRefused() throws IOException {
    JournalStore store = new JournalStore(dir.resolve("journal.json"));
    assertThat(store.load()).isEqualTo(Optional.empty());
    Files.writeString(store.file(), "{\"format\": 99}");
    assertThatThrownBy(store::load).hasMessageContaining("journal format 99");
    Files.writeString(store.file(), "{\"format\": 1, \"pl");
    assertThatThrownBy(store::load).hasMessageContaining("not JSON");
  }

  @Test
  void aSaveReplacesTheWholeFileAndArchiveMovesItAside() {
    JournalStore store = new JournalStore(dir.resolve("journal.json"));
    Journal j = journal();
    store.save(j);
    j.state(Journal.State.COMPLETED, T0.plusSeconds(5));
    store.save(j);
    assertThat(store.load().orElseThrow().state()).isEqualTo(Journal.State.COMPLETED);
    Path aside = store.archive(T0).orElseThrow();
    assertThat(aside.getFileName().toString()).isEqualTo("journal.json.20261127-100000-000");
    assertThat(store.load()).isEmpty();
  }

  @Test
  void theDefaultFileFollowsXdgStateHome() {
    Path home = Path.of("/home/op");
    assertThat(JournalStore.defaultFile(Map.of(), home))
        .isEqualTo(Path.of("/home/op/.local/state/nso-ha-upgrade/journal.json"));
    assertThat(JournalStore.defaultFile(Map.of("XDG_STATE_HOME", "/var/st"), home))
        .isEqualTo(Path.of("/var/st/nso-ha-upgrade/journal.json"));
    assertThat(JournalStore.defaultFile(Map.of("XDG_STATE_HOME", "relative"), home))
        .isEqualTo(Path.of("/home/op/.local/state/nso-ha-upgrade/journal.json"));
  }
}
