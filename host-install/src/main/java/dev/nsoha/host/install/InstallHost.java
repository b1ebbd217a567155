package dev.nsoha.host.install;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.spi.Backup;
import dev.nsoha.core.spi.Install;
import dev.nsoha.core.spi.NodeHost;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A node of an NSO install on its host, driven with NSO's own tools the way an operator drives it:
 * the one implementation behind every install-based {@link NodeHost}. It is parameterised by
 * <em>how</em> commands run (a {@link CommandRunner}: local processes, or SSH and SFTP) and by
 * <em>what</em> the layout is (a {@link HostLayout}: a local install, or a system install with a
 * {@link ServiceManager}).
 *
 * <ul>
 *   <li>A local install is stopped with {@code ncs --stop}, started with {@code ncs --cd <run-dir>
 *       -c <run-dir>/ncs.conf [--with-package-reload]}, and backed up as a tar.gz of the run
 *       directory (without its logs).
 *   <li>A system install runs NSO's installer for a new release side by side with the old one
 *       ({@code <install-dir>/ncs-<version>}), repoints {@code <install-dir>/current} when the node
 *       starts on it, and is stopped and started through its service manager. It is backed up with
 *       {@code ncs-backup}, and a copy of the backup is kept on this machine.
 *   <li>Both rebuild the packages of the run directory with {@code make -C <package>/src clean all}
 *       and the new release's {@code NCS_DIR}, or take new package versions from a directory the
 *       user gives.
 * </ul>
 *
 * Every tool gets {@code NCS_DIR} and {@code PATH} of its release, {@code NCS_IPC_ADDR}/{@code
 * NCS_IPC_PORT} when the layout names the node's IPC port, and {@code NCS_CONFIG_DIR}/{@code
 * NCS_RUN_DIR}/{@code NCS_LOG_DIR} for a system install. With {@link Sudo} on, the commands that
 * change NSO's directories or services run as {@code sudo -S -- env VARS command}, the password on
 * standard input.
 *
 * <p>Each concern lives in a class of its own, which this one puts together: {@link Installer}
 * (releases side by side, {@code current}), {@link ServiceControl} (systemd, SysV, {@code ncs}
 * itself), {@link Packages} (build, staging, copies), {@link Backups} and {@link RunDirectory}
 * (backups, restore, the run directory's own files), {@link HostPreflight} and {@link HostChecks}
 * (checks before anything changes), {@link NodeProcesses} (proof that a node stopped) and {@link
 * HostCommands} (command running and sudo).
 *
 * <p>Thread-safe for different nodes; calls for one node must not overlap.
 */
public class InstallHost implements NodeHost, AutoCloseable {
  private final CommandRunner runner;
  private final HostLayout layout;
  private final Installer installer;
  private final NodeProcesses processes;
  private final HostCommands cmds;
  private final ServiceControl service;
  private final Packages packages;
  private final Backups backups;

  /**
   * @param runner how commands run on the node's host
   * @param layout where the node lives there
   * @param current the install the node runs from now
   * @param timeout deadline for each tool run (start, stop, make, installer, copies)
   */
  public InstallHost(CommandRunner runner, HostLayout layout, Install current, Duration timeout) {
    this.runner = Objects.requireNonNull(runner, "runner");
    this.layout = Objects.requireNonNull(layout, "layout");
    this.cmds = new HostCommands(runner, layout, timeout, this::where);
    this.installer = new Installer(cmds, current);
    this.processes = new NodeProcesses(cmds, installer);
    this.service = new ServiceControl(cmds, installer, processes);
    this.packages = new Packages(cmds, installer);
    this.backups = new Backups(cmds, installer, service, new RunDirectory(cmds));
  }

  @Override
  public NodeId node() {
    return layout.node();
  }

  public HostLayout hostLayout() {
    return layout;
  }

  /** How commands run on this node's host. */
  public CommandRunner runner() {
    return runner;
  }

  /** The install the node runs from (the one it was last started from). */
  public Install currentInstall() {
    return installer.current();
  }

  /** {@code n1 (local, /run/nso-node1)}, for messages. */
  protected String where() {
    return layout.node() + " (" + runner.where() + ", " + layout.runDir() + ")";
  }

  /** The release directory of {@code install} on the host. */
  public Path ncsDir(Install install) {
    return installer.ncsDir(install);
  }

  /**
   * Copies a file of this machine into {@code <staging-dir>/nso-ha-upgrade/} on the host, where the
   * node can read it (e.g. a package archive for {@code software packages fetch
   * package-from-file}), and returns its path there; on a local runner the file stays where it is.
   *
   * @throws HostException when the copy fails or the copy's checksum differs
   */
  public Path copyToHost(Path file) {
    return packages.copyToHost(file);
  }

  /**
   * Makes sure {@code install} is installed on the host: when its release directory has no {@code
   * bin/ncs}, copies its installer there and runs it, side by side with the installed releases
   * ({@code --system-install} with the layout's directories, or {@code --local-install}). A later
   * system install does not move {@code current}; {@link #start} does.
   *
   * @throws HostException when the release is missing and there is no installer, or the installer
   *     fails, or the release it installed reports another version
   */
  public void install(Install install) {
    installer.install(install);
  }

  // ---- NodeHost

  @Override
  public Backup backup() {
    return backups.backup();
  }

  @Override
  public void stop() {
    service.stop();
  }

  @Override
  public void start(Install install, boolean withPackageReload) {
    service.start(install, withPackageReload);
  }

  /**
   * Rebuilds the packages of the run directory's {@code packages/} for {@code install} (installing
   * it first if needed): archives are unpacked and replaced by their directory, then every package
   * with a {@code src/Makefile} is built with {@code make -C <package>/src clean all} and the
   * release's environment, as NSO's upgrade example does. With {@link HostLayout#packagesFrom()},
   * the archives there replace the node's packages instead (copied into the system install's
   * package store and linked from the run directory, or copied into a local install's run
   * directory).
   */
  @Override
  public void rebuildPackages(Install install) {
    packages.rebuild(install);
  }

  /**
   * Builds the node's packages for {@code install} in {@code packages.staged/} beside its {@code
   * packages/}, which stay as they are; local-install layouts only (a system install's packages are
   * rebuilt while the node is down).
   */
  @Override
  public boolean stagePackages(Install install) {
    if (layout.isSystemInstall() || layout.packagesFrom().isPresent()) {
      return false;
    }
    installer.install(install);
    return packages.stage(install, prebuiltPackages(install), this::prebuiltPackagesUsed);
  }

  /**
   * The node's packages already built for {@code install} by this run's preflight, if they are
   * still current; {@link #stagePackages} copies them instead of building again. None here.
   */
  protected Optional<Path> prebuiltPackages(Install install) {
    return Optional.empty();
  }

  /** Called once {@link #stagePackages} has copied the {@link #prebuiltPackages}. */
  protected void prebuiltPackagesUsed() {}

  /**
   * Moves {@code packages/} aside to {@code packages.before-upgrade/} and the staged packages into
   * its place.
   */
  @Override
  public boolean useStagedPackages() {
    return !layout.isSystemInstall() && packages.useStaged();
  }

  /**
   * The version the node runs: on a system install what {@code <install-dir>/current/bin/ncs
   * --version} prints; on a local install the version of the install it was last started from.
   */
  @Override
  public NsoVersion installedVersion() {
    return installer.installedVersion();
  }

  /**
   * {@code ncs --status}: true when it answers, false when nothing listens on the node's IPC port
   * ({@code connection refused}, NSO's words for "not running").
   *
   * @throws HostException when the status cannot be told: the node accepted the connection but gave
   *     no answer (hung), or the tool failed otherwise
   */
  @Override
  public boolean isRunning() {
    return service.isRunning();
  }

  /**
   * With the node stopped: removes a stale {@code compact.lock}, compacts the CDB with the running
   * release's {@code ncs --cdb-compact}, and removes {@code state/raft/}, so that the node starts
   * without a Raft membership and waits for {@code create-cluster}.
   */
  @Override
  public void resetRaftState() {
    new RaftStateReset(cmds, installer, service, layout, where()).run();
  }

  /**
   * Checks the backup's checksum and restores it. A local install's run directory is moved aside to
   * {@code <run dir>.old}, the backup unpacked in its place and the old logs kept, then the old
   * copy removed. A system install is restored with {@code ncs-backup --restore FILE
   * --non-interactive}, after the copy on this machine was put back on the host if the host's copy
   * is missing or differs.
   */
  @Override
  public void restore(Backup backup) {
    backups.restore(backup);
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
  public List<HostCheck> preflight(Optional<Install> target, boolean expectInstalled) {
    return new HostPreflight(cmds, installer, processes).check(target, expectInstalled);
  }

  @Override
  public void close() {
    runner.close();
  }

  /** The SHA-256 of {@code file}, hex. */
  public static String sha256(Path file) throws IOException {
    return Checksums.sha256(file);
  }
}
