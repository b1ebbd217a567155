package dev.nsoha.transport.cli;

import dev.nsoha.core.spi.AbstractNodeClientContractTest;
import dev.nsoha.core.spi.LiveCluster;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.testkit.SimLiveCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * The NodeClient contract over the CLI transport, against three simulator nodes over real SSH
 * sockets. The client remembers the nodes' host keys in a known_hosts file of its own.
 */
final class CliNodeClientContractIT extends AbstractNodeClientContractTest {
  private final CliNodeClientFactory factory;

  CliNodeClientContractIT() {
    try {
      factory =
          new CliNodeClientFactory(
              CliOptions.lab(Files.createTempDirectory("cli-contract").resolve("known_hosts")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected LiveCluster startCluster() throws Exception {
    return SimLiveCluster.start();
  }

  @Override
  protected NodeClient.Factory factory() {
    return factory;
  }
}
