package dev.nsoha.core.spi;

import dev.nsoha.core.model.NsoVersion;
import java.nio.file.Path;
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

  @Override
  public String toString() {
    return "NSO " + version + " at " + ncsDir;
  }
}
