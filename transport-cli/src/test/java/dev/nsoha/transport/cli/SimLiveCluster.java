package dev.nsoha.transport.cli;

import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.plan.Wait;
import dev.nsoha.core.spi.Credentials;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.spi.TransportOptions;
import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.ha.HaRole;
import dev.nsoha.sim.ha.HaState;
import dev.nsoha.sim.node.SimCluster;
import dev.nsoha.sim.node.SimNode;
import dev.nsoha.sim.pkg.PackageBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contract suite's live cluster (its {@code LiveCluster} methods): three in-process simulator
 * nodes laid out as a system install with dummy-1.0 loaded, reached over their SSH CLI. Nominal
 * roles are restored through the nodes' own actions (the simulator's facade), not through the
 * client under test.
 */
final class SimLiveCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SimLiveCluster.class);
  private static final Duration RESTORE = Duration.ofSeconds(60);

  private final SimCluster sim;
  private final Path dir;
  private final Path knownHosts;
  private final Map<String, Path> packageFiles = new ConcurrentHashMap<>();

  private SimLiveCluster(SimCluster sim, Path dir) {
    this.sim = sim;
    this.dir = dir;
    this.knownHosts = dir.resolve("known_hosts");
  }

  /**
   * Starts three nodes (a simulated system install, dummy-1.0 loaded, HA enabled); {@code dir}
   * holds client files.
   */
  static SimLiveCluster start(Path dir) throws IOException {
    // No baseDir: SimCluster retries on another address range when a port is taken, and each
    // attempt then needs
    // fresh run directories (with a fixed baseDir the retry fails on the files of the first
    // attempt).
    // Free ports rather than NSO's defaults: this host may already have a listener on 0.0.0.0:2024,
    // which keeps
    // every loopback address from binding 2024.
    int[] ports = SimCluster.freePorts(3);
    SimCluster sim =
        SimCluster.builder().systemInstall(true).ports(ports[0], ports[1], ports[2]).start();
    return new SimLiveCluster(sim, dir);
  }

  SimCluster sim() {
    return sim;
  }

  public NodeEndpoint endpoint(NodeId id) {
    return new NodeEndpoint(
        id,
        sim.address(id.value()),
        sim.cliPort(),
        sim.restconfPort(),
        Credentials.exampleAdmin(),
        TransportOptions.lab().withKnownHosts(knownHosts));
  }

  public NodeEndpoint unreachableEndpoint() {
    // An address of the cluster's own loopback range where no node listens.
    return new NodeEndpoint(
        NodeId.of("n9"),
        "127." + sim.octet() + ".9.1",
        sim.cliPort(),
        sim.restconfPort(),
        Credentials.exampleAdmin(),
        TransportOptions.lab()
            .withKnownHosts(knownHosts)
            .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(10)));
  }

  public NsoVersion version() {
    return NsoVersion.parse(sim.node("n1").version());
  }

  public Path packageFile(String nameAndVersion) {
    return packageFiles.computeIfAbsent(
        nameAndVersion,
        nv -> {
          try {
            Path store = Files.createDirectories(dir.resolve("package-files"));
            return PackageBuilder.example(store, nv, sim.node("n1").version(), true)
                .toAbsolutePath();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  public void restoreNominal() {
    if (isNominal()) {
      return;
    }
    for (String id : List.of("n3", "n2", "n1")) {
      tolerant(id, "/high-availability/disable", null);
    }
    for (String id : sim.ids()) {
      tolerant(id, "/high-availability/read-only", "false");
    }
    action("n1", "/high-availability/enable", null);
    await("n1 is primary", () -> status("n1").mode() == HaRole.PRIMARY);
    action("n2", "/high-availability/enable", null);
    action("n3", "/high-availability/enable", null);
    await("the cluster is in its nominal state", this::isNominal);
  }

  private boolean isNominal() {
    HaState n1 = status("n1");
    HaState n2 = status("n2");
    HaState n3 = status("n3");
    return n1.enabled()
        && n1.mode() == HaRole.PRIMARY
        && !n1.readOnly()
        && n1.connectedSecondaries().keySet().equals(Set.of("n2", "n3"))
        && n2.enabled()
        && n2.mode() == HaRole.SECONDARY
        && "n1".equals(n2.primaryId())
        && !n2.adminReadOnly()
        && n3.enabled()
        && n3.mode() == HaRole.SECONDARY
        && "n1".equals(n3.primaryId())
        && !n3.adminReadOnly();
  }

  private HaState status(String id) {
    return sim.node(id).haStatus();
  }

  private void action(String id, String path, String mode) {
    SimNode node = sim.node(id);
    DataPath p = DataPath.parseKeypath(path);
    DataNode in = null;
    if (mode != null) {
      in = node.newActionInput(p);
      in.setLeaf("mode", mode);
    }
    node.invokeAction(p, in, "admin");
  }

  /** An action whose failure does not matter here (disabling a disabled node). */
  private void tolerant(String id, String path, String mode) {
    try {
      action(id, path, mode);
    } catch (RuntimeException e) {
      LOG.debug("{}: {} failed: {}", id, path, e.getMessage());
    }
  }

  private static void await(String what, java.util.function.BooleanSupplier cond) {
    Wait.until(
        what, "cluster", cond::getAsBoolean, ok -> ok, ok -> ok ? "yes" : "not yet", RESTORE);
  }

  @Override
  public void close() {
    sim.close();
  }
}
