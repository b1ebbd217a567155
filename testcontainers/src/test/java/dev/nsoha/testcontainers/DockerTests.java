package dev.nsoha.testcontainers;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Container tests need a Docker engine: locally without one they are skipped with one message; in
 * CI ({@code CI=true}) they fail instead.
 */
final class DockerTests {
  private DockerTests() {}

  static void requireEngine() {
    try {
      DockerEnvironment.check();
    } catch (NsoSimEnvironmentException e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))
          || !e.getMessage().contains("finds no Docker engine")) {
        Assertions.fail("container tests need a usable Docker engine: " + e.getMessage());
      }
      Assumptions.abort("container tests skipped: " + e.getMessage());
    }
  }
}
