package dev.nsoha.transport.cli;

import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.spi.AbstractNodeClientContractTest;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The NodeClient contract over the CLI transport, against three simulator nodes over real SSH
 * sockets.
 */
final class CliNodeClientContractIT extends AbstractNodeClientContractTest {
  @Override
  protected LiveCluster startCluster() throws Exception {
    SimLiveCluster sim = SimLiveCluster.start(Files.createTempDirectory("cli-contract"));
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
      public Path packageFile(String nameAndVersion) {
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
    return new CliNodeClientFactory();
  }
}
