package dev.nsoha.testcontainers;

import com.github.dockerjava.api.DockerClient;
import dev.nsoha.container.DockerEngine;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Container tests need a Docker engine: locally without one they are skipped with one message; in
 * CI ({@code CI=true}) they fail instead.
 */
final class DockerTests {
  private DockerTests() {}

  static void requireEngine() {
    Optional<String> problem;
    try (DockerClient docker = DockerEngine.connect()) {
      problem = DockerEngine.problem(docker);
    } catch (IOException e) {
      problem = Optional.of(e.toString());
    }
    if (problem.isPresent()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail("container tests need a Docker engine in CI: " + problem.get());
      }
      Assumptions.abort("container tests skipped: " + problem.get());
    }
  }
}
