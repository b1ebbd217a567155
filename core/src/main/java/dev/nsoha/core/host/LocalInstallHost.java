package dev.nsoha.core.host;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.preflight.PreflightItem;
import dev.nsoha.core.preflight.PreflightRequest;
import dev.nsoha.core.spi.Install;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node of an NSO local install on this machine, driven with NSO's own tools as NSO's examples
 * drive it: {@code ncs --stop}, {@code ncs --cd <run dir> -c <run dir>/ncs.conf
 * --with-package-reload} and {@code make -C <package>/src clean all}, each with {@code
 * NCS_IPC_ADDR}/{@code NCS_IPC_PORT} naming the node and {@code NCS_DIR}/{@code PATH} naming the
 * install. Works unchanged for a real NSO local install and for the simulator's installs. Backups
 * are tar.gz archives of the run directory with a SHA-256 checksum.
 *
 * <p>This is the {@link InstallHost} with local processes ({@link LocalRunner}) and a local-install
 * {@link HostLayout}; it adds nothing to its behaviour.
 *
 * <p>Thread-safe for different nodes; calls for one node must not overlap.
 */
public final class LocalInstallHost extends InstallHost {

  /**
   * Where a node lives on this machine.
   *
   * @param node the node's HA id
   * @param runDir its run directory (holds {@code ncs.conf}, {@code packages/}, {@code ncs-cdb/})
   * @param ipcAddress the address of its IPC port ({@code NCS_IPC_ADDR}), 127.0.0.1 in the examples
   * @param ipcPort its IPC port ({@code NCS_IPC_PORT}), 4561..4563 in the examples
   * @param backupDir where backups go
   * @param extraEnv further environment for every tool, e.g. {@code NCS_CONFIG_DIR} and {@code
   *     NCS_RUN_DIR} of a simulated system install
   */
  public record Layout(
      NodeId node,
      Path runDir,
      String ipcAddress,
      int ipcPort,
      Path backupDir,
      Map<String, String> extraEnv) {
    public Layout {
      Objects.requireNonNull(node, "node");
      runDir = runDir.toAbsolutePath().normalize();
      Objects.requireNonNull(ipcAddress, "ipcAddress");
      backupDir = backupDir.toAbsolutePath().normalize();
      extraEnv = Map.copyOf(extraEnv);
    }

    /** The same node as a local-install {@link HostLayout}. */
    public HostLayout hostLayout() {
      return HostLayout.local(node, runDir, ipcAddress, ipcPort, backupDir, extraEnv);
    }
  }

  private final Layout layout;
  private final Duration timeout;

  /**
   * @param layout where the node lives
   * @param current the install the node runs from now
   * @param timeout deadline for each tool run (start, stop, make, tar)
   */
  public LocalInstallHost(Layout layout, Install current, Duration timeout) {
    super(LocalRunner.INSTANCE, layout.hostLayout(), current, timeout);
    this.layout = layout;
    this.timeout = timeout;
  }

  /**
   * Reads the version of the install at {@code ncsDir} from {@code bin/ncs --version}, as NSO's
   * scripts do.
   *
   * @throws HostException when {@code bin/ncs} is missing or prints no version
   */
  public static Install probe(Path ncsDir, Duration timeout) {
    Path dir = ncsDir.toAbsolutePath().normalize();
    Path ncs = dir.resolve("bin/ncs");
    if (!Files.isExecutable(ncs)) {
      throw new HostException(
          "",
          "read the NSO version of " + dir,
          "no executable "
              + ncs
              + " (is this an NSO installation directory, the one NCS_DIR points at?)");
    }
    ProcessRunner.Result r =
        ProcessRunner.run(
            "",
            "read the NSO version of " + dir,
            List.of(ncs.toString(), "--version"),
            dir,
            Map.of("NCS_DIR", dir.toString()),
            timeout);
    String text = r.output().strip();
    if (!r.ok() || text.isEmpty()) {
      throw new HostException(
          "", "read the NSO version of " + dir, ncs + " --version failed: " + r.tail(3));
    }
    try {
      return new Install(dir, NsoVersion.parse(text.lines().reduce((a, b) -> b).orElse(text)));
    } catch (IllegalArgumentException e) {
      throw new HostException(
          "", "read the NSO version of " + dir, ncs + " --version printed '" + text + "'", e);
    }
  }

  public Layout layout() {
    return layout;
  }

  /** Room for the backup, and the packages built with the target in a scratch copy. */
  @Override
  public List<PreflightItem> preflight(PreflightRequest request) {
    return new LocalPreflight(layout, where(), timeout).check(request);
  }

  @Override
  protected String where() {
    return layout.node() + " (" + layout.runDir() + ")";
  }
}
