package dev.nsoha.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code reload-result} entry of {@code packages reload} or {@code packages ha sync
 * and-reload}.
 */
public record PackageReloadResult(String packageName, boolean ok, Optional<String> info) {
  public PackageReloadResult {
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(info, "info");
  }
}
