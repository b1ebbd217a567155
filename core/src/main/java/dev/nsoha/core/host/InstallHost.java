package dev.nsoha.core.host;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.host.HostCheck.Outcome;
import dev.nsoha.core.host.ProcessRunner.Result;
import dev.nsoha.core.io.PrivateFiles;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.spi.Backup;
import dev.nsoha.core.spi.Install;
import dev.nsoha.core.spi.InstallerFile;
import dev.nsoha.core.spi.NodeHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node of an NSO install on its host, driven with NSO's own tools the way an operator drives it:
 * the one implementation behind every install-based {@link NodeHost}. It is parameterised by
 * <em>how</em> commands run (a {@link CommandRunner}: local processes, or SSH and SFTP) and by
 * <em>what</em> the layout is (a {@link HostLayout}: a local install, or a system install with a
 * {@link ServiceManager}).
 *
 * <ul>
 *   <li>A local install is stopped with {@code ncs --stop}, started with {@code ncs --cd <run-dir>
 *       -c <run-dir>/ncs.conf [--with-package-reload]}, and backed up as a tar.gz of the run
 *       directory (without its logs).
 *   <li>A system install runs NSO's installer for a new release side by side with the old one
 *       ({@code <install-dir>/ncs-<version>}), repoints {@code <install-dir>/current} when the node
 *       starts on it, and is stopped and started through its service manager. It is backed up with
 *       {@code ncs-backup}, and a copy of the backup is kept on this machine.
 *   <li>Both rebuild the packages of the run directory with {@code make -C <package>/src clean all}
 *       and the new release's {@code NCS_DIR}, or take new package versions from a directory the
 *       user gives.
 * </ul>
 *
 * Every tool gets {@code NCS_DIR} and {@code PATH} of its release, {@code NCS_IPC_ADDR}/{@code
 * NCS_IPC_PORT} when the layout names the node's IPC port, and {@code NCS_CONFIG_DIR}/{@code
 * NCS_RUN_DIR}/{@code NCS_LOG_DIR} for a system install. With {@link Sudo} on, the commands that
 * change NSO's directories or services run as {@code sudo -S -- env VARS command}, the password on
 * standard input.
 *
 * <p>Thread-safe for different nodes; calls for one node must not overlap.
 */
