package dev.nsoha.host.install;

import dev.nsoha.host.install.ProcessRunner.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How an {@link InstallHost} runs commands and moves files on a node's host: as local processes
 * ({@link LocalRunner}), or over SSH (exec channels and SFTP, in the {@code host-ssh} module).
 * Paths are paths on the host; they are POSIX paths on both sides.
 *
 * <p>An environment value may end in {@code :$PATH}; the runner replaces that with the host's own
 * {@code PATH} (so {@code NCS_DIR/bin} can go first on a remote host, as {@code ncsrc} puts it).
 *
 * <p>Implementations are thread-safe. Failures: {@link dev.nsoha.core.error.HostException} (a
 * command could not be run, a file could not be copied), {@link
 * dev.nsoha.core.error.NsoTimeoutException} (a command outlived its deadline and was stopped),
 * {@link dev.nsoha.core.error.UnreachableException} and {@link
 * dev.nsoha.core.error.AuthenticationException} (a remote host could not be reached, or refused the
 * key, or its host key is not known).
 */
public interface CommandRunner extends AutoCloseable {
  /** The suffix of an environment value that stands for the host's own {@code PATH}. */
  String HOST_PATH = ":$PATH";

  /** Where the commands run, for messages: {@code local}, or {@code admin@10.0.0.1:22}. */
  String where();

  /** Whether the host is this machine (paths on the host are paths here). */
  boolean isLocal();

  /**
   * Runs {@code command} (an argument vector, not a shell line) in {@code dir} (null: the runner's
   * default directory) with {@code env} added to the environment and {@code stdin} (null: none) on
   * its standard input, and returns its exit status and combined output.
   *
   * @param what the operation, for messages
   */
  Result run(
      String what,
      List<String> command,
      Path dir,
      Map<String, String> env,
      byte[] stdin,
      Duration timeout);

  /** {@link #run(String, List, Path, Map, byte[], Duration)} with nothing on standard input. */
  default Result run(
      String what, List<String> command, Path dir, Map<String, String> env, Duration timeout) {
    return run(what, command, dir, env, null, timeout);
  }

  /**
   * Copies {@code local} (on this machine) to {@code remote} (on the host), replacing it; the
   * target's directory must exist. The copy is complete when the call returns.
   */
  void upload(Path local, Path remote);

  /**
   * Copies {@code remote} (on the host) to {@code local} (on this machine), replacing it, and
   * returns the SHA-256 (hex) of the bytes written, computed while they were written (the copy is
   * not read back).
   */
  String download(Path remote, Path local);

  /** Releases the connection, if any. */
  @Override
  default void close() {}
}
