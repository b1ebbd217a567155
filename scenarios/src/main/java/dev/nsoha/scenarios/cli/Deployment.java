package dev.nsoha.scenarios.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import dev.nsoha.container.ContainerHost;
import dev.nsoha.container.DockerEngine;
import dev.nsoha.container.NsoSimImages;
import dev.nsoha.core.error.HostException;
import dev.nsoha.core.journal.Journal;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.plans.NsoVersionUpgrade;
import dev.nsoha.core.plans.RaftVersionUpgrade;
import dev.nsoha.core.spi.Install;
import dev.nsoha.core.spi.NodeHost;
import dev.nsoha.host.ssh.SshHost;
import dev.nsoha.scenarios.Bundle;
import dev.nsoha.scenarios.ClusterRuntime;
import dev.nsoha.scenarios.Rollbacks;
import dev.nsoha.scenarios.containers.ContainerHosts;
import dev.nsoha.scenarios.flow.SystemInstall;
import dev.nsoha.scenarios.input.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where a cluster's nodes live, chosen once per command from the cluster file and the flags: NSO
 * installs (each node local, or a system install over SSH, by {@code node.<id>.host}), or
 * containers ({@code --containers} or {@code node.<id>.host=container}). It yields the hosts and
 * the releases; the commands that read or change a cluster ({@code upgrade-nso}, {@code
 * upgrade-pkgs-sys}, {@code rollback}, {@code preflight}, {@code status}, {@code plan}) ask it and
 * do not know which it was.
 *
 * <p>Close it when the command ends (a container deployment holds a Docker engine client).
 */
