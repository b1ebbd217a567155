package dev.nsoha.transport.restconf;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What only the RESTCONF transport needs: plain HTTP or HTTPS, and whom to trust for HTTPS. Bound
 * by {@link RestconfTransportModule}; the deadlines are core's {@code TransportOptions}, per
 * endpoint.
 *
 * @param https RESTCONF over HTTPS instead of HTTP
 * @param trustStore a PKCS12 or JKS trust store for HTTPS; empty means the JVM's default trust
 * @param trustStorePassword its password, if it has one; never printed
 */
public record RestconfOptions(
    boolean https, Optional<Path> trustStore, Optional<String> trustStorePassword) {

  public RestconfOptions {
    Objects.requireNonNull(trustStore, "trustStore");
    Objects.requireNonNull(trustStorePassword, "trustStorePassword");
  }

  /** Plain HTTP, as NSO's examples use it. */
  public static RestconfOptions defaults() {
    return new RestconfOptions(false, Optional.empty(), Optional.empty());
  }

  /**
   * HTTPS that trusts the certificates of {@code trustStoreFile} (the JVM's default trust when
   * null).
   */
  public static RestconfOptions https(Path trustStoreFile, String password) {
    return new RestconfOptions(
        true, Optional.ofNullable(trustStoreFile), Optional.ofNullable(password));
  }

  @Override
  public String toString() {
    return "RestconfOptions[https="
        + https
        + ", trustStore="
        + trustStore
        + ", trustStorePassword="
        + (trustStorePassword.isPresent() ? "***" : "none")
        + "]";
  }
}
