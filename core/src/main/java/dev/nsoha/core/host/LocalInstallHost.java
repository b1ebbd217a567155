package dev.nsoha.core.host;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.preflight.PreflightItem;
import dev.nsoha.core.preflight.PreflightRequest;
import dev.nsoha.core.spi.Backup;
import dev.nsoha.core.spi.Install;
import dev.nsoha.core.spi.NodeHost;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * <p>Thread-safe for different nodes; calls for one node must not overlap.
 */
public final class LocalInstallHost implements NodeHost {
  private static final Logger log = LoggerFactory.getLogger(LocalInstallHost.class);

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

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
  }

  private final Layout layout;
  private final Duration timeout;
  private volatile Install current;

  /**
   * @param layout where the node lives
   * @param current the install the node runs from now
   * @param timeout deadline for each tool run (start, stop, make, tar)
   */
  public LocalInstallHost(Layout layout, Install current, Duration timeout) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.current = Objects.requireNonNull(current, "current");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
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

  @Override
  public NodeId node() {
    return layout.node();
  }

  public Layout layout() {
    return layout;
  }

  /** The install the node runs from (the one it was last started from). */
  public Install currentInstall() {
    return current;
  }

  private String where() {
    return layout.node() + " (" + layout.runDir() + ")";
  }

  private Map<String, String> env(Install install) {
    Map<String, String> env = new HashMap<>(install.environment());
    env.put("NCS_IPC_ADDR", layout.ipcAddress());
    env.put("NCS_IPC_PORT", Integer.toString(layout.ipcPort()));
    env.putAll(layout.extraEnv());
    return env;
  }

  private String ncs(Install install) {
    return install.ncsDir().resolve("bin/ncs").toString();
  }

  @Override
  public Backup backup() {
    String what = "back up " + layout.runDir();
    try {
      Files.createDirectories(layout.backupDir());
      Instant now = Instant.now();
      Path file = layout.backupDir().resolve(layout.node() + "-" + STAMP.format(now) + ".tar.gz");
      Path parent = layout.runDir().getParent();
      ProcessRunner.Result r =
          ProcessRunner.run(
              where(),
              what,
              List.of(
                  "tar",
                  "-czf",
                  file.toString(),
                  "--exclude=" + layout.runDir().getFileName() + "/logs",
                  "-C",
                  parent.toString(),
                  layout.runDir().getFileName().toString()),
              parent,
              Map.of(),
              timeout);
      if (!r.ok()) {
        throw new HostException(
            where(), what, "tar exited with status " + r.exitCode() + ": " + r.tail(5));
      }
      return new Backup(layout.node(), file, sha256(file), now);
    } catch (IOException e) {
      throw new HostException(where(), what, e.getMessage(), e);
    }
  }

  /** The run directory, or its closest existing parent while it does not exist yet. */
  private Path workDir() {
    Path d = layout.runDir();
    while (d != null && !Files.isDirectory(d)) {
      d = d.getParent();
    }
    return d == null ? Path.of("/") : d;
  }

  @Override
  public void stop() {
    ProcessRunner.Result r =
        ProcessRunner.run(
            where(), "stop NSO", List.of(ncs(current), "--stop"), workDir(), env(current), timeout);
    if (!r.ok() && !r.output().contains("connection refused")) {
      throw new HostException(
          where(), "stop NSO", "ncs --stop exited with status " + r.exitCode() + ": " + r.tail(5));
    }
  }

  @Override
  public void start(Install install, boolean withPackageReload) {
    String what = "start NSO " + install.version();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                ncs(install),
                "--cd",
                layout.runDir().toString(),
                "-c",
                layout.runDir().resolve("ncs.conf").toString()));
    if (withPackageReload) {
      cmd.add("--with-package-reload");
    }
    ProcessRunner.Result r =
        ProcessRunner.run(where(), what, cmd, layout.runDir(), env(install), timeout);
    if (!r.ok()) {
      throw new HostException(
          where(),
          what,
          "ncs exited with status "
              + r.exitCode()
              + (r.output().isBlank()
                  ? " (see " + layout.runDir().resolve("logs") + ")"
                  : ": " + r.tail(5)));
    }
    current = install;
    ProcessRunner.Result w =
        ProcessRunner.run(
            where(),
            what,
            List.of(
                ncs(install), "--wait-started", Long.toString(Math.max(1, timeout.toSeconds()))),
            layout.runDir(),
            env(install),
            timeout.plusSeconds(5));
    if (!w.ok()) {
      throw new HostException(
          where(),
          what,
          "ncs --wait-started exited with status " + w.exitCode() + ": " + w.tail(5));
    }
  }

  /**
   * Rebuilds every package in the run directory's {@code packages/} that has a {@code
   * src/Makefile}; a package archive is unpacked first (to the directory its archive holds) and
   * then replaced by the rebuilt directory, as NSO's upgrade example does.
   */
  @Override
  public void rebuildPackages(Install install) {
    String what = "rebuild packages with NSO " + install.version();
    Path pkgs = layout.runDir().resolve("packages");
    if (!Files.isDirectory(pkgs)) {
      throw new HostException(where(), what, "no packages directory " + pkgs);
    }
    try {
      for (Path archive : list(pkgs, p -> p.getFileName().toString().endsWith(".tar.gz"))) {
        ProcessRunner.Result r =
            ProcessRunner.run(
                where(),
                what,
                List.of("tar", "-xzf", archive.toString(), "-C", pkgs.toString()),
                pkgs,
                Map.of(),
                timeout);
        if (!r.ok()) {
          throw new HostException(where(), what, "cannot unpack " + archive + ": " + r.tail(5));
        }
        Files.delete(archive);
      }
      List<Path> sources = list(pkgs, p -> Files.isRegularFile(p.resolve("src/Makefile")));
      if (sources.isEmpty()) {
        throw new HostException(where(), what, "no package with a src/Makefile in " + pkgs);
      }
      for (Path pkg : sources) {
        ProcessRunner.Result r =
            ProcessRunner.run(
                where(),
                what,
                List.of("make", "-C", pkg.resolve("src").toString(), "clean", "all"),
                pkg,
                env(install),
                timeout);
        if (!r.ok()) {
          throw new HostException(
              where(), what, "make -C " + pkg.resolve("src") + " clean all failed: " + r.tail(8));
        }
      }
    } catch (IOException e) {
      throw new HostException(where(), what, e.getMessage(), e);
    }
  }

  @Override
  public NsoVersion installedVersion() {
    return current.version();
  }

  @Override
  public boolean isRunning() {
    return ProcessRunner.run(
            where(),
            "read NSO status",
            List.of(ncs(current), "--status"),
            workDir(),
            env(current),
            timeout)
        .ok();
  }

  /**
   * Checks the backup's checksum, moves the run directory aside to {@code <run dir>.old}, unpacks
   * the backup in its place and keeps the logs of the run directory it replaced; then removes the
   * old copy.
   */
  @Override
  public void restore(Backup backup) {
    String what = "restore " + backup.file();
    if (!backup.node().equals(layout.node())) {
      throw new HostException(where(), what, "the backup is of node " + backup.node());
    }
    if (isRunning()) {
      throw new HostException(where(), what, "the node is running; stop it first");
    }
    try {
      if (!Files.isRegularFile(backup.file())) {
        throw new HostException(where(), what, "no backup file " + backup.file());
      }
      String actual = sha256(backup.file());
      if (!actual.equals(backup.sha256())) {
        throw new HostException(
            where(),
            what,
            "checksum mismatch: expected sha256 " + backup.sha256() + ", the file has " + actual);
      }
      Path run = layout.runDir();
      Path parent = run.getParent();
      Path old = run.resolveSibling(run.getFileName() + ".old");
      deleteTree(old);
      if (Files.exists(run)) {
        Files.move(run, old);
      }
      ProcessRunner.Result r =
          ProcessRunner.run(
              where(),
              what,
              List.of("tar", "-xzf", backup.file().toString(), "-C", parent.toString()),
              parent,
              Map.of(),
              timeout);
      if (!r.ok() || !Files.isDirectory(run)) {
        deleteTree(run);
        if (Files.exists(old)) {
          Files.move(old, run);
        }
        throw new HostException(
            where(), what, "tar exited with status " + r.exitCode() + ": " + r.tail(5));
      }
      Path oldLogs = old.resolve("logs");
      if (Files.isDirectory(oldLogs) && !Files.exists(run.resolve("logs"))) {
        Files.move(oldLogs, run.resolve("logs"));
      }
      deleteTree(old);
    } catch (IOException e) {
      throw new HostException(where(), what, e.getMessage(), e);
    }
  }

  /**
   * Room for a backup in the backup directory (at least the run directory's size without its logs,
   * an upper bound for the compressed backup), and, for an NSO version upgrade, the node's packages
   * built with the target install in a scratch copy: the run directory is not touched.
   */
  @Override
  public List<PreflightItem> preflight(PreflightRequest request) {
    List<PreflightItem> out = new ArrayList<>();
    String subject = layout.node().value();
    if (request.backups()) {
      try {
        long need = treeSize(layout.runDir());
        Path d = layout.backupDir();
        while (d != null && !Files.isDirectory(d)) {
          d = d.getParent();
        }
        long free = d == null ? 0 : Files.getFileStore(d).getUsableSpace();
        String detail =
            mib(free) + " free in " + layout.backupDir() + ", a backup needs up to " + mib(need);
        out.add(
            free >= need
                ? PreflightItem.go("disk-space", subject, detail)
                : PreflightItem.noGo(
                    "disk-space",
                    subject,
                    detail,
                    "free space there or give --backup-dir on a file system with room",
                    PreflightItem.Kind.NOT_READY));
      } catch (IOException e) {
        out.add(
            PreflightItem.noGo(
                "disk-space",
                subject,
                "cannot measure: " + e.getMessage(),
                "check that " + layout.runDir() + " and " + layout.backupDir() + " are readable",
                PreflightItem.Kind.NOT_READY));
      }
    }
    request.target().ifPresent(t -> out.add(tryBuild(t, subject)));
    return out;
  }

  private PreflightItem tryBuild(Install target, String subject) {
    String check = "packages-build";
    Path pkgs = layout.runDir().resolve("packages");
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("nso-ha-preflight-" + layout.node() + "-");
      Path copy = scratch.resolve("packages");
      Files.createDirectories(copy);
      for (Path p : list(pkgs, p -> true)) {
        String name = p.getFileName().toString();
        if (name.endsWith(".tar.gz")) {
          ProcessRunner.Result r =
              ProcessRunner.run(
                  where(),
                  "unpack " + name + " in a scratch directory",
                  List.of("tar", "-xzf", p.toRealPath().toString(), "-C", copy.toString()),
                  copy,
                  Map.of(),
                  timeout);
          if (!r.ok()) {
            return PreflightItem.noGo(
                check,
                subject,
                "cannot unpack " + p + ": " + r.tail(3),
                "replace the package archive",
                PreflightItem.Kind.NOT_READY);
          }
        } else if (Files.isDirectory(p)) {
          copyTree(p.toRealPath(), copy.resolve(name));
        }
      }
      List<Path> sources = list(copy, p -> Files.isRegularFile(p.resolve("src/Makefile")));
      for (Path pkg : sources) {
        ProcessRunner.Result r =
            ProcessRunner.run(
                where(),
                "build " + pkg.getFileName() + " with NSO " + target.version(),
                List.of("make", "-C", pkg.resolve("src").toString(), "clean", "all"),
                pkg,
                env(target),
                timeout);
        if (!r.ok()) {
          return PreflightItem.noGo(
              check,
              subject,
              "package "
                  + pkg.getFileName()
                  + " does not build with NSO "
                  + target.version()
                  + ": "
                  + r.tail(4),
              "fix the package's source for NSO "
                  + target.version()
                  + " in "
                  + pkgs
                  + " (tried in a scratch copy; nothing was changed)",
              PreflightItem.Kind.NOT_READY);
        }
      }
      return PreflightItem.go(
          check,
          subject,
          sources.size() + " package(s) build with NSO " + target.version() + " (scratch copy)");
    } catch (IOException e) {
      return PreflightItem.noGo(
          check,
          subject,
          "cannot try the build: " + e.getMessage(),
          "check " + pkgs + " and the temporary directory",
          PreflightItem.Kind.NOT_READY);
    } finally {
      if (scratch != null) {
        try {
          deleteTree(scratch);
        } catch (IOException e) {
          log.warn("cannot remove the scratch directory {}: {}", scratch, e.getMessage());
        }
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  private static long treeSize(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> !p.startsWith(dir.resolve("logs")))
          .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    }
  }

  private static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / 1048576.0);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static List<Path> list(Path dir, java.util.function.Predicate<Path> filter)
      throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(filter).sorted().toList();
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      byte[] buf = new byte[65536];
      while (in.read(buf) >= 0) {
        // reading feeds the digest
      }
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
