package dev.nsoha.scenarios;

import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.spi.Install;
import dev.nsoha.scenarios.input.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What ships with the tool: the simulator's NSO-style installs ({@code installs/nso-<version>/})
 * and the example package store ({@code package-store/*.tar.gz}). In the distribution they sit
 * under the directory the launcher passes as {@code -Dnsoha.home}; in a source tree they are the
 * simulator module's build output.
 *
 * @param installs the directory holding the installs
 * @param packageStore the directory holding the example package archives
 * @param packageSources the directory holding the example packages' sources ({@code dummy-1.0/},
 *     ...)
 */
public record Bundle(Path installs, Path packageStore, Path packageSources) {
  public static final String HOME_PROPERTY = "nsoha.home";

  /**
   * Finds the bundle: {@code $nsoha.home/installs} in a distribution, else {@code
   * simulator/target/installs} in the current directory or one of its parents.
   */
  public static Optional<Bundle> locate() {
    String home = System.getProperty(HOME_PROPERTY);
    if (home != null && !home.isBlank()) {
      Path h = Path.of(home).toAbsolutePath().normalize();
      if (Files.isDirectory(h.resolve("installs"))) {
        return Optional.of(
            new Bundle(
                h.resolve("installs"), h.resolve("package-store"), h.resolve("package-src")));
      }
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path target = d.resolve("simulator/target");
      if (Files.isDirectory(target.resolve("installs"))) {
        return Optional.of(
            new Bundle(
                target.resolve("installs"),
                target.resolve("package-store"),
                d.resolve("simulator/src/packages")));
      }
    }
    return Optional.empty();
  }

  /** {@link #locate()}, or an error that says how to get one. */
  public static Bundle require() {
    return locate()
        .orElseThrow(
            () ->
                new UsageException(
                    "the bundled simulator installs were not found (looked for installs/ under -D"
                        + HOME_PROPERTY
                        + " and simulator/target/installs above "
                        + Path.of("").toAbsolutePath()
                        + "); build them with 'make build', or give the installs with -o and -n"));
  }

  /** The bundled installs, oldest first, with the version their directory name carries. */
  public List<Install> list() {
    try (Stream<Path> s = Files.list(installs)) {
      return s.filter(p -> p.getFileName().toString().startsWith("nso-") && Files.isDirectory(p))
          .map(
              p ->
                  new Install(
                      p.toAbsolutePath().normalize(),
                      NsoVersion.parse(p.getFileName().toString().substring("nso-".length()))))
          .sorted(Comparator.comparing(Install::version))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + installs, e);
    }
  }

  /** The oldest bundled install: what the example starts on. */
  public Install oldInstall() {
    List<Install> all = list();
    if (all.size() < 2) {
      throw new UsageException("expected two installs in " + installs + ", found " + all.size());
    }
    return all.get(0);
  }

  /** The newest bundled install: what the example upgrades to. */
  public Install newInstall() {
    List<Install> all = list();
    if (all.size() < 2) {
      throw new UsageException("expected two installs in " + installs + ", found " + all.size());
    }
    return all.get(all.size() - 1);
  }

  /** The source directory of an example package, e.g. {@code dummy-1.0}. */
  public Path packageSource(String nameAndVersion) {
    Path p = packageSources.resolve(nameAndVersion).toAbsolutePath().normalize();
    if (!Files.isRegularFile(p.resolve("package-meta-data.xml"))) {
      throw new UsageException("example package source " + p + " is missing");
    }
    return p;
  }

  /**
   * An archive of the package store, e.g. {@code dummy-1.1} gives {@code
   * package-store/dummy-1.1.tar.gz}.
   */
  public Path packageArchive(String nameAndVersion, Optional<NsoVersion> release) {
    if (release.isPresent()) {
      Path p =
          packageStore
              .resolve("nso-" + release.get().text())
              .resolve(nameAndVersion + ".tar.gz")
              .toAbsolutePath()
              .normalize();
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return packageArchive(nameAndVersion);
  }

  /**
   * An archive of the package store, e.g. {@code dummy-1.1} gives {@code
   * package-store/dummy-1.1.tar.gz}.
   */
  public Path packageArchive(String nameAndVersion) {
    Path p = packageStore.resolve(nameAndVersion + ".tar.gz").toAbsolutePath().normalize();
    if (!Files.isRegularFile(p)) {
      throw new UsageException("package archive " + p + " is missing; rebuild with 'make build'");
    }
    return p;
  }
}
