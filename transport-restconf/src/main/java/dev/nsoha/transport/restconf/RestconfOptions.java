package dev.nsoha.transport.restconf;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What only the RESTCONF transport needs: plain HTTP or HTTPS, and whom to trust for HTTPS. Bound
 * by {@link RestconfTransportModule}; the deadlines are core's {@code TransportOptions}, per
 * endpoint.
 *
 * @param https RESTCONF over HTTPS instead of HTTP
 * @param trustStore a PKCS12 or JKS trust store for HTTPS; empty means the JVM's default trust
 * @param trustStorePassword its password, if it has one; never printed
 * @param pinnedCertificates certificates (as {@code sha256/<base64 of the public key>}) accepted
 *     although they name another host; they must still chain to a trusted CA and be valid
 */
public record RestconfOptions(
    boolean https,
    Optional<Path> trustStore,
    Optional<String> trustStorePassword,
    Set<String> pinnedCertificates) {

  public RestconfOptions {
    Objects.requireNonNull(trustStore, "trustStore");
    Objects.requireNonNull(trustStorePassword, "trustStorePassword");
    pinnedCertificates = Set.copyOf(pinnedCertificates);
  }

  /** Plain HTTP, as NSO's examples use it. */
  public static RestconfOptions defaults() {
    return new RestconfOptions(false, Optional.empty(), Optional.empty(), Set.of());
  }

  /** The same, also accepting these certificates for a host they do not name. */
  public RestconfOptions withPinnedCertificates(Set<String> pins) {
    return new RestconfOptions(https, trustStore, trustStorePassword, pins);
  }

  /**
   * HTTPS that trusts the certificates of {@code trustStoreFile} (the JVM's default trust when
   * null).
   */
  public static RestconfOptions https(Path trustStoreFile, String password) {
    return new RestconfOptions(
        true, Optional.ofNullable(trustStoreFile), Optional.ofNullable(password), Set.of());
  }

  @Override
  public String toString() {
    return "RestconfOptions[https="
        + https
        + ", trustStore="
        + trustStore
        + ", trustStorePassword="
        + (trustStorePassword.isPresent() ? "***" : "none")
        + ", pinnedCertificates="
        + pinnedCertificates
        + "]";
  }
}
