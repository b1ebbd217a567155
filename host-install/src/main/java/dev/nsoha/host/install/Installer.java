package dev.nsoha.host.install;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.spi.Install;
import dev.nsoha.host.install.ProcessRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NSO releases on a node's host, and which one the node runs: a release is installed side by
 * side with the others by NSO's installer ({@code --system-install} into {@code
 * <install-dir>/ncs-<version>} with the layout's directories, or {@code --local-install} into
 * {@code <install-dir>/nso-<version>}), and a system install's {@code <install-dir>/current} link
 * is repointed when the node starts on another release.
 *
 * <p>Thread-safe for reads; the install host calls {@link #install} and {@link #started} for one
 * node at a time.
 */
final class Installer {
  private static final Logger log = LoggerFactory.getLogger(Installer.class);

  private final HostCommands cmds;
  private final HostLayout layout;
  private volatile Install current;

  Installer(HostCommands cmds, Install current) {
    this.cmds = cmds;
    this.layout = cmds.layout();
    this.current = Objects.requireNonNull(current, "current");
  }

  /** The install the node runs from (the one it was last started from). */
  Install current() {
    return current;
  }

  /** Records that the node now runs from {@code install}. */
  void started(Install install) {
    current = install;
  }

  /** The release directory of {@code install} on the host. */
  Path ncsDir(Install install) {
    if (layout.isSystemInstall()) {
      return layout.installDir().resolve("ncs-" + install.version().text());
    }
    return install.ncsDir().isAbsolute()
        ? install.ncsDir()
        : layout.installDir().resolve("nso-" + install.version().text());
  }

  /** The NCS_DIR the node runs with: {@code <install-dir>/current} on a system install. */
  Path activeNcsDir() {
    return layout.isSystemInstall() ? layout.installDir().resolve("current") : ncsDir(current);
  }

  /** The environment of NSO's tools of the release the node runs ({@code current}). */
  Map<String, String> activeEnv() {
    return cmds.env(activeNcsDir());
  }

  /** The environment of NSO's tools of {@code install}. */
  Map<String, String> env(Install install) {
    return cmds.env(ncsDir(install));
  }

  /**
   * Makes sure {@code install} is installed on the host: when its release directory has no {@code
   * bin/ncs}, copies its installer there and runs it, side by side with the installed releases
   * ({@code --system-install} with the layout's directories, or {@code --local-install}). A later
   * system install does not move {@code current}; {@link #repointCurrent} does.
   *
   * @throws HostException when the release is missing and there is no installer, or the installer
   *     fails, or the release it installed reports another version
   */
  void install(Install install) {
    Path dir = ncsDir(install);
    if (cmds.run(
            "look for " + dir,
            List.of("test", "-x", dir.resolve("bin/ncs").toString()),
            null,
            Map.of())
        .ok()) {
      return;
    }
    String what = "install NSO " + install.version();
    Path installer =
        install
            .installer()
            .orElseThrow(
                () ->
                    new HostException(
                        cmds.where(),
                        what,
                        "NSO "
                            + install.version()
                            + " is not installed at "
                            + dir
                            + ", and no installer for it was given (--installer)"));
    if (!Files.isRegularFile(installer)) {
      throw new HostException(cmds.where(), what, "no installer file " + installer);
    }
    Path staged = layout.stagingDir().resolve(installer.getFileName().toString());
    Result mk =
        cmds.run(what, List.of("mkdir", "-p", layout.stagingDir().toString()), null, Map.of());
    if (!mk.ok()) {
      throw cmds.failed(what, "mkdir -p " + layout.stagingDir(), mk);
    }
    cmds.runner().upload(installer, staged);
    List<String> cmd = new ArrayList<>(List.of("sh", staged.toString()));
    if (layout.isSystemInstall()) {
      cmd.addAll(
          List.of(
              "--system-install",
              "--install-dir",
              layout.installDir().toString(),
              "--config-dir",
              layout.configDir().toString(),
              "--run-dir",
              layout.runDir().toString(),
              "--log-dir",
              layout.logDir().toString(),
              "--non-interactive"));
      switch (layout.service()) {
        case SYSV -> cmd.add("--ignore-systemd-script");
        case DIRECT -> cmd.add("--ignore-init-scripts");
        case SYSTEMD -> {}
      }
      layout.runAsUser().ifPresent(u -> cmd.addAll(List.of("--run-as-user", u)));
    } else {
      cmd.addAll(List.of("--local-install", dir.toString()));
    }
    log.info("{}: running {}", cmds.where(), String.join(" ", cmd));
    Result r = cmds.exec(what, cmd, Map.of(), layout.isSystemInstall());
    cmds.run("remove " + staged, List.of("rm", "-f", staged.toString()), null, Map.of());
    if (!r.ok()) {
      throw cmds.failed(what, "the installer " + installer.getFileName(), r);
    }
    NsoVersion got = versionAt(dir);
    if (!got.sameRelease(install.version())) {
      throw new HostException(
          cmds.where(),
          what,
          "the installer put NSO " + got + " in " + dir + ", expected " + install.version());
    }
  }

  /**
   * The version the node runs: on a system install what {@code <install-dir>/current/bin/ncs
   * --version} prints; on a local install the version of the install it was last started from.
   */
  NsoVersion installedVersion() {
    return layout.isSystemInstall() ? versionAt(activeNcsDir()) : current.version();
  }

  /** What {@code <dir>/bin/ncs --version} prints. */
  NsoVersion versionAt(Path dir) {
    String what = "read the NSO version of " + dir;
    String ncs = HostCommands.ncs(dir);
    Result r = cmds.run(what, List.of(ncs, "--version"), null, cmds.env(dir));
    String text = r.output().strip();
    if (!r.ok() || text.isEmpty()) {
      throw cmds.failed(what, ncs + " --version", r);
    }
    try {
      return NsoVersion.parse(text.lines().reduce((a, b) -> b).orElse(text));
    } catch (IllegalArgumentException e) {
      throw new HostException(cmds.where(), what, ncs + " --version printed '" + text + "'", e);
    }
  }

  /**
   * Points {@code <install-dir>/current} at {@code install}'s release, as the upgrade guide does.
   */
  void repointCurrent(Install install) {
    Path dir = ncsDir(install);
    String what = "point " + layout.installDir().resolve("current") + " at " + dir.getFileName();
    Result r =
        cmds.sh(
            what,
            "cd \"$1\" && rm -f current && ln -s \"$2\" current",
            List.of(layout.installDir().toString(), dir.getFileName().toString()),
            true);
    if (!r.ok()) {
      throw cmds.failed(what, "ln -s", r);
    }
  }
}
