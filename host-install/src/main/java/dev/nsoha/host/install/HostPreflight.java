package dev.nsoha.host.install;

import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.spi.Install;
import dev.nsoha.core.spi.InstallerFile;
import dev.nsoha.host.install.HostCheck.Outcome;
import dev.nsoha.host.install.ProcessRunner.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks of a node's host before anything changes, one finding each: the connection, sudo
 * rights, the installer, free disk space, and (for a node that should be installed) the install,
 * the service manager and the IPC endpoint ({@link HostChecks}).
 *
 * <p>Not thread-safe; one per check.
 */
final class HostPreflight {
  private static final Logger log = LoggerFactory.getLogger(HostPreflight.class);

  /** The space (KiB) free in the closest existing directory to $1. */
  private static final String FREE_SPACE =
      """
      d=$1
      while [ ! -d "$d" ]; do d=$(dirname "$d"); done
      df -Pk "$d" | awk 'NR==2 {print $4}'
      """;

  private final HostCommands cmds;
  private final Installer installer;
  private final NodeProcesses processes;
  private final HostLayout layout;

  HostPreflight(HostCommands cmds, Installer installer, NodeProcesses processes) {
    this.cmds = cmds;
    this.installer = installer;
    this.processes = processes;
    this.layout = cmds.layout();
  }

  /**
   * Checks the host before anything changes and returns one finding per check: the connection
   * (reachable, key accepted, host key known), sudo rights (when sudo is on), free disk space for a
   * new release, the installer (present, named for a release, the target's version, built for the
   * host's OS and architecture) and, with {@code expectInstalled}, that NSO is installed with the
   * layout's directories, that the service manager answers for NSO's service, and that the node's
   * IPC endpoint answers for this node (or nothing runs, for a node a run stopped). Stops after a
   * failed connection check (nothing else can be checked then).
   *
   * @param target the release to upgrade to, if any
   */
  List<HostCheck> check(Optional<Install> target, boolean expectInstalled) {
    String n = layout.node().value();
    List<HostCheck> out = new ArrayList<>();
    try {
      Result r = cmds.run("check the connection", List.of("uname", "-sm"), null, Map.of());
      if (!r.ok()) {
        out.add(new HostCheck(n, "connection", Outcome.REFUSED, "uname -sm failed: " + r.tail(3)));
        return out;
      }
      String[] sm = r.output().strip().split("\\s+");
      out.add(
          new HostCheck(
              n, "connection", Outcome.OK, cmds.runner().where() + " runs " + r.output().strip()));
      HostChecks checks = new HostChecks(cmds, installer, processes);
      if (layout.sudo().enabled()) {
        out.add(checks.sudo());
      }
      target
          .flatMap(Install::installer)
          .ifPresent(i -> out.add(checkInstaller(n, i, target.get(), sm)));
      out.add(checkDisk(n, target.flatMap(Install::installer)));
      if (expectInstalled) {
        HostCheck installed = checkInstalled(n);
        out.add(installed);
        if (installed.ok()) {
          out.add(checks.service());
          out.add(checks.ipc());
        }
      }
    } catch (NsoException e) {
      out.add(new HostCheck(n, "connection", Outcome.REFUSED, e.getMessage()));
    }
    return out;
  }

  private HostCheck checkInstaller(String n, Path file, Install target, String[] hostSm) {
    if (!Files.isRegularFile(file)) {
      return new HostCheck(n, "installer", Outcome.BAD_INPUT, "no installer file " + file);
    }
    if (!Files.isReadable(file)) {
      return new HostCheck(
          n, "installer", Outcome.BAD_INPUT, "the installer file " + file + " is not readable");
    }
    InstallerFile f;
    try {
      f = InstallerFile.parse(file);
    } catch (IllegalArgumentException e) {
      return new HostCheck(n, "installer", Outcome.BAD_INPUT, e.getMessage());
    }
    if (!f.version().equals(target.version())) {
      return new HostCheck(
          n,
          "installer",
          Outcome.BAD_INPUT,
          f.name() + " installs NSO " + f.version() + ", not " + target.version());
    }
    String hostOs = hostSm.length > 0 ? hostSm[0].toLowerCase(Locale.ROOT) : "?";
    String hostArch = hostSm.length > 1 ? hostSm[1] : "?";
    if (!f.os().equals(hostOs) || !f.arch().equals(hostArch)) {
      return new HostCheck(
          n,
          "installer",
          Outcome.BAD_INPUT,
          f.name()
              + " is for "
              + f.os()
              + "."
              + f.arch()
              + ", but "
              + cmds.runner().where()
              + " is "
              + hostOs
              + "."
              + hostArch
              + " (use nso-"
              + f.version()
              + "."
              + hostOs
              + "."
              + hostArch
              + ".installer.bin)");
    }
    return new HostCheck(
        n, "installer", Outcome.OK, f.name() + " installs NSO " + f.version() + " for " + hostArch);
  }

  private HostCheck checkDisk(String n, Optional<Path> installerFile) {
    long needKb = 100 * 1024;
    if (installerFile.isPresent() && Files.isRegularFile(installerFile.get())) {
      try {
        needKb = Math.max(needKb, Files.size(installerFile.get()) * 3 / 1024);
      } catch (IOException e) {
        log.debug("cannot size {}", installerFile.get(), e);
      }
    }
    Result r =
        cmds.sh("check disk space", FREE_SPACE, List.of(layout.installDir().toString()), false);
    long freeKb;
    try {
      freeKb = Long.parseLong(r.output().strip());
    } catch (NumberFormatException e) {
      return new HostCheck(
          n, "disk space", Outcome.REFUSED, "cannot read the free space: " + r.tail(3));
    }
    return freeKb >= needKb
        ? new HostCheck(
            n, "disk space", Outcome.OK, freeKb / 1024 + " MiB free for " + layout.installDir())
        : new HostCheck(
            n,
            "disk space",
            Outcome.REFUSED,
            "only "
                + freeKb / 1024
                + " MiB free for "
                + layout.installDir()
                + ", the upgrade needs "
                + needKb / 1024
                + " MiB");
  }

  private HostCheck checkInstalled(String n) {
    Path active = installer.activeNcsDir();
    if (!cmds.exists(active.resolve("bin/ncs"))) {
      return new HostCheck(
          n,
          "install",
          Outcome.BAD_INPUT,
          "no NSO at "
              + active
              + (layout.isSystemInstall()
                  ? " (is NSO system-installed with --install-dir " + layout.installDir() + "?)"
                  : ""));
    }
    if (!cmds.exists(layout.confFile())) {
      return new HostCheck(n, "install", Outcome.BAD_INPUT, "no ncs.conf at " + layout.confFile());
    }
    return new HostCheck(n, "install", Outcome.OK, "NSO at " + active);
  }
}
