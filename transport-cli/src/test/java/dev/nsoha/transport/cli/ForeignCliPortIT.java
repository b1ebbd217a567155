package dev.nsoha.transport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.Credentials;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.spi.TransportOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Something other than NSO's CLI owns the CLI port (a sandbox's agent on 2024, say): it accepts the
 * connection and resets it before SSH begins. The refusal says so and names --cli-port.
 */
class ForeignCliPortIT {
  @TempDir Path dir;

  @Test
  void aResetBeforeSshBeganSaysSomethingElseMayOwnThePortAndNamesCliPort() throws IOException {
    try (ServerSocket foreign = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Thread t =
          new Thread(
              () -> {
                while (!foreign.isClosed()) {
                  try {
                    Socket s = foreign.accept();
                    s.setSoLinger(true, 0);
                    s.close();
                  } catch (IOException e) {
                    return;
                  }
                }
              },
              "foreign-port");
      t.setDaemon(true);
      t.start();
      try (NodeClient client =
          new CliNodeClient(
              new NodeEndpoint(
                  NodeId.of("n1"),
                  "127.0.0.1",
                  foreign.getLocalPort(),
                  8080,
                  new Credentials("admin", "admin"),
                  TransportOptions.defaults()
                      .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(3))),
              new CliOptions(Optional.of(dir.resolve("known_hosts")), true))) {
        assertThatThrownBy(client::haStatus)
            .isInstanceOf(UnreachableException.class)
            .satisfies(
                e ->
                    assertThat(e.getMessage())
                        .containsIgnoringCase("connection reset")
                        .contains("something other than NSO's CLI may own that port")
                        .contains("--cli-port"));
      }
    }
  }
}
