package dev.nsoha.scenarios.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.nsoha.container.ContainerHost;
import dev.nsoha.container.DockerEngine;
import dev.nsoha.container.HaInit;
import dev.nsoha.container.NodeContainer;
import dev.nsoha.core.error.HostException;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.Install;
import dev.nsoha.scenarios.Bundle;
import dev.nsoha.scenarios.ClusterRuntime;
import dev.nsoha.scenarios.ExitCodes;
import dev.nsoha.scenarios.console.Output;
import dev.nsoha.scenarios.containers.ContainerHosts;
import dev.nsoha.scenarios.containers.ContainerOptions;
import dev.nsoha.scenarios.flow.ExampleFlow;
import dev.nsoha.scenarios.input.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The example when the nodes run in containers: it creates them before the upgrade. The commands
 * that read or change an existing cluster of containers go through {@link Deployment}.
 */
final class ContainerRuns {
  private ContainerRuns() {}

  static boolean wanted(UpgradeCommandBase cmd, ContainerOptions c) {
    return ContainerHosts.wanted(cmd.cluster.spec(), cmd.cluster::setting, c);
  }

  /** The label the example puts on its containers and volumes. */
  static final String EXAMPLE_LABEL = "dev.nsoha.example";

  /**
   * Removes the containers and volumes an earlier run of the example left under the names this run
   * uses, saying what it removed. Anything else under those names (a container or volume without
   * the example's label) is refused, with nothing removed.
   */
  static void removeEarlierExampleNodes(
      DockerClient docker, List<NodeContainer> specs, PrintWriter out) {
    List<String> foreign = new ArrayList<>();
    List<String> ours = new ArrayList<>();
    for (NodeContainer nc : specs) {
      try {
        Map<String, String> labels =
            docker.inspectContainerCmd(nc.name()).exec().getConfig().getLabels();
        (labels != null && labels.containsKey(EXAMPLE_LABEL) ? ours : foreign)
            .add("container " + nc.name());
      } catch (NotFoundException e) {
        // no such container
      }
      for (String v : List.of(nc.nsoVolume(), nc.logVolume())) {
        try {
          Map<String, String> labels = docker.inspectVolumeCmd(v).exec().getLabels();
          (labels != null && labels.containsKey(EXAMPLE_LABEL) ? ours : foreign).add("volume " + v);
        } catch (NotFoundException e) {
          // no such volume
        }
      }
    }
    if (!foreign.isEmpty()) {
      throw new UsageException(
          "the example's node names are taken by "
              + String.join(", ", foreign)
              + ", not made by the example (no "
              + EXAMPLE_LABEL
              + " label); nothing was removed: remove them yourself, or choose other names with"
              + " --container-prefix");
    }
    for (NodeContainer nc : specs) {
      NodeContainer.remove(docker, nc.name());
    }
    if (!ours.isEmpty()) {
      out.printf("Removed the example's earlier %s%n", String.join(", ", ours));
    }
  }

