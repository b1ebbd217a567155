package dev.nsoha.transport.restconf;

import dev.nsoha.core.spi.AbstractNodeClientContractTest;
import dev.nsoha.core.spi.LiveCluster;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.testkit.SimLiveCluster;

/**
 * The core NodeClient contract over RESTCONF (plain HTTP), against an in-process three-node
 * simulator cluster.
 */
final class RestconfNodeClientContractIT extends AbstractNodeClientContractTest {
  private final RestconfNodeClientFactory factory =
      new RestconfNodeClientFactory(RestconfOptions.defaults());

  @Override
  protected LiveCluster startCluster() throws Exception {
    return SimLiveCluster.start();
  }

  @Override
  protected NodeClient.Factory factory() {
    return factory;
  }
}
