package dev.nsoha.sim.ipc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Runs one tool invocation received by an {@link IpcServer}. Called on a connection thread;
 * implementations must be thread-safe, as requests may arrive concurrently.
 */
@FunctionalInterface
public interface IpcHandler {
  /**
   * Handles a request and returns what the tool prints and its exit code.
   *
   * @param request the invocation
   * @param afterReply registers work to run once the reply has been sent and the connection closed
   *     (used by {@code ncs --stop}, which must answer before the node goes)
   * @return the reply; never null
   */
  IpcReply handle(IpcRequest request, Consumer<Runnable> afterReply);

  /**
   * Serves a stream-mode request ({@link IpcRequest#stream()}): reads the client's input from
   * {@code in} and writes output to {@code out} as it is produced. The connection is closed when
   * this returns. By default stream mode is refused with a message.
   */
  default void stream(IpcRequest request, InputStream in, OutputStream out) throws IOException {
    out.write(
        (request.tool() + ": interactive use is not supported\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
