package dev.nsoha.core.spi;

import dev.nsoha.core.model.NodeId;
import java.util.Objects;

/**
 * Where and how to reach one node's northbound interfaces.
 *
 * @param id the node's HA id
 * @param address its IP address or host name (the example uses 127.0.1.1, 127.0.2.1, 127.0.3.1)
 * @param cliPort NSO's SSH CLI port, 2024 by default
 * @param restconfPort the webui/RESTCONF port, 8080 by default
 * @param credentials the user for both interfaces
 * @param options the deadlines (what only one transport needs is that transport's own option)
 */
public record NodeEndpoint(
    NodeId id,
    String address,
    int cliPort,
    int restconfPort,
    Credentials credentials,
    TransportOptions options) {

  public static final int DEFAULT_CLI_PORT = 2024;
  public static final int DEFAULT_RESTCONF_PORT = 8080;

  public NodeEndpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(options, "options");
    if (address.isBlank()) {
      throw new IllegalArgumentException("node " + id + ": empty address");
    }
    checkPort(id, "CLI", cliPort);
    checkPort(id, "RESTCONF", restconfPort);
  }

  private static void checkPort(NodeId id, String what, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "node " + id + ": " + what + " port " + port + " is not in 1..65535");
    }
  }

  /** The example's ports, admin/admin and the default deadlines. */
  public static NodeEndpoint example(NodeId id, String address) {
    return new NodeEndpoint(
        id,
        address,
        DEFAULT_CLI_PORT,
        DEFAULT_RESTCONF_PORT,
        Credentials.exampleAdmin(),
        TransportOptions.defaults());
  }

  /** The context prefix of error messages: {@code n2 (127.0.2.1, restconf)}. */
  public String where(String transport) {
    return id + " (" + address + ", " + transport + ")";
  }
}
