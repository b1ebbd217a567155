package dev.nsoha.sim.pkg;

import dev.nsoha.sim.conf.NcsConf;
import dev.nsoha.sim.data.NodeRefusal;
import dev.nsoha.sim.util.Tar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system-install package store ({@code <NCS_DIR>/../packages}) and the {@code software
 * packages} actions (list, fetch, install, deinstall), which manage the active load-path directory
 * with symbolic links into the store. Thread-safe: every action holds the package manager's lock.
 */
public final class SoftwarePackages {
  private static final Logger log = LoggerFactory.getLogger(SoftwarePackages.class);

  private final String label;
  private final NcsConf conf;
  private final Path ncsDir;
  private final PackageManager manager;

  SoftwarePackages(String label, NcsConf conf, Path ncsDir, PackageManager manager) {
    this.label = label;
    this.conf = conf;
    this.ncsDir = ncsDir;
    this.manager = manager;
  }

  /**
   * The load-path directory managed as the active set ({@code …/var/opt/ncs/packages}, else the
   * first).
   */
  public Path activeDir() {
    for (Path d : conf.loadPath()) {
      if (d.toString().replace('\\', '/').endsWith("var/opt/ncs/packages")) {
        return d;
      }
    }
    if (conf.loadPath().isEmpty()) {
      return conf.runDir().resolve("packages");
    }
    return conf.loadPath().get(0);
  }

  /** The system-install package store, {@code <ncs-dir>/../packages}. */
  public Path store() {
    if (ncsDir == null) {
      throw new NodeRefusal(
          NodeRefusal.Kind.OPERATION_FAILED,
          "software packages needs a system install (no NCS_DIR known)");
    }
    return ncsDir.resolve("..").resolve("packages").normalize();
  }

  /** One {@code software packages list} entry. */
  public record SoftwarePackage(String name, String state) {}

  /**
   * {@code software packages list}: the store's packages with state installable|installed|loaded.
   */
  public List<SoftwarePackage> list() {
    synchronized (manager) {
      Path store = store();
      Path active = activeDir();
      List<SoftwarePackage> out = new ArrayList<>();
      try {
        if (!Files.isDirectory(store)) {
          return out;
        }
        for (Path e : sorted(store)) {
          String fn = e.getFileName().toString();
          if (!fn.endsWith(".tar.gz") && !Files.isDirectory(e)) {
            continue;
          }
          Path link = active.resolve(fn);
          String state = "installable";
          if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            state = "installed";
            if (manager.isLoadedFrom(fn)) {
              state = "loaded";
            }
          }
          out.add(new SoftwarePackage(fn, state));
        }
      } catch (IOException e) {
        throw new NodeRefusal(
            NodeRefusal.Kind.OPERATION_FAILED, "cannot read the package store: " + e.getMessage());
      }
      return out;
    }
  }

  /** {@code software packages fetch package-from-file <file>}: copies it into the store. */
  public void fetch(String file) {
    synchronized (manager) {
      Path f = Path.of(file);
      if (!Files.isRegularFile(f)) {
        throw new NodeRefusal(
            NodeRefusal.Kind.OPERATION_FAILED, "failed to fetch package: no such file: " + file);
      }
      try {
        Files.createDirectories(store());
        Files.copy(
            f, store().resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        log.info("{}: fetched {} into {}", label, f, store());
      } catch (IOException e) {
        throw new NodeRefusal(
            NodeRefusal.Kind.OPERATION_FAILED, "failed to fetch package: " + e.getMessage());
      }
    }
  }

  /**
   * {@code software packages install package <p> [replace-existing]}; returns the {@code installed}
   * text.
   */
  public String install(String pkg, boolean replaceExisting) {
    synchronized (manager) {
      Path store = store();
      Path src = findInStore(pkg);
      Path active = activeDir();
      try {
        String name = PackageMeta.ofStoreEntry(src).name();
        Files.createDirectories(active);
        for (Path e : sorted(active)) {
          if (e.getFileName().equals(src.getFileName())) {
            continue;
          }
          String other;
          try {
            other =
                e.getFileName().toString().endsWith(".tar.gz") || Files.isDirectory(e)
                    ? PackageMeta.ofStoreEntry(e).name()
                    : null;
          } catch (IOException ex) {
            other = null;
          }
          if (name.equals(other)) {
            if (!replaceExisting) {
              throw new NodeRefusal(
                  NodeRefusal.Kind.OPERATION_FAILED,
                  "package "
                      + name
                      + " is already installed ("
                      + e.getFileName()
                      + "); use replace-existing");
            }
            if (Files.isSymbolicLink(e)) {
              Files.delete(e);
            } else {
              Tar.deleteTree(e);
            }
          }
        }
        Path link = active.resolve(src.getFileName().toString());
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(
              link, store.resolve(src.getFileName().toString()).toAbsolutePath());
        }
        log.info("{}: installed {} ({})", label, pkg, link);
        return pkg;
      } catch (IOException e) {
        throw new NodeRefusal(
            NodeRefusal.Kind.OPERATION_FAILED,
            "failed to install package " + pkg + ": " + e.getMessage());
      }
    }
  }

  /** {@code software packages deinstall package <p>}. */
  public void deinstall(String pkg) {
    synchronized (manager) {
      Path active = activeDir();
      for (String cand : List.of(pkg, pkg + ".tar.gz")) {
        Path l = active.resolve(cand);
        if (Files.exists(l, LinkOption.NOFOLLOW_LINKS)) {
          try {
            if (Files.isSymbolicLink(l)) {
              Files.delete(l);
            } else {
              Tar.deleteTree(l);
            }
            log.info("{}: deinstalled {}", label, pkg);
            return;
          } catch (IOException e) {
            throw new NodeRefusal(
                NodeRefusal.Kind.OPERATION_FAILED,
                "failed to deinstall package " + pkg + ": " + e.getMessage());
          }
        }
      }
      throw new NodeRefusal(
          NodeRefusal.Kind.OPERATION_FAILED, "package " + pkg + " is not installed");
    }
  }

  private Path findInStore(String pkg) {
    Path store = store();
    for (String cand : List.of(pkg + ".tar.gz", pkg)) {
      Path p = store.resolve(cand);
      if (Files.exists(p)) {
        return p;
      }
    }
    throw new NodeRefusal(
        NodeRefusal.Kind.OPERATION_FAILED,
        "package " + pkg + " is not in the package store " + store);
  }

  private static List<Path> sorted(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
