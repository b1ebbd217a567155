package dev.nsoha.transport.cli;

import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Creates {@link CliNodeClient}s. Stateless and thread-safe; clients connect on first use. */
@Singleton
public final class CliNodeClientFactory implements NodeClient.Factory {

  @Inject
  public CliNodeClientFactory() {}

  @Override
  public String transport() {
    return CliNodeClient.TRANSPORT;
  }

  @Override
  public NodeClient create(NodeEndpoint endpoint) {
    return new CliNodeClient(endpoint);
  }
}
