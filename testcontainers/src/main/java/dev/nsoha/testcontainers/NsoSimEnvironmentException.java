package dev.nsoha.testcontainers;

/**
 * Testcontainers cannot work with the Docker engine as it is set up; the message names the variable
 * to set and why (see {@link DockerEnvironment}).
 */
public final class NsoSimEnvironmentException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public NsoSimEnvironmentException(String message) {
    super(message);
  }
}
