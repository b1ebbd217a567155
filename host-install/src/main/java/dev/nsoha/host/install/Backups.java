package dev.nsoha.host.install;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.io.PrivateFiles;
import dev.nsoha.core.spi.Backup;
import dev.nsoha.host.install.ProcessRunner.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node's backups and their restore. A local install is backed up as a tar.gz of its run directory
 * (without its logs, {@link RunDirectory#archive}) and restored by unpacking it in the run
 * directory's place. A system install is backed up with {@code ncs-backup} and restored with {@code
 * ncs-backup --restore} of the release that took it. A copy of every backup is kept on this
 * machine.
 *
 * <p>Checksums stream: a backup's SHA-256 is computed while it is written or copied, never by
 * reading it back whole. A restore checks the backup's checksum before anything changes.
 *
 * <p>The install host calls it for one node at a time.
 */
final class Backups {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
  private static final Pattern BACKUP_CREATED =
      Pattern.compile("Backup (\\S+) created successfully");

  /** The release in a system install's backup name: {@code ncs-6.4.4@2024-04-21T10:34:42...}. */
  private static final Pattern BACKUP_RELEASE = Pattern.compile("(?:^|-)ncs-([0-9][^@/]*)@");

  private final HostCommands cmds;
  private final Installer installer;
  private final ServiceControl service;
  private final RunDirectory runDir;
  private final HostLayout layout;

  Backups(HostCommands cmds, Installer installer, ServiceControl service, RunDirectory runDir) {
    this.cmds = cmds;
    this.installer = installer;
    this.service = service;
    this.runDir = runDir;
    this.layout = cmds.layout();
  }

  /** Backs the node up and keeps a copy on this machine. */
  Backup backup() {
    return layout.isSystemInstall() ? backupWithNcsBackup() : backupRunDir();
  }

  private Backup backupRunDir() {
    Path run = layout.runDir();
    String what = "back up " + run;
    Instant now = Instant.now();
    String name = layout.node() + "-" + STAMP.format(now) + ".tar.gz";
    Path local = layout.backupDir().resolve(name);
    boolean here = cmds.runner().isLocal();
    Path hostDir = here ? layout.backupDir() : run.getParent().resolve("backups");
    Path onHost = hostDir.resolve(name);
    try {
      PrivateFiles.directory(layout.backupDir());
    } catch (UncheckedIOException e) {
      throw new HostException(cmds.where(), what, e.getMessage(), e);
    }
    Result mk =
        cmds.run(what, List.of("mkdir", "-p", "-m", "700", hostDir.toString()), null, Map.of());
    if (!mk.ok()) {
      throw cmds.failed(what, "mkdir -p " + hostDir, mk);
    }
    // A backup holds the node's whole database: only its owner may read it. The node may be
    // taking writes: only a copy during which nothing changed is kept.
    String sum = runDir.archive(onHost, what);
    return fetch(onHost, local, now, what, Optional.of(sum));
  }

  private Backup backupWithNcsBackup() {
    String what = "back up with ncs-backup";
    Instant now = Instant.now();
    Path active = installer.activeNcsDir();
    Path tool = active.resolve("bin/ncs-backup");
    Result r = cmds.runPrivileged(what, List.of(tool.toString()), null, cmds.env(active));
    if (!r.ok()) {
      throw cmds.failed(what, tool.toString(), r);
    }
    Matcher m = BACKUP_CREATED.matcher(r.output());
    if (!m.find()) {
      throw new HostException(
          cmds.where(), what, "ncs-backup did not say where the backup is: " + r.tail(5));
    }
    Path onHost = Path.of(m.group(1));
    try {
      Files.createDirectories(layout.backupDir());
    } catch (IOException e) {
      throw new HostException(cmds.where(), what, e.getMessage(), e);
    }
    Path local = layout.backupDir().resolve(layout.node() + "-" + onHost.getFileName());
    return fetch(onHost, local, now, what, Optional.empty());
  }

  /**
   * Copies a backup made on the host to this machine, its checksum computed on the way, and checks
   * the copy against the original: against the checksum computed when the original was written
   * ({@code hostSum}), or, for a file {@code ncs-backup} wrote on another host, against its size.
   */
  private Backup fetch(
      Path onHost, Path local, Instant taken, String what, Optional<String> hostSum) {
    if (cmds.runner().isLocal() && onHost.equals(local)) {
      PrivateFiles.touch(local);
      // The archive was written here, its checksum with it; the other branch never applies to it.
      return new Backup(
          layout.node(), local, hostSum.orElseGet(() -> Checksums.sha256(local, what)), taken);
    }
    if (!cmds.runner().isLocal()) {
      PrivateFiles.directory(local.getParent());
    }
    String sum = cmds.runner().download(onHost, local);
    PrivateFiles.touch(local);
    if (hostSum.isPresent() && !hostSum.get().equals(sum)) {
      throw new HostException(
          cmds.where(),
          what,
          "the copy of "
              + onHost
              + " differs from the original (sha256 "
              + sum
              + " here, "
              + hostSum.get()
              + " on the host)");
    }
    if (hostSum.isEmpty() && !cmds.runner().isLocal()) {
      long size = size(local, what);
      long onHostSize = remoteSize(onHost, what);
      if (size != onHostSize) {
        throw new HostException(
            cmds.where(),
            what,
            "the copy of "
                + onHost
                + " differs from the original ("
                + size
                + " bytes here, "
                + onHostSize
                + " on the host)");
      }
    }
    return new Backup(layout.node(), local, sum, taken);
  }

  private long size(Path file, String what) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new HostException(cmds.where(), what, "cannot read " + file + ": " + e, e);
    }
  }

  /** The size of a file on the host ({@code stat -c %s}; nothing is read). */
  private long remoteSize(Path file, String what) {
    Result r = cmds.run(what, List.of("stat", "-c", "%s", file.toString()), null, Map.of());
    try {
      if (r.ok()) {
        return Long.parseLong(r.output().strip());
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw cmds.failed(what, "stat -c %s " + file, r);
  }

  /**
   * Checks the backup's checksum and restores it. A local install's run directory is moved aside to
   * {@code <run dir>.old}, the backup unpacked in its place and the old logs kept, then the old
   * copy removed. A system install is restored with {@code ncs-backup --restore FILE
   * --non-interactive}, after the copy on this machine was put back on the host if the host's copy
   * is missing or differs.
   */
  void restore(Backup backup) {
    String what = "restore " + backup.file();
    if (!backup.node().equals(layout.node())) {
      throw new HostException(cmds.where(), what, "the backup is of node " + backup.node());
    }
    if (service.isRunning()) {
      throw new HostException(cmds.where(), what, "the node is running; stop it first");
    }
    if (!Files.isRegularFile(backup.file())) {
      throw new HostException(cmds.where(), what, "no backup file " + backup.file());
    }
    String actual = Checksums.sha256(backup.file(), what);
    if (!actual.equals(backup.sha256())) {
      throw new HostException(
          cmds.where(),
          what,
          "checksum mismatch: expected sha256 " + backup.sha256() + ", the file has " + actual);
    }
    if (layout.isSystemInstall()) {
      String name = backup.file().getFileName().toString();
      String prefix = layout.node() + "-";
      Path onHost =
          layout
              .runDir()
              .resolve("backups")
              .resolve(name.startsWith(prefix) ? name.substring(prefix.length()) : name);
      putOnHost(backup, onHost, what);
      Path release = releaseOfBackup(name);
      Path tool = release.resolve("bin/ncs-backup");
      Result r =
          cmds.runPrivileged(
              what,
              List.of(tool.toString(), "--restore", onHost.toString(), "--non-interactive"),
              null,
              cmds.env(release));
      if (!r.ok()) {
        throw cmds.failed(what, "ncs-backup --restore", r);
      }
      return;
    }
    boolean here = cmds.runner().isLocal();
    Path onHost =
        here
            ? backup.file()
            : layout.runDir().getParent().resolve("backups").resolve(backup.file().getFileName());
    if (!here) {
      putOnHost(backup, onHost, what);
    }
    runDir.restoreFrom(onHost, what);
  }

  /**
   * The release that restores a system install's backup: the one that took it ({@code
   * ncs-<version>@...} in its name), as NSO's recovery steps restore after pointing {@code current}
   * back at the old release; {@code current} when the name says nothing or that release is gone.
   */
  private Path releaseOfBackup(String name) {
    Matcher m = BACKUP_RELEASE.matcher(name);
    if (m.find()) {
      Path dir = layout.installDir().resolve("ncs-" + m.group(1));
      if (cmds.exists(dir.resolve("bin/ncs-backup"))) {
        return dir;
      }
    }
    return installer.activeNcsDir();
  }

  /** Copies the backup to {@code onHost} unless an identical copy is there already. */
  private void putOnHost(Backup backup, Path onHost, String what) {
    if (cmds.exists(onHost) && cmds.remoteSha256(onHost, what).equals(backup.sha256())) {
      return;
    }
    Result mk =
        cmds.runPrivileged(
            what, List.of("mkdir", "-p", onHost.getParent().toString()), null, Map.of());
    if (!mk.ok()) {
      throw cmds.failed(what, "mkdir -p " + onHost.getParent(), mk);
    }
    cmds.runner().upload(backup.file(), onHost);
    String sum = cmds.remoteSha256(onHost, what);
    if (!sum.equals(backup.sha256())) {
      throw new HostException(
          cmds.where(),
          what,
          "the copy on the host has sha256 " + sum + ", expected " + backup.sha256());
    }
  }
}
