package dev.nsoha.testcontainers;

/**
 * Run by {@link DockerEnvironmentIT} in a JVM of its own, with the environment under test: makes a
 * node as a user's test would ({@code new NsoSimContainer(version)} checks the environment first)
 * and prints {@code OK}, or the exception's class and message and exits with 3.
 */
public final class EnvironmentProbe {
  private EnvironmentProbe() {}

  public static void main(String[] args) {
    try {
      DockerEnvironment.check();
      System.out.println("OK");
    } catch (RuntimeException e) {
      System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
      System.exit(3);
    }
  }
}
