package dev.nsoha.sim.tools;

import dev.nsoha.sim.ipc.IpcHandler;
import dev.nsoha.sim.ipc.IpcReply;
import dev.nsoha.sim.ipc.IpcRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.function.Consumer;

/**
 * Routes IPC requests to the node side of each tool: {@code ncs_cmd}, {@code ncs_cli}, {@code
 * ncs_load} and the control commands of {@code ncs} ({@code --status}, {@code --stop}).
 * Thread-safe.
 */
public final class ToolDispatcher implements IpcHandler {
  /**
   * Set by the {@code ncs} launcher on daemon JVMs, so that {@code --stop} reports the pid to wait
   * for.
   */
  static final String DAEMON_PROPERTY = "nsosim.daemon";

  private final NodeOps node;
  private final NcsCmdTool cmd;
  private final NcsLoadTool load;
  private final NcsCliTool cli;

  public ToolDispatcher(NodeOps node) {
    this.node = node;
    this.cmd = new NcsCmdTool(node);
    this.load = new NcsLoadTool(node);
    this.cli = new NcsCliTool(node);
  }

  @Override
  public IpcReply handle(IpcRequest request, Consumer<Runnable> afterReply) {
    String phase = node.phase();
    if (phase.startsWith("phase")
        && (request.tool().equals("ncs_load") || request.tool().equals("ncs_cli"))) {
      return starting(request.tool(), phase);
    }
    return switch (request.tool()) {
      case "ncs_cmd" -> cmd.run(request);
      case "ncs_load" -> load.run(request);
      case "ncs_cli" -> cli.run(request);
      case "ncs" -> control(request, afterReply);
      default -> IpcReply.error(1, request.tool() + ": not served over IPC by this node\n");
    };
  }

  @Override
  public void stream(IpcRequest request, InputStream in, OutputStream out) throws IOException {
    if ("ncs_cli".equals(request.tool())) {
      cli.interactive(request, in, out);
    } else {
      IpcHandler.super.stream(request, in, out);
    }
  }

  /** The answer of a tool the node does not serve yet: it is still in a start phase. */
  static IpcReply starting(String tool, String phase) {
    return IpcReply.error(
        1,
        tool
            + ": the node is still starting (start "
            + phase
            + "); wait for it with ncs --wait-started\n");
  }

  private IpcReply control(IpcRequest request, Consumer<Runnable> afterReply) {
    String what = request.args().isEmpty() ? "" : request.args().get(0);
    switch (what) {
      case "--status":
        return IpcReply.ok(status());
      case "--stop":
        afterReply.accept(node::stop);
        boolean daemon = Boolean.getBoolean(DAEMON_PROPERTY);
        return IpcReply.ok(
            daemon
                ? "stopped " + ManagementFactory.getRuntimeMXBean().getPid() + "\n"
                : "stopped\n");
      default:
        return IpcReply.error(1, "ncs: " + what + " is not served over IPC by this node\n");
    }
  }

  /** The {@code ncs --status} text. */
  String status() {
    int threads = Runtime.getRuntime().availableProcessors();
    String modules = "backplane,netconf,cdb,cli,snmp,webui";
    return "vsn: "
        + node.version()
        + "\n"
        + "SMP support: yes, using "
        + threads
        + " threads\n"
        + "Using epoll: yes\n"
        + "available modules: "
        + modules
        + "\n"
        + "running modules: "
        + modules
        + "\n"
        + "status: "
        + node.phase()
        + "\n"
        + node.statusDetails();
  }
}
