package dev.nsoha.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import dev.nsoha.core.model.NodeId;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How to create one node's container of an {@code nso-sim} image: on the host network, bound to its
 * own loopback address, with its own IPC port on 127.0.0.1, its volumes {@code <name>-nso} on
 * {@code /nso} and {@code <name>-log} on {@code /log}, no restart policy, and files put on its
 * volumes before the first start (for example the HA configuration in {@code /nso/run/ncs-cdb/},
 * which NSO loads into an empty database).
 *
 * @param node the node's HA id (also its name in the CLI prompt)
 * @param name the container's name
 * @param image e.g. {@code nso-sim:6.4.4}
 * @param address the node's loopback address, e.g. 127.0.1.1
 * @param ipcPort its IPC port on 127.0.0.1
 * @param cliPort its CLI SSH port
 * @param restconfPort its RESTCONF port
 * @param examplePackages example packages the image builds into an empty {@code /nso/run/packages}
 *     at first start, e.g. {@code dummy-1.0}
 * @param cdbInit files for {@code /nso/run/ncs-cdb/} (name to XML text)
 * @param labels labels of the container (tests mark theirs)
 */
public record NodeContainer(
    NodeId node,
    String name,
    String image,
    String address,
    int ipcPort,
    int cliPort,
    int restconfPort,
    List<String> examplePackages,
    Map<String, String> cdbInit,
    Map<String, String> labels) {
  private static final Logger log = LoggerFactory.getLogger(NodeContainer.class);

  public NodeContainer {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    if (!address.matches("127\\.\\d+\\.\\d+\\.\\d+")) {
      throw new IllegalArgumentException(
          "node " + node + ": address " + address + " is not a loopback address (127.x.y.z)");
    }
    examplePackages = List.copyOf(examplePackages);
    cdbInit = Map.copyOf(cdbInit);
    labels = Map.copyOf(labels);
  }

  public String nsoVolume() {
    return name + "-nso";
  }

  public String logVolume() {
    return name + "-log";
  }

  /** The container's environment (no secrets: the simulator's admin user is built in). */
  public List<String> env() {
    List<String> env = new ArrayList<>();
    env.add("NSO_ADDRESS=" + address);
    env.add("NCS_IPC_PORT=" + ipcPort);
    env.add("NSO_CLI_PORT=" + cliPort);
    env.add("NSO_RESTCONF_PORT=" + restconfPort);
    env.add("NSO_NODE_NAME=" + node);
    if (!examplePackages.isEmpty()) {
      env.add("NSO_EXAMPLE_PACKAGES=" + String.join(" ", examplePackages));
    }
    return env;
  }

  /**
   * Creates the volumes and the container, copies the CDB init files in, and starts it; returns
   * without waiting (see {@link #awaitHealthy}).
   */
  public void createAndStart(DockerClient docker) {
    docker.createVolumeCmd().withName(nsoVolume()).withLabels(labels).exec();
    docker.createVolumeCmd().withName(logVolume()).withLabels(labels).exec();
    String id =
        docker
            .createContainerCmd(image)
            .withName(name)
            .withEnv(env())
            .withLabels(labels)
            .withHostConfig(
                HostConfig.newHostConfig()
                    .withNetworkMode("host")
                    .withRestartPolicy(RestartPolicy.noRestart())
                    .withBinds(
                        new Bind(nsoVolume(), new Volume("/nso")),
                        new Bind(logVolume(), new Volume("/log"))))
            .exec()
            .getId();
    if (!cdbInit.isEmpty()) {
      Map<String, byte[]> files = new LinkedHashMap<>();
      cdbInit.forEach((k, v) -> files.put("ncs-cdb/" + k, v.getBytes(StandardCharsets.UTF_8)));
      docker
          .copyArchiveToContainerCmd(id)
          .withRemotePath("/nso/run")
          .withTarInputStream(new ByteArrayInputStream(DockerTar.of(files)))
          .exec();
    }
    docker.startContainerCmd(id).exec();
    log.info("{}: started container {} of {} on {}", node, name, image, address);
  }

  /** Waits until the container is healthy. */
  public void awaitHealthy(DockerClient docker, Duration timeout) {
    Containers.awaitHealthy(docker, node + " (container " + name + ")", name, timeout);
  }

  /** Removes the container (whatever its state) and its volumes; missing ones are no error. */
  public static void remove(DockerClient docker, String name) {
    try {
      docker.removeContainerCmd(name).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      // already gone
    }
    for (String v : List.of(name + "-nso", name + "-log")) {
      try {
        docker.removeVolumeCmd(v).exec();
      } catch (NotFoundException e) {
        // already gone
      }
    }
  }
}
