package dev.nsoha.transport.restconf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestconfTransportModuleTest {
  private static final Key<Map<String, NodeClient.Factory>> FACTORIES =
      Key.get(new TypeLiteral<Map<String, NodeClient.Factory>>() {});

  @Test
  void bindsTheFactoryUnderItsName() {
    Injector injector = Guice.createInjector(new RestconfTransportModule());
    Map<String, NodeClient.Factory> factories = injector.getInstance(FACTORIES);
    assertThat(factories).containsOnlyKeys("restconf");
    NodeClient.Factory f = factories.get("restconf");
    assertThat(f).isInstanceOf(RestconfNodeClientFactory.class);
    assertThat(f.transport()).isEqualTo("restconf");
    assertThat(injector.getInstance(FACTORIES).get("restconf"))
        .as("one factory per injector")
        .isSameAs(f);
  }

  @Test
  void creatingAClientDoesNoIo() {
    NodeClient.Factory f =
        Guice.createInjector(new RestconfTransportModule()).getInstance(FACTORIES).get("restconf");
    // Nothing listens on this address; creating (and closing) the client must not touch the
    // network.
    try (NodeClient c = f.create(NodeEndpoint.example(NodeId.of("n1"), "127.0.1.1"))) {
      assertThat(c.transport()).isEqualTo("restconf");
      assertThat(c.endpoint().id()).isEqualTo(NodeId.of("n1"));
    }
  }
}
