package dev.nsoha.container;

import com.github.dockerjava.api.DockerClient;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The engine for container tests: locally without one they are skipped with one message; in CI
 * ({@code CI=true}) they fail instead.
 */
final class DockerTests {
  private DockerTests() {}

  static DockerClient engine() {
    DockerClient docker = DockerEngine.connect();
    Optional<String> problem = DockerEngine.problem(docker);
    if (problem.isPresent()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail("container tests need a Docker engine in CI: " + problem.get());
      }
      Assumptions.abort("container tests skipped: " + problem.get());
    }
    return docker;
  }
}
