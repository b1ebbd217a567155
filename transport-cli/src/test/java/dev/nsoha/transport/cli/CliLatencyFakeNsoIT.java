package dev.nsoha.transport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.Credentials;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.spi.TransportOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints the round-trip latency of the HA status read over one kept-open session (a figure, not an
 * assertion).
 */
class CliLatencyFakeNsoIT {
  @TempDir Path dir;

  @Test
  void haStatusRoundTrip() throws Exception {
    try (FakeNsoCli nso = new FakeNsoCli("127.0.0.1", dir, "n1").start()) {
      nso.responses.put("show high-availability | display json | nomore", CliTextTest.PRIMARY_JSON);
      NodeEndpoint ep =
          new NodeEndpoint(
              NodeId.of("n1"),
              "127.0.0.1",
              nso.port(),
              8080,
              Credentials.exampleAdmin(),
              TransportOptions.defaults());
      try (NodeClient c = new CliNodeClient(ep, CliOptions.lab(dir.resolve("known_hosts")))) {
        // Every call of the measured loop is a real round trip that parses the node's answer.
        assertThat(c.haStatus().isPrimary()).isTrue();
        String figure = Latency.measure("fake NSO CLI", c::haStatus);
        System.out.println(figure);
        assertThat(figure).contains("(fake NSO CLI)").contains("over 50 calls");
        assertThat(c.haStatus().connectedSecondaries()).isNotEmpty();
      }
    }
  }
}
