package dev.nsoha.scenarios.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.nsoha.container.DockerEngine;
import dev.nsoha.container.NsoSimImages;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.ConfigPath;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.plan.Wait;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.scenarios.Main;
import dev.nsoha.testcontainers.NsoSimCluster;
import dev.nsoha.testcontainers.NsoSimContainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The NSO version upgrade of a three-node cluster in containers, by image swap, through the command
 * line ({@code upgrade-nso --cluster-file} with {@code node.<id>.host=container}); the final state
 * is read directly from the nodes. And a node's container killed in the middle of the upgrade: the
 * run stops and says where; once the node is started again, a rerun converges, and {@code rollback}
 * brings every node back to the old image from its backup.
 */
class ContainerUpgradeIT {
  private static final String OLD = "6.4.4";
  private static final String NEW = "6.5.1";
  private static final ConfigPath DUMMIES = ConfigPath.parse("/dummy:dummies");
  private static DockerClient docker;

  @TempDir Path tmp;

  @BeforeAll
  static void engine() {
    docker = DockerEngine.connect();
    Optional<String> problem = DockerEngine.problem(docker);
    if (problem.isPresent()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail("container tests need a Docker engine in CI: " + problem.get());
      }
      Assumptions.abort("container tests skipped: " + problem.get());
    }
    NsoSimImages images =
        NsoSimImages.locate(docker).orElseThrow(() -> new AssertionError("no simulator installs"));
    images.ensure(OLD);
    images.ensure(NEW);
  }

  @AfterAll
  static void close() throws IOException {
    if (docker != null) {
      docker.close();
    }
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"cli", "restconf"})
  void upgradesAThreeNodeClusterByImageSwap(String transport) throws Exception {
    try (NsoSimCluster c = NsoSimCluster.of(3).withVersion(OLD).start()) {
      seed(c);
      // The commands that read the cluster take the upgrade's own command line.
      String image = NsoSimImages.tag(NEW);
      Result pf = command(c, transport, "preflight", "upgrade-nso", "--image", image);
      assertThat(pf.code()).as(pf.output()).isZero();
      assertThat(pf.output()).contains("upgrade-nso to NSO " + NEW).contains("Preflight: go");
      Result st = command(c, transport, "status", "--image", image);
      assertThat(st.code()).as(st.output()).isZero();
      assertThat(st.output()).contains("NSO " + OLD).contains("enabled primary");
      Result plan = command(c, transport, "plan", "upgrade-nso", "--image", image);
      assertThat(plan.code()).as(plan.output()).isZero();
      assertThat(plan.output()).contains(NEW);
      Result none = command(c, transport, "journal show", "--image", image);
      assertThat(none.code()).as(none.output()).isEqualTo(2);
      assertThat(none.output()).contains("no journal at " + tmp.resolve("run/journal.json"));
      assertRunning(c, transport, OLD);
      assertThat(tmp.resolve("backups")).as("no backup taken").doesNotExist();

      Result r = upgrade(c, transport);
      assertThat(r.code()).as(r.output()).isZero();
      assertUpgraded(c, transport);
      Result journal = command(c, transport, "journal show", "--image", image);
      assertThat(journal.code()).as(journal.output()).isZero();
      assertThat(journal.output()).contains("upgrade-nso to NSO " + NEW);
      Result back = command(c, transport, "plan rollback", "--image", image);
      assertThat(back.code()).as(back.output()).isZero();
    }
  }

  @Test
  void aNodeKilledMidUpgradeStopsTheRunAndARerunConverges() throws Exception {
    try (NsoSimCluster c = NsoSimCluster.of(3).withVersion(OLD).start()) {
      seed(c);
      String n1 = c.node(c.primary()).containerName();
      String n2 = c.node(c.failoverPrimary()).containerName();
      CompletableFuture<Result> run = CompletableFuture.supplyAsync(() -> upgrade(c, "restconf"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (!image(n1).equals(NsoSimImages.tag(NEW))) {
        assertThat(run).as("the upgrade ended before n1 was swapped").isNotDone();
        assertThat(System.nanoTime()).as("n1 never swapped to " + NEW).isLessThan(deadline);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
      docker.killContainerCmd(n2).exec();

      Result failed = run.get(5, TimeUnit.MINUTES);
      assertThat(failed.code()).as(failed.output()).isEqualTo(1);
      assertThat(failed.output()).contains("n2");

      // The operator starts the killed node again (on the image it had), and reruns the upgrade.
      docker.startContainerCmd(n2).exec();
      Wait.until(
          n2 + " is healthy",
          n2,
          () -> docker.inspectContainerCmd(n2).exec().getState(),
          st -> st.getHealth() != null && "healthy".equals(st.getHealth().getStatus()),
          st -> st.getStatus() + (st.getHealth() == null ? "" : ", " + st.getHealth().getStatus()),
          Duration.ofSeconds(90));
      Result rerun = upgrade(c, "restconf");
      assertThat(rerun.code()).as(rerun.output()).isZero();
      assertUpgraded(c, "cli");

      // The finished upgrade rolled back: every node restored from its backup in a throwaway
      // container and recreated from the old image on its volumes.
      Result back = command(c, "cli", "rollback");
      assertThat(back.code()).as(back.output()).isZero();
      assertThat(back.output()).contains("every node back on NSO " + OLD);
      assertOn(c, "restconf", OLD);
    }
  }

  private record Result(int code, String output) {}

  private void seed(NsoSimCluster c) {
    c.client(c.primary(), "restconf")
        .mergeConfig(
            DataTree.of(
                Map.of(
                    "dummy:dummies",
                    Map.of("dummy", List.of(Map.of("name", "d1", "dummy", "1.2.3.4"))))));
  }

  private Result upgrade(NsoSimCluster c, String transport) {
    return command(c, transport, "upgrade-nso", "--image", NsoSimImages.tag(NEW));
  }

  /** {@code command} with the cluster file of {@code c} and this test's run root. */
  private Result command(NsoSimCluster c, String transport, String command, String... more) {
    try {
      Path file = tmp.resolve("cluster-" + System.nanoTime() + ".properties");
      List<String> lines = new ArrayList<>();
      for (ClusterSpec.NodeSpec n : c.spec().nodes()) {
        String role =
            n.id().equals(c.primary())
                ? "primary"
                : n.failoverPrimary() ? "failover-primary" : "secondary";
        lines.add("node." + n.id() + ".address=" + n.address());
        lines.add("node." + n.id() + ".role=" + role);
        lines.add("node." + n.id() + ".host=container");
        lines.add("node." + n.id() + ".container=" + c.node(n.id()).containerName());
      }
      Files.write(file, lines);
      NsoSimContainer any = c.nodes().get(0);
      StringWriter out = new StringWriter();
      List<String> args = new ArrayList<>(List.of(command.split(" ")));
      args.addAll(
          List.of(
              "--cluster-file",
              file.toString(),
              "--transport",
              transport,
              "--cli-port",
              Integer.toString(any.cliPort()),
              "--restconf-port",
              Integer.toString(any.restconfPort()),
              "--run-root",
              tmp.resolve("run").toString(),
              "--backup-dir",
              tmp.resolve("backups").toString(),
              "--known-hosts",
              tmp.resolve("known_hosts").toString(),
              "--accept-unknown-host-keys",
              "--ha-timeout",
              "90",
              "--start-timeout",
              "120"));
      args.addAll(List.of(more));
      int code =
          Main.run(
              new PrintWriter(out, true), new PrintWriter(out, true), args.toArray(String[]::new));
      return new Result(code, out.toString());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private void assertUpgraded(NsoSimCluster c, String transport) {
    assertOn(c, transport, NEW);
  }

  /** Read from each node itself: version, HA role and connections, config, packages, image. */
  private void assertOn(NsoSimCluster c, String transport, String version) {
    assertRunning(c, transport, version);
    assertThat(tmp.resolve("backups")).isDirectoryContaining(f -> f.toString().endsWith(".gz"));
  }

  /** Read from the nodes: on {@code version} and its image, in their roles, config and packages. */
  private void assertRunning(NsoSimCluster c, String transport, String version) {
    NodeId p = c.primary();
    HaStatus ps = c.client(p, transport).haStatus();
    assertThat(ps.isPrimary()).as(ps.summary()).isTrue();
    assertThat(ps.readOnly()).isFalse();
    for (ClusterSpec.NodeSpec n : c.spec().nodes()) {
      NodeClient nc = c.client(n.id(), transport);
      assertThat(nc.version()).isEqualTo(NsoVersion.parse(version));
      assertThat(nc.readConfig(DUMMIES).toJson()).contains("1.2.3.4");
      assertThat(nc.packages()).isNotEmpty().allMatch(PackageStatus::isUp);
      assertThat(image(c.node(n.id()).containerName())).isEqualTo(NsoSimImages.tag(version));
      if (!n.id().equals(p)) {
        assertThat(ps.hasConnectedSecondary(n.id())).as(ps.summary()).isTrue();
        assertThat(nc.haStatus().isSecondary()).isTrue();
      }
    }
  }

  /** The container's image; empty while it does not exist (a recreation renames it aside). */
  private static String image(String container) {
    try {
      return docker.inspectContainerCmd(container).exec().getConfig().getImage();
    } catch (NotFoundException e) {
      return "";
    }
  }
}
