package dev.nsoha.testcontainers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import dev.nsoha.container.ContainerHost;
import dev.nsoha.container.NodeContainer;
import dev.nsoha.container.NsoSimImages;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.spi.Credentials;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.spi.TransportOptions;
import dev.nsoha.transport.cli.CliNodeClientFactory;
import dev.nsoha.transport.cli.CliOptions;
import dev.nsoha.transport.restconf.RestconfNodeClientFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;

/**
 * One simulated NSO node in a container of {@code nso-sim:<version>}, on the host network, bound to
 * its own loopback address (CLI SSH, RESTCONF, HA) and its own IPC port on 127.0.0.1, with named
 * volumes on {@code /nso} (the node's run directory: database, packages, state) and {@code /log}.
 * Ready when the image's health check ({@code ncs_cmd -c "wait-start 2"}) passes. The image is
 * built from the simulator installs when it is missing (see {@link NsoSimImages}); nothing is
 * pulled.
 *
 * <p>Life cycle: {@link #start()} creates and starts the container; {@link #stop()} stops the node
 * gracefully and removes the container but <b>keeps the volumes</b>, so a later {@link #start()}
 * brings the same node back with its data (as a restart of NSO would); {@link #kill()} is the
 * abrupt stop (SIGKILL), also keeping the volumes; {@link #removeVolumes()} removes them
 * explicitly; {@link #close()} removes the container and the volumes. Host networking is needed
 * because every node binds its own 127.x address, as the nodes of NSO's HA examples do.
 *
 * <pre>{@code
 * try (var node = new NsoSimContainer("6.4.4")) {
 *   node.start();
 *   try (NodeClient c = node.client("restconf")) {
 *     System.out.println(c.version());
 *   }
 * }
 * }</pre>
 */
public class NsoSimContainer extends GenericContainer<NsoSimContainer> {
  private static final Logger log = LoggerFactory.getLogger(NsoSimContainer.class);

  /** How long {@link #stop()} lets the node shut down before Docker kills it. */
  public static final int STOP_SECONDS = 30;

  private final String version;
  private NodeId node = NodeId.of("n1");
  private String address;
  private int ipcPort;
  private int cliPort;
  private int restconfPort;
  private final List<String> packages = new ArrayList<>(List.of("dummy-1.0"));
  private String name;

