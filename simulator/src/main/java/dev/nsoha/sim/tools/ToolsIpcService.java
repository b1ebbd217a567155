package dev.nsoha.sim.tools;

import dev.nsoha.sim.ipc.IpcServer;
import dev.nsoha.sim.node.NodeContext;
import dev.nsoha.sim.node.NorthboundService;
import java.io.IOException;

/**
 * The node's IPC server as a {@link NorthboundService} plug-in: listens on {@code
 * /ncs-config/ncs-ipc-address/{ip,port}} (default 127.0.0.1:4569) and serves the command-line tools
 * ({@code ncs_cmd}, {@code ncs_cli}, {@code ncs_load}, {@code ncs --status|--stop}) through a
 * {@link ToolDispatcher}. Started last, so that a node answering on IPC is fully started; with a
 * start cost ({@code NCS_SIM_START_COST}) first, answering the start phases truthfully.
 *
 * <p>It lives with the tools, not in {@code ipc}: the IPC package is the wire protocol and server
 * only, and knows nothing of the tools it carries.
 */
public final class ToolsIpcService implements NorthboundService {
  private IpcServer server;

  @Override
  public String name() {
    return "ipc";
  }

  @Override
  public int order() {
    return 1000;
  }

  @Override
  public boolean servesStartPhases() {
    return true;
  }

  @Override
  public synchronized void start(NodeContext ctx) throws IOException {
    server =
        IpcServer.start(
            ctx.conf().ipcAddress(),
            ctx.conf().ipcPort(),
            new ToolDispatcher(new SimNodeOps(ctx.node())));
  }

  /** The bound port (useful when ncs.conf asked for port 0). */
  public synchronized int port() {
    return server == null ? -1 : server.address().getPort();
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
