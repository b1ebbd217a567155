package dev.nsoha.sim.cli.interpreter;

import dev.nsoha.sim.cli.render.DiffRenderer;
import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.Edit;
import dev.nsoha.sim.data.NodeRefusal;
import dev.nsoha.sim.data.Trees;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The candidate configuration of a session in configuration mode: a copy of the running
 * configuration with the session's edits applied, the edits in the order they were made, and the
 * {@code commit} command. Not thread-safe.
 */
final class Candidate {

  private final CliBackend backend;
  private final String user;
  private DataNode data;
  private final List<Edit> edits = new ArrayList<>();

  Candidate(CliBackend backend, String user) {
    this.backend = backend;
    this.user = user;
  }

  /** Starts from the running configuration, without edits. */
  void open() {
    edits.clear();
    data = running();
  }

  /** Drops the candidate (leaving configuration mode). */
  void close() {
    edits.clear();
    data = null;
  }

  /** The running configuration. */
  DataNode running() {
    return backend.read(true);
  }

  /** A copy of the candidate configuration. */
  DataNode data() {
    return data.copy();
  }

  /** True if there are edits and they change the configuration. */
  boolean hasChanges() {
    return !edits.isEmpty() && !data.contentEquals(running());
  }

  /** The {@code show configuration} lines of C-style configuration mode: the pending changes. */
  List<String> changes() {
    return DiffRenderer.diff(backend.schema(), running(), data);
  }

  /** Applies edits from one command line; deleting what is not there is skipped. */
  void apply(List<Edit> made) {
    Schema schema = backend.schema();
    for (Edit e : made) {
      List<SchemaNode> r = e.path().resolve(schema);
      if (e.op() == Trees.Op.DELETE && Trees.find(data, e.path(), r) == null) {
        continue;
      }
      Trees.edit(data, e.path(), r, e.op(), e.content(), e.path().xpath(r));
      edits.add(e);
    }
    data.prune();
  }

  /**
   * Runs {@code commit [dry-run [outformat cli]] [and-quit] [comment T] [label T]}.
   *
   * @return true if the session should leave configuration mode ({@code and-quit})
   */
  boolean commit(List<Token> args, List<String> lines) throws CliFailure {
    boolean dryRun = false;
    boolean andQuit = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i).text();
      switch (a) {
        case "dry-run":
          dryRun = true;
          if (i + 1 < args.size() && args.get(i + 1).text().equals("outformat")) {
            if (i + 2 >= args.size() || !args.get(i + 2).text().equals("cli")) {
              throw new CliFailure("syntax error: expecting cli");
            }
            i += 2;
          }
          break;
        case "and-quit":
          andQuit = true;
          break;
        case "comment":
        case "label":
          if (++i >= args.size()) {
            throw new CliFailure("syntax error: expecting " + a + " value");
          }
          break;
        default:
          throw new CliFailure("syntax error: unknown argument");
      }
    }
    DataNode run = running();
    if (edits.isEmpty() || data.contentEquals(run)) {
      if (!dryRun) {
        lines.add("% No modifications to commit.");
        edits.clear();
      }
      return andQuit;
    }
    if (dryRun) {
      lines.addAll(DiffRenderer.dryRun(DiffRenderer.diff(backend.schema(), run, data)));
      return false;
    }
    commitNow();
    lines.add("Commit complete.");
    return andQuit;
  }

  /** Commits the edits; afterwards the candidate is the new running configuration. */
  void commitNow() throws CliFailure {
    try {
      backend.commit(user, List.copyOf(edits));
    } catch (NodeRefusal e) {
      throw new CliFailure("Aborted: " + e.getMessage());
    }
    open();
  }
}
