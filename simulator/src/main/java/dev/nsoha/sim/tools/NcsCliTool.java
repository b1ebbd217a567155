package dev.nsoha.sim.tools;

import dev.nsoha.sim.ipc.IpcReply;
import dev.nsoha.sim.ipc.IpcRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The node side of {@code ncs_cli}: one CLI session over the client's standard input. {@code -C}
 * C-style (default J-style), {@code -u USER} (default the client's {@code $USER}), {@code -n} echo
 * prompts and commands, {@code -N} no echo, {@code -s} stop at the first error (exit 8). On a
 * terminal the client streams its input instead ({@link #interactive}). Stateless.
 */
final class NcsCliTool {
  private final NodeOps node;

  NcsCliTool(NodeOps node) {
    this.node = node;
  }

  /** The options of a session. */
  private record Options(String user, boolean cStyle, boolean echo, boolean stopOnError) {}

  IpcReply run(IpcRequest req) {
    Options o;
    try {
      o = options(req);
    } catch (Help h) {
      return IpcReply.ok(HELP);
    }
    StringWriter out = new StringWriter();
    int code =
        node.cli(
            o.user(),
            o.cStyle(),
            new StringReader(req.stdin().orElse("")),
            out,
            o.echo(),
            o.stopOnError());
    return new IpcReply(code, out.toString(), "");
  }

  /** An interactive session over a stream-mode connection (ncs_cli on a terminal). */
  void interactive(IpcRequest req, InputStream in, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    Options o;
    try {
      o = options(req);
    } catch (Help h) {
      w.write(HELP);
      w.flush();
      return;
    }
    try {
      node.cliInteractive(
          o.user(), o.cStyle(), new InputStreamReader(in, StandardCharsets.UTF_8), w);
    } catch (ToolFailure f) {
      w.write("ncs_cli: " + f.getMessage() + "\n");
    } catch (UncheckedIOException e) {
      return; // the client went away
    }
    w.flush();
  }

  /** -h was given. */
  private static final class Help extends Exception {
    private static final long serialVersionUID = 1L;
  }

  private static final String HELP =
      """
            Usage: ncs_cli [-C|-J] [-u USER] [-g GROUPS] [-n|-N] [-s] [-c DIR] [-A ADDR] [-P PORT]
            Runs the CLI commands read from standard input as one session (interactively on a terminal).
            """;

  private static Options options(IpcRequest req) throws Help {
    boolean cStyle = false;
    boolean echo = false;
    boolean stopOnError = false;
    String user = req.env().getOrDefault("USER", req.env().getOrDefault("LOGNAME", "admin"));
    List<String> args = req.args();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "-C", "--cisco" -> cStyle = true;
        case "-J", "--juniper" -> cStyle = false;
        case "-n", "--interactive" -> echo = true;
        case "-N", "--noninteractive" -> echo = false;
        case "-s", "--stop-on-error" -> stopOnError = true;
        case "-u", "--user" -> {
          if (i + 1 < args.size()) {
            user = args.get(++i);
          }
        }
        case "-g",
            "--groups",
            "-c",
            "--cwd",
            "-H",
            "--host",
            "-i",
            "--ip",
            "-w",
            "--proto",
            "-S",
            "--socket-path" ->
            i++;
        case "-h", "--help" -> throw new Help();
        default -> {
          // Other options (-v, -E, --noaaa, ...) have no effect in the simulator.
        }
      }
    }
    return new Options(user, cStyle, echo, stopOnError);
  }
}
