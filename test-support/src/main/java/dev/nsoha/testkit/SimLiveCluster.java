package dev.nsoha.testkit;

import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.spi.Credentials;
import dev.nsoha.core.spi.LiveCluster;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.spi.TransportOptions;
import dev.nsoha.sim.testkit.SimCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contract suite's live cluster over the simulator, the same for every transport: three
 * in-process simulator nodes laid out as a system install with dummy-1.0 loaded, on free ports of
 * the cluster's own loopback addresses. The nominal state is restored through the simulated nodes'
 * own actions ({@link SimCluster#restoreNominal()}), never through the client under test. What a
 * client needs beyond the endpoint (known_hosts, HTTPS trust) is the transport's own option, given
 * to its factory by the transport's test.
 */
public final class SimLiveCluster implements LiveCluster {
  private static final Logger log = LoggerFactory.getLogger(SimLiveCluster.class);

  private final SimCluster sim;
  private final Path packageDir;

  private SimLiveCluster(SimCluster sim, Path packageDir) {
    this.sim = sim;
    this.packageDir = packageDir;
  }

  /**
   * Starts three nodes (a simulated system install, dummy-1.0 loaded, HA enabled) on free ports:
   * this host may have a listener on 0.0.0.0:2024, which keeps every loopback address from binding
   * NSO's default CLI port.
   */
  public static SimLiveCluster start() throws IOException {
    int[] ports = SimCluster.freePorts(3);
    SimCluster sim =
        SimCluster.builder()
            .systemInstall(true)
            .packages("dummy-1.0")
            .ports(ports[0], ports[1], ports[2])
            .start();
    return new SimLiveCluster(sim, Files.createTempDirectory("test-support-packages"));
  }

  /** The simulated cluster, for what a test does to the nodes beside the client under test. */
  public SimCluster sim() {
    return sim;
  }

  @Override
  public NodeEndpoint endpoint(NodeId id) {
    return new NodeEndpoint(
        id,
        sim.address(id.value()),
        sim.cliPort(),
        sim.restconfPort(),
        Credentials.exampleAdmin(),
        TransportOptions.defaults());
  }

  @Override
  public NodeEndpoint unreachableEndpoint() {
    return new NodeEndpoint(
        NodeId.of("n9"),
        sim.unusedAddress(),
        sim.cliPort(),
        sim.restconfPort(),
        Credentials.exampleAdmin(),
        TransportOptions.defaults().withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(10)));
  }

  @Override
  public NsoVersion version() {
    return NsoVersion.parse(sim.spec("n1").version());
  }

  @Override
  public int reconnectInterval() {
    return sim.reconnectInterval();
  }

  @Override
  public int reconnectAttempts() {
    return sim.reconnectAttempts();
  }

  @Override
  public Path packageFile(String nameAndVersion, NsoVersion builtFor) {
    try {
      return SimCluster.packageFile(packageDir, nameAndVersion, builtFor.text());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stopNode(NodeId id) {
    sim.stop(id.value());
  }

  @Override
  public void restoreNominal() {
    try {
      for (String id : sim.ids()) {
        if (!sim.nodes().containsKey(id)) {
          sim.start(id);
        }
      }
      sim.restoreNominal();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    sim.close();
    try {
      sim.deleteFiles();
      SimCluster.deleteTree(packageDir);
    } catch (IOException e) {
      log.warn("could not remove the cluster's files: {}", e.getMessage());
    }
  }
}
