package dev.nsoha.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.nsoha.container.DockerEngine;
import dev.nsoha.container.NodeContainer;
import dev.nsoha.container.NsoSimImages;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.scenarios.ExitCodes;
import dev.nsoha.scenarios.Main;
import dev.nsoha.scenarios.input.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code example --containers} reuses the names {@code <prefix>node1..3}: it removes what an
 * earlier example left there and says so, and refuses, removing nothing, when a name is taken by a
 * container or volume the example did not make (issue 27, item 6). Judged by asking the Docker
 * engine.
 */
class ExampleContainerNamesIT {
  private static final String OLD = "6.4.4";
  private static DockerClient docker;

  @TempDir Path tmp;
  private String prefix;

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
    NsoSimImages.locate(docker)
        .orElseThrow(() -> new AssertionError("no simulator installs"))
        .ensure(OLD);
  }

  @AfterAll
  static void close() throws IOException {
    if (docker != null) {
      docker.close();
    }
  }

  @AfterEach
  void cleanUp() {
    for (int i = 1; i <= 3; i++) {
      NodeContainer.remove(docker, prefix + "node" + i);
    }
  }

  private String newPrefix() {
    prefix = "byhand-names-" + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + "-";
    return prefix;
  }

  private void create(String name, Map<String, String> labels) {
    docker.createContainerCmd(NsoSimImages.tag(OLD)).withName(name).withLabels(labels).exec();
  }

  private boolean exists(String name) {
    try {
      docker.inspectContainerCmd(name).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private List<NodeContainer> specs() {
    return List.of(1, 2, 3).stream()
        .map(
            i ->
                new NodeContainer(
                    NodeId.of("n" + i),
                    prefix + "node" + i,
                    NsoSimImages.tag(OLD),
                    "127.0.16" + i + ".1",
                    6500 + i,
                    2024,
                    8080,
                    List.of("dummy-1.0"),
                    Map.of(),
                    Map.of(ContainerRuns.EXAMPLE_LABEL, "upgrade-nso")))
        .toList();
  }

  @Test
  void aForeignContainerUnderTheExamplesNameIsRefusedAndKept() {
    String p = newPrefix();
    create(p + "node2", Map.of("owner", "someone-else"));
    StringWriter out = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(out, true),
            "example",
            "upgrade-nso",
            "--containers",
            "--container-prefix",
            p,
            "-a",
            "127.0.161.1",
            "-b",
            "127.0.162.1",
            "-c",
            "127.0.163.1",
            "--run-root",
            tmp.resolve("run").toString());
    assertThat(code).as(out.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(out.toString())
        .contains("container " + p + "node2")
        .contains("nothing was removed")
        .doesNotContain("Exception");
    assertThat(exists(p + "node2")).isTrue();
    assertThat(exists(p + "node1")).isFalse();
  }

  @Test
  void theExamplesOwnEarlierContainersAreRemovedAndNamed() {
    newPrefix();
    List<NodeContainer> specs = specs();
    create(prefix + "node1", Map.of(ContainerRuns.EXAMPLE_LABEL, "upgrade-nso"));
    docker
        .createVolumeCmd()
        .withName(specs.get(0).nsoVolume())
        .withLabels(Map.of(ContainerRuns.EXAMPLE_LABEL, "upgrade-nso"))
        .exec();
    StringWriter out = new StringWriter();
    ContainerRuns.removeEarlierExampleNodes(docker, specs, new PrintWriter(out, true));
    assertThat(out.toString())
        .contains("Removed the example's earlier container " + prefix + "node1")
        .contains("volume " + specs.get(0).nsoVolume());
    assertThat(exists(prefix + "node1")).isFalse();
    assertThatThrownBy(() -> docker.inspectVolumeCmd(specs.get(0).nsoVolume()).exec())
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aForeignVolumeIsRefusedToo() {
    newPrefix();
    List<NodeContainer> specs = specs();
    docker.createVolumeCmd().withName(specs.get(2).logVolume()).exec();
    StringWriter out = new StringWriter();
    assertThatThrownBy(
            () -> ContainerRuns.removeEarlierExampleNodes(docker, specs, new PrintWriter(out)))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("volume " + specs.get(2).logVolume());
    assertThat(docker.inspectVolumeCmd(specs.get(2).logVolume()).exec().getName())
        .isEqualTo(specs.get(2).logVolume());
  }
}
