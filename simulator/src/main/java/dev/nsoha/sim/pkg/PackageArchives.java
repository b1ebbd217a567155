package dev.nsoha.sim.pkg;

import dev.nsoha.sim.conf.NcsConf;
import dev.nsoha.sim.util.AtomicFiles;
import dev.nsoha.sim.util.Tar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The package archives {@code packages ha sync} exchanges: the primary packs its load path, a
 * secondary replaces the packages of its active load-path directory with them. Thread-safe: both
 * hold the package manager's lock.
 */
public final class PackageArchives {
  private static final Logger log = LoggerFactory.getLogger(PackageArchives.class);

  private final String label;
  private final NcsConf conf;
  private final Path ncsDir;
  private final PackageManager manager;

  PackageArchives(String label, NcsConf conf, Path ncsDir, PackageManager manager) {
    this.label = label;
    this.conf = conf;
    this.ncsDir = ncsDir;
    this.manager = manager;
  }

  /**
   * The load path's packages as {@code .tar.gz} archives (directories are packed), by file name.
   */
  public Map<String, byte[]> pack() throws IOException {
    synchronized (manager) {
      Map<String, byte[]> out = new LinkedHashMap<>();
      for (Path dir : conf.loadPath()) {
        if (!Files.isDirectory(dir)
            || (ncsDir != null
                && dir.toAbsolutePath()
                    .normalize()
                    .startsWith(ncsDir.toAbsolutePath().normalize()))) {
          continue;
        }
        for (Path e : sorted(dir)) {
          String fn = e.getFileName().toString();
          if (Files.isDirectory(e) && Files.exists(e.resolve("package-meta-data.xml"))) {
            out.put(fn + ".tar.gz", Tar.create(e, fn));
          } else if (fn.endsWith(".tar.gz") && Files.isRegularFile(e)) {
            out.put(fn, Files.readAllBytes(e));
          }
        }
      }
      return out;
    }
  }

  /**
   * Replaces the packages in this node's first load-path directory with {@code archives} (links are
   * removed, not their targets).
   */
  public void receive(Map<String, byte[]> archives) throws IOException {
    synchronized (manager) {
      Path dir = manager.activeDir();
      Files.createDirectories(dir);
      for (Path e : sorted(dir)) {
        String fn = e.getFileName().toString();
        boolean pkg =
            fn.endsWith(".tar.gz")
                || (Files.isDirectory(e) && Files.exists(e.resolve("package-meta-data.xml")));
        if (pkg) {
          if (Files.isSymbolicLink(e)) {
            Files.delete(e);
          } else {
            Tar.deleteTree(e);
          }
        }
      }
      for (Map.Entry<String, byte[]> a : archives.entrySet()) {
        String fn = Path.of(a.getKey()).getFileName().toString();
        AtomicFiles.write(dir.resolve(fn), a.getValue());
      }
      log.info("{}: received packages {} into {}", label, archives.keySet(), dir);
    }
  }

  private static List<Path> sorted(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
