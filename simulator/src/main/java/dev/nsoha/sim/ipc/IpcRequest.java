package dev.nsoha.sim.ipc;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One tool invocation received over IPC: the tool name ({@code ncs_cmd}, {@code ncs_cli}, {@code
 * ncs_load}, {@code ncs}), its command-line arguments, the caller's {@code NCS_*}/{@code USER}
 * environment, its working directory and, if the client sent it, its standard input.
 *
 * @param tool the tool name
 * @param args the arguments, in order
 * @param env the forwarded environment variables
 * @param cwd the caller's working directory (empty string if not sent)
 * @param stdin the caller's standard input, if forwarded
 * @param stream whether the client streams its input after the request and reads the output as it
 *     comes (an interactive {@code ncs_cli} on a terminal)
 */
public record IpcRequest(
    String tool,
    List<String> args,
    Map<String, String> env,
    String cwd,
    Optional<String> stdin,
    boolean stream) {
  public IpcRequest {
    Objects.requireNonNull(tool, "tool");
    args = List.copyOf(args);
    env = Map.copyOf(env);
    Objects.requireNonNull(cwd, "cwd");
    Objects.requireNonNull(stdin, "stdin");
  }

  /** A request whose input, if any, came with it. */
  public IpcRequest(
      String tool, List<String> args, Map<String, String> env, String cwd, Optional<String> stdin) {
    this(tool, args, env, cwd, stdin, false);
  }
}
