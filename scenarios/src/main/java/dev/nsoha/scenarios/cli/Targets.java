package dev.nsoha.scenarios.cli;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.plans.PackageFile;
import dev.nsoha.core.spi.Install;
import dev.nsoha.host.install.LocalInstallHost;
import dev.nsoha.scenarios.Bundle;
import dev.nsoha.scenarios.input.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** What to upgrade to: a new NSO install ({@code -n}) or package files ({@code --package}). */
public final class Targets {
  @Option(
      names = {"-n", "--new-install"},
      paramLabel = "DIR",
      description =
          "The NSO installation (NCS_DIR) to upgrade to (default: the bundled newer simulator install).")
  Path newInstall;

  @Option(
      names = {"-p", "--package"},
      paramLabel = "FILE",
      description =
          "A package archive <name>-<version>.tar.gz to install, repeatable"
              + " (default: the example's dummy-1.1 and inert-1.0 from the bundled package store,"
              + " built for the release the cluster runs).")
  List<Path> packages = new ArrayList<>();

  /** The install to upgrade to. */
  public Install newInstall(Duration timeout) {
    return newInstall != null ? probe(newInstall, timeout) : Bundle.require().newInstall();
  }

  /**
   * Reads an install given on the command line; a directory that is no install is a usage error.
   */
  static Install probe(Path dir, Duration timeout) {
    try {
      return LocalInstallHost.probe(dir, timeout);
    } catch (HostException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  /** The package files, checked to exist. */
  public List<PackageFile> packageFiles() {
    return packageFiles(Optional.empty());
  }

  /**
   * The package files, checked to exist; without {@code -p}, the example's packages built for
   * {@code running}, the release the cluster runs (the bundled store's {@code nso-<version>/}), or
   * the store's own when it has none for that release.
   */
  public List<PackageFile> packageFiles(Optional<NsoVersion> running) {
    List<Path> files =
        packages.isEmpty()
            ? List.of(
                Bundle.require().packageArchive("dummy-1.1", running),
                Bundle.require().packageArchive("inert-1.0", running))
            : packages;
    List<PackageFile> out = new ArrayList<>();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw new UsageException("package file " + f.toAbsolutePath() + " does not exist");
      }
      try {
        out.add(PackageFile.of(f));
      } catch (IllegalArgumentException e) {
        throw new UsageException("package file " + f + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
