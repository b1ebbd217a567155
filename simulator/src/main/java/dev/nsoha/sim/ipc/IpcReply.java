package dev.nsoha.sim.ipc;

import java.util.Objects;

/**
 * What a tool invocation produced: its exit code and the texts for its standard output and standard
 * error.
 *
 * @param exitCode the tool's exit code (0..255)
 * @param stdout text for standard output
 * @param stderr text for standard error
 */
public record IpcReply(int exitCode, String stdout, String stderr) {
  public IpcReply {
    if (exitCode < 0 || exitCode > 255) {
      throw new IllegalArgumentException("exit code out of range: " + exitCode);
    }
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
  }

  /** A successful reply with only standard output. */
  public static IpcReply ok(String stdout) {
    return new IpcReply(0, stdout, "");
  }

  /** A failed reply with only standard error. */
  public static IpcReply error(int exitCode, String stderr) {
    return new IpcReply(exitCode, "", stderr);
  }
}
