package dev.nsoha.core.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a client reaches a node beyond address and port.
 *
 * @param https RESTCONF over HTTPS instead of HTTP
 * @param trustStore a PKCS12 or JKS trust store for HTTPS; empty means the JVM's default trust
 * @param trustStorePassword its password, if it has one
 * @param knownHosts the OpenSSH known_hosts file the CLI transport checks host keys against
 * @param acceptUnknownHostKeys lab use only: accept and remember any SSH host key
 * @param connectTimeout deadline for establishing a connection
 * @param requestTimeout deadline for one request or CLI command (long actions such as package
 *     reload get more)
 * @param pinnedCertificates HTTPS: certificates (as {@code sha256/<base64 of the public key>})
 *     accepted although they name another host; they must still chain to a trusted CA and be valid
 * @param sshKey the CLI transport's private key (OpenSSH format) for public-key login
 * @param sshKeyPassphrase the key's passphrase, if it has one
 */
public record TransportOptions(
    boolean https,
    Optional<Path> trustStore,
    Optional<String> trustStorePassword,
    Optional<Path> knownHosts,
    boolean acceptUnknownHostKeys,
    Duration connectTimeout,
    Duration requestTimeout,
    Set<String> pinnedCertificates,
    Optional<Path> sshKey,
    Optional<String> sshKeyPassphrase) {

  public TransportOptions {
    pinnedCertificates = Set.copyOf(pinnedCertificates);
    Objects.requireNonNull(sshKey, "sshKey");
    Objects.requireNonNull(sshKeyPassphrase, "sshKeyPassphrase");
    Objects.requireNonNull(trustStore, "trustStore");
    Objects.requireNonNull(trustStorePassword, "trustStorePassword");
    Objects.requireNonNull(knownHosts, "knownHosts");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
  }

  /**
   * Plain HTTP, the default known_hosts, unknown host keys refused, 10 s to connect, 60 s per
   * request.
   */
  public static TransportOptions defaults() {
    return new TransportOptions(
        false,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        Set.of(),
        Optional.empty(),
        Optional.empty());
  }

  /** For the simulator and labs: unknown SSH host keys are accepted and remembered. */
  public static TransportOptions lab() {
    return defaults().withAcceptUnknownHostKeys(true);
  }

  public TransportOptions withAcceptUnknownHostKeys(boolean accept) {
    return new TransportOptions(
        https,
        trustStore,
        trustStorePassword,
        knownHosts,
        accept,
        connectTimeout,
        requestTimeout,
        pinnedCertificates,
        sshKey,
        sshKeyPassphrase);
  }

  public TransportOptions withKnownHosts(Path file) {
    return new TransportOptions(
        https,
        trustStore,
        trustStorePassword,
        Optional.of(file),
        acceptUnknownHostKeys,
        connectTimeout,
        requestTimeout,
        pinnedCertificates,
        sshKey,
        sshKeyPassphrase);
  }

  public TransportOptions withHttps(Path trustStoreFile, String password) {
    return new TransportOptions(
        true,
        Optional.ofNullable(trustStoreFile),
        Optional.ofNullable(password),
        knownHosts,
        acceptUnknownHostKeys,
        connectTimeout,
        requestTimeout,
        pinnedCertificates,
        sshKey,
        sshKeyPassphrase);
  }

  public TransportOptions withTimeouts(Duration connect, Duration request) {
    return new TransportOptions(
        https,
        trustStore,
        trustStorePassword,
        knownHosts,
        acceptUnknownHostKeys,
        connect,
        request,
        pinnedCertificates,
        sshKey,
        sshKeyPassphrase);
  }

  /** HTTPS: also accept these certificates for a host they do not name (see the record's doc). */
  public TransportOptions withPinnedCertificates(Set<String> pins) {
    return new TransportOptions(
        https,
        trustStore,
        trustStorePassword,
        knownHosts,
        acceptUnknownHostKeys,
        connectTimeout,
        requestTimeout,
        pins,
        sshKey,
        sshKeyPassphrase);
  }

  /** The CLI transport logs in with {@code key} (and its passphrase, if any). */
  public TransportOptions withSshKey(Path key, String passphrase) {
    return new TransportOptions(
        https,
        trustStore,
        trustStorePassword,
        knownHosts,
        acceptUnknownHostKeys,
        connectTimeout,
        requestTimeout,
        pinnedCertificates,
        Optional.of(key),
        Optional.ofNullable(passphrase));
  }

  @Override
  public String toString() {
    return "TransportOptions[https="
        + https
        + ", trustStore="
        + trustStore
        + ", knownHosts="
        + knownHosts
        + ", acceptUnknownHostKeys="
        + acceptUnknownHostKeys
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", pinnedCertificates="
        + pinnedCertificates
        + ", sshKey="
        + sshKey
        + "]";
  }
}