  /**
   * The example with containers: nodes 1-3 recreated as containers of the old image on -a/-b/-c, HA
   * enabled, dummy config added, then upgraded to the new image.
   */
  static int example(ExampleCommand cmd, ContainerOptions c, Scenario s) {
    if (s != Scenario.UPGRADE_NSO) {
      throw new UsageException(
          "--containers runs the upgrade-nso example only (packages in containers are rebuilt by the"
              + " NSO version upgrade)");
    }
    Output output = cmd.output();
    PrintWriter out = output.progress();
    try (DockerClient docker = ContainerHosts.engine()) {
      String oldImage = c.oldImage != null ? c.oldImage : defaultImage(docker, true);
      String newImage = c.image != null ? c.image : defaultImage(docker, false);
      Install old = ContainerHosts.imageInstall(docker, oldImage);
      Install target = ContainerHosts.imageInstall(docker, newImage);
      ClusterSpec cs = cmd.cluster.spec();
      out.printf(
          "NSO upgrade-nso example in containers over %s: %s, %s -> %s%n",
          cmd.connection.transport, cs.describe(), oldImage, newImage);
      out.printf(
          "%n##### Step 1: Reset, start node 1-3 as containers of %s, enable HA%n", oldImage);
      byte[] t = new byte[16];
      ThreadLocalRandom.current().nextBytes(t);
      String init = HaInit.xml(cs, HexFormat.of().formatHex(t), 10, 6);
      List<NodeContainer> specs = new ArrayList<>();
      List<ClusterSpec.NodeSpec> nodes = cs.nodes();
      for (int i = 0; i < nodes.size(); i++) {
        ClusterSpec.NodeSpec n = nodes.get(i);
        String name = cmd.cluster.setting(n.id(), "container");
        specs.add(
            new NodeContainer(
                n.id(),
                name != null ? name : c.prefix + "node" + (i + 1),
                oldImage,
                n.address(),
                cmd.nodes.ipcPort(cmd.cluster, n, i),
                cmd.connection.cliPort,
                cmd.connection.restconfPort,
                List.of("dummy-1.0"),
                Map.of("ha-init.xml", init),
                Map.of(EXAMPLE_LABEL, "upgrade-nso")));
      }
      removeEarlierExampleNodes(docker, specs, out);
      for (NodeContainer nc : specs) {
        nc.createAndStart(docker);
      }
      for (NodeContainer nc : specs) {
        nc.awaitHealthy(docker, cmd.nodes.toolTimeout());
        out.printf(
            "Started %s on %s: container %s of %s (IPC port %d)%n",
            nc.node(), nc.address(), nc.name(), oldImage, nc.ipcPort());
      }
      out.flush();
      cmd.connection.defaultKnownHosts(
          cmd.nodes.runRoot.toAbsolutePath().normalize().resolve("known_hosts"));
      Map<NodeId, ContainerHost> hosts = hosts(cmd, c, docker, target, newImage);
      ExampleFlow flow =
          new ExampleFlow(
              cs,
              cmd.nodes.runRoot,
              old,
              Bundle.require(),
              false,
              Map.of(),
              out,
              cmd.nodes.toolTimeout(),
              cmd.connection.cliPort,
              cmd.connection.restconfPort);
      try (ClusterRuntime rt = runtime(cmd, hosts, true)) {
        flow.enableHa(rt, cmd.run.settings().haTimeout());
        flow.addDummyConfig(rt, cmd.run.settings().haTimeout());
        if (cmd.setupOnly) {
          out.printf(
              "%n##### Set up; upgrade it with: nso-ha-upgrade upgrade-nso --containers --image %s%n",
              newImage);
          out.flush();
          return ExitCodes.OK;
        }
        out.printf("%n##### Steps 3-15: upgrade NSO by swapping each node's image%n");
        int code =
            Upgrades.nso(
                rt,
                old,
                target,
                Optional.of(newImage),
                cmd.strategy,
                cmd.run,
                cmd.nodes.runRoot,
                output,
                cmd.stdout(),
                cmd.err());
        flow.show(rt, false);
        out.println(
            code == ExitCodes.OK ? "\n##### Done!" : "\n##### Stopped: see the error above");
        out.flush();
        return code;
      }
    } catch (DockerException e) {
      throw new HostException("", "Docker engine", DockerEngine.firstLine(e.getMessage()), e);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<NodeId, ContainerHost> hosts(
      UpgradeCommandBase cmd,
      ContainerOptions c,
      DockerClient docker,
      Install target,
      String targetImage) {
    return ContainerHosts.hosts(
        docker,
        cmd.cluster.spec(),
        cmd.cluster::setting,
        c,
        target,
        targetImage,
        cmd.nodes.backupDir(),
        Duration.ofSeconds(Math.max(60, cmd.nodes.toolTimeout().toSeconds())));
  }

  private static ClusterRuntime runtime(
      UpgradeCommandBase cmd, Map<NodeId, ContainerHost> hosts, boolean lab) {
    return new ClusterRuntime(
        cmd.cluster.spec(), cmd.connection.factory(lab), cmd.connection::endpoint, hosts);
  }

  private static String defaultImage(DockerClient docker, boolean older) {
    return Deployment.Containers.defaultImage(docker, older);
  }
}
