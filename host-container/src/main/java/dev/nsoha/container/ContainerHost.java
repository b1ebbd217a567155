package dev.nsoha.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import dev.nsoha.core.error.HostException;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.spi.Backup;
import dev.nsoha.core.spi.Install;
import dev.nsoha.core.spi.NodeHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node that runs in a container of an NSO image (the simulator's {@code nso-sim} or Cisco's
 * {@code cisco-nso-prod}), driven through the Docker Engine API as an operator drives it with the
 * docker CLI:
 *
 * <ul>
 *   <li><b>stop</b>: {@code docker stop} (SIGTERM, which the image's entrypoint turns into {@code
 *       ncs --stop}). Never {@code ncs --stop} by exec alone: a restart policy would bring the old
 *       container straight back;
 *   <li><b>start on an install</b>: the install's version selects an image; a container of another
 *       image, or one that needs other start arguments, is recreated with the same name, volumes
 *       (named and anonymous), environment, labels, network and restart policy. The start after a
 *       version change adds {@code EXTRA_ARGS=--with-package-reload}; every later recreation drops
 *       it again. Ready means healthy (the image's {@code ncs_cmd -c "wait-start 2"} check);
 *   <li><b>rebuild packages</b>: {@code make -C <pkg>/src clean all} for every package in {@code
 *       /nso/run/packages}, in a throwaway container of the target image on the node's volumes;
 *   <li><b>backup</b>: {@code ncs-backup} by exec; the file is copied out to the backup directory
 *       and checksummed;
 *   <li><b>restore</b>: {@code ncs-backup --restore FILE --non-interactive} in a throwaway
 *       container of the node's image on its volumes, after copying the checked backup in.
 * </ul>
 *
 * Throwaway containers run without a network. Thread-safe for different nodes; calls for one node
 * must not overlap.
 */
public final class ContainerHost implements NodeHost {
  private static final Logger log = LoggerFactory.getLogger(ContainerHost.class);

  /** The image's variable for extra {@code ncs} start arguments. */
  public static final String EXTRA_ARGS = "EXTRA_ARGS";

  /** The start argument that reloads the packages from the load path. */
  public static final String PACKAGE_RELOAD = "--with-package-reload";

  private static final Pattern BACKUP_LINE = Pattern.compile("Backup (\\S+) created successfully");
  private static final String RUN_DIR = "/nso/run";

  private final DockerClient docker;
  private final NodeId node;
  private final String container;
  private final Function<NsoVersion, String> images;
  private final Map<NsoVersion, String> known = new ConcurrentHashMap<>();
  private final Path backupDir;
  private final Duration timeout;

  /**
   * @param docker the engine
   * @param node the node's HA id
   * @param container the container's name
   * @param images the image for an NSO version (e.g. {@code nso-sim:6.5.1}); the image the
   *     container runs when this host first sees it is remembered for its own version, so a
   *     rollback returns to exactly that image
   * @param backupDir where backups are copied to on this machine
   * @param timeout deadline of each operation (start until healthy, stop, build, backup)
   */
  public ContainerHost(
      DockerClient docker,
      NodeId node,
      String container,
      Function<NsoVersion, String> images,
      Path backupDir,
      Duration timeout) {
    this.docker = Objects.requireNonNull(docker, "docker");
    this.node = Objects.requireNonNull(node, "node");
    this.container = Objects.requireNonNull(container, "container");
    this.images = Objects.requireNonNull(images, "images");
    this.backupDir = backupDir.toAbsolutePath().normalize();
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public NodeId node() {
    return node;
  }

  /** The container's name. */
  public String container() {
    return container;
  }

  private String where() {
    return node + " (container " + container + ")";
  }

  private InspectContainerResponse require(String what) {
    return Containers.inspect(docker, container)
        .orElseThrow(
            () -> new HostException(where(), what, "there is no container named " + container));
  }

  /** The image for {@code version}: the one remembered for it, else the mapping's. */
  public String imageFor(NsoVersion version) {
    remember();
    String k = known.get(version);
    return k != null ? k : images.apply(version);
  }

  private void remember() {
    if (known.isEmpty()) {
      Containers.inspect(docker, container)
          .ifPresent(
              c ->
                  NsoSimImages.versionOf(docker, c.getConfig().getImage())
                      .ifPresent(v -> known.putIfAbsent(v, c.getConfig().getImage())));
    }
  }

  @Override
  public Backup backup() {
    String what = "back up with ncs-backup";
    InspectContainerResponse c = require(what);
    if (!Containers.running(c)) {
      throw new HostException(
          where(), what, "the container is not running: " + Containers.describe(c));
    }
    Containers.ExecResult r = Containers.exec(docker, where(), container, timeout, "ncs-backup");
    Matcher m = BACKUP_LINE.matcher(r.output());
    if (!r.ok() || !m.find()) {
      throw new HostException(
          where(),
          what,
          "ncs-backup exited with status " + r.exitCode() + ": " + r.output().strip());
    }
    String inContainer = m.group(1);
    String name = inContainer.substring(inContainer.lastIndexOf('/') + 1);
    try {
      Files.createDirectories(backupDir);
      Path local = backupDir.resolve(node + "-" + name.replace(':', '-'));
      Path part = local.resolveSibling(local.getFileName() + ".part");
      try (InputStream tar = docker.copyArchiveFromContainerCmd(container, inContainer).exec();
          OutputStream out = Files.newOutputStream(part)) {
        if (DockerTar.extractFirstFile(tar, out).isEmpty()) {
          throw new HostException(where(), what, "the copy of " + inContainer + " is empty");
        }
      }
      Files.move(part, local, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Backup b = new Backup(node, local, sha256(local), Instant.now());
      log.info("{}: backup {} copied to {}", where(), inContainer, local);
      return b;
    } catch (IOException e) {
      throw new HostException(where(), what, "cannot copy " + inContainer + ": " + e, e);
    }
  }

  @Override
  public void stop() {
    Optional<InspectContainerResponse> c = Containers.inspect(docker, container);
    if (c.isEmpty() || !Containers.running(c.get())) {
      return;
    }
    try {
      docker.stopContainerCmd(container).withTimeout(stopSeconds()).exec();
    } catch (NotModifiedException e) {
      // already stopped
    } catch (NotFoundException e) {
      return;
    }
    InspectContainerResponse after = require("stop");
    if (Containers.running(after)) {
      throw new HostException(where(), "stop", "still running: " + Containers.describe(after));
    }
    log.info("{}: stopped", where());
  }

  private int stopSeconds() {
    return (int) Math.max(10, Math.min(timeout.toSeconds(), 120));
  }

  @Override
  public void start(Install install, boolean withPackageReload) {
    String what = "start NSO " + install.version();
    String image = imageFor(install.version());
    String imageId;
    try {
      imageId = docker.inspectImageCmd(image).exec().getId();
    } catch (NotFoundException e) {
      throw new HostException(
          where(),
          what,
          "image "
              + image
              + " is not on this Docker engine (build the simulator's with 'make image')");
    }
    InspectContainerResponse c = require(what);
    List<String> env = withoutReload(c.getConfig().getEnv());
    if (withPackageReload) {
      env = withExtraArg(env, PACKAGE_RELOAD);
    }
    boolean sameImage = imageId.equals(c.getImageId());
    boolean sameEnv = env.equals(Arrays.asList(orEmpty(c.getConfig().getEnv())));
    if (sameImage && sameEnv) {
      if (!Containers.running(c)) {
        docker.startContainerCmd(container).exec();
      }
    } else {
      if (Containers.running(c)) {
        stop();
      }
      recreate(c, image, env, what);
    }
    known.putIfAbsent(install.version(), image);
    Containers.awaitHealthy(docker, where(), container, timeout);
    log.info("{}: running {}{}", where(), image, withPackageReload ? " (packages reloaded)" : "");
  }

  /**
   * Replaces the container by one of {@code image}: the old one is renamed aside, the new one
   * created with its name and settings and started, then the old one is removed. If the new one
   * cannot be created, the old one gets its name back.
   */
  private void recreate(InspectContainerResponse old, String image, List<String> env, String what) {
    String aside = container + "-replaced";
    Containers.inspect(docker, aside)
        .ifPresent(x -> docker.removeContainerCmd(aside).withForce(true).exec());
    docker.renameContainerCmd(old.getId()).withName(aside).exec();
    String id;
    try {
      HostConfig hc = old.getHostConfig();
      hc.withBinds(Containers.binds(old)).withMounts(null);
      CreateContainerCmd cmd =
          docker
              .createContainerCmd(image)
              .withName(container)
              .withEnv(env)
              .withLabels(ownLabels(old))
              .withHostConfig(hc);
      if (old.getConfig().getCmd() != null && old.getConfig().getCmd().length > 0) {
        cmd.withCmd(old.getConfig().getCmd());
      }
      id = cmd.exec().getId();
    } catch (RuntimeException e) {
      docker.renameContainerCmd(old.getId()).withName(container).exec();
      throw new HostException(where(), what, "cannot create a container of " + image + ": " + e, e);
    }
    docker.removeContainerCmd(old.getId()).withForce(true).exec();
    docker.startContainerCmd(id).exec();
    log.info(
        "{}: recreated from {} (was {}){}",
        where(),
        image,
        old.getConfig().getImage(),
        env.stream().filter(e -> e.startsWith(EXTRA_ARGS + "=")).findFirst().orElse(""));
  }

  /**
   * The labels given to the container itself, without those it only inherited from its image: a
   * container's labels include its image's, and copied to the new container they would hide the new
   * image's (its NSO version label would still name the old release).
   */
  private Map<String, String> ownLabels(InspectContainerResponse old) {
    Map<String, String> labels = new HashMap<>();
    if (old.getConfig().getLabels() != null) {
      labels.putAll(old.getConfig().getLabels());
    }
    Map<String, String> inherited = Map.of();
    try {
      InspectImageResponse img = docker.inspectImageCmd(old.getImageId()).exec();
      if (img.getConfig() != null && img.getConfig().getLabels() != null) {
        inherited = img.getConfig().getLabels();
      }
    } catch (NotFoundException e) {
      // the old image is gone: only the labels that name images can be told apart
      inherited = Map.of();
      labels.remove(NsoSimImages.VERSION_LABEL);
      labels.remove(NsoSimImages.CONTENT_LABEL);
    }
    for (Map.Entry<String, String> e : inherited.entrySet()) {
      labels.remove(e.getKey(), e.getValue());
    }
    return labels;
  }

  private static String[] orEmpty(String[] a) {
    return a == null ? new String[0] : a;
  }

  /**
   * The environment without the package-reload start argument (and without an empty EXTRA_ARGS).
   */
  static List<String> withoutReload(String[] env) {
    List<String> out = new ArrayList<>();
    for (String e : orEmpty(env)) {
      if (e.startsWith(EXTRA_ARGS + "=")) {
        String rest =
            Arrays.stream(e.substring(EXTRA_ARGS.length() + 1).trim().split("\\s+"))
                .filter(a -> !a.isEmpty() && !a.equals(PACKAGE_RELOAD))
                .collect(Collectors.joining(" "));
        if (!rest.isEmpty()) {
          out.add(EXTRA_ARGS + "=" + rest);
        }
      } else {
        out.add(e);
      }
    }
    return out;
  }

  static List<String> withExtraArg(List<String> env, String arg) {
    List<String> out = new ArrayList<>();
    boolean added = false;
    for (String e : env) {
      if (e.startsWith(EXTRA_ARGS + "=")) {
        out.add(e + " " + arg);
        added = true;
      } else {
        out.add(e);
      }
    }
    if (!added) {
      out.add(EXTRA_ARGS + "=" + arg);
    }
    return out;
  }

  @Override
  public void rebuildPackages(Install install) {
    String what = "rebuild packages with NSO " + install.version();
    String image = imageFor(install.version());
    InspectContainerResponse c = require(what);
    String script =
        "set -e; cd "
            + RUN_DIR
            + "/packages\n"
            + "for a in *.tar.gz; do [ -e \"$a\" ] || continue; tar -xzf \"$a\"; rm -f \"$a\"; done\n"
            + "n=0\n"
            + "for d in */src; do [ -f \"$d/Makefile\" ] || continue; make -C \"$d\" clean all;"
            + " n=$((n+1)); done\n"
            + "[ $n -gt 0 ] || { echo \"no package with a src/Makefile in $PWD\"; exit 3; }\n"
            + "echo \"rebuilt $n package(s) with $(ncsc --version)\"\n";
    Containers.ExecResult r =
        Containers.runThrowaway(
            docker,
            where(),
            container + "-rebuild",
            image,
            Containers.binds(c),
            List.of("/bin/bash", "-c"),
            List.of(script),
            Map.of(),
            timeout);
    if (!r.ok()) {
      throw new HostException(
          where(),
          what,
          "the build in " + image + " exited with " + r.exitCode() + ": " + r.output());
    }
    log.info("{}: {}", where(), r.output());
  }

  @Override
  public NsoVersion installedVersion() {
    InspectContainerResponse c = require("read the NSO version");
    return NsoSimImages.versionOf(docker, c.getConfig().getImage())
        .orElseThrow(
            () ->
                new HostException(
                    where(),
                    "read the NSO version",
                    "image "
                        + c.getConfig().getImage()
                        + " has no "
                        + NsoSimImages.VERSION_LABEL
                        + " label and no version tag"));
  }

  @Override
  public boolean isRunning() {
    return Containers.inspect(docker, container).map(Containers::running).orElse(false);
  }

  @Override
  public void restore(Backup backup) {
    String what = "restore " + backup.file();
    if (!backup.node().equals(node)) {
      throw new HostException(where(), what, "the backup is of node " + backup.node());
    }
    InspectContainerResponse c = require(what);
    if (Containers.running(c)) {
      throw new HostException(where(), what, "the node is running; stop it first");
    }
    byte[] data;
    try {
      if (!Files.isRegularFile(backup.file())) {
        throw new HostException(where(), what, "no backup file " + backup.file());
      }
      String actual = sha256(backup.file());
      if (!actual.equals(backup.sha256())) {
        throw new HostException(
            where(),
            what,
            "checksum mismatch: expected sha256 " + backup.sha256() + ", the file has " + actual);
      }
      data = Files.readAllBytes(backup.file());
    } catch (IOException e) {
      throw new HostException(where(), what, e.getMessage(), e);
    }
    String name = "restore-" + backup.file().getFileName();
    List<Bind> binds = Containers.binds(c);
    Containers.ExecResult r =
        Containers.runThrowaway(
            docker,
            where(),
            container + "-restore",
            c.getConfig().getImage(),
            binds,
            List.of("ncs-backup"),
            List.of("--restore", RUN_DIR + "/backups/" + name, "--non-interactive"),
            Map.of(RUN_DIR + "/backups", DockerTar.of(Map.of(name, data))),
            timeout);
    if (!r.ok() || !r.output().contains("Restore completed successfully")) {
      throw new HostException(
          where(), what, "ncs-backup --restore exited with " + r.exitCode() + ": " + r.output());
    }
    log.info("{}: restored {}", where(), backup.file());
  }

  /**
   * Compacts the stopped node's CDB ({@code ncs --cdb-compact /nso/run/ncs-cdb}, after removing a
   * stale {@code compact.lock}) and removes {@code /nso/run/state/raft}, in a throwaway container
   * of the node's image on its volumes, as a restore runs.
   */
  @Override
  public void resetRaftState() {
    String what = "compact the CDB and remove state/raft";
    InspectContainerResponse c = require(what);
    if (Containers.running(c)) {
      throw new HostException(where(), what, "the node is running; stop it first");
    }
    String script =
        "set -e; if [ -d \"$1\" ]; then rm -f \"$1/compact.lock\"; ncs --cdb-compact \"$1\"; fi;"
            + " rm -rf \"$2\"";
    Containers.ExecResult r =
        Containers.runThrowaway(
            docker,
            where(),
            container + "-raft-reset",
            c.getConfig().getImage(),
            Containers.binds(c),
            List.of("bash", "-c", script, "sh"),
            List.of(RUN_DIR + "/ncs-cdb", RUN_DIR + "/state/raft"),
            Map.of(),
            timeout);
    if (!r.ok()) {
      throw new HostException(where(), what, "exited with " + r.exitCode() + ": " + r.output());
    }
  }

  static String sha256(Path file) throws IOException {
    try (DigestInputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
