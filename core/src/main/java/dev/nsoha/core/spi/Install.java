package dev.nsoha.core.spi;

import dev.nsoha.core.model.NsoVersion;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * An NSO installation: the directory that {@code NCS_DIR} points at, and the version it runs.
 *
 * @param ncsDir the install's root (holds {@code bin/ncs} and {@code ncsrc})
 * @param version what {@code bin/ncs --version} prints
 */
public record Install(Path ncsDir, NsoVersion version) {
  public Install {
    Objects.requireNonNull(ncsDir, "ncsDir");
    Objects.requireNonNull(version, "version");
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
    return "NSO " + version + " at " + ncsDir;
  }
}
