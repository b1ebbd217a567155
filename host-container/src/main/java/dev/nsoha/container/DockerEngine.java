package dev.nsoha.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The connection to the Docker engine: {@code $DOCKER_HOST}, else the local socket {@code
 * unix:///var/run/docker.sock}. The API version is left to the engine (docker-java then sends no
 * version prefix, which works with Debian's dockerd 20.10 and later).
 */
public final class DockerEngine {
  /** The socket used when {@code DOCKER_HOST} is not set. */
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  /** What to do when no engine answers; part of every "no engine" message. */
  public static final String HOW_TO_START =
      "start one with 'sudo scripts/start-dockerd.sh' (Debian's docker.io, no bridge network)";

  private DockerEngine() {}

  /** Where the engine is expected: {@code $DOCKER_HOST} or {@link #DEFAULT_HOST}. */
  public static String host() {
    String h = System.getenv("DOCKER_HOST");
    return h == null || h.isBlank() ? DEFAULT_HOST : h;
  }

  /** A client for {@link #host()}; it does not contact the engine yet. */
  public static DockerClient connect() {
    DockerClientConfig cfg =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host()).build();
    DockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(cfg.getDockerHost())
            .sslConfig(cfg.getSSLConfig())
            .connectionTimeout(Duration.ofSeconds(10))
            .responseTimeout(Duration.ofMinutes(10))
            .build();
    return DockerClientImpl.getInstance(cfg, http);
  }

  /** Why the engine cannot be used, or empty when it answers a ping. */
  public static Optional<String> problem(DockerClient docker) {
    try {
      docker.pingCmd().exec();
      return Optional.empty();
    } catch (RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return Optional.of(
          "no Docker engine answers at " + host() + " (" + firstLine(why) + "); " + HOW_TO_START);
    }
  }

  /**
   * A client whose engine answers.
   *
   * @throws DockerUnavailableException saying where no engine answered and how to start one
   */
  public static DockerClient require() {
    DockerClient docker = connect();
    Optional<String> p = problem(docker);
    if (p.isPresent()) {
      try {
        docker.close();
      } catch (IOException ignored) {
        // nothing to release
      }
      throw new DockerUnavailableException(p.get());
    }
    return docker;
  }

  /** The first line of {@code s}, stripped (Docker's messages end with a blank line). */
  public static String firstLine(String s) {
    String t = s == null ? "" : s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }
}
