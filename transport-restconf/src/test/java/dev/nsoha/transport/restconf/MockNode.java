package dev.nsoha.transport.restconf;

import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.Credentials;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.spi.TransportOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/**
 * A MockWebServer on 127.0.0.1 standing in for one node's RESTCONF port, for tests of the wire
 * format.
 */
final class MockNode implements AutoCloseable {
  static final String ADDRESS = "127.0.0.1";
  static final String PASSWORD = "s3cret-Pa55";
  static final Credentials CREDENTIALS = new Credentials("admin", PASSWORD);

  final MockWebServer server = new MockWebServer();

  MockNode() {
    this(false);
  }

  private MockNode(boolean delayStart) {
    if (!delayStart) {
      start();
    }
  }

  /**
   * A server that is not started yet (call {@link #start()} after configuring it, e.g. for TLS).
   */
  static MockNode unstarted() {
    return new MockNode(true);
  }

  void start() {
    try {
      server.start(InetAddress.getByName(ADDRESS), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  NodeEndpoint endpoint() {
    return endpoint(
        TransportOptions.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)));
  }

  NodeEndpoint endpoint(TransportOptions options) {
    return new NodeEndpoint(
        NodeId.of("n1"),
        ADDRESS,
        NodeEndpoint.DEFAULT_CLI_PORT,
        server.getPort(),
        CREDENTIALS,
        options);
  }

  void reply(int code, String jsonBody) {
    MockResponse.Builder b = new MockResponse.Builder().code(code);
    if (jsonBody != null) {
      b.setHeader("Content-Type", "application/yang-data+json").body(jsonBody);
    }
    server.enqueue(b.build());
  }

  void enqueue(MockResponse response) {
    server.enqueue(response);
  }

  static String errors(String tag, String message) {
    return "{\"ietf-restconf:errors\":{\"error\":[{\"error-type\":\"application\",\"error-tag\":\""
        + tag
        + "\",\"error-message\":\""
        + message
        + "\"}]}}";
  }

  @Override
  public void close() {
    server.close();
  }
}
