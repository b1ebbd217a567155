package dev.nsoha.host.install;

import dev.nsoha.core.preflight.PreflightItem;
import dev.nsoha.core.preflight.PreflightRequest;
import dev.nsoha.core.spi.Install;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host-level preflight checks of a node of a local install: room for its backup, and its
 * packages built with the target install in a scratch copy (the run directory is not touched).
 */
final class LocalPreflight {
  private static final Logger log = LoggerFactory.getLogger(LocalPreflight.class);

  private final LocalInstallHost.Layout layout;
  private final String where;
  private final Duration timeout;

  private final Consumer<Path> keepBuild;

  /**
   * @param keepBuild takes the scratch directory of a successful build ({@code <scratch>/packages}
   *     holds the built packages) and removes it when done; null to remove it here
   */
  LocalPreflight(
      LocalInstallHost.Layout layout, String where, Duration timeout, Consumer<Path> keepBuild) {
    this.layout = layout;
    this.where = where;
    this.timeout = timeout;
    this.keepBuild = keepBuild;
  }

  List<PreflightItem> check(PreflightRequest request) {
    List<PreflightItem> out = new ArrayList<>();
    String subject = layout.node().value();
    if (request.backups()) {
      out.add(diskSpace(subject));
    }
    request.target().ifPresent(t -> out.add(tryBuild(t, subject)));
    return out;
  }

  private PreflightItem diskSpace(String subject) {
    try {
      long need = treeSize(layout.runDir());
      Path d = layout.backupDir();
      while (d != null && !Files.isDirectory(d)) {
        d = d.getParent();
      }
      long free = d == null ? 0 : Files.getFileStore(d).getUsableSpace();
      String detail =
          mib(free) + " free in " + layout.backupDir() + ", a backup needs up to " + mib(need);
      return free >= need
          ? PreflightItem.go("disk-space", subject, detail)
          : PreflightItem.noGo(
              "disk-space",
              subject,
              detail,
              "free space there or give --backup-dir on a file system with room",
              PreflightItem.Kind.NOT_READY);
    } catch (IOException e) {
      return PreflightItem.noGo(
          "disk-space",
          subject,
          "cannot measure: " + e.getMessage(),
          "check that " + layout.runDir() + " and " + layout.backupDir() + " are readable",
          PreflightItem.Kind.NOT_READY);
    }
  }

  private Map<String, String> env(Install install) {
    Map<String, String> env = new HashMap<>(install.environment());
    env.put("NCS_IPC_ADDR", layout.ipcAddress());
    env.put("NCS_IPC_PORT", Integer.toString(layout.ipcPort()));
    env.putAll(layout.extraEnv());
    return env;
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
                  where,
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
                where,
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
      if (keepBuild != null) {
        keepBuild.accept(scratch);
        scratch = null;
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

  /**
   * The size of the files under {@code dir} (its logs left out). A node that takes writes creates
   * and removes files while this walks: a file gone before it is measured counts as nothing.
   */
  private static long treeSize(Path dir) throws IOException {
    Path logs = dir.resolve("logs");
    long[] total = {0};
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
            return d.equals(logs) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
            if (a.isRegularFile()) {
              total[0] += a.size();
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
    return total[0];
  }

  private static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / 1048576.0);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static List<Path> list(Path dir, Predicate<Path> filter) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(filter).sorted().toList();
    }
  }
}
