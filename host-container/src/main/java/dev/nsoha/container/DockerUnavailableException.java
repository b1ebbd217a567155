package dev.nsoha.container;

import dev.nsoha.core.error.HostException;

/** No Docker engine answers; the message says where it was looked for and how to start one. */
public final class DockerUnavailableException extends HostException {
  private static final long serialVersionUID = 1L;

  public DockerUnavailableException(String message) {
    super("", "connect to the Docker engine", message);
  }
}
