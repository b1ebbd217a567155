package dev.nsoha.testcontainers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * The Docker engine this module uses: the one Testcontainers finds by its own rules ({@code
 * DOCKER_HOST}, {@code ~/.testcontainers.properties}, the local socket), reached through the client
 * Testcontainers configured ({@link DockerClientFactory}). There is no second connection.
 *
 * <p>Before Testcontainers is first asked for its client (which starts its Ryuk container), {@link
 * #client()} checks once per JVM that Testcontainers can work with the engine, and fails within
 * seconds with a {@link NsoSimEnvironmentException} naming the variable to set when it cannot:
 *
 * <ul>
 *   <li>{@code TESTCONTAINERS_RYUK_DISABLED=true} when Ryuk (Testcontainers' clean-up container)
 *       cannot run: its image is neither present nor pullable within {@value #PULL_SECONDS} s (no
 *       registry), or the engine has no {@code bridge} network (Ryuk publishes a port on it);
 *   <li>{@code TESTCONTAINERS_HOST_OVERRIDE=localhost} when this JVM runs inside a container (a
 *       {@code /.dockerenv} file) on a local socket and the engine has no {@code bridge} network:
 *       Testcontainers would look up the bridge's gateway to reach containers, and fail with
 *       "network bridge not found".
 * </ul>
 *
 * The message is in the exception, so it does not depend on a logging backend being present.
 * Thread-safe.
 */
public final class DockerEnvironment {
  /** How long a pull of the Ryuk image may take before the check gives up on the registry. */
  static final int PULL_SECONDS = 20;

  private static final Object LOCK = new Object();
  private static String failure;
  private static boolean checked;

  private DockerEnvironment() {}

  /**
   * Testcontainers' client, after the environment check.
   *
   * @throws NsoSimEnvironmentException when Testcontainers cannot work with the engine as set up;
   *     the message names the variable to set (the same message on every later call)
   */
  public static DockerClient client() {
    check();
    return DockerClientFactory.instance().client();
  }

  /**
   * Checks once per JVM that Testcontainers can work with the engine.
   *
   * @throws NsoSimEnvironmentException as {@link #client()}
   */
  public static void check() {
    synchronized (LOCK) {
      if (!checked) {
        failure = findProblem();
        checked = true;
      }
      if (failure != null) {
        throw new NsoSimEnvironmentException(failure);
      }
    }
  }

  private static String findProblem() {
    TransportConfig transport;
    try {
      transport = DockerClientFactory.instance().getTransportConfig();
    } catch (RuntimeException e) {
      return "Testcontainers finds no Docker engine ("
          + firstLine(String.valueOf(e.getMessage()))
          + "); set DOCKER_HOST, or start an engine (in nso-ha-upgrade: sudo scripts/start-dockerd.sh)";
    }
    URI host = transport.getDockerHost();
    DockerClient raw = DockerClientProviderStrategy.getClientForConfig(transport);
    try {
      return findProblem(host, raw);
    } catch (RuntimeException e) {
      return "the Docker engine at "
          + host
          + " does not answer as Testcontainers expects ("
          + firstLine(String.valueOf(e.getMessage()))
          + ")";
    } finally {
      try {
        raw.close();
      } catch (IOException ignored) {
        // the probe's connection is gone already
      }
    }
  }

  private static String findProblem(URI host, DockerClient raw) {
    boolean bridge = hasBridge(raw);
    boolean ryukDisabled = Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"));
    String override = System.getenv("TESTCONTAINERS_HOST_OVERRIDE");
    boolean overridden = override != null && !override.isBlank();
    boolean localSocket = "unix".equals(host.getScheme()) || "npipe".equals(host.getScheme());
    boolean inContainer = Files.exists(Path.of("/.dockerenv"));

    List<String> fixes = new ArrayList<>();
    if (!ryukDisabled) {
      if (!bridge) {
        fixes.add(
            "set TESTCONTAINERS_RYUK_DISABLED=true: Testcontainers' Ryuk container publishes a port on"
                + " the bridge network, and this engine has none");
      } else {
        String image = ryukImage();
        String why = ryukUnavailable(raw, image);
        if (why != null) {
          fixes.add(
              "set TESTCONTAINERS_RYUK_DISABLED=true (or load "
                  + image
                  + " into the engine): Testcontainers' Ryuk container cannot be had: "
                  + why);
        }
      }
    }
    if (!overridden && localSocket && inContainer && !bridge) {
      fixes.add(
          "set TESTCONTAINERS_HOST_OVERRIDE=localhost: this JVM runs in a container (/.dockerenv),"
              + " so Testcontainers would look for the bridge network's gateway, and this engine"
              + " has no bridge network; the simulated nodes use the host network, so localhost is"
              + " right");
    }
    if (fixes.isEmpty()) {
      return null;
    }
    return "Testcontainers cannot work with the Docker engine at "
        + host
        + " as configured: "
        + String.join("; and ", fixes)
        + " (see the Testcontainers section of docs/containers.md)";
  }

  /** The first line of {@code s}, stripped (Docker's messages end with a blank line). */
  static String firstLine(String s) {
    String t = s == null ? "" : s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }

  private static boolean hasBridge(DockerClient raw) {
    try {
      raw.inspectNetworkCmd().withNetworkId("bridge").exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  // Testcontainers names the Ryuk image it will start only through this deprecated getter.
  @SuppressWarnings("deprecation")
  private static String ryukImage() {
    DockerImageName name =
        DockerImageName.parse(TestcontainersConfiguration.getInstance().getRyukImage());
    return ImageNameSubstitutor.instance().apply(name).asCanonicalNameString();
  }

  /** Why the Ryuk image is neither present nor pullable in time, or null when it is there now. */
  static String ryukUnavailable(DockerClient raw, String image) {
    try {
      raw.inspectImageCmd(image).exec();
      return null;
    } catch (NotFoundException e) {
      // not present: try a pull, with a deadline
    }
    ResultCallback.Adapter<PullResponseItem> pull = new ResultCallback.Adapter<>();
    try {
      raw.pullImageCmd(image).exec(pull);
      if (!pull.awaitCompletion(PULL_SECONDS, TimeUnit.SECONDS)) {
        return "it is not in the engine, and pulling it did not finish within "
            + Duration.ofSeconds(PULL_SECONDS).toSeconds()
            + " s";
      }
      raw.inspectImageCmd(image).exec();
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while pulling it";
    } catch (RuntimeException e) {
      return "it is not in the engine, and pulling it failed ("
          + firstLine(String.valueOf(e.getMessage()))
          + ")";
    } finally {
      try {
        pull.close();
      } catch (IOException ignored) {
        // the pull's stream is gone already
      }
    }
  }
}
