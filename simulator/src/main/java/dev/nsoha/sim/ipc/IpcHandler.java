package dev.nsoha.sim.ipc;

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
     * @param request    the invocation
     * @param afterReply registers work to run once the reply has been sent and the connection
     *                   closed (used by {@code ncs --stop}, which must answer before the node goes)
     * @return the reply; never null
     */
    IpcReply handle(IpcRequest request, Consumer<Runnable> afterReply);
}
