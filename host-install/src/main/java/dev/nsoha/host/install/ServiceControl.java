package dev.nsoha.host.install;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.spi.Install;
import dev.nsoha.host.install.ProcessRunner.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops and starts a node the way its layout says ({@link ServiceManager}): NSO's systemd unit
 * {@code ncs}, its SysV init script, or {@code ncs} itself ({@code ncs --stop}, {@code ncs --cd
 * <run-dir> -c <config-dir>/ncs.conf [--with-package-reload]}); and tells whether it runs ({@code
 * ncs --status}). A stop is proven ({@link NodeProcesses#proveStopped}); a start waits with {@code
 * ncs --wait-started}.
 *
 * <p>The install host calls it for one node at a time.
 */
final class ServiceControl {
  private static final Logger log = LoggerFactory.getLogger(ServiceControl.class);

  /** Sets NCS_RELOAD_PACKAGES=true in the systemd environment file, keeping a copy. */
  private static final String SET_RELOAD =
      """
      f=$1
      if [ -e "$f" ]; then cp -p "$f" "$f.bak" || exit 2; else : > "$f.bak" || exit 2; fi
      { grep -v '^NCS_RELOAD_PACKAGES=' "$f.bak"; echo NCS_RELOAD_PACKAGES=true; } > "$f"
      """;

  /** Puts the systemd environment file back as it was. */
  private static final String RESET_RELOAD =
      """
      f=$1
      if [ -e "$f.bak" ]; then mv -f "$f.bak" "$f"; fi
      """;

  private final HostCommands cmds;
  private final Installer installer;
  private final NodeProcesses processes;
  private final HostLayout layout;

  ServiceControl(HostCommands cmds, Installer installer, NodeProcesses processes) {
    this.cmds = cmds;
    this.installer = installer;
    this.processes = processes;
    this.layout = cmds.layout();
  }

  /**
   * {@code ncs --status}: true when it answers, false when nothing listens on the node's IPC port
   * ({@code connection refused}, NSO's words for "not running").
   *
   * @throws HostException when the status cannot be told: the node accepted the connection but gave
   *     no answer (hung), or the tool failed otherwise
   */
  boolean isRunning() {
    Path active = installer.activeNcsDir();
    Result r =
        cmds.run(
            "read NSO status",
            List.of(HostCommands.ncs(active), "--status"),
            null,
            cmds.env(active));
    if (r.ok()) {
      return true;
    }
    if (r.output().contains("connection refused")) {
      return false;
    }
    throw cmds.failed("read NSO status", "ncs --status", r);
  }

  /** Stops the node with its service manager, and proves that it stopped. */
  void stop() {
    Path active = installer.activeNcsDir();
    Result r;
    String cmd;
    switch (layout.service()) {
      case SYSTEMD -> {
        cmd = "systemctl stop ncs";
        r = cmds.runPrivileged("stop NSO", List.of("systemctl", "stop", "ncs"), null, Map.of());
      }
      case SYSV -> {
        cmd = layout.initScript() + " stop";
        r =
            cmds.runPrivileged(
                "stop NSO",
                List.of(layout.initScript().toString(), "stop"),
                null,
                cmds.env(active));
      }
      default -> {
        cmd = "ncs --stop";
        r =
            cmds.run(
                "stop NSO", List.of(HostCommands.ncs(active), "--stop"), null, cmds.env(active));
      }
    }
    // "connection refused": nothing listens on the node's IPC port, so no node runs (NSO's
    // examples read it that way). Any other failure, such as a node that accepted the connection
    // but never answered (hung), is not a stop.
    if (!r.ok() && !r.output().contains("connection refused")) {
      throw cmds.failed("stop NSO", cmd, r);
    }
    // "Not running" and "stopped" are proven, never assumed: nothing on the IPC port and no
    // process left in the run directory (a wrong IPC port gives "connection refused" too).
    processes.proveStopped(cmd);
  }

  /**
   * Starts the node on {@code install} (installed first if needed; a system install's {@code
   * current} repointed, never under a running node) and waits until it has started.
   */
  void start(Install install, boolean withPackageReload) {
    String what = "start NSO " + install.version();
    if (layout.isSystemInstall()) {
      // Never under a running node: a stop that did not stop it leaves current as it is.
      processes.requireStopped(what);
    }
    installer.install(install);
    if (layout.isSystemInstall()) {
      installer.repointCurrent(install);
    }
    Path ncsDir = layout.isSystemInstall() ? installer.activeNcsDir() : installer.ncsDir(install);
    Map<String, String> env = cmds.env(ncsDir);
    switch (layout.service()) {
      case SYSTEMD -> startSystemd(what, withPackageReload);
      case SYSV -> {
        String verb = withPackageReload ? "restart-with-package-reload" : "start";
        Result r =
            cmds.runPrivileged(what, List.of(layout.initScript().toString(), verb), null, env);
        if (!r.ok()) {
          throw cmds.failed(what, layout.initScript() + " " + verb, r);
        }
      }
      case DIRECT -> startDirect(what, ncsDir, env, withPackageReload);
    }
    installer.started(install);
    Result w =
        cmds.runner()
            .run(
                what,
                List.of(
                    HostCommands.ncs(ncsDir),
                    "--wait-started",
                    Long.toString(Math.max(1, cmds.timeout().toSeconds()))),
                null,
                env,
                null,
                cmds.timeout().plusSeconds(5));
    if (!w.ok()) {
      throw new HostException(
          cmds.where(),
          what,
          "ncs --wait-started exited with status " + w.exitCode() + ": " + w.tail(5));
    }
  }

  /** {@code ncs --cd <run-dir> -c <conf> [--with-package-reload]} in the run directory. */
  private void startDirect(
      String what, Path ncsDir, Map<String, String> env, boolean withPackageReload) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                HostCommands.ncs(ncsDir),
                "--cd",
                layout.runDir().toString(),
                "-c",
                layout.confFile().toString()));
    if (withPackageReload) {
      cmd.add("--with-package-reload");
    }
    Result r = cmds.exec(what, cmd, layout.runDir(), env, layout.isSystemInstall());
    if (!r.ok()) {
      throw new HostException(
          cmds.where(),
          what,
          "ncs exited with status "
              + r.exitCode()
              + (r.output().isBlank() ? " (see " + layout.logDir() + ")" : ": " + r.tail(5)));
    }
  }

  /**
   * {@code systemctl start ncs}; with a package reload, {@code NCS_RELOAD_PACKAGES=true} is set in
   * the unit's environment file for the start and the file is put back afterwards, since the
   * variable applies to every start while it is set.
   */
  private void startSystemd(String what, boolean withPackageReload) {
    String envFile = layout.systemdEnvFile().toString();
    if (withPackageReload) {
      Result set = cmds.sh(what, SET_RELOAD, List.of(envFile), true);
      if (!set.ok()) {
        throw cmds.failed(what, "setting NCS_RELOAD_PACKAGES=true in " + envFile, set);
      }
    }
    try {
      Result r = cmds.runPrivileged(what, List.of("systemctl", "start", "ncs"), null, Map.of());
      if (!r.ok()) {
        throw cmds.failed(what, "systemctl start ncs", r);
      }
    } finally {
      if (withPackageReload) {
        Result reset = cmds.sh(what, RESET_RELOAD, List.of(envFile), true);
        if (!reset.ok()) {
          log.warn("{}: could not put {} back: {}", cmds.where(), envFile, reset.tail(3));
        }
      }
    }
  }
}
