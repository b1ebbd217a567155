package dev.nsoha.host.install;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a system-installed node is stopped and started: NSO's systemd unit {@code ncs} (6.4 and
 * later), its SysV init script (before 6.4), or {@code ncs} itself.
 */
public enum ServiceManager {
  /**
   * {@code systemctl stop ncs} / {@code systemctl start ncs}; a package reload sets {@code
   * NCS_RELOAD_PACKAGES=true} in {@code <config-dir>/ncs.systemd.conf} for the start and sets it
   * back afterwards.
   */
  SYSTEMD,
  /** The init script's verbs: {@code stop}, {@code start}, {@code restart-with-package-reload}. */
  SYSV,
  /**
   * {@code ncs --stop} and {@code ncs --cd <run-dir> -c <config-dir>/ncs.conf
   * [--with-package-reload]} with the install's environment.
   */
  DIRECT;

  /** The name used on the command line and in cluster files. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code systemd}, {@code sysv} or {@code direct}.
   *
   * @throws IllegalArgumentException naming the valid values
   */
  public static ServiceManager parse(String text) {
    for (ServiceManager s : values()) {
      if (s.cliName().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown service manager '"
            + text
            + "' (expected "
            + Arrays.stream(values()).map(ServiceManager::cliName).collect(Collectors.joining(", "))
            + ")");
  }
}
