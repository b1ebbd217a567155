package dev.nsoha.scenarios;

import static java.nio.file.StandardCopyOption.COPY_ATTRIBUTES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.host.install.ProcessRunner;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each preflight refusal on one simulated cluster, from the cheapest to the ones that leave the
 * cluster changed: no room for the backups, a downgrade (and that --allow-downgrade lets it go),
 * bad package files, a target that is not newer, a package that does not build with the target (as
 * the upgrade's own preflight, which then changes nothing), a secondary out of HA (with the HA
 * alarm it raises on the primary), nodes on different versions, and a node that is down.
 */
class PreflightIT {
  @TempDir Path dir;

  private ProgramRun.Outcome last;

  private int run(ExampleCluster cluster, String... args) {
    last = ProgramRun.on(cluster, dir.resolve("run"), args);
    return last.code();
  }

  /** A package archive {@code fileName} holding package {@code name} {@code version}. */
  private Path archive(String fileName, String name, String version, String fxsNcsVersion)
      throws IOException {
    return archive(fileName, name, version, fxsNcsVersion, "6.4");
  }

  /** The same, with {@code minVersion} as the package's {@code ncs-min-version}. */
  private Path archive(
      String fileName, String name, String version, String fxsNcsVersion, String minVersion)
      throws IOException {
    Path work = Files.createTempDirectory(dir, "pkg");
    Path pkg = Files.createDirectories(work.resolve(name + "-" + version + "/load-dir"));
    Files.writeString(
        pkg.getParent().resolve("package-meta-data.xml"),
        "<ncs-package xmlns=\"http://tail-f.com/ns/ncs-packages\">\n  <name>"
            + name
            + "</name>\n  <package-version>"
            + version
            + "</package-version>\n  <ncs-min-version>"
            + minVersion
            + "</ncs-min-version>\n</ncs-package>\n");
    Files.writeString(
        pkg.resolve(name + ".fxs"),
        "#nso-sim-fxs 1\nncs-version: " + fxsNcsVersion + "\nmodule: " + name + "\n---\n");
    Path file = dir.resolve(fileName);
    ProcessRunner.Result r =
        ProcessRunner.run(
            "test",
            "tar",
            List.of("tar", "-czf", file.toString(), "-C", work.toString(), name + "-" + version),
            work,
            Map.of(),
            Duration.ofSeconds(30));
    assertThat(r.ok()).as(r.output()).isTrue();
    return file;
  }

  /**
   * An NSO install that says it is release {@code version}: its own {@code bin/} (the tools read
   * the install's {@code VERSION} next to them) and {@code VERSION}, the rest linked to {@code
   * like}.
   */
  private Path olderInstall(Path like, String version) throws IOException {
    Path older = Files.createDirectories(dir.resolve("nso-" + version));
    try (Stream<Path> entries = Files.list(like)) {
      for (Path e : entries.toList()) {
        String name = e.getFileName().toString();
        if (name.equals("bin")) {
          Path bin = Files.createDirectories(older.resolve("bin"));
          try (Stream<Path> tools = Files.list(e)) {
            for (Path t : tools.toList()) {
              Files.copy(t, bin.resolve(t.getFileName().toString()), COPY_ATTRIBUTES);
            }
          }
        } else if (!name.equals("VERSION")) {
          Files.createSymbolicLink(older.resolve(name), e);
        }
      }
    }
    Files.writeString(older.resolve("VERSION"), version + "\n");
    return older;
  }