abstract sealed class Deployment implements AutoCloseable
    permits Deployment.Installs, Deployment.Containers {
  final UpgradeCommandBase cmd;

  private Deployment(UpgradeCommandBase cmd) {
    this.cmd = cmd;
  }

  /** The deployment the cluster file and the flags of {@code cmd} describe. */
  static Deployment of(UpgradeCommandBase cmd) {
    if (ContainerHosts.wanted(cmd.cluster.spec(), cmd.cluster::setting, cmd.containers)) {
      return new Containers(cmd, ContainerHosts.engine());
    }
    if (cmd.containers.image != null || cmd.containers.oldImage != null) {
      throw new UsageException(
          (cmd.containers.image != null ? "--image" : "--old-image")
              + " is for nodes in containers: add --containers, or node.<id>.host=container in"
              + " the cluster file. Nothing was changed.");
    }
    return new Installs(cmd);
  }

  /**
   * Runs {@code body} with the deployment of {@code cmd} and closes it; a Docker engine failure
   * anywhere in it becomes a host error in one line.
   */
  static <T> T run(UpgradeCommandBase cmd, Function<Deployment, T> body) {
    try (Deployment d = of(cmd)) {
      return body.apply(d);
    } catch (DockerException e) {
      throw new HostException("", "Docker engine", DockerEngine.firstLine(e.getMessage()), e);
    }
  }

  /**
   * The image an NSO version upgrade of containers swaps the nodes to (known once {@link
   * #nsoTarget()} was asked), for the journal; empty for installs.
   */
  Optional<String> targetImage() {
    return Optional.empty();
  }

  /** {@code local install}, {@code system install over SSH} or {@code containers}, for messages. */
  abstract String describe();

  /**
   * The release an NSO version upgrade goes to: {@code --installer} for system installs over SSH,
   * {@code -n} (or the bundled newer install) for local installs, {@code --image} for containers.
   */
  abstract Install nsoTarget();

  /**
   * One host per node for a run toward {@code target}.
   *
   * @param localEnv further environment of a local node's tools, by run directory
   */
  abstract Map<NodeId, NodeHost> hosts(
      Install target, Function<Path, Map<String, String>> localEnv);

  /** The hosts of a package upgrade (the nodes stay on the release they run). */
  abstract Map<NodeId, NodeHost> packageHosts();

  /** What the nodes run before an NSO version upgrade to {@code target}. */
  abstract Install current(Map<NodeId, NodeHost> hosts, Install target);

  /**
   * The hosts a rollback of {@code j} runs on, and for an NSO upgrade the release to go back to.
   */
  abstract RollbackHosts rollbackHosts(Journal j);

  /**
   * @param hosts where each node goes back
   * @param old for an NSO version upgrade, the release the nodes ran before
   */
  record RollbackHosts(Map<NodeId, NodeHost> hosts, Optional<Install> old) {}

  /** The cluster's connections with {@code hosts}. */
  ClusterRuntime runtime(Map<NodeId, NodeHost> hosts) {
    return new ClusterRuntime(
        cmd.cluster.spec(), cmd.connection.factory(false), cmd.connection::endpoint, hosts);
  }

  /**
   * Checks every host before anything changes, prints each finding and refuses on the first failure
   * (see {@link NodeHosts#preflight}).
   */
  void preflight(
      Map<NodeId, NodeHost> hosts,
      Optional<Install> target,
      boolean expectInstalled,
      PrintWriter out) {
    NodeHosts.preflight(hosts, target, expectInstalled, out);
  }

  @Override
  public void close() {}

  /** Local installs and system installs over SSH, node by node ({@link NodeHosts}). */
  static final class Installs extends Deployment {
    private Installs(UpgradeCommandBase cmd) {
      super(cmd);
    }

    @Override
    String describe() {
      return NodeHosts.anyRemote(cmd.cluster) ? "system installs over SSH" : "local installs";
    }

    @Override
    Install nsoTarget() {
      Optional<Install> installer = cmd.hostOptions.installerTarget();
      if (NodeHosts.anyRemote(cmd.cluster) && installer.isEmpty()) {
        throw new UsageException(
            "nodes with host=ssh are upgraded with the new release's installer: give --installer"
                + " nso-<version>.<os>.<arch>.installer.bin. Nothing was changed.");
      }
      return installer.orElseGet(() -> cmd.targets.newInstall(cmd.nodes.toolTimeout()));
    }

    @Override
    Map<NodeId, NodeHost> hosts(Install target, Function<Path, Map<String, String>> localEnv) {
      return NodeHosts.create(
          cmd.cluster,
          cmd.nodes,
          cmd.hostOptions,
          cmd.nodes::currentInstall,
          target,
          localEnv,
          true);
    }

    @Override
    Map<NodeId, NodeHost> packageHosts() {
      return hosts(
          cmd.hostOptions.installerTarget().orElseGet(cmd.nodes::currentInstall),
          SystemInstall::environment);
    }

    /**
     * Nodes on their own hosts: the release of the first one not on the target yet (after an
     * interrupted run the primary may run the target already), else the first one's; local nodes:
     * {@code -o} or the bundled older install.
     */
    @Override
    Install current(Map<NodeId, NodeHost> hosts, Install target) {
      Optional<Install> first = Optional.empty();
      for (NodeId id : cmd.cluster.spec().ids()) {
        if (hosts.get(id) instanceof SshHost s) {
          Install i =
              new Install(s.hostLayout().installDir().resolve("current"), s.installedVersion());
          if (!i.version().sameRelease(target.version())) {
            return i;
          }
          if (first.isEmpty()) {
            first = Optional.of(i);
          }
        }
      }
      return first.orElseGet(cmd.nodes::currentInstall);
    }

    @Override
    RollbackHosts rollbackHosts(Journal j) {
      boolean nso =
          j.plan().equals(NsoVersionUpgrade.NAME) || j.plan().equals(RaftVersionUpgrade.NAME);
      Install old = nso ? Rollbacks.oldInstall(j) : cmd.nodes.currentInstall();
      Function<Path, Map<String, String>> env = nso ? dir -> Map.of() : SystemInstall::environment;
      // A node on its own host starts from the release the journal says it ran before.
      Map<NodeId, NodeHost> hosts =
          NodeHosts.create(cmd.cluster, cmd.nodes, cmd.hostOptions, () -> old, old, env, true);
      return new RollbackHosts(hosts, nso ? Optional.of(old) : Optional.empty());
    }
  }

  /**
   * Containers of an NSO image on one Docker engine: "upgrade" recreates a node's container from
   * the target image with the same volumes ({@link ContainerHost}).
   */
  static final class Containers extends Deployment {
    private final DockerClient docker;
    private String targetImage;
    private Install target;

    private Containers(UpgradeCommandBase cmd, DockerClient docker) {
      super(cmd);
      this.docker = docker;
    }

    @Override
    String describe() {
      return "containers";
    }

    @Override
    Optional<String> targetImage() {
      return Optional.ofNullable(targetImage);
    }

    @Override
    Install nsoTarget() {
      return engine(
          () -> {
            targetImage =
                cmd.containers.image != null ? cmd.containers.image : defaultImage(docker, false);
            target = ContainerHosts.imageInstall(docker, targetImage);
            return target;
          });
    }

    @Override
    Map<NodeId, NodeHost> hosts(Install target, Function<Path, Map<String, String>> localEnv) {
      String image =
          this.target != null && this.target.version().equals(target.version())
              ? targetImage
              : NsoSimImages.tag(target.version().toString());
      return containerHosts(target, image);
    }

    private Map<NodeId, NodeHost> containerHosts(Install target, String image) {
      return engine(
          () ->
              new LinkedHashMap<>(
                  ContainerHosts.hosts(
                      docker,
                      cmd.cluster.spec(),
                      cmd.cluster::setting,
                      cmd.containers,
                      target,
                      image,
                      cmd.nodes.backupDir(),
                      Duration.ofSeconds(Math.max(60, cmd.nodes.toolTimeout().toSeconds())))));
    }

    @Override
    Map<NodeId, NodeHost> packageHosts() {
      throw new UsageException(
          "upgrade-pkgs-sys does not run on containers: a container's packages come with its"
              + " image and are rebuilt by upgrade-nso. Nothing was changed.");
    }

    /** What the nodes run now: the version that is not the target's, if any node runs one. */
    @Override
    Install current(Map<NodeId, NodeHost> hosts, Install target) {
      for (NodeHost h : hosts.values()) {
        NsoVersion v = h.installedVersion();
        if (!v.equals(target.version())) {
          return new Install(Path.of("/opt/ncs/ncs-" + v), v);
        }
      }
      return target;
    }

    /**
     * Every node the run touched is restored from its backup in a throwaway container and recreated
     * from the image of the version the journal says it ran before ({@code --old-image}, else
     * {@code nso-sim:<that version>}), with its volumes.
     */
    @Override
    RollbackHosts rollbackHosts(Journal j) {
      boolean nso =
          j.plan().equals(NsoVersionUpgrade.NAME) || j.plan().equals(RaftVersionUpgrade.NAME);
      Install back;
      if (nso) {
        back = Rollbacks.oldInstall(j);
      } else {
        Object v = j.from().get("version");
        if (!(v instanceof String text)) {
          throw new UsageException("the journal records no NSO version the nodes ran");
        }
        NsoVersion running = NsoVersion.parse(text);
        back = new Install(Path.of("/opt/ncs/ncs-" + running), running);
      }
      String version = back.version().toString();
      String image =
          cmd.containers.oldImage != null
              ? cmd.containers.oldImage
              : engine(
                  () ->
                      NsoSimImages.locate(docker)
                          .map(i -> i.ensure(version))
                          .orElse(NsoSimImages.tag(version)));
      Install inImage = ContainerHosts.imageInstall(docker, image);
      if (!inImage.version().sameRelease(back.version())) {
        throw new UsageException(
            "image "
                + image
                + " holds NSO "
                + inImage.version()
                + ", but the nodes ran NSO "
                + back.version()
                + " before the run; give --old-image with an image of NSO "
                + back.version()
                + ". Nothing was changed.");
      }
      return new RollbackHosts(
          containerHosts(back, image), nso ? Optional.of(back) : Optional.empty());
    }

    @Override
    public void close() {
      try {
        docker.close();
      } catch (IOException e) {
        throw new HostException("", "Docker engine", "closing the client: " + e.getMessage(), e);
      }
    }

    /**
     * {@code nso-sim:<older or newer bundled version>}, built from the bundled installs when
     * missing.
     */
    static String defaultImage(DockerClient docker, boolean older) {
      Bundle b = Bundle.require();
      String v = (older ? b.oldInstall() : b.newInstall()).version().toString();
      return NsoSimImages.locate(docker).map(i -> i.ensure(v)).orElse(NsoSimImages.tag(v));
    }

    /** Runs {@code call}, a Docker engine failure becoming a host error in one line. */
    private static <T> T engine(Supplier<T> call) {
      try {
        return call.get();
      } catch (DockerException e) {
        throw new HostException("", "Docker engine", DockerEngine.firstLine(e.getMessage()), e);
      }
    }
  }
}
