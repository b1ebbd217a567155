package dev.nsoha.host.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.spi.Backup;
import dev.nsoha.core.spi.Install;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LocalInstallHost against a stand-in NSO install whose {@code bin/ncs} is a shell script that
 * records how it was called (arguments and the IPC environment), so the test sees the real
 * processes and their environment.
 */
class LocalInstallHostTest {
  @TempDir Path tmp;

  private Path calls;
  private Install oldInstall;
  private Install newInstall;
  private Path runDir;

  private Install fakeInstall(String version) throws IOException {
    Path dir = tmp.resolve("nso-" + version);
    Files.createDirectories(dir.resolve("bin"));
    Path ncs = dir.resolve("bin/ncs");
    Files.writeString(
        ncs,
        String.join(
            "\n",
            "#!/usr/bin/env bash",
            "echo \""
                + version
                + " $* ipc=$NCS_IPC_ADDR:$NCS_IPC_PORT ncs_dir=$NCS_DIR\" >> "
                + calls,
            "case \"$1\" in",
            "  --version) echo " + version + " ;;",
            "  --stop) [ -f "
                + tmp.resolve("running")
                + " ] || { echo 'connection refused (stop)'; exit 1; }; rm -f "
                + tmp.resolve("running")
                + " ;;",
            "  --status) [ -f "
                + tmp.resolve("running")
                + " ] || { echo 'connection refused (status)'; exit 1; }; echo 'status: started' ;;",
            "  --wait-started) [ -f " + tmp.resolve("running") + " ] ;;",
            "  *) touch " + tmp.resolve("running") + " ;;",
            "esac",
            ""));
    Files.setPosixFilePermissions(ncs, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new Install(dir, NsoVersion.parse(version));
  }

  @BeforeEach
  void setUp() throws IOException {
    calls = tmp.resolve("calls.txt");
    oldInstall = fakeInstall("6.4.4");
    newInstall = fakeInstall("6.5.1");
    runDir = tmp.resolve("run/nso-node1");
    Files.createDirectories(runDir.resolve("packages"));
    Files.writeString(runDir.resolve("ncs.conf"), "<ncs-config/>\n");
  }

  private LocalInstallHost host() {
    return new LocalInstallHost(
        new LocalInstallHost.Layout(
            NodeId.of("n1"), runDir, "127.0.0.1", 4561, tmp.resolve("backups"), Map.of()),
        oldInstall,
        Duration.ofSeconds(30));
  }

  @Test
  void probeReadsTheVersionFromNcs() {
    assertThat(LocalInstallHost.probe(newInstall.ncsDir(), Duration.ofSeconds(10)).version().text())
        .isEqualTo("6.5.1");
  }

  @Test
  void probeOfADirectoryWithoutNcsSaysSo() {
    assertThatThrownBy(() -> LocalInstallHost.probe(tmp.resolve("nowhere"), Duration.ofSeconds(10)))
        .isInstanceOf(HostException.class)
        .hasMessageContaining("no executable")
        .hasMessageContaining("NCS_DIR");
  }

  @Test
  void stopAndStartUseTheNodesIpcPortAndTheNewInstall() throws IOException {
    LocalInstallHost h = host();
    h.start(oldInstall, false);
    assertThat(h.isRunning()).isTrue();
    h.stop();
    assertThat(h.isRunning()).isFalse();
    h.stop(); // stopping a stopped node is not an error
    h.start(newInstall, true);

    assertThat(h.installedVersion().text()).isEqualTo("6.5.1");
    List<String> lines = Files.readAllLines(calls);
    assertThat(lines)
        .contains(
            "6.4.4 --stop ipc=127.0.0.1:4561 ncs_dir=" + oldInstall.ncsDir(),
            "6.5.1 --cd "
                + runDir
                + " -c "
                + runDir.resolve("ncs.conf")
                + " --with-package-reload ipc=127.0.0.1:4561 ncs_dir="
                + newInstall.ncsDir());
  }

  @Test
  void rebuildUnpacksArchivesAndRunsMakeWithTheNewInstall() throws IOException {
    Path src = tmp.resolve("build/dummy-1.0/src");
    Files.createDirectories(src);
    Files.writeString(
        src.resolve("Makefile"),
        "all:\n\techo \"built with $$NCS_DIR\" > ../built.txt\nclean:\n\trm -f ../built.txt\n");
    ProcessRunner.Result tar =
        ProcessRunner.run(
            "t",
            "tar",
            List.of(
                "tar",
                "-czf",
                runDir.resolve("packages/dummy-1.0.tar.gz").toString(),
                "-C",
                tmp.resolve("build").toString(),
                "dummy-1.0"),
            tmp,
            Map.of(),
            Duration.ofSeconds(10));
    assertThat(tar.ok()).isTrue();

    host().rebuildPackages(newInstall);

    assertThat(runDir.resolve("packages/dummy-1.0.tar.gz")).doesNotExist();
    assertThat(Files.readString(runDir.resolve("packages/dummy-1.0/built.txt")).strip())
        .isEqualTo("built with " + newInstall.ncsDir());
  }

  @Test
  void stagingBuildsBesideThePackagesAndSwapsThemInOnlyWhenAsked() throws IOException {
    Path src = tmp.resolve("build/dummy-1.0/src");
    Files.createDirectories(src);
    Files.writeString(
        src.resolve("Makefile"),
        "all:\n\techo \"built with $$NCS_DIR\" > ../built.txt\nclean:\n\trm -f ../built.txt\n");
    Path archive = tmp.resolve("dummy-1.0.tar.gz");
    assertThat(
            ProcessRunner.run(
                    "t",
                    "tar",
                    List.of(
                        "tar",
                        "-czf",
                        archive.toString(),
                        "-C",
                        tmp.resolve("build").toString(),
                        "dummy-1.0"),
                    tmp,
                    Map.of(),
                    Duration.ofSeconds(10))
                .ok())
        .isTrue();
    // As in the example: the node's packages/ holds a link to a shared archive.
    Files.createSymbolicLink(runDir.resolve("packages/dummy-1.0.tar.gz"), archive);
    LocalInstallHost h = host();

    assertThat(h.useStagedPackages()).as("nothing staged yet").isFalse();
    assertThat(h.stagePackages(newInstall)).isTrue();
    assertThat(runDir.resolve("packages/dummy-1.0.tar.gz")).exists();
    assertThat(runDir.resolve("packages/dummy-1.0")).doesNotExist();
    assertThat(Files.readString(runDir.resolve("packages.staged/dummy-1.0/built.txt")).strip())
        .isEqualTo("built with " + newInstall.ncsDir());
    assertThat(archive).exists();

    assertThat(h.useStagedPackages()).isTrue();
    assertThat(Files.readString(runDir.resolve("packages/dummy-1.0/built.txt")).strip())
        .isEqualTo("built with " + newInstall.ncsDir());
    assertThat(runDir.resolve("packages.before-upgrade/dummy-1.0.tar.gz")).exists();
    assertThat(runDir.resolve("packages.staged")).doesNotExist();
    assertThat(h.useStagedPackages()).as("already used").isFalse();
  }

  @Test
  void stagingAPackageThatDoesNotBuildLeavesThePackagesAlone() throws IOException {
    Path src = runDir.resolve("packages/broken/src");
    Files.createDirectories(src);
    Files.writeString(
        src.resolve("Makefile"),
        "all:\n\t@echo 'dummy.yang:12: error: syntax error'; exit 1\nclean:\n\t@true\n");
    assertThatThrownBy(() -> host().stagePackages(newInstall))
        .isInstanceOf(HostException.class)
        .hasMessageContaining("dummy.yang:12: error: syntax error");
    assertThat(runDir.resolve("packages/broken/src/Makefile")).exists();
  }

  @Test
  void aFailingMakeIsReportedWithItsOutput() throws IOException {
    Path src = runDir.resolve("packages/broken/src");
    Files.createDirectories(src);
    Files.writeString(
        src.resolve("Makefile"),
        "all:\n\t@echo 'dummy.yang:12: error: syntax error'; exit 1\nclean:\n\t@true\n");
    assertThatThrownBy(() -> host().rebuildPackages(newInstall))
        .isInstanceOf(HostException.class)
        .hasMessageContaining("n1")
        .hasMessageContaining("dummy.yang:12: error: syntax error");
  }

  @Test
  void backupIsATarOfTheRunDirectoryWithItsChecksum() throws IOException {
    Files.writeString(runDir.resolve("ncs-cdb.data"), "config");
    Backup b = host().backup();
    assertThat(b.file())
        .exists()
        .hasFileName(b.file().getFileName().toString())
        .startsWith(tmp.resolve("backups"));
    assertThat(b.sha256()).hasSize(64).isEqualTo(LocalInstallHost.sha256(b.file()));
    ProcessRunner.Result list =
        ProcessRunner.run(
            "t",
            "list",
            List.of("tar", "-tzf", b.file().toString()),
            tmp,
            Map.of(),
            Duration.ofSeconds(10));
    assertThat(list.output()).contains("nso-node1/ncs.conf", "nso-node1/ncs-cdb.data");
  }

  /**
   * A node that takes writes while it is backed up: a writer commits every 50 ms (the write probe's
   * pace), each commit replacing two database files by atomic rename ({@code A} then {@code B},
   * both with the commit's number and 64 KiB of data, as the simulator persists its datastore).
   * Archiving the live directory may fail then ("file changed as we read it") or mix two commits;
   * the backup must succeed, and hold what the directory held at one instant: {@code A} is {@code
   * B} or one commit ahead of it, never behind.
   */
  @Test
  void backupOfANodeTakingWritesIsConsistent() throws Exception {
    Path cdb = Files.createDirectories(runDir.resolve("ncs-cdb"));
    String padding = "x".repeat(64 * 1024);
    AtomicLong commits = new AtomicLong();
    ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
    writer.scheduleAtFixedRate(
        () -> {
          long n = commits.incrementAndGet();
          for (String f : List.of("A", "B")) {
            try {
              Path t = cdb.resolve(f + ".tmp");
              Files.writeString(t, n + "\n" + padding);
              Files.move(t, cdb.resolve(f), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        },
        0,
        50,
        TimeUnit.MILLISECONDS);
    List<Backup> backups = new ArrayList<>();
    long first;
    long last;
    try {
      LocalInstallHost h = host();
      first = commits.get();
      // at least 5 backups, taken while the writer commits at least 10 times
      while ((backups.size() < 5 || commits.get() - first < 10) && backups.size() < 200) {
        backups.add(h.backup());
      }
      last = commits.get();
    } finally {
      writer.shutdownNow();
      assertThat(writer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(last - first)
        .as("the writer committed through the backups")
        .isGreaterThanOrEqualTo(10);
    for (Backup b : backups) {
      Path out = Files.createTempDirectory(tmp, "unpacked");
      ProcessRunner.Result x =
          ProcessRunner.run(
              "t",
              "unpack",
              List.of("tar", "-xzf", b.file().toString(), "-C", out.toString()),
              tmp,
              Map.of(),
              Duration.ofSeconds(10));
      assertThat(x.ok()).as(x.output()).isTrue();
      long a = Long.parseLong(Files.readAllLines(out.resolve("nso-node1/ncs-cdb/A")).get(0));
      long bb = Long.parseLong(Files.readAllLines(out.resolve("nso-node1/ncs-cdb/B")).get(0));
      assertThat(a).as("%s: A is B or one commit ahead", b.file()).isBetween(bb, bb + 1);
      assertThat(Files.readString(out.resolve("nso-node1/ncs-cdb/A"))).endsWith(padding);
      assertThat(b.sha256()).isEqualTo(LocalInstallHost.sha256(b.file()));
    }
    try (Stream<Path> left = Files.list(tmp.resolve("backups"))) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("no partial copy is left beside the backups")
          .allMatch(n -> n.endsWith(".tar.gz"))
          .hasSize(backups.size());
    }
  }

  @Test
  void restorePutsTheBackedUpRunDirectoryBackAndRefusesAWrongChecksum() throws IOException {
    LocalInstallHost h = host();
    Files.writeString(runDir.resolve("cdb.txt"), "before");
    Files.createDirectories(runDir.resolve("logs"));
    Files.writeString(runDir.resolve("logs/ncs.log"), "kept log");
    Backup b = h.backup();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(b.file())))
        .as("a backup holds the whole database: private")
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(b.file().getParent())))
        .isEqualTo("rwx------");
    Files.writeString(runDir.resolve("cdb.txt"), "converted by a newer release");
    Files.writeString(runDir.resolve("extra.txt"), "new file");

    h.restore(b);

    assertThat(runDir.resolve("cdb.txt")).hasContent("before");
    assertThat(runDir.resolve("extra.txt")).doesNotExist();
    assertThat(runDir.resolve("logs/ncs.log")).hasContent("kept log");
    assertThat(runDir.resolveSibling("nso-node1.old")).doesNotExist();

    Backup tampered = new Backup(b.node(), b.file(), "0".repeat(64), b.taken());
    assertThatThrownBy(() -> h.restore(tampered))
        .isInstanceOf(HostException.class)
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void restoreRefusesARunningNode() {
    LocalInstallHost h = host();
    Backup b = h.backup();
    h.start(oldInstall, false);
    assertThatThrownBy(() -> h.restore(b))
        .isInstanceOf(HostException.class)
        .hasMessageContaining("stop it first");
  }
}
