package dev.nsoha.host.install;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.spi.Install;
import dev.nsoha.host.install.ProcessRunner.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A node's packages on its host: rebuilt in place for a release ({@code make -C <package>/src clean
 * all} with the release's {@code NCS_DIR}, as NSO's upgrade example does), built in a staging
 * directory beside them ({@code packages.staged/}) and put in place later, replaced by the archives
 * of a directory the user gives (a system install's package store with links from the run
 * directory), and files copied to the host for NSO to read.
 *
 * <p>The install host calls it for one node at a time.
 */
final class Packages {
  private static final String PACKAGE_MARK = "@@package ";

  /** Stages copies of the packages in {@code $1} into {@code $2}; lists those with sources. */
  private static final String STAGE_PACKAGES =
      """
      [ -d "$1" ] || exit 2
      rm -rf "$2" && mkdir -p "$2" || exit 1
      for p in "$1"/*; do
        [ -e "$p" ] || continue
        case $p in
          *.tar.gz) tar -xzf "$p" -C "$2" || exit 1 ;;
          *) cp -RL "$p" "$2/" || exit 1 ;;
        esac
      done
      for d in "$2"/*/; do
        [ -f "$d/src/Makefile" ] && echo "@@package $(basename "$d")"
      done
      exit 0
      """;

  /** Copies packages already built ({@code $1}) to the staging directory {@code $2}. */
  private static final String STAGE_PREBUILT =
      """
      rm -rf "$2" && cp -R "$1" "$2"
      """;

  /** Puts {@code $2} (staged) in place of {@code $1}, keeping the old set as {@code $3}. */
  private static final String USE_STAGED =
      """
      [ -d "$2" ] || exit 3
      rm -rf "$3" || exit 1
      if [ -e "$1" ] || [ -L "$1" ]; then mv "$1" "$3" || exit 1; fi
      mv "$2" "$1"
      """;

  /** Unpacks the archives of a packages directory and lists the packages that have a Makefile. */
  private static final String UNPACK_PACKAGES =
      """
      cd "$1" || exit 2
      for a in *.tar.gz; do
        [ -e "$a" ] || continue
        tar -xzf "$a" || { echo "cannot unpack $1/$a"; exit 3; }
        rm -f "$a"
      done
      for p in */; do
        [ -f "${p}src/Makefile" ] && echo "@@package ${p%/}"
      done
      exit 0
      """;

  /** Replaces the run directory's packages with links to archives in the store. */
  private static final String LINK_PACKAGES =
      """
      pkgs=$1; store=$2; shift 2
      mkdir -p "$pkgs" || exit 2
      for e in "$pkgs"/* "$pkgs"/.[!.]*; do
        [ -e "$e" ] || [ -L "$e" ] || continue
        rm -rf "$e" || exit 3
      done
      for f in "$@"; do
        ln -s "$store/$f" "$pkgs/$f" || exit 4
      done
      """;

  /** Moves the archives ({@code $3...}) from {@code $2} into the packages directory {@code $1}. */
  private static final String MOVE_PACKAGES =
      "pkgs=$1; store=$2; shift 2; rm -rf \"$pkgs\"/* && for f in \"$@\"; do mv \"$store/$f\""
          + " \"$pkgs/$f\" || exit 3; done";

  private final HostCommands cmds;
  private final Installer installer;
  private final HostLayout layout;

  Packages(HostCommands cmds, Installer installer) {
    this.cmds = cmds;
    this.installer = installer;
    this.layout = cmds.layout();
  }

  private Path packagesDir() {
    return layout.runDir().resolve("packages");
  }

  /**
   * Rebuilds the packages of the run directory's {@code packages/} for {@code install} (installing
   * it first if needed): archives are unpacked and replaced by their directory, then every package
   * with a {@code src/Makefile} is built with the release's environment. With {@link
   * HostLayout#packagesFrom()}, the archives there replace the node's packages instead.
   */
  void rebuild(Install install) {
    installer.install(install);
    if (layout.packagesFrom().isPresent()) {
      replace(install, layout.packagesFrom().get());
      return;
    }
    String what = "rebuild packages with NSO " + install.version();
    Path pkgs = packagesDir();
    boolean system = layout.isSystemInstall();
    Result list = cmds.sh(what, UNPACK_PACKAGES, List.of(pkgs.toString()), system);
    if (list.exitCode() == 2) {
      throw new HostException(cmds.where(), what, "no packages directory " + pkgs);
    }
    if (!list.ok()) {
      throw new HostException(cmds.where(), what, list.tail(5));
    }
    for (String name : names(what, list, pkgs)) {
      make(what, install, pkgs.resolve(name), pkgs.resolve(name), system);
    }
  }

  /**
   * Builds the node's packages for {@code install} in {@code packages.staged/} beside its {@code
   * packages/}, which stay as they are, or copies {@code prebuilt} there when given; {@code
   * prebuiltUsed} runs once it was copied. Local-install layouts only (a system install's packages
   * are rebuilt while the node is down).
   */
  boolean stage(Install install, Optional<Path> prebuilt, Runnable prebuiltUsed) {
    String what = "build packages for NSO " + install.version() + " in a staging directory";
    Path pkgs = packagesDir();
    Path staged = layout.runDir().resolve("packages.staged");
    if (prebuilt.isPresent()) {
      Result copied =
          cmds.sh(
              what, STAGE_PREBUILT, List.of(prebuilt.get().toString(), staged.toString()), false);
      if (!copied.ok()) {
        throw new HostException(
            cmds.where(), what, "cannot copy the packages preflight built: " + copied.tail(5));
      }
      prebuiltUsed.run();
      return true;
    }
    Result list = cmds.sh(what, STAGE_PACKAGES, List.of(pkgs.toString(), staged.toString()), false);
    if (list.exitCode() == 2) {
      throw new HostException(cmds.where(), what, "no packages directory " + pkgs);
    }
    if (!list.ok()) {
      throw new HostException(cmds.where(), what, "cannot stage the packages: " + list.tail(5));
    }
    for (String name : names(what, list, pkgs)) {
      make(what, install, staged.resolve(name), staged, false);
    }
    return true;
  }

