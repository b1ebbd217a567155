package dev.nsoha.transport.restconf;

import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.plan.Wait;
import dev.nsoha.core.spi.Credentials;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.spi.TransportOptions;
import dev.nsoha.sim.node.SimCluster;
import dev.nsoha.sim.pkg.PackageBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contract suite's live cluster: three in-process simulator nodes laid out as a system install
 * with dummy-1.0 loaded, reached over RESTCONF with real sockets on the cluster's own loopback
 * addresses. Nominal roles are restored through RESTCONF (HA actions), with a fresh client per
 * restore.
 */
final class SimLiveCluster implements AutoCloseable {
  static final List<NodeId> IDS = List.of(NodeId.of("n1"), NodeId.of("n2"), NodeId.of("n3"));
  private static final Duration RESTORE = Duration.ofSeconds(60);

  private final SimCluster sim;
  private final NodeClient.Factory factory;
  private final Path packageDir;

  private SimLiveCluster(SimCluster sim, NodeClient.Factory factory, Path packageDir) {
    this.sim = sim;
    this.factory = factory;
    this.packageDir = packageDir;
  }

  static SimLiveCluster start(NodeClient.Factory factory) throws IOException {
    SimCluster sim = SimCluster.builder().systemInstall(true).packages("dummy-1.0").start();
    return new SimLiveCluster(sim, factory, Files.createTempDirectory("restconf-contract-pkgs"));
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
        TransportOptions.lab().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30)));
  }

  public NodeEndpoint unreachableEndpoint() {
    // An address of the cluster's own range on which no node runs.
    return new NodeEndpoint(
        NodeId.of("n9"),
        "127." + sim.octet() + ".9.1",
        sim.cliPort(),
        sim.restconfPort(),
        Credentials.exampleAdmin(),
        TransportOptions.lab().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)));
  }

  public NsoVersion version() {
    return NsoVersion.parse(sim.spec("n1").version());
  }

  public Path packageFile(String nameAndVersion) {
    try {
      Path file = packageDir.resolve(nameAndVersion + ".tar.gz");
      if (!Files.exists(file)) {
        file = PackageBuilder.example(packageDir, nameAndVersion, version().text(), true);
      }
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void restoreNominal() {
    Map<NodeId, NodeClient> c = new LinkedHashMap<>();
    try {
      for (NodeId id : IDS) {
        c.put(id, factory.create(endpoint(id)));
      }
      if (nominal(c)) {
        return;
      }
      NodeId n1 = IDS.get(0);
      for (NodeId id : IDS) {
        if (!c.get(id).haStatus().enabled()) {
          c.get(id).enableHa();
        }
      }
      for (NodeId id : IDS) {
        c.get(id).setReadOnly(false);
      }
      if (!c.get(n1).haStatus().isPrimary()) {
        c.get(n1).bePrimary();
      }
      Wait.until(
          "n1 is primary",
          "n1",
          c.get(n1)::haStatus,
          HaStatus::isPrimary,
          HaStatus::summary,
          RESTORE);
      for (NodeId id : IDS.subList(1, IDS.size())) {
        HaStatus s = c.get(id).haStatus();
        if (!(s.isSecondary() && s.primaryId().equals(Optional.of(n1)))) {
          c.get(id).beSecondaryTo(n1);
        }
      }
      Wait.until(
          "n1 is primary with n2 and n3 connected",
          "n1",
          c.get(n1)::haStatus,
          s ->
              s.isPrimary()
                  && IDS.subList(1, IDS.size()).stream().allMatch(s::hasConnectedSecondary),
          HaStatus::summary,
          RESTORE);
      if (c.get(n1).haStatus().readOnly()) {
        c.get(n1).setReadOnly(false);
      }
      Wait.until(
          "the cluster is in its nominal state",
          "n1, n2, n3",
          () -> summary(c),
          s -> nominal(c),
          s -> s,
          RESTORE);
    } finally {
      c.values().forEach(NodeClient::close);
    }
  }

  private static String summary(Map<NodeId, NodeClient> c) {
    StringBuilder sb = new StringBuilder();
    c.forEach(
        (id, client) -> {
          String s;
          try {
            s = client.haStatus().summary();
          } catch (NsoException e) {
            s = e.getMessage();
          }
          sb.append(id).append(": ").append(s).append("; ");
        });
    return sb.toString();
  }

  private static boolean nominal(Map<NodeId, NodeClient> c) {
    NodeId n1 = IDS.get(0);
    HaStatus p = c.get(n1).haStatus();
    if (!(p.enabled() && p.isPrimary() && !p.readOnly() && p.assignedRole() == HaMode.PRIMARY)) {
      return false;
    }
    for (NodeId id : IDS.subList(1, IDS.size())) {
      HaStatus s = c.get(id).haStatus();
      if (!(s.enabled()
          && s.isSecondary()
          && s.primaryId().equals(Optional.of(n1))
          && p.hasConnectedSecondary(id))) {
        return false;
      }
    }
    return true;
  }

  public void close() {
    sim.close();
    try {
      sim.deleteFiles();
      try (java.util.stream.Stream<Path> files = Files.walk(packageDir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      // best effort: the temp dirs are left behind
    }
  }
}
