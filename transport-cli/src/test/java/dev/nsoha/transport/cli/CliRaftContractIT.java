package dev.nsoha.transport.cli;

import dev.nsoha.core.spi.AbstractRaftNodeClientContractTest;
import dev.nsoha.core.spi.LiveRaftCluster;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.testkit.SimRaftLiveCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The HA Raft part of the NodeClient contract over the CLI, against three Raft members. */
final class CliRaftContractIT extends AbstractRaftNodeClientContractTest {
  private final CliNodeClientFactory factory;

  CliRaftContractIT() {
    try {
      factory =
          new CliNodeClientFactory(
              CliOptions.lab(
                  Files.createTempDirectory("cli-raft-contract").resolve("known_hosts")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected LiveRaftCluster startCluster() throws Exception {
    return SimRaftLiveCluster.start();
  }

  @Override
  protected NodeClient.Factory factory() {
    return factory;
  }
}
