package dev.nsoha.sim.tools;

import dev.nsoha.sim.ipc.IpcReply;
import dev.nsoha.sim.ipc.IpcRequest;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;

/**
 * The node side of {@code ncs_cli}: one CLI session over the client's standard input. {@code -C}
 * C-style (default J-style), {@code -u USER} (default the client's {@code $USER}), {@code -n}
 * echo prompts and commands, {@code -N} no echo, {@code -s} stop at the first error (exit 8).
 * Stateless.
 */
final class NcsCliTool {
    private final NodeOps node;

    NcsCliTool(NodeOps node) {
        this.node = node;
    }

    IpcReply run(IpcRequest req) {
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
                case "-g", "--groups", "-c", "--cwd", "-H", "--host", "-i", "--ip", "-w", "--proto", "-S", "--socket-path" -> i++;
                case "-h", "--help" -> {
                    return IpcReply.ok("""
                            Usage: ncs_cli [-C|-J] [-u USER] [-g GROUPS] [-n|-N] [-s] [-c DIR] [-A ADDR] [-P PORT]
                            Runs the CLI commands read from standard input as one session.
                            """);
                }
                default -> {
                    // Other options (-v, -E, --noaaa, ...) have no effect in the simulator.
                }
            }
        }
        StringWriter out = new StringWriter();
        int code = node.cli(user, cStyle, new StringReader(req.stdin().orElse("")), out, echo, stopOnError);
        return new IpcReply(code, out.toString(), "");
    }
}
