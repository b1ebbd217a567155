package dev.nsoha.transport.restconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.error.AuthenticationException;
import dev.nsoha.core.error.ErrorCode;
import dev.nsoha.core.error.InvalidInputException;
import dev.nsoha.core.error.NotFoundException;
import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.error.NsoTimeoutException;
import dev.nsoha.core.error.OperationFailedException;
import dev.nsoha.core.error.ProtocolException;
import dev.nsoha.core.error.ReadOnlyException;
import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.core.model.ConfigPath;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.ReloadOptions;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.spi.TransportOptions;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each HTTP status and error body NSO can answer with, and each I/O failure, maps to its core
 * exception.
 */
class RestconfErrorMappingIT {
  private static final DataTree D1 =
      DataTree.of(
          Map.of(
              "dummy:dummies", Map.of("dummy", List.of(Map.of("name", "d1", "dummy", "1.2.3.4")))));

  private MockNode node;
  private NodeClient client;
  private String where;

  @BeforeEach
  void start() {
    node = new MockNode();
    client = new RestconfNodeClientFactory().create(node.endpoint());
    where = "n1 (127.0.0.1, restconf)";
  }

  @AfterEach
  void stop() {
    client.close();
    node.close();
  }

  // ---- 401 / 403
  // --------------------------------------------------------------------------------------------

  @Test
  void status401IsAnAuthenticationErrorThatNeverShowsThePassword() {
    node.enqueue(
        new MockResponse.Builder()
            .code(401)
            .setHeader("WWW-Authenticate", "Basic realm=\"restconf\"")
            .build());
    String basic = Base64.getEncoder().encodeToString(("admin:" + MockNode.PASSWORD).getBytes());
    assertThatThrownBy(client::haStatus)
        .isInstanceOf(AuthenticationException.class)
        .hasMessage(
            where + ": read HA status: the node refused the credentials of user 'admin' (HTTP 401)")
        .hasMessageNotContaining(MockNode.PASSWORD)
        .hasMessageNotContaining(basic);
  }

  @Test
  void status401WithAnErrorBodyKeepsTheNodesWords() {
    node.reply(401, MockNode.errors("access-denied", "access denied"));
    assertThatThrownBy(client::haStatus)
        .isInstanceOf(AuthenticationException.class)
        .hasMessage(where + ": read HA status: access denied (HTTP 401)");
  }

  @Test
  void status403IsAnAuthenticationError() {
    node.reply(403, MockNode.errors("access-denied", "access denied"));
    assertThatThrownBy(client::enableHa)
        .isInstanceOf(AuthenticationException.class)
        .hasMessage(where + ": enable high availability: access denied (HTTP 403)");
  }

  // ---- 404
  // --------------------------------------------------------------------------------------------------

  @Test
  void status404IsNotFound() {
    node.reply(404, MockNode.errors("invalid-value", "uri keypath not found"));
    assertThatThrownBy(() -> client.beSecondaryTo(NodeId.of("n9")))
        .isInstanceOf(NotFoundException.class)
        .hasMessage(
            where + ": make the node secondary to n9 (be-secondary-to): uri keypath not found");
  }

  @Test
  void status404OnAConfigReadIsAnEmptyTree() {
    node.reply(404, MockNode.errors("invalid-value", "uri keypath not found"));
    assertThat(client.readConfig(ConfigPath.parse("/dummy:dummies/dummy=nope")).isEmpty()).isTrue();
  }

  @Test
  void status204OnAConfigReadIsAnEmptyTree() {
    node.reply(204, null);
    assertThat(client.readConfig(ConfigPath.parse("/dummy:dummies")).isEmpty()).isTrue();
  }

