package dev.nsoha.sim.tools;

import dev.nsoha.sim.ipc.IpcReply;
import dev.nsoha.sim.ipc.IpcRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The node side of {@code ncs_load}. Save mode (default) prints the configuration in the format of
 * {@code -F} ({@code x} XML, {@code p} pretty XML, {@code o} JSON, {@code j} J-style CLI, {@code c}
 * C-style CLI), {@code -W} with default values, {@code -o} with operational data, {@code -p
 * KEYPATH} restricted to a subtree. Load mode ({@code -l}) reads XML files (or standard input) and
 * merges them with {@code -m}, otherwise replaces the configuration (below {@code -p} if given).
 * Stateless.
 */
final class NcsLoadTool {
  private final NodeOps node;

  NcsLoadTool(NodeOps node) {
    this.node = node;
  }

  IpcReply run(IpcRequest req) {
    String format = "x";
    boolean defaults = false;
    boolean oper = false;
    boolean load = false;
    boolean merge = false;
    String path = null;
    String user = "admin";
    List<String> files = new ArrayList<>();
    List<String> args = req.args();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("-F") && a.length() > 2) {
        format = a.substring(2);
        continue;
      }
      switch (a) {
        case "-F" -> format = i + 1 < args.size() ? args.get(++i) : "";
        case "-W" -> defaults = true;
        case "-S", "-b", "-s", "-d", "-dd", "-M", "-U", "-i", "-a", "-e", "-n", "-j", "-D" -> {
          // Accepted and ignored: no effect in the simulator.
        }
        case "-o" -> oper = true;
        case "-l" -> load = true;
        case "-m" -> merge = true;
        case "-r" -> merge = false;
        case "-p" -> {
          if (i + 1 >= args.size()) {
            return IpcReply.error(1, "ncs_load: -p needs a keypath\n");
          }
          path = args.get(++i);
        }
        case "-u" -> {
          if (i + 1 < args.size()) {
            user = args.get(++i);
          }
        }
        case "-g", "-c", "-x", "-C" -> i++;
        case "-P" -> {
          return IpcReply.error(
              1, "ncs_load: -P (XPath filter) is not supported by the simulator\n");
        }
        case "-h" -> {
          return IpcReply.ok(help());
        }
        default -> {
          if (a.startsWith("-")) {
            return IpcReply.error(1, "ncs_load: unknown option " + a + "\n" + help());
          }
          files.add(a);
        }
      }
    }
    if (!List.of("x", "p", "o", "j", "c").contains(format)) {
      return IpcReply.error(
          1, "ncs_load: unsupported format -F " + format + " (the simulator has x, p, o, j, c)\n");
    }
    try {
      if (!load) {
        if (!files.isEmpty()) {
          return IpcReply.error(1, "ncs_load: files are only read with -l\n");
        }
        return IpcReply.ok(node.save(path, format, defaults, oper));
      }
      if (!format.equals("x") && !format.equals("p")) {
        return IpcReply.error(1, "ncs_load: the simulator loads XML only (-F x or -F p)\n");
      }
      List<String> docs = new ArrayList<>();
      if (files.isEmpty()) {
        docs.add(req.stdin().orElse(""));
      } else {
        Path cwd = Path.of(req.cwd().isEmpty() ? "." : req.cwd());
        for (String f : files) {
          try {
            docs.add(Files.readString(cwd.resolve(f), StandardCharsets.UTF_8));
          } catch (IOException e) {
            return IpcReply.error(1, "ncs_load: cannot read " + f + ": " + e.getMessage() + "\n");
          }
        }
      }
      boolean first = true;
      for (String doc : docs) {
        // Replace applies once: later files of the same call are merged on top.
        node.loadXml(doc, user, merge || !first, first ? path : null);
        first = false;
      }
      return IpcReply.ok("");
    } catch (ToolFailure f) {
      return IpcReply.error(1, "ncs_load: " + f.getMessage() + "\n");
    }
  }

  static String help() {
    return """
                Usage: ncs_load [-F x|p|o|j|c] [-W] [-o] [-p KEYPATH]              (save the configuration)
                       ncs_load -l [-m|-r] [-p KEYPATH] [-F x|p] [FILE]...     (load XML; stdin without FILE)
                """;
  }
}