public class InstallHost implements NodeHost, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InstallHost.class);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
  private static final Pattern BACKUP_CREATED =
      Pattern.compile("Backup (\\S+) created successfully");
  private static final String PACKAGE_MARK = "@@package ";

  /** The release in a system install's backup name: {@code ncs-6.4.4@2024-04-21T10:34:42...}. */
  private static final Pattern BACKUP_RELEASE = Pattern.compile("(?:^|-)ncs-([0-9][^@/]*)@");

  /** The PATH that sudo's usual secure_path gives commands. */
  private static final String SUDO_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** Unpacks the archives of a packages directory and lists the packages that have a Makefile. */
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

  /**
   * Moves the run directory aside, unpacks the backup in its place, keeps the old logs, and removes
   * the old copy; puts the old run directory back if the unpack fails.
   */
  private static final String RESTORE_RUN_DIR =
      """
      run=$1; file=$2
      parent=$(dirname "$run"); old="$run.old"
      rm -rf "$old" || exit 2
      if [ -e "$run" ]; then mv "$run" "$old" || exit 2; fi
      if ! tar -xzf "$file" -C "$parent" || [ ! -d "$run" ]; then
        rm -rf "$run"
        if [ -e "$old" ]; then mv "$old" "$run"; fi
        echo "tar could not unpack $file into $parent"
        exit 3
      fi
      if [ -d "$old/logs" ] && [ ! -e "$run/logs" ]; then mv "$old/logs" "$run/logs"; fi
      rm -rf "$old"
      """;

  /**
   * A consistent archive of a live local-install run directory ({@code $1}, without its logs) in
   * {@code $2}: the directory is copied with {@code tar} (no compression, so the copy is quick),
   * and its listing (path, type, inode, size, change time of every entry) is taken before and after
   * the copy. Only a copy during which nothing changed is kept and compressed; otherwise the copy
   * is taken again, up to {@code $3} times; each try takes three short tool runs, so that a node
   * that commits every few tens of milliseconds leaves enough quiet moments. A node that takes
   * writes changes its database files (NSO appends to them, the simulator renames a new file over
   * the old one), and a copy taken between two writes is what the node had on disk at one instant,
   * as after a power cut, which is what NSO recovers from.
   */
  private static final String CONSISTENT_BACKUP =
      """
      run=$1; out=$2; tries=$3
      parent=$(dirname "$run"); base=$(basename "$run"); part="$out.partial.tar"
      umask 077
      # A file the node creates and removes while it is listed (a temp file renamed over the
      # database) makes find fail for that file: the listing then differs, and the copy is taken
      # again.
      listing() {
        find "$run" -path "$run/logs" -prune -o -printf '%P %y %i %s %C@\\n' 2>/dev/null
        echo "@@find $?"
      }
      [ -d "$run" ] || { echo "cannot list $run: no such directory"; exit 2; }
      i=0; changed=''
      while [ "$i" -lt "$tries" ]; do
        i=$((i + 1))
        before=$(listing)
        tar -cf "$part" --exclude="$base/logs" -C "$parent" "$base" 2>"$part.err"
        rc=$?
        after=$(listing)
        if [ "$before" = "$after" ] && [ "${after##*@@find }" = 0 ]; then
          if [ "$rc" -eq 0 ]; then
            gzip -c -n "$part" > "$out" || { rm -f "$part" "$part.err" "$out"; exit 3; }
            rm -f "$part" "$part.err"
            echo "@@copies $i"
            exit 0
          fi
          # A file that came and went between the two listings can still fail tar: copy again,
          # and give up only after the last try.
          if [ "$i" -ge "$tries" ]; then
            cat "$part.err"; rm -f "$part" "$part.err"
            echo "tar exited with status $rc"
            exit 3
          fi
          changed="tar: $(head -n 1 "$part.err")"
          continue
        fi
        changed=$(printf '%s\\n' "$after" | grep -vxF -e "$before" | head -n 1 | cut -d' ' -f1)
        [ "${after##*@@find }" = 0 ] || changed="a file that vanished while the directory was listed"
      done
      rm -f "$part" "$part.err"
      echo "@@changed ${changed:-an entry was removed}"
      exit 4
      """;

  /**
   * How many copies of a live run directory a backup takes at most to get one that is consistent.
   */
  static final int BACKUP_COPIES = 100;

  /** Sets NCS_RELOAD_PACKAGES=true in the systemd environment file, keeping a copy. */
  private static final String SET_RELOAD =
      """
      f=$1
      if [ -e "$f" ]; then cp -p "$f" "$f.bak" || exit 2; else : > "$f.bak" || exit 2; fi
      { grep -v '^NCS_RELOAD_PACKAGES=' "$f.bak"; echo NCS_RELOAD_PACKAGES=true; } > "$f"
      """;

  /** Puts the systemd environment file back as it was. */
  private static final String RESET_RELOAD =
      """
      f=$1
      if [ -e "$f.bak" ]; then mv -f "$f.bak" "$f"; fi
      """;

  /** The space (KiB) free in the closest existing directory to $1. */
  private static final String FREE_SPACE =
      """
      d=$1
      while [ ! -d "$d" ]; do d=$(dirname "$d"); done
      df -Pk "$d" | awk 'NR==2 {print $4}'
      """;

  private final CommandRunner runner;
  private final HostLayout layout;
  private final Duration timeout;
  private volatile Install current;

  /**
   * @param runner how commands run on the node's host
   * @param layout where the node lives there
   * @param current the install the node runs from now
   * @param timeout deadline for each tool run (start, stop, make, installer, copies)
   */
  public InstallHost(CommandRunner runner, HostLayout layout, Install current, Duration timeout) {
    this.runner = Objects.requireNonNull(runner, "runner");
    this.layout = Objects.requireNonNull(layout, "layout");
    this.current = Objects.requireNonNull(current, "current");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public NodeId node() {
    return layout.node();
  }

  public HostLayout hostLayout() {
    return layout;
  }

  /** How commands run on this node's host. */
  public CommandRunner runner() {
    return runner;
  }

  /** The install the node runs from (the one it was last started from). */
  public Install currentInstall() {
    return current;
  }

  /** {@code n1 (local, /run/nso-node1)}, for messages. */
  protected String where() {
    return layout.node() + " (" + runner.where() + ", " + layout.runDir() + ")";
  }

  /** The release directory of {@code install} on the host. */
  public Path ncsDir(Install install) {
    if (layout.isSystemInstall()) {
      return layout.installDir().resolve("ncs-" + install.version().text());
    }
    return install.ncsDir().isAbsolute()
        ? install.ncsDir()
        : layout.installDir().resolve("nso-" + install.version().text());
  }

  /** The NCS_DIR the node runs with: {@code <install-dir>/current} on a system install. */
  Path activeNcsDir() {
    return layout.isSystemInstall() ? layout.installDir().resolve("current") : ncsDir(current);
  }

  /** The environment of NSO's tools of the release the node runs ({@code current}). */
  Map<String, String> activeEnv() {
    return env(activeNcsDir());
  }

  private Map<String, String> env(Path ncsDir) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("NCS_DIR", ncsDir.toString());
    env.put("PATH", ncsDir.resolve("bin") + CommandRunner.HOST_PATH);
    if (layout.isSystemInstall()) {
      env.put("NCS_CONFIG_DIR", layout.configDir().toString());
      env.put("NCS_RUN_DIR", layout.runDir().toString());
      env.put("NCS_LOG_DIR", layout.logDir().toString());
    }
    if (layout.ipcAddress() != null) {
      env.put("NCS_IPC_ADDR", layout.ipcAddress());
    }
    if (layout.ipcPort() > 0) {
      env.put("NCS_IPC_PORT", Integer.toString(layout.ipcPort()));
    }
    env.putAll(layout.extraEnv());
    return env;
  }

  private Map<String, String> env(Install install) {
    return env(ncsDir(install));
  }

  private String ncs(Path ncsDir) {
    return ncsDir.resolve("bin/ncs").toString();
  }

  // ---- running commands

  /** Runs a command as the login user. */
  private Result run(String what, List<String> cmd, Path dir, Map<String, String> env) {
    return runner.run(what, cmd, dir, env, null, timeout);
  }

  /**
   * Runs a command that changes NSO's directories or services: under {@code sudo -S -- env VARS
   * command} when the layout asks for sudo (the password on standard input), else as the login
   * user.
   */
  private Result runPrivileged(String what, List<String> cmd, Path dir, Map<String, String> env) {
    return runPrivileged(what, cmd, dir, env, timeout);
  }

  private Result runPrivileged(
      String what, List<String> cmd, Path dir, Map<String, String> env, Duration deadline) {
    Sudo sudo = layout.sudo();
    if (!sudo.enabled()) {
      return runner.run(what, cmd, dir, env, null, deadline);
    }
    Optional<String> password = sudo.password();
    List<String> full =
        new ArrayList<>(
            password.isPresent()
                ? List.of("sudo", "-S", "-p", "", "--")
                : List.of("sudo", "-n", "--"));
    full.addAll(underSudo(cmd, env));
    byte[] stdin = password.map(p -> (p + "\n").getBytes(StandardCharsets.UTF_8)).orElse(null);
    return runner.run(what, full, dir, Map.of(), stdin, deadline);
  }

  /**
   * What sudo is asked to run for {@code cmd} with {@code env}: {@code env VARS command}, the
   * tools' own {@code bin/} first on sudo's secure path (sudo replaces {@code PATH}).
   */
  static List<String> underSudo(List<String> cmd, Map<String, String> env) {
    List<String> full = new ArrayList<>(List.of("env"));
    env.forEach(
        (k, v) ->
            full.add(
                k
                    + "="
                    + (v.endsWith(CommandRunner.HOST_PATH)
                        ? v.substring(0, v.length() - CommandRunner.HOST_PATH.length())
                            + ":"
                            + SUDO_PATH
                        : v)));
    full.addAll(cmd);
    return full;
  }

  /**
   * Runs {@code cmd} for the host checks: as the login user, or, with {@code privileged}, the way
   * the commands that change NSO's directories and services run.
   */
  Result exec(String what, List<String> cmd, Map<String, String> env, boolean privileged) {
    return privileged ? runPrivileged(what, cmd, null, env) : run(what, cmd, null, env);
  }

  /** Runs one of NSO's tools as {@link #runPrivileged} does, for {@link RaftStateReset}. */
  Result runPrivilegedForTools(String what, List<String> cmd, Map<String, String> env) {
    return runPrivileged(what, cmd, null, env);
  }

  @Override
  public void resetRaftState() {
    new RaftStateReset(this).run();
  }

  /** The deadline of one command on this host. */
  Duration timeout() {
    return timeout;
  }

  private Result sh(String what, String script, List<String> args, boolean privileged) {
    List<String> cmd = new ArrayList<>(List.of("sh", "-c", script, "sh"));
    cmd.addAll(args);
    return privileged ? runPrivileged(what, cmd, null, Map.of()) : run(what, cmd, null, Map.of());
  }

  private HostException failed(String what, String command, Result r) {
    return new HostException(
        where(),
        what,
        command
            + " exited with status "
            + r.exitCode()
            + (r.output().isBlank() ? "" : ": " + r.tail(8)));
  }

  private boolean exists(Path file) {
    return run("look for " + file, List.of("test", "-e", file.toString()), null, Map.of()).ok();
  }

  /**
   * Copies a file of this machine into {@code <staging-dir>/nso-ha-upgrade/} on the host, where the
   * node can read it (e.g. a package archive for {@code software packages fetch
   * package-from-file}), and returns its path there; on a local runner the file stays where it is.
   *
   * @throws HostException when the copy fails or the copy's checksum differs
   */
  public Path copyToHost(Path file) {
    if (runner.isLocal()) {
      return file.toAbsolutePath().normalize();
    }
    String what = "copy " + file.getFileName() + " to the host";
    Path dir = layout.stagingDir().resolve("nso-ha-upgrade");
    Result mk = run(what, List.of("mkdir", "-p", dir.toString()), null, Map.of());
    if (!mk.ok()) {
      throw failed(what, "mkdir -p " + dir, mk);
    }
    Path onHost = dir.resolve(file.getFileName().toString());
    runner.upload(file, onHost);
    String local = sha256(file, what);
    String remote = remoteSha256(onHost, what);
    if (!local.equals(remote)) {
      throw new HostException(
          where(), what, "the copy " + onHost + " has sha256 " + remote + ", expected " + local);
    }
    return onHost;
  }

  // ---- install

  /**
   * Makes sure {@code install} is installed on the host: when its release directory has no {@code
   * bin/ncs}, copies its installer there and runs it, side by side with the installed releases
   * ({@code --system-install} with the layout's directories, or {@code --local-install}). A later
   * system install does not move {@code current}; {@link #start} does.
   *
   * @throws HostException when the release is missing and there is no installer, or the installer
   *     fails, or the release it installed reports another version
   */
  public void install(Install install) {
    Path dir = ncsDir(install);
    if (run(
            "look for " + dir,
            List.of("test", "-x", dir.resolve("bin/ncs").toString()),
            null,
            Map.of())
        .ok()) {
      return;
    }
    String what = "install NSO " + install.version();
    Path installer =
        install
            .installer()
            .orElseThrow(
                () ->
                    new HostException(
                        where(),
                        what,
                        "NSO "
                            + install.version()
                            + " is not installed at "
                            + dir
                            + ", and no installer for it was given (--installer)"));
    if (!Files.isRegularFile(installer)) {
      throw new HostException(where(), what, "no installer file " + installer);
    }
    Path staged = layout.stagingDir().resolve(installer.getFileName().toString());
    Result mk = run(what, List.of("mkdir", "-p", layout.stagingDir().toString()), null, Map.of());
    if (!mk.ok()) {
      throw failed(what, "mkdir -p " + layout.stagingDir(), mk);
    }
    runner.upload(installer, staged);
    List<String> cmd = new ArrayList<>(List.of("sh", staged.toString()));
    if (layout.isSystemInstall()) {
      cmd.addAll(
          List.of(
              "--system-install",
              "--install-dir",
              layout.installDir().toString(),
              "--config-dir",
              layout.configDir().toString(),
              "--run-dir",
              layout.runDir().toString(),
              "--log-dir",
              layout.logDir().toString(),
              "--non-interactive"));
      switch (layout.service()) {
        case SYSV -> cmd.add("--ignore-systemd-script");
        case DIRECT -> cmd.add("--ignore-init-scripts");
        case SYSTEMD -> {}
      }
      layout.runAsUser().ifPresent(u -> cmd.addAll(List.of("--run-as-user", u)));
    } else {
      cmd.addAll(List.of("--local-install", dir.toString()));
    }
    log.info("{}: running {}", where(), String.join(" ", cmd));
    Result r =
        layout.isSystemInstall()
            ? runPrivileged(what, cmd, null, Map.of())
            : run(what, cmd, null, Map.of());
    run("remove " + staged, List.of("rm", "-f", staged.toString()), null, Map.of());
    if (!r.ok()) {
      throw failed(what, "the installer " + installer.getFileName(), r);
    }
    NsoVersion got = versionAt(dir);
    if (!got.sameRelease(install.version())) {
      throw new HostException(
          where(),
          what,
          "the installer put NSO " + got + " in " + dir + ", expected " + install.version());
    }
  }

  /** What {@code <dir>/bin/ncs --version} prints. */
  private NsoVersion versionAt(Path dir) {
    String what = "read the NSO version of " + dir;
    Result r = run(what, List.of(ncs(dir), "--version"), null, env(dir));
    String text = r.output().strip();
    if (!r.ok() || text.isEmpty()) {
      throw failed(what, ncs(dir) + " --version", r);
    }
    try {
      return NsoVersion.parse(text.lines().reduce((a, b) -> b).orElse(text));
    } catch (IllegalArgumentException e) {
      throw new HostException(where(), what, ncs(dir) + " --version printed '" + text + "'", e);
    }
  }

  /**
   * Points {@code <install-dir>/current} at {@code install}'s release, as the upgrade guide does.
   */
  private void repointCurrent(Install install) {
    Path dir = ncsDir(install);
    String what = "point " + layout.installDir().resolve("current") + " at " + dir.getFileName();
    Result r =
        sh(
            what,
            "cd \"$1\" && rm -f current && ln -s \"$2\" current",
            List.of(layout.installDir().toString(), dir.getFileName().toString()),
            true);
    if (!r.ok()) {
      throw failed(what, "ln -s", r);
    }
  }

  // ---- NodeHost

  @Override
  public Backup backup() {
    return layout.isSystemInstall() ? backupWithNcsBackup() : backupRunDir();
  }

  private Backup backupRunDir() {
    Path run = layout.runDir();
    String what = "back up " + run;
    Instant now = Instant.now();
    String name = layout.node() + "-" + STAMP.format(now) + ".tar.gz";
    Path local = layout.backupDir().resolve(name);
    Path hostDir = runner.isLocal() ? layout.backupDir() : run.getParent().resolve("backups");
    Path onHost = hostDir.resolve(name);
    try {
      PrivateFiles.directory(layout.backupDir());
    } catch (UncheckedIOException e) {
      throw new HostException(where(), what, e.getMessage(), e);
    }
    Result mk = run(what, List.of("mkdir", "-p", "-m", "700", hostDir.toString()), null, Map.of());
    if (!mk.ok()) {
      throw failed(what, "mkdir -p " + hostDir, mk);
    }
    // A backup holds the node's whole database: only its owner may read it (umask 077). The node
    // may be taking writes: only a copy during which nothing changed is kept (CONSISTENT_BACKUP).
    Result r =
        sh(
            what,
            CONSISTENT_BACKUP,
            List.of(run.toString(), onHost.toString(), Integer.toString(BACKUP_COPIES)),
            true);
    if (r.exitCode() == 4) {
      String changed =
          r.output()
              .lines()
              .filter(l -> l.startsWith("@@changed "))
              .map(l -> l.substring("@@changed ".length()))
              .findFirst()
              .orElse("?");
      throw new HostException(
          where(),
          what,
          "the run directory changed during each of "
              + BACKUP_COPIES
              + " copies (last: "
              + changed
              + "); the node takes writes without a pause: take the backup at a quieter time, or"
              + " with the node read-only");
    }
    if (!r.ok()) {
      throw new HostException(where(), what, "the copy of the run directory failed: " + r.tail(5));
    }
    r.output()
        .lines()
        .filter(l -> l.startsWith("@@copies "))
        .findFirst()
        .ifPresent(l -> log.debug("{}: {}: consistent after {}", where(), what, l.substring(2)));
    return fetch(onHost, local, now, what);
  }

  private Backup backupWithNcsBackup() {
    String what = "back up with ncs-backup";
    Instant now = Instant.now();
    Path tool = activeNcsDir().resolve("bin/ncs-backup");
    Result r = runPrivileged(what, List.of(tool.toString()), null, env(activeNcsDir()));
    if (!r.ok()) {
      throw failed(what, tool.toString(), r);
    }
    Matcher m = BACKUP_CREATED.matcher(r.output());
    if (!m.find()) {
      throw new HostException(
          where(), what, "ncs-backup did not say where the backup is: " + r.tail(5));
    }
    Path onHost = Path.of(m.group(1));
    try {
      Files.createDirectories(layout.backupDir());
    } catch (IOException e) {
      throw new HostException(where(), what, e.getMessage(), e);
    }
    Path local = layout.backupDir().resolve(layout.node() + "-" + onHost.getFileName());
    return fetch(onHost, local, now, what);
  }

  /** Copies a backup made on the host to this machine and checks that both copies agree. */
  private Backup fetch(Path onHost, Path local, Instant taken, String what) {
    if (!runner.isLocal()) {
      String remoteSum = remoteSha256(onHost, what);
      PrivateFiles.directory(local.getParent());
      runner.download(onHost, local);
      PrivateFiles.touch(local);
      String localSum = sha256(local, what);
      if (!localSum.equals(remoteSum)) {
        throw new HostException(
            where(),
            what,
            "the copy of "
                + onHost
                + " differs from the original (sha256 "
                + localSum
                + " here, "
                + remoteSum
                + " on the host)");
      }
      return new Backup(layout.node(), local, localSum, taken);
    }
    if (!onHost.equals(local)) {
      runner.download(onHost, local);
    }
    PrivateFiles.touch(local);
    return new Backup(layout.node(), local, sha256(local, what), taken);
  }

  private String remoteSha256(Path file, String what) {
    Result r = run(what, List.of("sha256sum", file.toString()), null, Map.of());
    if (!r.ok() || r.output().isBlank()) {
      throw failed(what, "sha256sum " + file, r);
    }
    return r.output().strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
  }

  @Override
  public void stop() {
    Result r;
    String cmd;
    switch (layout.service()) {
      case SYSTEMD -> {
        cmd = "systemctl stop ncs";
        r = runPrivileged("stop NSO", List.of("systemctl", "stop", "ncs"), null, Map.of());
      }
      case SYSV -> {
        cmd = layout.initScript() + " stop";
        r =
            runPrivileged(
                "stop NSO",
                List.of(layout.initScript().toString(), "stop"),
                null,
                env(activeNcsDir()));
      }
      default -> {
        cmd = "ncs --stop";
        r = run("stop NSO", List.of(ncs(activeNcsDir()), "--stop"), null, env(activeNcsDir()));
      }
    }
    // "connection refused": nothing listens on the node's IPC port, so no node runs (NSO's
    // examples read it that way). Any other failure, such as a node that accepted the connection
    // but never answered (hung), is not a stop.
    if (!r.ok() && !r.output().contains("connection refused")) {
      throw failed("stop NSO", cmd, r);
    }
    // "Not running" and "stopped" are proven, never assumed: nothing on the IPC port and no
    // process left in the run directory (a wrong IPC port gives "connection refused" too).
    new HostChecks(this).proveStopped(cmd);
  }

  @Override
  public void start(Install install, boolean withPackageReload) {
    String what = "start NSO " + install.version();
    if (layout.isSystemInstall()) {
      // Never under a running node: a stop that did not stop it leaves current as it is.
      new HostChecks(this).requireStopped(what);
    }
    install(install);
    if (layout.isSystemInstall()) {
      repointCurrent(install);
    }
    Path ncsDir = layout.isSystemInstall() ? activeNcsDir() : ncsDir(install);
    Map<String, String> env = env(ncsDir);
    switch (layout.service()) {
      case SYSTEMD -> startSystemd(what, withPackageReload);
      case SYSV -> {
        String verb = withPackageReload ? "restart-with-package-reload" : "start";
        Result r = runPrivileged(what, List.of(layout.initScript().toString(), verb), null, env);
        if (!r.ok()) {
          throw failed(what, layout.initScript() + " " + verb, r);
        }
      }
      case DIRECT -> {
        List<String> cmd =
            new ArrayList<>(
                List.of(
                    ncs(ncsDir),
                    "--cd",
                    layout.runDir().toString(),
                    "-c",
                    layout.confFile().toString()));
        if (withPackageReload) {
          cmd.add("--with-package-reload");
        }
        Result r =
            layout.isSystemInstall()
                ? runPrivileged(what, cmd, layout.runDir(), env)
                : run(what, cmd, layout.runDir(), env);
        if (!r.ok()) {
          throw new HostException(
              where(),
              what,
              "ncs exited with status "
                  + r.exitCode()
                  + (r.output().isBlank() ? " (see " + layout.logDir() + ")" : ": " + r.tail(5)));
        }
      }
    }
    current = install;
    Result w =
        runner.run(
            what,
            List.of(ncs(ncsDir), "--wait-started", Long.toString(Math.max(1, timeout.toSeconds()))),
            null,
            env,
            null,
            timeout.plusSeconds(5));
    if (!w.ok()) {
      throw new HostException(
          where(),
          what,
          "ncs --wait-started exited with status " + w.exitCode() + ": " + w.tail(5));
    }
  }

  /**
   * {@code systemctl start ncs}; with a package reload, {@code NCS_RELOAD_PACKAGES=true} is set in
   * the unit's environment file for the start and the file is put back afterwards, since the
   * variable applies to every start while it is set.
   */
  private void startSystemd(String what, boolean withPackageReload) {
    String envFile = layout.systemdEnvFile().toString();
    if (withPackageReload) {
      Result set = sh(what, SET_RELOAD, List.of(envFile), true);
      if (!set.ok()) {
        throw failed(what, "setting NCS_RELOAD_PACKAGES=true in " + envFile, set);
      }
    }
    try {
      Result r = runPrivileged(what, List.of("systemctl", "start", "ncs"), null, Map.of());
      if (!r.ok()) {
        throw failed(what, "systemctl start ncs", r);
      }
    } finally {
      if (withPackageReload) {
        Result reset = sh(what, RESET_RELOAD, List.of(envFile), true);
        if (!reset.ok()) {
          log.warn("{}: could not put {} back: {}", where(), envFile, reset.tail(3));
        }
      }
    }
  }

  /**
   * Rebuilds the packages of the run directory's {@code packages/} for {@code install} (installing
   * it first if needed): archives are unpacked and replaced by their directory, then every package
   * with a {@code src/Makefile} is built with {@code make -C <package>/src clean all} and the
   * release's environment, as NSO's upgrade example does. With {@link HostLayout#packagesFrom()},
   * the archives there replace the node's packages instead (copied into the system install's
   * package store and linked from the run directory, or copied into a local install's run
   * directory).
   */
  @Override
  public void rebuildPackages(Install install) {
    install(install);
    if (layout.packagesFrom().isPresent()) {
      replacePackages(install, layout.packagesFrom().get());
      return;
    }
    String what = "rebuild packages with NSO " + install.version();
    Path pkgs = layout.runDir().resolve("packages");
    Result list = sh(what, UNPACK_PACKAGES, List.of(pkgs.toString()), layout.isSystemInstall());
    if (list.exitCode() == 2) {
      throw new HostException(where(), what, "no packages directory " + pkgs);
    }
    if (!list.ok()) {
      throw new HostException(where(), what, list.tail(5));
    }
    List<String> names =
        list.output()
            .lines()
            .filter(l -> l.startsWith(PACKAGE_MARK))
            .map(l -> l.substring(PACKAGE_MARK.length()).strip())
            .toList();
    if (names.isEmpty()) {
      throw new HostException(where(), what, "no package with a src/Makefile in " + pkgs);
    }
    for (String name : names) {
      Path src = pkgs.resolve(name).resolve("src");
      List<String> make = List.of("make", "-C", src.toString(), "clean", "all");
      Result r =
          layout.isSystemInstall()
              ? runPrivileged(what, make, pkgs.resolve(name), env(install))
              : run(what, make, pkgs.resolve(name), env(install));
      if (!r.ok()) {
        throw new HostException(
            where(), what, "make -C " + src + " clean all failed: " + r.tail(8));
      }
    }
  }

  /**
   * Builds the node's packages for {@code install} in {@code packages.staged/} beside its {@code
   * packages/}, which stay as they are; local-install layouts only (a system install's packages are
   * rebuilt while the node is down).
   */
  @Override
  public boolean stagePackages(Install install) {
    if (layout.isSystemInstall() || layout.packagesFrom().isPresent()) {
      return false;
    }
    install(install);
    String what = "build packages for NSO " + install.version() + " in a staging directory";
    Path pkgs = layout.runDir().resolve("packages");
    Path staged = layout.runDir().resolve("packages.staged");
    Optional<Path> ready = prebuiltPackages(install);
    if (ready.isPresent()) {
      Result copied =
          sh(what, STAGE_PREBUILT, List.of(ready.get().toString(), staged.toString()), false);
      if (!copied.ok()) {
        throw new HostException(
            where(), what, "cannot copy the packages preflight built: " + copied.tail(5));
      }
      prebuiltPackagesUsed();
      return true;
    }
    Result list = sh(what, STAGE_PACKAGES, List.of(pkgs.toString(), staged.toString()), false);
    if (list.exitCode() == 2) {
      throw new HostException(where(), what, "no packages directory " + pkgs);
    }
    if (!list.ok()) {
      throw new HostException(where(), what, "cannot stage the packages: " + list.tail(5));
    }
    List<String> names =
        list.output()
            .lines()
            .filter(l -> l.startsWith(PACKAGE_MARK))
            .map(l -> l.substring(PACKAGE_MARK.length()).strip())
            .toList();
    if (names.isEmpty()) {
      throw new HostException(where(), what, "no package with a src/Makefile in " + pkgs);
    }
    for (String name : names) {
      Path src = staged.resolve(name).resolve("src");
      Result r =
          run(what, List.of("make", "-C", src.toString(), "clean", "all"), staged, env(install));
      if (!r.ok()) {
        throw new HostException(
            where(), what, "make -C " + src + " clean all failed: " + r.tail(8));
      }
    }
    return true;
  }

  /**
   * The node's packages already built for {@code install} by this run's preflight, if they are
   * still current; {@link #stagePackages} copies them instead of building again. None here.
   */
  protected Optional<Path> prebuiltPackages(Install install) {
    return Optional.empty();
  }

  /** Called once {@link #stagePackages} has copied the {@link #prebuiltPackages}. */
  protected void prebuiltPackagesUsed() {}

  /**
   * Moves {@code packages/} aside to {@code packages.before-upgrade/} and the staged packages into
   * its place.
   */
  @Override
  public boolean useStagedPackages() {
    if (layout.isSystemInstall()) {
      return false;
    }
    Path pkgs = layout.runDir().resolve("packages");
    Result r =
        sh(
            "put the staged packages in place",
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
      throw new HostException(
          where(), "put the staged packages in place", "cannot move them: " + r.tail(5));
    }
    return true;
  }

  private void replacePackages(Install install, Path from) {
    String what = "install the packages of " + from + " for NSO " + install.version();
    List<Path> archives;
    try (Stream<Path> s = Files.list(from)) {
      archives =
          s.filter(p -> p.getFileName().toString().endsWith(".tar.gz") && Files.isRegularFile(p))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new HostException(where(), what, "cannot list " + from + ": " + e.getMessage(), e);
    }
    if (archives.isEmpty()) {
      throw new HostException(where(), what, "no package archive (*.tar.gz) in " + from);
    }
    Path pkgs = layout.runDir().resolve("packages");
    Path store = layout.isSystemInstall() ? layout.packageStore() : layout.stagingDir();
    Result mk = runPrivileged(what, List.of("mkdir", "-p", store.toString()), null, Map.of());
    if (!mk.ok()) {
      throw failed(what, "mkdir -p " + store, mk);
    }
    List<String> args = new ArrayList<>(List.of(pkgs.toString(), store.toString()));
    for (Path a : archives) {
      runner.upload(a, store.resolve(a.getFileName().toString()));
      args.add(a.getFileName().toString());
    }
    if (layout.isSystemInstall()) {
      Result r = sh(what, LINK_PACKAGES, args, true);
      if (!r.ok()) {
        throw failed(what, "linking the packages into " + pkgs, r);
      }
    } else {
      Result r =
          sh(
              what,
              "pkgs=$1; store=$2; shift 2; rm -rf \"$pkgs\"/* && for f in \"$@\"; do mv \"$store/$f\" \"$pkgs/$f\" || exit 3; done",
              args,
              false);
      if (!r.ok()) {
        throw failed(what, "moving the packages into " + pkgs, r);
      }
    }
  }

  /**
   * The version the node runs: on a system install what {@code <install-dir>/current/bin/ncs
   * --version} prints; on a local install the version of the install it was last started from.
   */
  @Override
  public NsoVersion installedVersion() {
    return layout.isSystemInstall() ? versionAt(activeNcsDir()) : current.version();
  }

  /**
   * {@code ncs --status}: true when it answers, false when nothing listens on the node's IPC port
   * ({@code connection refused}, NSO's words for "not running").
   *
   * @throws HostException when the status cannot be told: the node accepted the connection but gave
   *     no answer (hung), or the tool failed otherwise
   */
  @Override
  public boolean isRunning() {
    Result r =
        run("read NSO status", List.of(ncs(activeNcsDir()), "--status"), null, env(activeNcsDir()));
    if (r.ok()) {
      return true;
    }
    if (r.output().contains("connection refused")) {
      return false;
    }
    throw failed("read NSO status", "ncs --status", r);
  }

  /**
   * Checks the backup's checksum and restores it. A local install's run directory is moved aside to
   * {@code <run dir>.old}, the backup unpacked in its place and the old logs kept, then the old
   * copy removed. A system install is restored with {@code ncs-backup --restore FILE
   * --non-interactive}, after the copy on this machine was put back on the host if the host's copy
   * is missing or differs.
   */
  @Override
  public void restore(Backup backup) {
    String what = "restore " + backup.file();
    if (!backup.node().equals(layout.node())) {
      throw new HostException(where(), what, "the backup is of node " + backup.node());
    }
    if (isRunning()) {
      throw new HostException(where(), what, "the node is running; stop it first");
    }
    if (!Files.isRegularFile(backup.file())) {
      throw new HostException(where(), what, "no backup file " + backup.file());
    }
    String actual = sha256(backup.file(), what);
    if (!actual.equals(backup.sha256())) {
      throw new HostException(
          where(),
          what,
          "checksum mismatch: expected sha256 " + backup.sha256() + ", the file has " + actual);
    }
    if (layout.isSystemInstall()) {
      String name = backup.file().getFileName().toString();
      String prefix = layout.node() + "-";
      Path onHost =
          layout
              .runDir()
              .resolve("backups")
              .resolve(name.startsWith(prefix) ? name.substring(prefix.length()) : name);
      putOnHost(backup, onHost, what);
      Path release = releaseOfBackup(name);
      Path tool = release.resolve("bin/ncs-backup");
      Result r =
          runPrivileged(
              what,
              List.of(tool.toString(), "--restore", onHost.toString(), "--non-interactive"),
              null,
              env(release));
      if (!r.ok()) {
        throw failed(what, "ncs-backup --restore", r);
      }
      return;
    }
    Path onHost =
        runner.isLocal()
            ? backup.file()
            : layout.runDir().getParent().resolve("backups").resolve(backup.file().getFileName());
    if (!runner.isLocal()) {
      putOnHost(backup, onHost, what);
    }
    Result r =
        sh(
            what,
            RESTORE_RUN_DIR,
            List.of(layout.runDir().toString(), onHost.toString()),
            layout.sudo().enabled());
    if (!r.ok()) {
      throw new HostException(where(), what, r.tail(5));
    }
  }

  /**
   * The release that restores a system install's backup: the one that took it ({@code
   * ncs-<version>@...} in its name), as NSO's recovery steps restore after pointing {@code current}
   * back at the old release; {@code current} when the name says nothing or that release is gone.
   */
  private Path releaseOfBackup(String name) {
    Matcher m = BACKUP_RELEASE.matcher(name);
    if (m.find()) {
      Path dir = layout.installDir().resolve("ncs-" + m.group(1));
      if (exists(dir.resolve("bin/ncs-backup"))) {
        return dir;
      }
    }
    return activeNcsDir();
  }

  /** Copies the backup to {@code onHost} unless an identical copy is there already. */
  private void putOnHost(Backup backup, Path onHost, String what) {
    if (exists(onHost) && remoteSha256(onHost, what).equals(backup.sha256())) {
      return;
    }
    Result mk =
        runPrivileged(what, List.of("mkdir", "-p", onHost.getParent().toString()), null, Map.of());
    if (!mk.ok()) {
      throw failed(what, "mkdir -p " + onHost.getParent(), mk);
    }
    runner.upload(backup.file(), onHost);
    String sum = remoteSha256(onHost, what);
    if (!sum.equals(backup.sha256())) {
      throw new HostException(
          where(),
          what,
          "the copy on the host has sha256 " + sum + ", expected " + backup.sha256());
    }
  }

  // ---- checks before anything changes

  /**
   * Checks the host before anything changes and returns one finding per check: the connection
   * (reachable, key accepted, host key known), sudo rights (when sudo is on), free disk space for a
   * new release, the installer (present, named for a release, the target's version, built for the
   * host's OS and architecture) and, with {@code expectInstalled}, that NSO is installed with the
   * layout's directories, that the service manager answers for NSO's service, and that the node's
   * IPC endpoint answers for this node (or nothing runs, for a node a run stopped). Stops after a
   * failed connection check (nothing else can be checked then).
   *
   * @param target the release to upgrade to, if any
   */
  public List<HostCheck> preflight(Optional<Install> target, boolean expectInstalled) {
    String n = layout.node().value();
    List<HostCheck> out = new ArrayList<>();
    try {
      Result r = run("check the connection", List.of("uname", "-sm"), null, Map.of());
      if (!r.ok()) {
        out.add(new HostCheck(n, "connection", Outcome.REFUSED, "uname -sm failed: " + r.tail(3)));
        return out;
      }
      String[] sm = r.output().strip().split("\\s+");
      out.add(
          new HostCheck(
              n, "connection", Outcome.OK, runner.where() + " runs " + r.output().strip()));
      HostChecks checks = new HostChecks(this);
      if (layout.sudo().enabled()) {
        out.add(checks.sudo());
      }
      target
          .flatMap(Install::installer)
          .ifPresent(i -> out.add(checkInstaller(n, i, target.get(), sm)));
      out.add(checkDisk(n, target.flatMap(Install::installer)));
      if (expectInstalled) {
        HostCheck installed = checkInstalled(n);
        out.add(installed);
        if (installed.ok()) {
          out.add(checks.service());
          out.add(checks.ipc());
        }
      }
    } catch (NsoException e) {
      out.add(new HostCheck(n, "connection", Outcome.REFUSED, e.getMessage()));
    }
    return out;
  }

  private HostCheck checkInstaller(String n, Path file, Install target, String[] hostSm) {
    if (!Files.isRegularFile(file)) {
      return new HostCheck(n, "installer", Outcome.BAD_INPUT, "no installer file " + file);
    }
    if (!Files.isReadable(file)) {
      return new HostCheck(
          n, "installer", Outcome.BAD_INPUT, "the installer file " + file + " is not readable");
    }
    InstallerFile f;
    try {
      f = InstallerFile.parse(file);
    } catch (IllegalArgumentException e) {
      return new HostCheck(n, "installer", Outcome.BAD_INPUT, e.getMessage());
    }
    if (!f.version().equals(target.version())) {
      return new HostCheck(
          n,
          "installer",
          Outcome.BAD_INPUT,
          f.name() + " installs NSO " + f.version() + ", not " + target.version());
    }
    String hostOs = hostSm.length > 0 ? hostSm[0].toLowerCase(Locale.ROOT) : "?";
    String hostArch = hostSm.length > 1 ? hostSm[1] : "?";
    if (!f.os().equals(hostOs) || !f.arch().equals(hostArch)) {
      return new HostCheck(
          n,
          "installer",
          Outcome.BAD_INPUT,
          f.name()
              + " is for "
              + f.os()
              + "."
              + f.arch()
              + ", but "
              + runner.where()
              + " is "
              + hostOs
              + "."
              + hostArch
              + " (use nso-"
              + f.version()
              + "."
              + hostOs
              + "."
              + hostArch
              + ".installer.bin)");
    }
    return new HostCheck(
        n, "installer", Outcome.OK, f.name() + " installs NSO " + f.version() + " for " + hostArch);
  }

  private HostCheck checkDisk(String n, Optional<Path> installer) {
    long needKb = 100 * 1024;
    if (installer.isPresent() && Files.isRegularFile(installer.get())) {
      try {
        needKb = Math.max(needKb, Files.size(installer.get()) * 3 / 1024);
      } catch (IOException e) {
        log.debug("cannot size {}", installer.get(), e);
      }
    }
    Result r = sh("check disk space", FREE_SPACE, List.of(layout.installDir().toString()), false);
    long freeKb;
    try {
      freeKb = Long.parseLong(r.output().strip());
    } catch (NumberFormatException e) {
      return new HostCheck(
          n, "disk space", Outcome.REFUSED, "cannot read the free space: " + r.tail(3));
    }
    return freeKb >= needKb
        ? new HostCheck(
            n, "disk space", Outcome.OK, freeKb / 1024 + " MiB free for " + layout.installDir())
        : new HostCheck(
            n,
            "disk space",
            Outcome.REFUSED,
            "only "
                + freeKb / 1024
                + " MiB free for "
                + layout.installDir()
                + ", the upgrade needs "
                + needKb / 1024
                + " MiB");
  }

  private HostCheck checkInstalled(String n) {
    Path ncs = activeNcsDir().resolve("bin/ncs");
    if (!exists(ncs)) {
      return new HostCheck(
          n,
          "install",
          Outcome.BAD_INPUT,
          "no NSO at "
              + activeNcsDir()
              + (layout.isSystemInstall()
                  ? " (is NSO system-installed with --install-dir " + layout.installDir() + "?)"
                  : ""));
    }
    if (!exists(layout.confFile())) {
      return new HostCheck(n, "install", Outcome.BAD_INPUT, "no ncs.conf at " + layout.confFile());
    }
    return new HostCheck(n, "install", Outcome.OK, "NSO at " + activeNcsDir());
  }

  @Override
  public void close() {
    runner.close();
  }

  static String sha256(Path file, String what) {
    try {
      return sha256(file);
    } catch (IOException e) {
      throw new HostException("", what, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The SHA-256 of {@code file}, hex. */
  public static String sha256(Path file) throws IOException {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      byte[] buf = new byte[65536];
      while (in.read(buf) >= 0) {
        // reading feeds the digest
      }
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
