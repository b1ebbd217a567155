package dev.nsoha.sim.ipc;

import dev.nsoha.sim.cli.CliScriptRunner;
import dev.nsoha.sim.cli.CliStyle;
import dev.nsoha.sim.node.NodeContext;
import dev.nsoha.sim.node.NorthboundService;
import dev.nsoha.sim.node.SimNode;
import dev.nsoha.sim.tools.SimNodeOps;
import dev.nsoha.sim.tools.ToolDispatcher;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;

/**
 * The node's IPC server as a {@link NorthboundService} plug-in: listens on {@code
 * /ncs-config/ncs-ipc-address/{ip,port}} (default 127.0.0.1:4569) and serves the command-line tools
 * ({@code ncs_cmd}, {@code ncs_cli}, {@code ncs_load}, {@code ncs --status|--stop}). Started last,
 * so that a node answering on IPC is fully started.
 */
public final class IpcService implements NorthboundService {
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
  public synchronized void start(NodeContext ctx) throws IOException {
    server =
        IpcServer.start(
            ctx.conf().ipcAddress(),
            ctx.conf().ipcPort(),
            new ToolDispatcher(new SimNodeOps(ctx.node(), IpcService::cli)));
  }

  private static int cli(
      SimNode node,
      String user,
      boolean cStyle,
      Reader in,
      Writer out,
      boolean echo,
      boolean stopOnError) {
    return CliScriptRunner.run(
        node, user, cStyle ? CliStyle.C : CliStyle.J, in, out, echo, stopOnError);
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