  // ---- 400
  // --------------------------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "invalid-value",
        "malformed-message",
        "unknown-element",
        "bad-element",
        "missing-element"
      })
  void status400IsInvalidInput(String tag) {
    node.reply(400, MockNode.errors(tag, "\\\"not-an-address\\\" is not a valid value."));
    assertThatThrownBy(() -> client.mergeConfig(D1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            where
                + ": merge configuration dummy:dummies: \"not-an-address\" is not a valid value.");
  }

  @Test
  void status400TaggedOperationFailedIsAFailedOperation() {
    node.reply(400, MockNode.errors("operation-failed", "file not found: /nonexistent/x.tar.gz"));
    assertThatThrownBy(() -> client.fetchPackage("/nonexistent/x.tar.gz"))
        .isInstanceOf(OperationFailedException.class)
        .hasMessage(
            where + ": fetch package /nonexistent/x.tar.gz: file not found: /nonexistent/x.tar.gz");
  }

  @Test
  void status405IsInvalidInput() {
    node.reply(405, MockNode.errors("operation-not-supported", "method not allowed"));
    assertThatThrownBy(client::beNone).isInstanceOf(InvalidInputException.class);
  }

  // ---- read-only, whatever the status
  // -----------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(ints = {400, 403, 409, 500, 503})
  void aReadOnlyRefusalIsReadOnlyWhateverItsStatus(int status) {
    node.reply(
        status,
        MockNode.errors(
            status == 409 ? "in-use" : "operation-failed", "node is in read-only mode"));
    assertThatThrownBy(() -> client.mergeConfig(D1))
        .isInstanceOf(ReadOnlyException.class)
        .hasMessage(where + ": merge configuration dummy:dummies: node is in read-only mode");
  }

  @Test
  void aReadOnlyRefusalInTheOldUnprefixedErrorsBody() {
    node.reply(
        400,
        """
        {"errors":{"error":[{"error-type":"application","error-tag":"operation-failed",
          "error-message":"operation in wrong state (17): node is in read-only mode"}]}}""");
    assertThatThrownBy(client::enableHa)
        .isInstanceOf(ReadOnlyException.class)
        .hasMessage(
            where
                + ": enable high availability: operation in wrong state (17): node is in read-only mode");
  }

  // ---- 409, 5xx and the rest
  // --------------------------------------------------------------------------------

  @Test
  void status409IsAFailedOperation() {
    node.reply(
        409,
        MockNode.errors(
            "data-exists", "object already exists: /dummy:dummies/dummy:dummy[dummy:name='d1']"));
    assertThatThrownBy(() -> client.mergeConfig(D1))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageEndingWith(
            ": object already exists: /dummy:dummies/dummy:dummy[dummy:name='d1']");
  }

  @Test
  void status500OperationFailedIsAFailedOperation() {
    node.reply(
        500,
        MockNode.errors(
            "operation-failed", "Failed to load NCS package: demo; requires NCS version 6.3"));
    assertThatThrownBy(() -> client.reloadPackages(ReloadOptions.defaults()))
        .isInstanceOf(OperationFailedException.class)
        .hasMessage(
            where
                + ": reload packages: Failed to load NCS package: demo; requires NCS version 6.3");
  }

  @Test
  void status502WithAnHtmlBodyIsAFailedOperationWithTheStatus() {
    node.enqueue(
        new MockResponse.Builder()
            .code(502)
            .setHeader("Content-Type", "text/html")
            .body("<html><body>Bad gateway</body></html>")
            .build());
    assertThatThrownBy(client::haStatus)
        .isInstanceOf(OperationFailedException.class)
        .hasMessage(where + ": read HA status: HTTP 502");
  }

  @Test
  void anUnexpectedStatusIsAProtocolError() {
    node.reply(418, null);
    assertThatThrownBy(client::haStatus)
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("unexpected HTTP status 418");
  }

  @Test
  void aReplyThatIsNotJsonIsAProtocolError() {
    node.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/yang-data+xml")
            .body("<high-availability xmlns=\"http://tail-f.com/ns/ncs\"/>")
            .build());
    assertThatThrownBy(client::haStatus)
        .isInstanceOf(ProtocolException.class)
        .hasMessageStartingWith(where + ": read HA status: the reply is not JSON");
  }

  // ---- no HTTP reply
  // ----------------------------------------------------------------------------------------

  @Test
  void connectionRefusedIsUnreachableAndNamesTheAddress() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(MockNode.ADDRESS))) {
      port = s.getLocalPort();
    }
    NodeEndpoint dead =
        new NodeEndpoint(
            NodeId.of("n3"),
            MockNode.ADDRESS,
            2024,
            port,
            MockNode.CREDENTIALS,
            TransportOptions.defaults());
    try (NodeClient c = new RestconfNodeClientFactory().create(dead)) {
      assertThatThrownBy(c::haStatus)
          .isInstanceOf(UnreachableException.class)
          .hasMessage(
              "n3 (127.0.0.1, restconf): read HA status: cannot connect to 127.0.0.1:"
                  + port
                  + ": connection refused");
    }
  }

  @Test
  void noReplyAfterConnectingIsATimeout() {
    node.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    TransportOptions quick =
        TransportOptions.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300));
    try (NodeClient c = new RestconfNodeClientFactory().create(node.endpoint(quick))) {
      assertThatThrownBy(c::haStatus)
          .isInstanceOf(NsoTimeoutException.class)
          .hasMessage(
              where
                  + ": read HA status: no reply from 127.0.0.1:"
                  + node.server.getPort()
                  + " within 300 ms");
    }
  }

  @Test
  void aConnectionDroppedByTheNodeIsUnreachable() {
    // okhttp retries a request once on a fresh connection when the first one breaks; both break
    // here.
    for (int i = 0; i < 3; i++) {
      node.enqueue(
          new MockResponse.Builder()
              .onRequestStart(new SocketEffect.CloseSocket(true, false, false))
              .build());
    }
    assertThatThrownBy(client::haStatus)
        .isInstanceOf(UnreachableException.class)
        .hasMessageStartingWith(where + ": read HA status: ")
        .hasMessageContaining("127.0.0.1:" + node.server.getPort());
  }

  @Test
  void aClosedClientRefusesCalls() {
    client.close();
    client.close();
    assertThatThrownBy(client::haStatus)
        .isInstanceOf(NsoException.class)
        .satisfies(e -> assertThat(((NsoException) e).code()).isEqualTo(ErrorCode.UNREACHABLE))
        .hasMessageContaining("closed");
  }
}
