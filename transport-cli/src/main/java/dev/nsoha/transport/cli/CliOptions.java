package dev.nsoha.transport.cli;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What only the CLI transport needs: how SSH host keys are checked and how it logs in. Bound by
 * {@link CliTransportModule}; the deadlines are core's {@code TransportOptions}, per endpoint.
 *
 * @param knownHosts the OpenSSH known_hosts file host keys are checked against; empty means {@code
 *     ~/.ssh/known_hosts}
 * @param acceptUnknownHostKeys lab use only: accept and remember a host key not yet known (a
 *     changed key is still refused)
 * @param sshKey a private key (OpenSSH format) for public-key login instead of the password
 * @param sshKeyPassphrase the key's passphrase, if it has one; never printed
 */
public record CliOptions(
    Optional<Path> knownHosts,
    boolean acceptUnknownHostKeys,
    Optional<Path> sshKey,
    Optional<String> sshKeyPassphrase) {
  public CliOptions {
    Objects.requireNonNull(knownHosts, "knownHosts");
    Objects.requireNonNull(sshKey, "sshKey");
    Objects.requireNonNull(sshKeyPassphrase, "sshKeyPassphrase");
  }

  /** Host keys checked against {@code knownHosts} (empty: ~/.ssh/known_hosts), password login. */
  public CliOptions(Optional<Path> knownHosts, boolean acceptUnknownHostKeys) {
    this(knownHosts, acceptUnknownHostKeys, Optional.empty(), Optional.empty());
  }

  /** {@code ~/.ssh/known_hosts}, unknown host keys refused. */
  public static CliOptions defaults() {
    return new CliOptions(Optional.empty(), false);
  }

  /** For the simulator and labs: {@code knownHosts}, unknown host keys accepted and remembered. */
  public static CliOptions lab(Path knownHosts) {
    return new CliOptions(Optional.of(knownHosts), true);
  }

  /** The same, logging in with {@code key} (and its passphrase, if any). */
  public CliOptions withSshKey(Path key, String passphrase) {
    return new CliOptions(
        knownHosts, acceptUnknownHostKeys, Optional.of(key), Optional.ofNullable(passphrase));
  }

  /** The known_hosts file in use. */
  public Path knownHostsFile() {
    return knownHosts.orElse(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
  }

  @Override
  public String toString() {
    return "CliOptions[knownHosts="
        + knownHosts
        + ", acceptUnknownHostKeys="
        + acceptUnknownHostKeys
        + ", sshKey="
        + sshKey
        + "]";
  }
}
