package dev.nsoha.core.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * What every transport needs beyond address and port: its deadlines. What only one transport needs
 * (HTTPS trust for RESTCONF, SSH host keys for the CLI) lives with that transport and is bound by
 * its Guice module.
 *
 * @param connectTimeout deadline for establishing a connection
 * @param requestTimeout deadline for one request or CLI command (long actions such as package
 *     reload get more)
 */
public record TransportOptions(Duration connectTimeout, Duration requestTimeout) {

  public TransportOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("the connect timeout must be positive");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("the request timeout must be positive");
    }
  }

  /** 10 s to connect, 60 s per request. */
  public static TransportOptions defaults() {
    return new TransportOptions(Duration.ofSeconds(10), Duration.ofSeconds(60));
  }

  public TransportOptions withTimeouts(Duration connect, Duration request) {
    return new TransportOptions(connect, request);
  }
}
