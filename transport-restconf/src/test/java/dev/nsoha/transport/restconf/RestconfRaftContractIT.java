package dev.nsoha.transport.restconf;

import dev.nsoha.core.spi.AbstractRaftNodeClientContractTest;
import dev.nsoha.core.spi.LiveRaftCluster;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.testkit.SimRaftLiveCluster;

/** The HA Raft part of the NodeClient contract over RESTCONF, against three Raft members. */
final class RestconfRaftContractIT extends AbstractRaftNodeClientContractTest {
  private final RestconfNodeClientFactory factory =
      new RestconfNodeClientFactory(RestconfOptions.defaults());

  @Override
  protected LiveRaftCluster startCluster() throws Exception {
    return SimRaftLiveCluster.start();
  }

  @Override
  protected NodeClient.Factory factory() {
    return factory;
  }
}
