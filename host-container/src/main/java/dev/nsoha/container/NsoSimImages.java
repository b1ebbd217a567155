package dev.nsoha.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.nsoha.core.error.HostException;
import dev.nsoha.core.model.NsoVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's images, {@code nso-sim:<version>}, one per simulator install, built locally with
 * no base image and no registry: {@code make-rootfs.sh} makes a base layer (a jlink Java runtime,
 * bash, GNU make, busybox, {@code /run-nso.sh}) shared by every version and an install layer
 * ({@code /opt/ncs/ncs-<version>}, {@code /opt/ncs/current}), and the Docker engine builds {@code
 * FROM scratch} with both. Each image carries the version ({@link #VERSION_LABEL}) and a checksum
 * of what it was built from ({@link #CONTENT_LABEL}), so {@link #ensure} rebuilds only when the
 * installs changed.
 */
public final class NsoSimImages {
  private static final Logger log = LoggerFactory.getLogger(NsoSimImages.class);

  public static final String REPOSITORY = "nso-sim";
  public static final String VERSION_LABEL = "dev.nsoha.nso-version";
  public static final String CONTENT_LABEL = "dev.nsoha.sim-content";

  /** System property naming the directory with the simulator installs {@code nso-<version>/}. */
  public static final String INSTALLS_PROPERTY = "nsosim.installs";

  private static final List<String> RESOURCES =
      List.of("make-rootfs.sh", "run-nso.sh", "Dockerfile");

  private final DockerClient docker;
  private final Path installs;
  private final Path packageSources;
  private final Path work;

  /**
   * @param installs the directory holding the simulator installs {@code nso-<version>/}
   * @param packageSources the example packages' sources ({@code dummy-1.0/}, ...)
   * @param work where the layers are made and kept between builds
   */
  public NsoSimImages(DockerClient docker, Path installs, Path packageSources, Path work) {
    this.docker = docker;
    this.installs = installs.toAbsolutePath().normalize();
    this.packageSources = packageSources.toAbsolutePath().normalize();
    this.work = work.toAbsolutePath().normalize();
  }

  /** The tag of the image of {@code version}: {@code nso-sim:6.5.1}. */
  public static String tag(String version) {
    return REPOSITORY + ":" + version;
  }

  /**
   * Finds the simulator installs: {@code -Dnsosim.installs}, {@code $nsoha.home/installs} (the
   * distribution), or {@code simulator/target/installs} in the current directory or above; the
   * example packages' sources beside them ({@code package-src} or {@code simulator/src/packages}).
   * Layers are kept under {@code java.io.tmpdir}.
   */
  public static Optional<NsoSimImages> locate(DockerClient docker) {
    List<Path[]> candidates = new ArrayList<>();
    String prop = System.getProperty(INSTALLS_PROPERTY);
    if (prop != null && !prop.isBlank()) {
      Path i = Path.of(prop).toAbsolutePath().normalize();
      candidates.add(new Path[] {i, i.resolveSibling("package-src")});
      candidates.add(new Path[] {i, i.getParent().getParent().resolve("src/packages")});
    }
    String home = System.getProperty("nsoha.home");
    if (home != null && !home.isBlank()) {
      Path h = Path.of(home).toAbsolutePath().normalize();
      candidates.add(new Path[] {h.resolve("installs"), h.resolve("package-src")});
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      candidates.add(
          new Path[] {d.resolve("simulator/target/installs"), d.resolve("simulator/src/packages")});
    }
    for (Path[] c : candidates) {
      if (Files.isDirectory(c[0]) && Files.isDirectory(c[1])) {
        String key = Integer.toHexString(c[0].toString().hashCode());
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "nso-sim-image-" + key);
        return Optional.of(new NsoSimImages(docker, c[0], c[1], work));
      }
    }
    return Optional.empty();
  }

  /** The versions of the installs, oldest first. */
  public List<String> versions() {
    try (Stream<Path> s = Files.list(installs)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("nso-") && Files.isExecutable(installs.resolve(n + "/bin/ncs")))
          .map(n -> n.substring(4))
          .sorted((a, b) -> NsoVersion.parse(a).compareTo(NsoVersion.parse(b)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + installs, e);
    }
  }

  /** Whether the engine has {@code image}. */
  public static boolean exists(DockerClient docker, String image) {
    try {
      docker.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** Whether the image of {@code version} exists and was built from the current install. */
  public boolean upToDate(String version) {
    try {
      InspectImageResponse img = docker.inspectImageCmd(tag(version)).exec();
      Map<String, String> labels = img.getConfig() == null ? null : img.getConfig().getLabels();
      return labels != null && content(version).equals(labels.get(CONTENT_LABEL));
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** The image of {@code version}, built first if it is missing or out of date; its tag. */
  public String ensure(String version) {
    if (!upToDate(version)) {
      build(version);
    }
    return tag(version);
  }

  /** Builds (or rebuilds) the image of {@code version}; returns its tag. */
  public String build(String version) {
    String what = "build image " + tag(version);
    long t0 = System.nanoTime();
    try {
      Path scripts = work.resolve("scripts");
      Path layers = work.resolve("layers");
      Files.createDirectories(scripts);
      Files.createDirectories(layers);
      for (String r : RESOURCES) {
        try (InputStream in = NsoSimImages.class.getResourceAsStream("image/" + r)) {
          if (in == null) {
            throw new IllegalStateException("resource image/" + r + " is missing from the jar");
          }
          Files.copy(in, scripts.resolve(r), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      ProcessBuilder pb =
          new ProcessBuilder(
                  "bash",
                  scripts.resolve("make-rootfs.sh").toString(),
                  layers.toString(),
                  installs.toString(),
                  packageSources.toString(),
                  version)
              .redirectErrorStream(true);
      pb.environment().put("JLINK_JDK", System.getProperty("java.home"));
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new HostException("", what, "make-rootfs.sh failed: " + out.strip());
      }
      Path context = work.resolve("context-" + version);
      Files.createDirectories(context);
      Files.copy(
          scripts.resolve("Dockerfile"),
          context.resolve("Dockerfile"),
          StandardCopyOption.REPLACE_EXISTING);
      link(layers.resolve("base.tar"), context.resolve("base.tar"));
      String installTar = "install-" + version + ".tar";
      link(layers.resolve(installTar), context.resolve(installTar));
      String previous =
          exists(docker, tag(version)) ? docker.inspectImageCmd(tag(version)).exec().getId() : null;
      String id =
          docker
              .buildImageCmd(context.toFile())
              .withTags(Set.of(tag(version)))
              .withBuildArg("NSO_VERSION", version)
              .withLabels(Map.of(VERSION_LABEL, version, CONTENT_LABEL, content(version)))
              .withPull(false)
              .withRemove(true)
              .exec(new BuildImageResultCallback())
              .awaitImageId(10, TimeUnit.MINUTES);
      if (previous != null && !id.equals(previous) && !previous.endsWith(id)) {
        removeUntagged(previous);
      }
      log.info(
          "built {} ({}) in {} ms",
          tag(version),
          id,
          Duration.ofNanos(System.nanoTime() - t0).toMillis());
      return tag(version);
    } catch (IOException e) {
      throw new HostException("", what, e.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostException("", what, "interrupted", e);
    } catch (RuntimeException e) {
      if (e instanceof HostException) {
        throw e;
      }
      throw new HostException("", what, e.toString(), e);
    }
  }

  /** Removes the image the new build replaced, unless a container still uses it. */
  private void removeUntagged(String imageId) {
    try {
      docker.removeImageCmd(imageId).withNoPrune(false).exec();
    } catch (RuntimeException e) {
      log.debug("kept the replaced image {}: {}", imageId, e.toString());
    }
  }

  private static void link(Path from, Path to) throws IOException {
    Files.deleteIfExists(to);
    try {
      Files.createLink(to, from);
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(from, to);
    }
  }

  /** A checksum of everything the image of {@code version} is made from. */
  String content(String version) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String r : RESOURCES) {
        try (InputStream in = NsoSimImages.class.getResourceAsStream("image/" + r)) {
          md.update(in.readAllBytes());
        }
      }
      for (Path root : List.of(installs.resolve("nso-" + version), packageSources)) {
        try (Stream<Path> s = Files.walk(root)) {
          for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
            md.update(root.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
            if (f.toString().endsWith(".jar")) {
              hashEntries(md, f);
            } else {
              md.update(Files.readAllBytes(f));
            }
          }
        }
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the install of " + version, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A jar by its entries' names and contents: rebuilding it with new timestamps changes nothing.
   */
  private static void hashEntries(MessageDigest md, Path jar) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        md.update(e.getName().getBytes(StandardCharsets.UTF_8));
        md.update(in.readAllBytes());
      }
    }
  }

  /**
   * The NSO version an image runs: its {@link #VERSION_LABEL}, else the version in its tag ({@code
   * cisco-nso-prod:6.4.1.1}).
   */
  public static Optional<NsoVersion> versionOf(DockerClient docker, String image) {
    try {
      InspectImageResponse img = docker.inspectImageCmd(image).exec();
      Map<String, String> labels = img.getConfig() == null ? null : img.getConfig().getLabels();
      if (labels != null && labels.containsKey(VERSION_LABEL)) {
        return Optional.of(NsoVersion.parse(labels.get(VERSION_LABEL)));
      }
    } catch (NotFoundException e) {
      // fall back to the tag
    }
    int colon = image.lastIndexOf(':');
    if (colon > 0 && colon > image.lastIndexOf('/')) {
      try {
        return Optional.of(NsoVersion.parse(image.substring(colon + 1)));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
