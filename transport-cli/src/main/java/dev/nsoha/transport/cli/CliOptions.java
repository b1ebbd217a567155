package dev.nsoha.transport.cli;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What only the CLI transport needs: how SSH host keys are checked. Bound by {@link
 * CliTransportModule}; the deadlines are core's {@code TransportOptions}, per endpoint.
 *
 * @param knownHosts the OpenSSH known_hosts file host keys are checked against; empty means {@code
 *     ~/.ssh/known_hosts}
 * @param acceptUnknownHostKeys lab use only: accept and remember a host key not yet known (a
 *     changed key is still refused)
 */
public record CliOptions(Optional<Path> knownHosts, boolean acceptUnknownHostKeys) {
  public CliOptions {
    Objects.requireNonNull(knownHosts, "knownHosts");
  }

  /** {@code ~/.ssh/known_hosts}, unknown host keys refused. */
  public static CliOptions defaults() {
    return new CliOptions(Optional.empty(), false);
  }

  /** For the simulator and labs: {@code knownHosts}, unknown host keys accepted and remembered. */
  public static CliOptions lab(Path knownHosts) {
    return new CliOptions(Optional.of(knownHosts), true);
  }

  /** The known_hosts file in use. */
  public Path knownHostsFile() {
    return knownHosts.orElse(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
  }
}