  /** A node of the simulator's {@code version}, e.g. {@code 6.4.4}. */
  public NsoSimContainer(String version) {
    super(Images.ensure(version));
    this.version = version;
    this.name = "nsosim-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
    withImagePullPolicy(image -> false);
    withNetworkMode("host");
    withLabel("dev.nsoha.testcontainers", "true");
    waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofSeconds(120)));
    withCreateContainerCmdModifier(
        cmd ->
            cmd.withName(name)
                .getHostConfig()
                .withBinds(
                    new Bind(spec().nsoVolume(), new Volume("/nso")),
                    new Bind(spec().logVolume(), new Volume("/log"))));
  }

  /** The node's HA id (default {@code n1}). */
  public NsoSimContainer withNode(NodeId id) {
    this.node = id;
    return self();
  }

  /** The container's name (default: {@code nsosim-} and a random suffix). */
  public NsoSimContainer withContainerName(String containerName) {
    this.name = containerName;
    return self();
  }

  /** The loopback address the node binds (default: a free 127.x.y.1). */
  public NsoSimContainer withAddress(String loopbackAddress) {
    this.address = loopbackAddress;
    return self();
  }

  /** The node's ports: IPC on 127.0.0.1, CLI SSH and RESTCONF on its address (default: free). */
  public NsoSimContainer withPorts(int ipc, int cli, int restconf) {
    this.ipcPort = ipc;
    this.cliPort = cli;
    this.restconfPort = restconf;
    return self();
  }

  /** Example packages built into the node at first start (default {@code dummy-1.0}). */
  public NsoSimContainer withExamplePackages(String... names) {
    packages.clear();
    packages.addAll(List.of(names));
    return self();
  }

  /** A file for {@code /nso/run/ncs-cdb/}, loaded into the empty database at first start. */
  public NsoSimContainer withCdbInit(String fileName, String xml) {
    return withCopyToContainer(
        Transferable.of(xml.getBytes(StandardCharsets.UTF_8)), "/nso/run/ncs-cdb/" + fileName);
  }

  @Override
  protected void configure() {
    if (address == null) {
      address = FreeAddresses.address(1).get(0);
    }
    if (ipcPort == 0) {
      int[] p = FreeAddresses.ports(3);
      ipcPort = p[0];
      cliPort = p[1];
      restconfPort = p[2];
    }
    NodeContainer spec = spec();
    spec.env()
        .forEach(
            e -> {
              int eq = e.indexOf('=');
              withEnv(e.substring(0, eq), e.substring(eq + 1));
            });
  }

  private NodeContainer spec() {
    return new NodeContainer(
        node,
        name,
        getDockerImageName(),
        address,
        ipcPort,
        cliPort,
        restconfPort,
        packages,
        Map.of(),
        Map.of());
  }

  public NodeId node() {
    return node;
  }

  public String version() {
    return version;
  }

  public String address() {
    return address;
  }

  public int ipcPort() {
    return ipcPort;
  }

  public int cliPort() {
    return cliPort;
  }

  public int restconfPort() {
    return restconfPort;
  }

  /** The names of the node's volumes, on {@code /nso} and {@code /log}. */
  public List<String> volumes() {
    return List.of(spec().nsoVolume(), spec().logVolume());
  }

  /** The container's name (stays the same when a {@link ContainerHost} recreates it). */
  public String containerName() {
    return name;
  }

  /** How to reach the node: its address and ports, user admin/admin, lab transport options. */
  public NodeEndpoint endpoint() {
    return new NodeEndpoint(
        node,
        address,
        cliPort,
        restconfPort,
        Credentials.exampleAdmin(),
        TransportOptions.defaults().withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60)));
  }

  /**
   * A new client over {@code transport} ({@code cli} or {@code restconf}); the caller closes it.
   */
  public NodeClient client(String transport) {
    return factory(transport).create(endpoint());
  }

  /** The client factory of a transport, by name. */
  public static NodeClient.Factory factory(String transport) {
    return switch (transport) {
      case "cli" -> new CliNodeClientFactory(CliOptions.lab(LabKnownHosts.FILE));
      case "restconf" -> new RestconfNodeClientFactory();
      default ->
          throw new IllegalArgumentException(
              "unknown transport '" + transport + "'; valid transports: cli, restconf");
    };
  }

  /**
   * A {@link ContainerHost} for this node: stop, start on another version's image ({@code
   * nso-sim:<version>}, built when missing), rebuild packages, backup and restore.
   */
  public ContainerHost host(DockerClient docker, Path backupDir, Duration timeout) {
    Function<NsoVersion, String> images = v -> Images.ensure(v.toString());
    return new ContainerHost(docker, node, name, images, backupDir, timeout);
  }

  /** As {@link #host(DockerClient, Path, Duration)}, over Testcontainers' client. */
  public ContainerHost host(Path backupDir, Duration timeout) {
    return host(DockerEnvironment.client(), backupDir, timeout);
  }

  /**
   * Stops the node gracefully ({@code docker stop}: SIGTERM, then the image's {@code ncs --stop},
   * up to {@value #STOP_SECONDS} s) and removes the container, whichever image it runs now. The
   * volumes are kept: {@link #start()} brings the node back with its database and packages, and it
   * then follows its HA start-up rules (see {@link NsoSimCluster}). Nothing happens when the
   * container is not there.
   */
  @Override
  public void stop() {
    DockerClient docker = DockerEnvironment.client();
    try {
      docker.stopContainerCmd(name).withTimeout(STOP_SECONDS).exec();
    } catch (NotFoundException | NotModifiedException e) {
      // gone or stopped already
    }
    removeContainer(docker);
  }

  /**
   * Stops the node abruptly ({@code docker kill}: SIGKILL, no clean shutdown, as a crash or a power
   * loss) and removes the container; the volumes are kept, as by {@link #stop()}.
   */
  public void kill() {
    DockerClient docker = DockerEnvironment.client();
    try {
      docker.killContainerCmd(name).exec();
    } catch (NotFoundException | NotModifiedException e) {
      // gone already
    } catch (RuntimeException e) {
      // a container that is not running answers 409; it is removed below all the same
      log.debug("{}: kill: {}", name, e.toString());
    }
    removeContainer(docker);
  }

  /**
   * Removes the node's volumes ({@code /nso} and {@code /log}), so that a later {@link #start()}
   * begins with an empty node (the CDB init files are loaded again).
   *
   * @throws IllegalStateException while the container runs
   */
  public void removeVolumes() {
    if (isRunning()) {
      throw new IllegalStateException(
          node + " (container " + name + ") runs; stop() or kill() it before removing its volumes");
    }
    NodeContainer.remove(DockerEnvironment.client(), name);
  }

  /** Removes the container, whatever its state, and its volumes. */
  @Override
  public void close() {
    try {
      removeContainer(DockerEnvironment.client());
    } finally {
      NodeContainer.remove(DockerEnvironment.client(), name);
    }
  }

  private void removeContainer(DockerClient docker) {
    try {
      super.stop();
    } catch (RuntimeException e) {
      log.debug("{}: Testcontainers' stop: {}", name, e.toString());
    }
    try {
      // the container by name too: a ContainerHost may have recreated it under another id
      docker.removeContainerCmd(name).withForce(true).exec();
    } catch (NotFoundException e) {
      // removed already
    }
  }

  /**
   * The known_hosts the test clients remember the simulated nodes' host keys in: a private file of
   * this JVM's, never the user's own.
   */
  private static final class LabKnownHosts {
    static final Path FILE = create();

    private static Path create() {
      try {
        Path dir = Files.createTempDirectory("nso-sim-known-hosts-");
        dir.toFile().deleteOnExit();
        Path f = dir.resolve("known_hosts");
        f.toFile().deleteOnExit();
        return f;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a known_hosts file for the test clients", e);
      }
    }
  }
}
