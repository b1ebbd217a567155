package dev.nsoha.scenarios.containers;

import com.github.dockerjava.api.DockerClient;
import dev.nsoha.container.ContainerHost;
import dev.nsoha.container.DockerEngine;
import dev.nsoha.container.NsoSimImages;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.spi.Install;
import dev.nsoha.scenarios.input.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Builds a {@link ContainerHost} per node from the command line and the cluster file: the
 * container's name ({@code node.<id>.container}, else {@code <prefix>node<N>}) and the image of
 * each version (the target version maps to {@code node.<id>.image}, else {@code --image}; any other
 * version to the image the container runs now, else {@code nso-sim:<version>}).
 */
public final class ContainerHosts {
  private ContainerHosts() {}

  /**
   * The engine, or a usage error (exit 2) saying that none answers and how to start one.
   *
   * @throws UsageException when no engine answers
   */
  public static DockerClient engine() {
    DockerClient docker = DockerEngine.connect();
    Optional<String> p = DockerEngine.problem(docker);
    if (p.isPresent()) {
      throw new UsageException(p.get());
    }
    return docker;
  }

  /**
   * An install that lives in an image: its version, and {@code /opt/ncs/ncs-<version>}, where the
   * image holds it. The orchestrator needs no local NSO install for containers.
   */
  public static Install imageInstall(DockerClient docker, String image) {
    if (!NsoSimImages.exists(docker, image)) {
      throw new UsageException(
          "image "
              + image
              + " is not on the Docker engine (build the simulator's with 'make image')");
    }
    NsoVersion v =
        NsoSimImages.versionOf(docker, image)
            .orElseThrow(
                () ->
                    new UsageException(
                        "image "
                            + image
                            + " names no NSO version (label "
                            + NsoSimImages.VERSION_LABEL
                            + " or a version tag)"));
    return new Install(Path.of("/opt/ncs/ncs-" + v), v);
  }

  /** A host per node. */
  public static Map<NodeId, ContainerHost> hosts(
      DockerClient docker,
      ClusterSpec spec,
      BiFunction<NodeId, String, String> setting,
      ContainerOptions options,
      Install target,
      String targetImage,
      Path backupDir,
      Duration timeout) {
    Map<NodeId, ContainerHost> hosts = new LinkedHashMap<>();
    List<ClusterSpec.NodeSpec> nodes = spec.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      NodeId id = nodes.get(i).id();
      String name = setting.apply(id, "container");
      if (name == null) {
        name = options.prefix + "node" + (i + 1);
      }
      String own = setting.apply(id, "image");
      String image = own != null ? own : targetImage;
      hosts.put(
          id,
          new ContainerHost(
              docker,
              id,
              name,
              v -> v.equals(target.version()) ? image : NsoSimImages.tag(v.toString()),
              backupDir,
              timeout));
    }
    return hosts;
  }

  /**
   * Whether the nodes are containers: {@code --containers}, or a node with {@code host=container}.
   */
  public static boolean wanted(
      ClusterSpec spec, BiFunction<NodeId, String, String> setting, ContainerOptions options) {
    if (options.containers) {
      return true;
    }
    long n =
        spec.ids().stream().filter(id -> "container".equals(setting.apply(id, "host"))).count();
    if (n > 0 && n < spec.ids().size()) {
      throw new UsageException(
          "cluster file: "
              + n
              + " of "
              + spec.ids().size()
              + " nodes have host=container; a cluster of containers and other hosts is not supported");
    }
    return n > 0;
  }
}
