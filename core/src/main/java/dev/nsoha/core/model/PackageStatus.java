package dev.nsoha.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One loaded package, from {@code /packages/package{name}}.
 *
 * @param name the package name from its meta-data (not the file name)
 * @param version {@code package-version}
 * @param operStatus {@code up}, {@code file-load-error}, ...
 * @param errorInfo {@code oper-status/error-info}, when the package failed
 */
public record PackageStatus(
    String name, String version, String operStatus, Optional<String> errorInfo) {
  public PackageStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(operStatus, "operStatus");
    Objects.requireNonNull(errorInfo, "errorInfo");
  }

  public boolean isUp() {
    return operStatus.equals("up");
  }
}
