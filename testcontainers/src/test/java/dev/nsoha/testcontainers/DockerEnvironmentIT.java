package dev.nsoha.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;

/**
 * The environment check against this machine's real engine, which has no bridge network and no
 * registry: each case runs a JVM of its own with the Testcontainers variables under test and no
 * logging backend on its class path, and must end within 30 s with one message that names the
 * variable to set (or pass, when both are set).
 */
class DockerEnvironmentIT {
  private static final String RYUK = "TESTCONTAINERS_RYUK_DISABLED";
  private static final String HOST = "TESTCONTAINERS_HOST_OVERRIDE";
  private static final Duration LIMIT = Duration.ofSeconds(30);
  private static final boolean IN_CONTAINER = Files.exists(Path.of("/.dockerenv"));

  private static boolean bridge;

  @BeforeAll
  static void engine() {
    DockerTests.requireEngine();
    DockerClient docker = DockerClientFactory.instance().client();
    bridge = docker.listNetworksCmd().exec().stream().anyMatch(n -> n.getName().equals("bridge"));
  }

  record Run(int exit, String output, Duration took) {}

  @Test
  void neitherSetNamesWhatThisEngineNeeds() throws Exception {
    Run r = probe(Map.of());
    assertThat(r.took()).isLessThan(LIMIT);
    if (bridge) {
      return; // an engine with a bridge: Ryuk may run; the next tests hold the no-bridge cases
    }
    assertThat(r.exit()).as(r.output()).isEqualTo(3);
    assertThat(r.output())
        .startsWith("NsoSimEnvironmentException: Testcontainers cannot work with the Docker engine")
        .contains(RYUK + "=true")
        .contains("bridge network")
        .contains("docs/containers.md");
    assertThat(r.output().contains(HOST + "=localhost")).isEqualTo(IN_CONTAINER);
  }

  @Test
  void onlyTheHostOverrideSetNamesRyukInsteadOfHanging() throws Exception {
    assertThat(bridge).as("this test needs an engine without a bridge network").isFalse();
    Run r = probe(Map.of(HOST, "localhost"));
    assertThat(r.took()).isLessThan(LIMIT);
    assertThat(r.exit()).as(r.output()).isEqualTo(3);
    assertThat(r.output()).contains(RYUK + "=true").doesNotContain(HOST);
    assertThat(r.output().lines().count()).isEqualTo(1);
  }

  @Test
  void onlyRyukDisabledNamesTheHostOverrideInAContainer() throws Exception {
    assertThat(bridge).as("this test needs an engine without a bridge network").isFalse();
    Run r = probe(Map.of(RYUK, "true"));
    assertThat(r.took()).isLessThan(LIMIT);
    if (IN_CONTAINER) {
      assertThat(r.exit()).as(r.output()).isEqualTo(3);
      assertThat(r.output()).contains(HOST + "=localhost").doesNotContain(RYUK);
    } else {
      assertThat(r.output()).isEqualTo("OK");
    }
  }

  @Test
  void bothSetPasses() throws Exception {
    Run r = probe(Map.of(RYUK, "true", HOST, "localhost"));
    assertThat(r.took()).isLessThan(LIMIT);
    assertThat(r.output()).isEqualTo("OK");
    assertThat(r.exit()).isZero();
  }

  @Test
  void anImageNoRegistryHasIsReportedWithinTheDeadline() throws IOException {
    try (DockerClient raw =
        DockerClientProviderStrategy.getClientForConfig(
            DockerClientFactory.instance().getTransportConfig())) {
      long t0 = System.nanoTime();
      String why = DockerEnvironment.ryukUnavailable(raw, "tc-nsoha-absent/ryuk:0.0.1");
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      assertThat(why).startsWith("it is not in the engine, and pulling it");
      assertThat(took).isLessThan(Duration.ofSeconds(DockerEnvironment.PULL_SECONDS + 5));
    }
  }

  /** Runs {@link EnvironmentProbe} with exactly {@code vars} of the two variables set. */
  private static Run probe(Map<String, String> vars) throws Exception {
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(e -> !e.contains("logback") && !e.contains("slf4j-simple"))
            .collect(Collectors.joining(File.pathSeparator));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(java.toString(), "-cp", classPath, EnvironmentProbe.class.getName()))
            .redirectErrorStream(false);
    pb.environment().remove(RYUK);
    pb.environment().remove(HOST);
    pb.environment().putAll(vars);
    File err = File.createTempFile("tc-env-probe", ".err");
    err.deleteOnExit();
    pb.redirectError(err);
    long t0 = System.nanoTime();
    Process p = pb.start();
    boolean ended = p.waitFor(LIMIT.toSeconds() + 30, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    if (!ended) {
      p.destroyForcibly();
      throw new AssertionError("the probe with " + vars + " did not end within " + took);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    return new Run(p.exitValue(), out, took);
  }
}
