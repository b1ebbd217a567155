package dev.nsoha.testcontainers;

import com.github.dockerjava.api.DockerClient;
import dev.nsoha.container.NsoSimImages;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code nso-sim} images the containers use: present, or built once per JVM from the simulator
 * installs ({@link NsoSimImages#locate}), over Testcontainers' client ({@link DockerEnvironment}).
 */
public final class Images {
  private static final Map<String, String> READY = new ConcurrentHashMap<>();

  private Images() {}

  /** The tag of the image of {@code version}, built first when missing or out of date. */
  public static synchronized String ensure(String version) {
    return READY.computeIfAbsent(version, Images::build);
  }

  private static String build(String version) {
    DockerClient docker = DockerEnvironment.client();
    return NsoSimImages.locate(docker)
        .map(images -> images.ensure(version))
        .orElseGet(
            () -> {
              if (!NsoSimImages.exists(docker, NsoSimImages.tag(version))) {
                throw new IllegalStateException(
                    "image "
                        + NsoSimImages.tag(version)
                        + " is missing and no simulator installs were found to build it from"
                        + " (run 'make image' in nso-ha-upgrade, or set -D"
                        + NsoSimImages.INSTALLS_PROPERTY
                        + ")");
              }
              return NsoSimImages.tag(version);
            });
  }
}