  @Test
  void eachBadInputOrStateIsRefusedWithItsCodeAndNothingChanges() throws IOException {
    ExampleCluster cluster = new ExampleCluster();
    Path runRoot = dir.resolve("run");
    try {
      assertThat(run(cluster, "example", "upgrade-nso", "--transport", "cli", "--setup-only"))
          .as("%s", last)
          .isZero();

      assertThat(run(cluster, "preflight", "upgrade-nso", "--transport", "cli"))
          .as("%s", last)
          .isZero();
      assertThat(last.out())
          .contains("GO     packages-build  n2")
          .contains("GO     disk-space      n1")
          .contains("GO     ha-alarms       n1           no HA alarm raised")
          .contains("GO     ha-alarms       n3           no HA alarm raised")
          .contains("Preflight: go");

      // No room for the backups: n1's run directory holds more than the backup directory's file
      // system has free. The file is sparse, so it takes no disk, but its size is what a backup
      // may have to copy.
      Path ballast = runRoot.resolve("nso-node1/ballast.bin");
      try (RandomAccessFile f = new RandomAccessFile(ballast.toFile(), "rw")) {
        f.setLength(Files.getFileStore(runRoot).getUsableSpace() + (1L << 30));
      }
      try {
        assertThat(run(cluster, "preflight", "upgrade-pkgs-sys", "-t", "cli"))
            .as("%s", last)
            .isEqualTo(ExitCodes.NOT_READY);
      } finally {
        Files.delete(ballast);
      }
      assertThat(last.out())
          .contains("NO-GO  disk-space      n1")
          .contains("free in " + runRoot.resolve("backups"))
          .contains("a backup needs up to")
          .contains("fix: free space there or give --backup-dir on a file system with room")
          .contains("GO     disk-space      n2")
          .contains("nothing was changed");
      assertThat(runRoot.resolve("journal.json")).doesNotExist();

      // A downgrade: refused without --allow-downgrade, allowed with it.
      Path older = olderInstall(Bundle.require().oldInstall().ncsDir(), "6.3.2");
      assertThat(run(cluster, "preflight", "upgrade-nso", "-t", "cli", "-n", older.toString()))
          .as("%s", last)
          .isEqualTo(ExitCodes.USAGE);
      assertThat(last.out())
          .contains("NO-GO  target")
          .contains("NSO 6.3.2 is older than NSO 6.4.4")
          .contains("fix: give a newer install with -n, or --allow-downgrade if you mean it");
      assertThat(
              run(
                  cluster,
                  "preflight",
                  "upgrade-nso",
                  "-t",
                  "cli",
                  "-n",
                  older.toString(),
                  "--allow-downgrade"))
          .as("%s", last)
          .isZero();
      assertThat(last.out())
          .contains("GO     target")
          .contains("(--allow-downgrade)")
          .contains("GO     packages-build  n1           1 package(s) build with NSO 6.3.2")
          .contains("GO     ha-role         n1")
          .contains("GO     same-version    cluster      every node on NSO 6.4.4")
          .contains("Preflight: go");
      assertThat(runRoot.resolve("journal.json")).doesNotExist();
      try (Stream<Path> files = Files.walk(older)) { // the links, not what they point at
        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }

      // Package files: not an archive, the wrong package inside, built for another NSO.
      Path notTar = Files.writeString(dir.resolve("dummy-1.2.tar.gz"), "not a tar");
      assertThat(
              run(cluster, "preflight", "upgrade-pkgs-sys", "-t", "cli", "-p", notTar.toString()))
          .as("%s", last)
          .isEqualTo(ExitCodes.USAGE);
      assertThat(last.out()).contains("NO-GO  package-file").contains("not a gzipped tar");

      Path misnamed = archive("dummy-1.3.tar.gz", "dummy", "1.1", "6.4.4");
      assertThat(
              run(cluster, "preflight", "upgrade-pkgs-sys", "-t", "cli", "-p", misnamed.toString()))
          .as("%s", last)
          .isEqualTo(ExitCodes.USAGE);
      assertThat(last.out())
          .contains("the archive holds package dummy version 1.1, its file name says dummy 1.3");

      Path newer = archive("dummy-1.4.tar.gz", "dummy", "1.4", "6.5.1");
      assertThat(run(cluster, "preflight", "upgrade-pkgs-sys", "-t", "cli", "-p", newer.toString()))
          .as("%s", last)
          .isEqualTo(ExitCodes.USAGE);
      assertThat(last.out())
          .contains(
              "dummy-1.4/load-dir/dummy.fxs is compiled for NSO 6.5.1, the cluster runs 6.4.4")
          .contains("fix: rebuild the package with NSO 6.4");

      Path tooNew = archive("dummy-1.5.tar.gz", "dummy", "1.5", "6.4.4", "6.5");
      assertThat(
              run(cluster, "preflight", "upgrade-pkgs-sys", "-t", "cli", "-p", tooNew.toString()))
          .as("%s", last)
          .isEqualTo(ExitCodes.USAGE);
      assertThat(last.out())
          .contains("NO-GO  package-file")
          .contains("needs NSO 6.5 or later (ncs-min-version), the cluster runs 6.4.4")
          .contains("fix: give a version of the package for NSO 6.4.4");

      // The target is what runs.
      assertThat(
              run(
                  cluster,
                  "preflight",
                  "upgrade-nso",
                  "-t",
                  "cli",
                  "-n",
                  Bundle.require().oldInstall().ncsDir().toString()))
          .as("%s", last)
          .isEqualTo(ExitCodes.USAGE);
      assertThat(last.out()).contains("NO-GO  target").contains("is what the cluster runs");

      // n2's package does not build with the target: the upgrade refuses before any change, and
      // the build was tried in a scratch copy, not in n2's run directory.
      Path n2Packages = runRoot.resolve("nso-node2/packages");
      Path link = n2Packages.resolve("dummy-1.0.tar.gz");
      Files.delete(link);
      Path src = Files.createDirectories(n2Packages.resolve("dummy-1.0/src"));
      String badMake =
          "all:\n\t@echo 'yang/dummy.yang:3: error: unexpected end of file'; exit 1\n"
              + "clean:\n\t@true\n";
      Files.writeString(src.resolve("Makefile"), badMake);
      assertThat(run(cluster, "upgrade-nso", "-t", "cli"))
          .as("%s", last)
          .isEqualTo(ExitCodes.NOT_READY);
      assertThat(last.out())
          .contains("NO-GO  packages-build  n2")
          .contains("unexpected end of file")
          .contains("nothing was changed")
          .doesNotContain("[ 1/16]");
      assertThat(Files.exists(runRoot.resolve("journal.json"))).isFalse();
      assertThat(Files.readString(src.resolve("Makefile"))).isEqualTo(badMake);
      assertThat(n2Packages.resolve("dummy-1.0/load-dir")).doesNotExist();
      Files.delete(src.resolve("Makefile"));
      Files.delete(src);
      Files.delete(n2Packages.resolve("dummy-1.0"));
      Files.createSymbolicLink(
          link, n2Packages.relativize(runRoot.resolve("packages/dummy-1.0.tar.gz")));

      // A secondary out of HA (the upgrade stopped after step 3 disabled it).
      System.setProperty(UpgradeRun.STOP_AFTER_STEP, "3");
      try {
        assertThat(run(cluster, "upgrade-nso", "-t", "cli")).isEqualTo(ExitCodes.FAILED);
      } finally {
        System.clearProperty(UpgradeRun.STOP_AFTER_STEP);
      }
      String journal = Files.readString(runRoot.resolve("journal.json"));
      assertThat(run(cluster, "preflight", "upgrade-nso", "-t", "cli"))
          .as("%s", last)
          .isEqualTo(ExitCodes.NOT_READY);
      assertThat(Files.readString(runRoot.resolve("journal.json"))).isEqualTo(journal);
      assertThat(last.out())
          .contains("NO-GO  ha-role         n3")
          .contains("expected HA enabled in its nominal role secondary");
      // n1 lost its secondary n3: NSO's HA alarm is raised on n1, a no-go of its own.
      assertThat(last.out())
          .containsPattern(
              "NO-GO  ha-alarms       n1           ha-secondary-down \\(critical\\) on n3 since \\S+:"
                  + " Lost connection to secondary")
          .contains(
              "fix: bring n3 back (start it, enable HA on it) so that it connects to n1 again;"
                  + " NSO clears the alarm when it does")
          .contains("GO     ha-alarms       n2");

      // Nodes on different versions (the rerun stopped after step 6 upgraded n1).
      System.setProperty(UpgradeRun.STOP_AFTER_STEP, "6");
      try {
        assertThat(run(cluster, "upgrade-nso", "-t", "cli")).isEqualTo(ExitCodes.FAILED);
      } finally {
        System.clearProperty(UpgradeRun.STOP_AFTER_STEP);
      }
      assertThat(run(cluster, "preflight", "upgrade-nso", "-t", "cli"))
          .as("%s", last)
          .isEqualTo(ExitCodes.NOT_READY);
      assertThat(last.out()).contains("NO-GO  same-version    cluster");

      // A node that is down.
      cluster.stopNode(2);
      assertThat(run(cluster, "preflight", "upgrade-nso", "-t", "cli"))
          .as("%s", last)
          .isEqualTo(ExitCodes.UNREACHABLE);
      assertThat(last.out()).contains("NO-GO  reachable       n3");
    } finally {
      cluster.stop();
      ExampleCluster.remove(runRoot);
    }
  }
}
