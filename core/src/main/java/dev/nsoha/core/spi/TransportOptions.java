package dev.nsoha.core.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * What every transport needs beyond address and port: its deadlines and the size a reply read whole
 * may reach. What only one transport needs (HTTPS trust for RESTCONF, SSH host keys for the CLI)
 * lives with that transport and is bound by its Guice module.
 *
 * <p>The whole running configuration is never read whole: it streams ({@link
 * NodeClient#streamRunningConfig}), with no limit on its size and {@code requestTimeout} only as
 * the longest silence between two pieces of it.
 *
 * @param connectTimeout deadline for establishing a connection
 * @param requestTimeout deadline for one request or CLI command (long actions such as package
 *     reload get more); for a streamed read, the longest time without data
 * @param maxReplyBytes the largest reply a transport reads whole (status, packages, a subtree); a
 *     larger one fails with an error that names the option ({@code --max-reply-size})
 */
public record TransportOptions(
    Duration connectTimeout, Duration requestTimeout, long maxReplyBytes) {

  /** The default {@link #maxReplyBytes()}: 32 MiB. */
  public static final long DEFAULT_MAX_REPLY_BYTES = 32L * 1024 * 1024;

  /** The command-line option that sets {@link #maxReplyBytes()}, for error messages. */
  public static final String MAX_REPLY_OPTION = "--max-reply-size";

  public TransportOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("the connect timeout must be positive");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("the request timeout must be positive");
    }
    if (maxReplyBytes < 1024) {
      throw new IllegalArgumentException("the largest reply must be at least 1 KiB");
    }
  }

  /** The default reply size limit. */
  public TransportOptions(Duration connectTimeout, Duration requestTimeout) {
    this(connectTimeout, requestTimeout, DEFAULT_MAX_REPLY_BYTES);
  }

  /** 10 s to connect, 60 s per request, replies read whole up to 32 MiB. */
  public static TransportOptions defaults() {
    return new TransportOptions(Duration.ofSeconds(10), Duration.ofSeconds(60));
  }

  public TransportOptions withTimeouts(Duration connect, Duration request) {
    return new TransportOptions(connect, request, maxReplyBytes);
  }

  public TransportOptions withMaxReplyBytes(long bytes) {
    return new TransportOptions(connectTimeout, requestTimeout, bytes);
  }

  /** {@code 32 MiB}, or bytes when not a whole number of MiB. */
  public String maxReplyText() {
    return maxReplyBytes % (1024 * 1024) == 0
        ? maxReplyBytes / (1024 * 1024) + " MiB"
        : maxReplyBytes + " bytes";
  }
}
