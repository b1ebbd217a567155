package dev.nsoha.core.spi;

import dev.nsoha.core.model.NsoVersion;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An NSO installation: the directory that {@code NCS_DIR} points at, the version it runs, and, for
 * a release that a host must still install, the installer that installs it.
 *
 * @param ncsDir the install's root (holds {@code bin/ncs} and {@code ncsrc}); for a target given as
 *     an installer, the release directory's name {@code ncs-<version>}, relative, which a host
 *     resolves against its own install directory
 * @param version what {@code bin/ncs --version} prints
 * @param installer the installer {@code nso-<version>.<os>.<arch>.installer.bin} on this machine
 *     that installs this release on a host where it is missing, or empty
 */
public record Install(Path ncsDir, NsoVersion version, Optional<Path> installer) {
  public Install {
    Objects.requireNonNull(ncsDir, "ncsDir");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(installer, "installer");
  }

  /** An install that exists at {@code ncsDir}, with no installer. */
  public Install(Path ncsDir, NsoVersion version) {
    this(ncsDir, version, Optional.empty());
  }

  /**
   * The release that {@code installer} installs; its {@link #ncsDir()} is {@code ncs-<version>},
   * relative, to be resolved by the host that installs it.
   */
  public static Install fromInstaller(InstallerFile installer) {
    return new Install(
        Path.of("ncs-" + installer.version().text()),
        installer.version(),
        Optional.of(installer.file()));
  }

  /**
   * The environment NSO's tools need to run from this install, as its {@code ncsrc} sets it: {@code
   * NCS_DIR} and {@code PATH} with the install's {@code bin/} first.
   */
  public Map<String, String> environment() {
    return Map.of(
        "NCS_DIR",
        ncsDir.toString(),
        "PATH",
        ncsDir.resolve("bin") + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
  }

  @Override
  public String toString() {
    return "NSO "
        + version
        + (ncsDir.isAbsolute() ? " at " + ncsDir : installer.map(i -> " from " + i).orElse(""));
  }
}