  /** The packages a listing script marked as having sources. */
  private List<String> names(String what, Result list, Path pkgs) {
    List<String> names =
        list.output()
            .lines()
            .filter(l -> l.startsWith(PACKAGE_MARK))
            .map(l -> l.substring(PACKAGE_MARK.length()).strip())
            .toList();
    if (names.isEmpty()) {
      throw new HostException(cmds.where(), what, "no package with a src/Makefile in " + pkgs);
    }
    return names;
  }

  /** {@code make -C <pkg>/src clean all} with the release's environment, run in {@code cwd}. */
  private void make(String what, Install install, Path pkg, Path cwd, boolean privileged) {
    Path src = pkg.resolve("src");
    List<String> make = List.of("make", "-C", src.toString(), "clean", "all");
    Result r = cmds.exec(what, make, cwd, installer.env(install), privileged);
    if (!r.ok()) {
      throw new HostException(
          cmds.where(), what, "make -C " + src + " clean all failed: " + r.tail(8));
    }
  }

  /**
   * Moves {@code packages/} aside to {@code packages.before-upgrade/} and the staged packages into
   * its place; false when nothing was staged.
   */
  boolean useStaged() {
    Path pkgs = packagesDir();
    String what = "put the staged packages in place";
    Result r =
        cmds.sh(
            what,
            USE_STAGED,
            List.of(
                pkgs.toString(),
                layout.runDir().resolve("packages.staged").toString(),
                layout.runDir().resolve("packages.before-upgrade").toString()),
            false);
    if (r.exitCode() == 3) {
      return false;
    }
    if (!r.ok()) {
      throw new HostException(cmds.where(), what, "cannot move them: " + r.tail(5));
    }
    return true;
  }

  /**
   * Replaces the node's packages with the archives in {@code from} (on this machine): copied into
   * the system install's package store and linked from the run directory, or moved into a local
   * install's run directory.
   */
  private void replace(Install install, Path from) {
    String what = "install the packages of " + from + " for NSO " + install.version();
    List<Path> archives;
    try (Stream<Path> s = Files.list(from)) {
      archives =
          s.filter(p -> p.getFileName().toString().endsWith(".tar.gz") && Files.isRegularFile(p))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new HostException(cmds.where(), what, "cannot list " + from + ": " + e.getMessage(), e);
    }
    if (archives.isEmpty()) {
      throw new HostException(cmds.where(), what, "no package archive (*.tar.gz) in " + from);
    }
    Path pkgs = packagesDir();
    Path store = layout.isSystemInstall() ? layout.packageStore() : layout.stagingDir();
    Result mk = cmds.runPrivileged(what, List.of("mkdir", "-p", store.toString()), null, Map.of());
    if (!mk.ok()) {
      throw cmds.failed(what, "mkdir -p " + store, mk);
    }
    List<String> args = new ArrayList<>(List.of(pkgs.toString(), store.toString()));
    for (Path a : archives) {
      cmds.runner().upload(a, store.resolve(a.getFileName().toString()));
      args.add(a.getFileName().toString());
    }
    if (layout.isSystemInstall()) {
      Result r = cmds.sh(what, LINK_PACKAGES, args, true);
      if (!r.ok()) {
        throw cmds.failed(what, "linking the packages into " + pkgs, r);
      }
    } else {
      Result r = cmds.sh(what, MOVE_PACKAGES, args, false);
      if (!r.ok()) {
        throw cmds.failed(what, "moving the packages into " + pkgs, r);
      }
    }
  }

  /**
   * Copies a file of this machine into {@code <staging-dir>/nso-ha-upgrade/} on the host, where the
   * node can read it (e.g. a package archive for {@code software packages fetch
   * package-from-file}), and returns its path there; on a local runner the file stays where it is.
   *
   * @throws HostException when the copy fails or the copy's checksum differs
   */
  Path copyToHost(Path file) {
    if (cmds.runner().isLocal()) {
      return file.toAbsolutePath().normalize();
    }
    String what = "copy " + file.getFileName() + " to the host";
    Path dir = layout.stagingDir().resolve("nso-ha-upgrade");
    Result mk = cmds.run(what, List.of("mkdir", "-p", dir.toString()), null, Map.of());
    if (!mk.ok()) {
      throw cmds.failed(what, "mkdir -p " + dir, mk);
    }
    Path onHost = dir.resolve(file.getFileName().toString());
    cmds.runner().upload(file, onHost);
    String local = Checksums.sha256(file, what);
    String remote = cmds.remoteSha256(onHost, what);
    if (!local.equals(remote)) {
      throw new HostException(
          cmds.where(),
          what,
          "the copy " + onHost + " has sha256 " + remote + ", expected " + local);
    }
    return onHost;
  }
}
