package dev.nsoha.sim.tools;

import dev.nsoha.sim.ipc.IpcReply;
import dev.nsoha.sim.ipc.IpcRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node side of {@code ncs_cmd}: runs MAAPI-style commands against the node. The transaction is
 * opened lazily at the first write and committed at the end of the script unless {@code mrtrans}
 * made the session read-only. The first failing command prints NSO's {@code FAILED: <call>, Error:
 * <strerror> (<errno>): <text>, in function <fn>, line <n>} on stderr and ends the run with exit
 * code 1. Thread-safe (no state between runs).
 */
final class NcsCmdTool {
  private final NodeOps node;

  /** The commands served while the node is in a start phase (with a start cost). */
  private static final Set<String> START_PHASE_COMMANDS =
      Set.of("get_phase", "wait-start", "wait_start");

  /** How long {@code wait-start} waits for the node to start before it answers. */
  private static final Duration WAIT_START = Duration.ofSeconds(20);

  NcsCmdTool(NodeOps node) {
    this.node = node;
  }

  /** A command that failed: the C call it stands for and its function name. */
  private static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;
    final String call;
    final String function;
    final int line;
    final ToolFailure cause;

    Failed(String call, String function, int line, ToolFailure cause) {
      super(cause.getMessage(), cause);
      this.call = call;
      this.function = function;
      this.line = line;
      this.cause = cause;
    }
  }

  /** The start phase number of {@code ncs_cmd get_phase}: 0, 1, 2 (started). */
  private static int phase(String phase) {
    return switch (phase) {
      case "started" -> 2;
      case "phase0", "starting" -> 0;
      default -> 1;
    };
  }

  IpcReply run(IpcRequest req) {
    try {
      return parseAndRun(req);
    } catch (UsageError e) {
      return IpcReply.error(1, "ncs_cmd: " + e.getMessage() + "\n");
    }
  }

  private IpcReply parseAndRun(IpcRequest req) {
    String user = "admin";
    String script = null;
    String file = null;
    List<String> args = req.args();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "-r", "-o", "-e", "-S", "-s", "-m", "-d", "-dd", "-t" -> {
          // Datastore and debug options: reads see config and operational data alike.
        }
        case "-u" -> user = value(args, ++i);
        case "-g", "-x", "-a", "-p", "-f" -> value(args, ++i);
        case "-c" -> script = value(args, ++i);
        case "-h" -> {
          return IpcReply.ok(help());
        }
        default -> {
          if (a.startsWith("-")) {
            return IpcReply.error(1, "ncs_cmd: unknown option " + a + "\n" + help());
          }
          file = a;
        }
      }
    }
    if (script == null) {
      if (file != null) {
        Path f = Path.of(req.cwd().isEmpty() ? "." : req.cwd()).resolve(file);
        try {
          script = Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
          return IpcReply.error(1, "ncs_cmd: cannot read " + f + ": " + e.getMessage() + "\n");
        }
      } else {
        script = req.stdin().orElse("");
      }
    }
    List<List<String>> commands;
    try {
      commands = CommandScript.parse(script);
    } catch (IllegalArgumentException e) {
      return IpcReply.error(1, "ncs_cmd: " + e.getMessage() + "\n");
    }
    return execute(commands, user);
  }

  private IpcReply execute(List<List<String>> commands, String user) {
    String phase = node.phase();
    if (phase.startsWith("phase")) {
      for (List<String> cmd : commands) {
        if (!START_PHASE_COMMANDS.contains(cmd.get(0))) {
          return ToolDispatcher.starting("ncs_cmd", phase);
        }
      }
    }
    StringBuilder out = new StringBuilder();
    boolean readOnly = false;
    NodeOps.Tx tx = null;
    try {
      for (List<String> cmd : commands) {
        String name = cmd.get(0);
        List<String> a = cmd.subList(1, cmd.size());
        switch (name) {
          case "mrtrans", "maapi_start_read_trans" -> readOnly = true;
          case "mtrans", "maapi_start_trans" -> readOnly = false;
          case "mget", "maapi_get", "maapi_get_elem" -> {
            String path = arg(name, a, 0);
            try {
              out.append(
                      node.get(path)
                          .orElseThrow(
                              () ->
                                  new ToolFailure(
                                      ToolFailure.Kind.NOT_FOUND, path + " is not set")))
                  .append('\n');
            } catch (ToolFailure f) {
              throw new Failed("maapi_get_elem(ms, mtid, &val, argv[0])", "do_maapi_get", 1201, f);
            }
          }
          case "mexists", "maapi_exists" -> {
            try {
              out.append(node.exists(arg(name, a, 0)) ? "yes" : "no").append('\n');
            } catch (ToolFailure f) {
              throw new Failed("maapi_exists(ms, mtid, argv[0])", "do_maapi_exists", 1258, f);
            }
          }
          case "mn", "maapi_num_instances" -> {
            try {
              out.append(node.count(arg(name, a, 0))).append('\n');
            } catch (ToolFailure f) {
              throw new Failed(
                  "maapi_num_instances(ms, mtid, argv[0])", "do_maapi_num_instances", 1290, f);
            }
          }
          case "maction", "maapi_request_action", "maction_th" -> {
            String path = arg(name, a, 0);
            List<Map.Entry<String, String>> params = new ArrayList<>();
            for (int i = 1; i + 1 < a.size(); i += 2) {
              if (a.get(i + 1).equals("[")) {
                // A leaf-list value: NAME [ V1 V2 ... ] (e.g. /ha-raft/create-cluster member).
                int j = i + 2;
                for (; j < a.size() && !a.get(j).equals("]"); j++) {
                  params.add(new AbstractMap.SimpleImmutableEntry<>(a.get(i), a.get(j)));
                }
                i = j - 1;
                continue;
              }
              params.add(new AbstractMap.SimpleImmutableEntry<>(a.get(i), a.get(i + 1)));
            }
            try {
              formatAction(node.action(path, params, user), out);
            } catch (ToolFailure f) {
              throw new Failed(
                  "maapi_request_action(ms, params, nparams, &values, &nvalues, 0, argv[0])",
                  "do_maapi_request_action",
                  1512,
                  f);
            }
          }
          case "mset",
              "maapi_set",
              "maapi_set_elem",
              "mcreate",
              "maapi_create",
              "mdel",
              "maapi_delete" -> {
            if (readOnly) {
              throw new Failed(
                  cCall(name),
                  "do_" + cFunction(name),
                  1340,
                  new ToolFailure(ToolFailure.Kind.READ_ONLY, "transaction is read-only"));
            }
            try {
              if (tx == null) {
                tx = node.begin(user);
              }
              switch (name) {
                case "mset", "maapi_set", "maapi_set_elem" ->
                    tx.set(arg(name, a, 0), arg(name, a, 1));
                case "mcreate", "maapi_create" -> tx.create(arg(name, a, 0));
                default -> tx.delete(arg(name, a, 0));
              }
            } catch (ToolFailure f) {
              throw new Failed(cCall(name), "do_" + cFunction(name), 1340, f);
            }
          }
          case "mcommit", "maapi_apply_trans" -> {
            if (tx != null) {
              NodeOps.Tx t = tx;
              tx = null;
              commit(t);
            }
          }
          case "get_phase" ->
              out.append("phase: ").append(phase(node.phase())).append(" flags: 0x0\n");
          case "wait-start", "wait_start" -> {
            // Phase 2 (started) unless a lower phase is asked for; a node without a start cost
            // serves IPC only once started.
            int want =
                a.isEmpty() || !a.get(0).strip().matches("[0-2]")
                    ? 2
                    : a.get(0).strip().charAt(0) - '0';
            boolean reached;
            try {
              reached = phase(node.phase()) >= want || node.awaitStarted(WAIT_START);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              reached = false;
            }
            if (!reached) {
              return new IpcReply(
                  1,
                  out.toString(),
                  "ncs_cmd: the node has not reached start phase "
                      + want
                      + " within "
                      + WAIT_START.toSeconds()
                      + " s (it is in "
                      + node.phase()
                      + ")\n");
            }
          }
          case "ha_status" ->
              out.append(node.get("/high-availability/status/mode").orElse("none")).append('\n');
          default -> {
            return new IpcReply(
                1,
                out.toString(),
                "ncs_cmd: unknown command: "
                    + name
                    + " (try \"ncs_cmd -h commands\" for a list of available commands)\n");
          }
        }
      }
      if (tx != null) {
        NodeOps.Tx t = tx;
        tx = null;
        commit(t);
      }
      return IpcReply.ok(out.toString());
    } catch (Failed f) {
      return new IpcReply(
          1,
          out.toString(),
          "FAILED: "
              + f.call
              + ", Error: "
              + f.cause.kind().strerror()
              + " ("
              + f.cause.kind().errno()
              + "): "
              + f.cause.getMessage()
              + ", in function "
              + f.function
              + ", line "
              + f.line
              + "\n");
    } catch (UsageError e) {
      return new IpcReply(1, out.toString(), "ncs_cmd: " + e.getMessage() + "\n");
    } finally {
      if (tx != null) {
        tx.close();
      }
    }
  }

  private static void commit(NodeOps.Tx t) throws Failed {
    try (t) {
      t.commit();
    } catch (ToolFailure f) {
      throw new Failed("maapi_apply_trans(ms, mtid, 0)", "do_maapi_apply_trans", 1420, f);
    }
  }

  /**
   * Prints action output the way ncs_cmd does: {@code leaf value}, {@code name begin}/{@code name
   * end}.
   */
  static void formatAction(List<NodeOps.OutputItem> items, StringBuilder out) {
    int depth = 0;
    for (NodeOps.OutputItem it : items) {
      if (it.type() == NodeOps.OutputItem.Type.END) {
        depth = Math.max(0, depth - 1);
      }
      out.append("  ".repeat(depth)).append(it.name());
      switch (it.type()) {
        case LEAF -> {
          if (it.value() != null && !it.value().isEmpty()) {
            out.append(' ').append(it.value());
          }
        }
        case BEGIN -> {
          out.append(" begin");
          depth++;
        }
        case END -> out.append(" end");
      }
      out.append('\n');
    }
  }

  private static String cCall(String name) {
    return switch (name) {
      case "mset", "maapi_set", "maapi_set_elem" -> "maapi_set_elem2(ms, mtid, argv[1], argv[0])";
      case "mcreate", "maapi_create" -> "maapi_create(ms, mtid, argv[0])";
      default -> "maapi_delete(ms, mtid, argv[0])";
    };
  }

  private static String cFunction(String name) {
    return switch (name) {
      case "mset", "maapi_set", "maapi_set_elem" -> "maapi_set";
      case "mcreate", "maapi_create" -> "maapi_create";
      default -> "maapi_delete";
    };
  }

  /** A command with too few arguments. */
  private static final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageError(String m) {
      super(m);
    }
  }

  private static String arg(String cmd, List<String> a, int i) {
    if (i >= a.size()) {
      throw new UsageError(cmd + ": missing argument " + (i + 1));
    }
    return a.get(i);
  }

  private static String value(List<String> args, int i) {
    if (i >= args.size()) {
      throw new UsageError("option " + args.get(i - 1) + " needs a value");
    }
    return args.get(i);
  }

  static String help() {
    return """
                Usage: ncs_cmd [-r|-o|-e|-S] [-u USER] [-g GROUP] [-x CTX] [-a ADDR] [-p PORT] -c 'CMD; CMD ...'
                       ncs_cmd [options] [FILE]        (commands from FILE, or standard input)
                Commands (separated by ';' or newlines, '#' starts a comment):
                  mrtrans | mtrans                     read-only / read-write session (default read-write)
                  mget | maapi_get PATH                print a leaf's value
                  mexists | maapi_exists PATH          print yes or no
                  mn | maapi_num_instances PATH        print the number of list entries
                  mset | maapi_set PATH VALUE          set a leaf
                  mcreate | maapi_create PATH          create a list entry or presence container
                  mdel | maapi_delete PATH             delete
                  mcommit | maapi_apply_trans          commit now (otherwise at the end)
                  maction PATH [PARAM VALUE]...        run an action and print its output
                  get_phase | wait-start | ha_status
                """;
  }
}
