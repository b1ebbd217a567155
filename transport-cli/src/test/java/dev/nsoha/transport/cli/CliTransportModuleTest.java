package dev.nsoha.transport.cli;

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

class CliTransportModuleTest {
  @Test
  void bindsTheFactoryUnderTheNameCli() {
    Injector injector = Guice.createInjector(new CliTransportModule());
    Map<String, NodeClient.Factory> factories =
        injector.getInstance(Key.get(new TypeLiteral<Map<String, NodeClient.Factory>>() {}));
    assertThat(factories).containsOnlyKeys("cli");
    NodeClient.Factory f = factories.get("cli");
    assertThat(f).isInstanceOf(CliNodeClientFactory.class);
    assertThat(f.transport()).isEqualTo("cli");
    // Creating a client does not connect.
    try (NodeClient c = f.create(NodeEndpoint.example(NodeId.of("n1"), "127.0.1.1"))) {
      assertThat(c.transport()).isEqualTo("cli");
      assertThat(c.endpoint().id()).isEqualTo(NodeId.of("n1"));
    }
  }
}
