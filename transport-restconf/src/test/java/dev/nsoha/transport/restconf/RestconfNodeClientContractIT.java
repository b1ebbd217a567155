package dev.nsoha.transport.restconf;

import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.spi.AbstractNodeClientContractTest;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;

/**
 * The core NodeClient contract over RESTCONF, against an in-process three-node simulator cluster.
 */
final class RestconfNodeClientContractIT extends AbstractNodeClientContractTest {
  private final RestconfNodeClientFactory factory = new RestconfNodeClientFactory();

  @Override
  protected LiveCluster startCluster() throws Exception {
    SimLiveCluster sim = SimLiveCluster.start(factory);
    return new LiveCluster() {
      @Override
      public NodeEndpoint endpoint(NodeId id) {
        return sim.endpoint(id);
      }

      @Override
      public NodeEndpoint unreachableEndpoint() {
        return sim.unreachableEndpoint();
      }

      @Override
      public NsoVersion version() {
        return sim.version();
      }

      @Override
      public java.nio.file.Path packageFile(String nameAndVersion) {
        return sim.packageFile(nameAndVersion);
      }

      @Override
      public void restoreNominal() {
        sim.restoreNominal();
      }

      @Override
      public void close() {
        sim.close();
      }
    };
  }

  @Override
  protected NodeClient.Factory factory() {
    return factory;
  }
}
