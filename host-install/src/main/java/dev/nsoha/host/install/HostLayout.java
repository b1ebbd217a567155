package dev.nsoha.host.install;

import dev.nsoha.core.model.NodeId;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

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
    Fields f = new Fields(node, Kind.LOCAL_INSTALL, backupDir);
    f.runDir = runDir;
    f.installDir = parent.resolve("installs");
    f.configDir = runDir;
    f.logDir = runDir.resolve("logs");
    f.service = ServiceManager.DIRECT;
    f.initScript = Path.of("/etc/init.d/ncs");
    f.ipcAddress = ipcAddress;
    f.ipcPort = ipcPort;
    f.extraEnv = extraEnv;
    return f.build();
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
    Fields f = new Fields(node, Kind.SYSTEM_INSTALL, backupDir);
    f.runDir = runDir;
    f.installDir = installDir;
    f.configDir = configDir;
    f.logDir = logDir;
    f.service = service;
    f.initScript = etc.resolve("init.d/ncs");
    return f.build();
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
    return with(
        f -> {
          f.ipcAddress = address;
          f.ipcPort = port;
        });
  }

  public HostLayout withSudo(Sudo s) {
    return with(f -> f.sudo = s);
  }

  public HostLayout withInitScript(Path script) {
    return with(f -> f.initScript = script);
  }

  public HostLayout withStagingDir(Path dir) {
    return with(f -> f.stagingDir = dir);
  }

  public HostLayout withInstallDir(Path dir) {
    return with(f -> f.installDir = dir);
  }

  public HostLayout withRunAsUser(Optional<String> user) {
    return with(f -> f.runAsUser = user);
  }

  public HostLayout withPackagesFrom(Optional<Path> dir) {
    return with(f -> f.packagesFrom = dir);
  }

  private HostLayout with(Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return f.build();
  }

  /**
   * The record's fields while a layout is made or copied with changes: the one place that calls the
   * canonical constructor, with the defaults both kinds share (staging in {@code /tmp}, no extra
   * environment, no sudo, no run-as user, packages rebuilt rather than taken from a directory).
   */
  private static final class Fields {
    private final NodeId node;
    private final Kind kind;
    private Path runDir;
    private Path installDir;
    private Path configDir;
    private Path logDir;
    private ServiceManager service;
    private Path initScript;
    private String ipcAddress;
    private int ipcPort;
    private final Path backupDir;
    private Path stagingDir = Path.of("/tmp");
    private Map<String, String> extraEnv = Map.of();
    private Sudo sudo = Sudo.NONE;
    private Optional<String> runAsUser = Optional.empty();
    private Optional<Path> packagesFrom = Optional.empty();

    Fields(NodeId node, Kind kind, Path backupDir) {
      this.node = node;
      this.kind = kind;
      this.backupDir = backupDir;
    }

    Fields(HostLayout l) {
      this(l.node, l.kind, l.backupDir);
      runDir = l.runDir;
      installDir = l.installDir;
      configDir = l.configDir;
      logDir = l.logDir;
      service = l.service;
      initScript = l.initScript;
      ipcAddress = l.ipcAddress;
      ipcPort = l.ipcPort;
      stagingDir = l.stagingDir;
      extraEnv = l.extraEnv;
      sudo = l.sudo;
      runAsUser = l.runAsUser;
      packagesFrom = l.packagesFrom;
    }

    HostLayout build() {
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
          packagesFrom);
    }
  }
}
