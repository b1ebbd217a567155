package dev.nsoha.core.host;

import dev.nsoha.core.model.NodeId;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a node lives on its host, and how it is run: a local install (a run directory made by
 * {@code ncs-setup}, started with {@code ncs} from an install directory, as NSO's examples do) or a
 * system install ({@code <install-dir>/ncs-<version>} releases side by side with a {@code current}
 * link, a config directory with {@code ncs.conf}, a run directory, a log directory and a service
 * manager). Paths are on the node's host, except {@link #backupDir()} and {@link #packagesFrom()},
 * which are on this machine.
 *
 * @param node the node's HA id
 * @param kind local or system install
 * @param runDir local install: the run directory (holds {@code ncs.conf}, {@code packages/});
 *     system install: {@code /var/opt/ncs}
 * @param installDir system install: {@code /opt/ncs}; local install: where an installer puts new
 *     releases ({@code <install-dir>/nso-<version>})
 * @param configDir system install: {@code /etc/ncs}; local install: the run directory
 * @param logDir system install: {@code /var/log/ncs}; local install: {@code <run-dir>/logs}
 * @param service how the node is stopped and started; always {@link ServiceManager#DIRECT} for a
 *     local install
 * @param initScript the SysV init script ({@code /etc/init.d/ncs}, i.e. {@code
 *     <config-dir>/../init.d/ncs})
 * @param ipcAddress the node's IPC address for NSO's tools ({@code NCS_IPC_ADDR}), or null for
 *     NSO's default
 * @param ipcPort the node's IPC port ({@code NCS_IPC_PORT}), or 0 for NSO's default
 * @param backupDir where backups are kept on this machine
 * @param stagingDir a directory on the host where installers and files are copied before use
 * @param extraEnv further environment for every tool
 * @param sudo whether commands that change NSO's directories or services run under sudo
 * @param runAsUser the installer's {@code --run-as-user}, if any
 * @param packagesFrom a directory on this machine with the package archives to run after a version
 *     upgrade, instead of rebuilding the node's packages
 */
public record HostLayout(
    NodeId node,
    Kind kind,
    Path runDir,
    Path installDir,
    Path configDir,
    Path logDir,
    ServiceManager service,
    Path initScript,
    String ipcAddress,
    int ipcPort,
    Path backupDir,
    Path stagingDir,
    Map<String, String> extraEnv,
    Sudo sudo,
    Optional<String> runAsUser,
    Optional<Path> packagesFrom) {

  /** The two deployments an install host handles. */
  public enum Kind {
    LOCAL_INSTALL,
    SYSTEM_INSTALL
  }

  public HostLayout {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(kind, "kind");
    runDir = runDir.normalize();
    installDir = installDir.normalize();
    configDir = configDir.normalize();
    logDir = logDir.normalize();
    Objects.requireNonNull(service, "service");
    initScript = initScript.normalize();
    backupDir = backupDir.toAbsolutePath().normalize();
    stagingDir = stagingDir.normalize();
    extraEnv = Map.copyOf(extraEnv);
    Objects.requireNonNull(sudo, "sudo");
    Objects.requireNonNull(runAsUser, "runAsUser");
    Objects.requireNonNull(packagesFrom, "packagesFrom");
    if (kind == Kind.LOCAL_INSTALL && service != ServiceManager.DIRECT) {
      throw new IllegalArgumentException("a local install is started directly with ncs");
    }
  }

  /**
   * A local install's node: run directory {@code runDir}, new releases installed into {@code
   * <run-dir>/../installs}.
   */
  public static HostLayout local(
      NodeId node,
      Path runDir,
      String ipcAddress,
      int ipcPort,
      Path backupDir,
      Map<String, String> extraEnv) {
    Path parent = runDir.getParent() == null ? runDir : runDir.getParent();
    return new HostLayout(
        node,
        Kind.LOCAL_INSTALL,
        runDir,
        parent.resolve("installs"),
        runDir,
        runDir.resolve("logs"),
        ServiceManager.DIRECT,
        Path.of("/etc/init.d/ncs"),
        ipcAddress,
        ipcPort,
        backupDir,
        Path.of("/tmp"),
        extraEnv,
        Sudo.NONE,
        Optional.empty(),
        Optional.empty());
  }

  /**
   * A system install's node with NSO's defaults under {@code root} ({@code /} for a real host):
   * {@code <root>/opt/ncs}, {@code <root>/etc/ncs}, {@code <root>/var/opt/ncs}, {@code
   * <root>/var/log/ncs}, init script {@code <root>/etc/init.d/ncs}.
   */
  public static HostLayout system(NodeId node, Path root, ServiceManager service, Path backupDir) {
    return system(
        node,
        root.resolve("opt/ncs"),
        root.resolve("etc/ncs"),
        root.resolve("var/opt/ncs"),
        root.resolve("var/log/ncs"),
        service,
        backupDir);
  }

  /**
   * A system install's node with the given directories (the installer's flags of the same names).
   */
  public static HostLayout system(
      NodeId node,
      Path installDir,
      Path configDir,
      Path runDir,
      Path logDir,
      ServiceManager service,
      Path backupDir) {
    Path etc = configDir.getParent() == null ? configDir : configDir.getParent();
    return new HostLayout(
        node,
        Kind.SYSTEM_INSTALL,
        runDir,
        installDir,
        configDir,
        logDir,
        service,
        etc.resolve("init.d/ncs"),
        null,
        0,
        backupDir,
        Path.of("/tmp"),
        Map.of(),
        Sudo.NONE,
        Optional.empty(),
        Optional.empty());
  }

  public boolean isSystemInstall() {
    return kind == Kind.SYSTEM_INSTALL;
  }

  /** The node's {@code ncs.conf}. */
  public Path confFile() {
    return configDir.resolve("ncs.conf");
  }

  /** The system install's package store ({@code <install-dir>/packages}). */
  public Path packageStore() {
    return installDir.resolve("packages");
  }

  /** The systemd environment file ({@code <config-dir>/ncs.systemd.conf}). */
  public Path systemdEnvFile() {
    return configDir.resolve("ncs.systemd.conf");
  }

  public HostLayout withIpc(String address, int port) {
    return new HostLayout(
        node,
        kind,
        runDir,
        installDir,
        configDir,
        logDir,
        service,
        initScript,
        address,
        port,
        backupDir,
        stagingDir,
        extraEnv,
        sudo,
        runAsUser,
        packagesFrom);
  }

  public HostLayout withSudo(Sudo s) {
    return new HostLayout(
        node,
        kind,
        runDir,
        installDir,
        configDir,
        logDir,
        service,
        initScript,
        ipcAddress,
        ipcPort,
        backupDir,
        stagingDir,
        extraEnv,
        s,
        runAsUser,
        packagesFrom);
  }

  public HostLayout withInitScript(Path script) {
    return new HostLayout(
        node,
        kind,
        runDir,
        installDir,
        configDir,
        logDir,
        service,
        script,
        ipcAddress,
        ipcPort,
        backupDir,
        stagingDir,
        extraEnv,
        sudo,
        runAsUser,
        packagesFrom);
  }

  public HostLayout withStagingDir(Path dir) {
    return new HostLayout(
        node,
        kind,
        runDir,
        installDir,
        configDir,
        logDir,
        service,
        initScript,
        ipcAddress,
        ipcPort,
        backupDir,
        dir,
        extraEnv,
        sudo,
        runAsUser,
        packagesFrom);
  }

  public HostLayout withInstallDir(Path dir) {
    return new HostLayout(
        node,
        kind,
        runDir,
        dir,
        configDir,
        logDir,
        service,
        initScript,
        ipcAddress,
        ipcPort,
        backupDir,
        stagingDir,
        extraEnv,
        sudo,
        runAsUser,
        packagesFrom);
  }

  public HostLayout withRunAsUser(Optional<String> user) {
    return new HostLayout(
        node,
        kind,
        runDir,
        installDir,
        configDir,
        logDir,
        service,
        initScript,
        ipcAddress,
        ipcPort,
        backupDir,
        stagingDir,
        extraEnv,
        sudo,
        user,
        packagesFrom);
  }

  public HostLayout withPackagesFrom(Optional<Path> dir) {
    return new HostLayout(
        node,
        kind,
        runDir,
        installDir,
        configDir,
        logDir,
        service,
        initScript,
        ipcAddress,
        ipcPort,
        backupDir,
        stagingDir,
        extraEnv,
        sudo,
        runAsUser,
        dir);
  }
}
