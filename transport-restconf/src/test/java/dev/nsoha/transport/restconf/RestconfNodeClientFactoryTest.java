package dev.nsoha.transport.restconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.error.InvalidInputException;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import org.junit.jupiter.api.Test;

class RestconfNodeClientFactoryTest {
  @Test
  void anAddressThatIsNoHostIsRefusedAtOnce() {
    NodeEndpoint bad = NodeEndpoint.example(NodeId.of("n2"), "not a host");
    assertThatThrownBy(() -> new RestconfNodeClientFactory().create(bad))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "n2 (not a host, restconf): set up RESTCONF: 'not a host' is not a host name or IP address");
  }

  @Test
  void clientsNameTheirNodeAndTransportButNotTheirPassword() {
    try (NodeClient c =
        new RestconfNodeClientFactory()
            .create(NodeEndpoint.example(NodeId.of("n1"), "127.0.1.1"))) {
      assertThat(c.toString())
          .contains("n1 (127.0.1.1, restconf)")
          .contains("http://127.0.1.1:8080/restconf")
          .doesNotContain("admin:admin");
    }
  }
}
