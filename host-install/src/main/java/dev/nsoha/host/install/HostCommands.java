package dev.nsoha.host.install;

import dev.nsoha.core.error.HostException;
import dev.nsoha.host.install.ProcessRunner.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How an install host runs its commands on the node's host: as the login user, or, for the commands
 * that change NSO's directories or services, under {@code sudo -S -- env VARS command} when the
 * layout asks for sudo (the password on standard input, never in arguments); shell scripts with
 * {@code sh -c}; NSO's tools with the environment of their release. Every other concern of the
 * install host (installer, service control, packages, backups, checks) runs its commands through
 * this one.
 *
 * <p>Thread-safe: it holds no state of its own beyond its settings.
 */
final class HostCommands {
  /** The PATH that sudo's usual secure_path gives commands. */
  private static final String SUDO_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final CommandRunner runner;
  private final HostLayout layout;
  private final Duration timeout;
  private final Supplier<String> where;

  /**
   * @param where names the node and its host in messages, e.g. {@code n1 (local, /run/n1)}
   */
  HostCommands(CommandRunner runner, HostLayout layout, Duration timeout, Supplier<String> where) {
    this.runner = Objects.requireNonNull(runner, "runner");
    this.layout = Objects.requireNonNull(layout, "layout");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.where = Objects.requireNonNull(where, "where");
  }

  CommandRunner runner() {
    return runner;
  }

  HostLayout layout() {
    return layout;
  }

  /** The deadline of one command on this host. */
  Duration timeout() {
    return timeout;
  }

  /** The node and its host, for messages. */
  String where() {
    return where.get();
  }

  /**
   * The environment of NSO's tools of the release in {@code ncsDir}: {@code NCS_DIR}, its {@code
   * bin/} first on {@code PATH}, a system install's directories, the node's IPC endpoint, and the
   * layout's extra environment.
   */
  Map<String, String> env(Path ncsDir) {
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

  /** {@code <ncsDir>/bin/ncs}. */
  static String ncs(Path ncsDir) {
    return ncsDir.resolve("bin/ncs").toString();
  }

  /** Runs a command as the login user. */
  Result run(String what, List<String> cmd, Path dir, Map<String, String> env) {
    return runner.run(what, cmd, dir, env, null, timeout);
  }

  /**
   * Runs a command that changes NSO's directories or services: under {@code sudo -S -- env VARS
   * command} when the layout asks for sudo (the password on standard input), else as the login
   * user.
   */
  Result runPrivileged(String what, List<String> cmd, Path dir, Map<String, String> env) {
    Sudo sudo = layout.sudo();
    if (!sudo.enabled()) {
      return runner.run(what, cmd, dir, env, null, timeout);
    }
    Optional<String> password = sudo.password();
    List<String> full =
        new ArrayList<>(
            password.isPresent()
                ? List.of("sudo", "-S", "-p", "", "--")
                : List.of("sudo", "-n", "--"));
    full.addAll(underSudo(cmd, env));
    byte[] stdin = password.map(p -> (p + "\n").getBytes(StandardCharsets.UTF_8)).orElse(null);
    return runner.run(what, full, dir, Map.of(), stdin, timeout);
  }

  /**
   * Runs {@code cmd} the way the commands that change NSO's directories and services run with
   * {@code privileged}, else as the login user.
   */
  Result exec(
      String what, List<String> cmd, Path dir, Map<String, String> env, boolean privileged) {
    return privileged ? runPrivileged(what, cmd, dir, env) : run(what, cmd, dir, env);
  }

  /** {@link #exec(String, List, Path, Map, boolean)} in the runner's default directory. */
  Result exec(String what, List<String> cmd, Map<String, String> env, boolean privileged) {
    return exec(what, cmd, null, env, privileged);
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

  /** Runs {@code script} with {@code sh -c}, its arguments as {@code $1}, {@code $2}... */
  Result sh(String what, String script, List<String> args, boolean privileged) {
    List<String> cmd = new ArrayList<>(List.of("sh", "-c", script, "sh"));
    cmd.addAll(args);
    return exec(what, cmd, Map.of(), privileged);
  }

  /** The failure of {@code command}, with its exit status and the end of its output. */
  HostException failed(String what, String command, Result r) {
    return new HostException(
        where(),
        what,
        command
            + " exited with status "
            + r.exitCode()
            + (r.output().isBlank() ? "" : ": " + r.tail(8)));
  }

  /** Whether {@code file} exists on the host. */
  boolean exists(Path file) {
    return run("look for " + file, List.of("test", "-e", file.toString()), null, Map.of()).ok();
  }

  /** The SHA-256 of a file on the host, by {@code sha256sum} there. */
  String remoteSha256(Path file, String what) {
    Result r = run(what, List.of("sha256sum", file.toString()), null, Map.of());
    if (!r.ok() || r.output().isBlank()) {
      throw failed(what, "sha256sum " + file, r);
    }
    return r.output().strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
  }
}
