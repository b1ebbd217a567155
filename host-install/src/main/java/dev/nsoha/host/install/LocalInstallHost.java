package dev.nsoha.host.install;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.preflight.PreflightItem;
import dev.nsoha.core.preflight.PreflightRequest;
import dev.nsoha.core.spi.Install;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node of an NSO local install on this machine, driven with NSO's own tools as NSO's examples
 * drive it: {@code ncs --stop}, {@code ncs --cd <run dir> -c <run dir>/ncs.conf
 * --with-package-reload} and {@code make -C <package>/src clean all}, each with {@code
 * NCS_IPC_ADDR}/{@code NCS_IPC_PORT} naming the node and {@code NCS_DIR}/{@code PATH} naming the
 * install. Works unchanged for a real NSO local install and for the simulator's installs. Backups
 * are tar.gz archives of the run directory with a SHA-256 checksum.
 *
 * <p>This is the {@link InstallHost} with local processes ({@link LocalRunner}) and a local-install
 * {@link HostLayout}. It adds one thing: the packages preflight builds in a scratch copy are kept
 * for the fast strategy's staging step, so each package is built once per run.
 *
 * <p>Thread-safe for different nodes; calls for one node must not overlap.
 */
public final class LocalInstallHost extends InstallHost {
  private static final Logger log = LoggerFactory.getLogger(LocalInstallHost.class);

  private Prebuilt prebuilt;

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

  /**
   * Room for the backup, and the packages built with the target in a scratch copy. A successful
   * build is kept (until {@link #close}) for {@link #stagePackages}, which then copies it instead
   * of building the same sources again, if they have not changed since.
   */
  @Override
  public List<PreflightItem> preflight(PreflightRequest request) {
    dropPrebuilt();
    Optional<String> sources = request.target().flatMap(t -> sourcesFingerprint());
    Consumer<Path> keep =
        sources.isEmpty()
            ? null
            : scratch -> {
              synchronized (this) {
                prebuilt =
                    new Prebuilt(scratch, request.target().orElseThrow().ncsDir(), sources.get());
              }
            };
    return new LocalPreflight(layout, where(), timeout, keep).check(request);
  }

  /** The packages preflight built for {@code install}, if the sources are still the same. */
  @Override
  protected synchronized Optional<Path> prebuiltPackages(Install install) {
    if (prebuilt == null || !prebuilt.ncsDir().equals(install.ncsDir())) {
      return Optional.empty();
    }
    if (!sourcesFingerprint().equals(Optional.of(prebuilt.sources()))) {
      log.debug("{}: the packages changed since preflight built them; building again", where());
      return Optional.empty();
    }
    return Optional.of(prebuilt.scratch().resolve("packages"));
  }

  @Override
  protected void prebuiltPackagesUsed() {
    dropPrebuilt();
  }

  private synchronized void dropPrebuilt() {
    if (prebuilt != null) {
      try {
        LocalPreflight.deleteTree(prebuilt.scratch());
      } catch (IOException e) {
        log.warn("cannot remove the scratch directory {}: {}", prebuilt.scratch(), e.getMessage());
      }
      prebuilt = null;
    }
  }

  /**
   * Names, sizes and modification times of every file under the node's {@code packages/} (following
   * links), hashed; empty when it cannot be read.
   */
  private Optional<String> sourcesFingerprint() {
    Path pkgs = layout.runDir().resolve("packages");
    try (Stream<Path> files = Files.walk(pkgs, FileVisitOption.FOLLOW_LINKS)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        md.update(
            (pkgs.relativize(f)
                    + "\0"
                    + Files.size(f)
                    + "\0"
                    + Files.getLastModifiedTime(f).toMillis()
                    + "\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      return Optional.of(HexFormat.of().formatHex(md.digest()));
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public void close() {
    dropPrebuilt();
    super.close();
  }

  private record Prebuilt(Path scratch, Path ncsDir, String sources) {}

  @Override
  protected String where() {
    return layout.node() + " (" + layout.runDir() + ")";
  }
}
