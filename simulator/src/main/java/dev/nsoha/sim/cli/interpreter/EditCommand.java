package dev.nsoha.sim.cli.interpreter;

import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.data.Edit;
import dev.nsoha.sim.data.Trees;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One editing line of configuration mode: {@code <path> <leaf> <value> …}, {@code <path>} (enters a
 * submode), {@code no <path>} (C-style) or J-style {@code set}/{@code delete}. The words are tried
 * in the current submode first, then in its parents, as NSO's C-style CLI does; the edits go to the
 * {@link Candidate}.
 */
final class EditCommand {

  private final CliBackend backend;
  private final Candidate candidate;
  private final Submodes modes;
  private final ActionCommand actions;

  EditCommand(CliBackend backend, Candidate candidate, Submodes modes, ActionCommand actions) {
    this.backend = backend;
    this.candidate = candidate;
    this.modes = modes;
    this.actions = actions;
  }

  /** Runs one editing line ({@code no} already removed when {@code delete}). */
  void run(List<Token> t, boolean delete, List<String> lines)
      throws CliFailure, CommandLines.SyntaxException {
    Schema schema = backend.schema();
    CliFailure first = null;
    for (int depth : modes.tryDepths()) {
      DataPath base = modes.path(depth);
      SchemaNode ctx = Nodes.at(schema, base);
      if (depth > 0 && ctx == null || Nodes.match(schema, ctx, t.get(0).text()) == null) {
        continue;
      }
      try {
        runAt(schema, ctx, base, t, delete, lines);
        return;
      } catch (CliFailure f) {
        first = f;
        break;
      }
    }
    throw first != null ? first : new CliFailure("syntax error: element does not exist");
  }

  private void runAt(
      Schema schema,
      SchemaNode ctx,
      DataPath base,
      List<Token> t,
      boolean delete,
      List<String> lines)
      throws CliFailure, CommandLines.SyntaxException {
    SchemaNode node = ctx;
    DataPath p = base;
    List<Edit> made = new ArrayList<>();
    boolean endedAtNode = false;
    int i = 0;
    while (i < t.size()) {
      Token tk = t.get(i);
      SchemaNode c = tk.quoted() ? null : Nodes.match(schema, node, tk.text());
      if (c == null || c.kind() != SchemaNode.Kind.ACTION && !Nodes.hasConfigData(c)) {
        throw new CliFailure("syntax error: element does not exist");
      }
      i++;
      switch (c.kind()) {
        case ACTION:
          if (delete || !made.isEmpty()) {
            throw new CliFailure("syntax error: element does not exist");
          }
          actions.invoke(c, Nodes.plus(p, c, null), t, i, lines);
          return;
        case CONTAINER:
          p = Nodes.plus(p, c, null);
          node = c;
          endedAtNode = true;
          if (c.isPresence() && !delete) {
            made.add(new Edit(Trees.Op.MERGE, p, DataNode.of(c)));
          }
          break;
        case LIST:
          List<String> keys = new ArrayList<>();
          while (keys.size() < c.keys().size()) {
            if (i >= t.size()) {
              throw new CliFailure("syntax error: expecting " + c.keys().get(keys.size()));
            }
            keys.add(Values.value(c.child(c.keys().get(keys.size())), t.get(i++).text()));
          }
          p = Nodes.plus(p, c, keys);
          node = c;
          endedAtNode = true;
          if (!delete) {
            made.add(new Edit(Trees.Op.MERGE, p, DataNode.newEntry(c, keys)));
          }
          break;
        case LEAF:
          endedAtNode = false;
          if (c.isKey()) {
            throw new CliFailure("syntax error: element does not exist");
          }
          i = leaf(schema, node, c, Nodes.plus(p, c, null), t, i, delete, made);
          break;
        case LEAF_LIST:
          endedAtNode = false;
          i = leafList(schema, node, c, p, t, i, delete, made);
          break;
        default:
          throw new CliFailure("syntax error: element does not exist");
      }
    }
    if (delete && endedAtNode) {
      made.add(new Edit(Trees.Op.DELETE, p, null));
    }
    if (made.isEmpty() && !endedAtNode) {
      throw new CliFailure("syntax error: incomplete command");
    }
    candidate.apply(made);
    modes.settle(base.steps().size(), !delete && endedAtNode ? p : null);
  }

  private static int leaf(
      Schema schema,
      SchemaNode node,
      SchemaNode c,
      DataPath lp,
      List<Token> t,
      int i,
      boolean delete,
      List<Edit> made)
      throws CliFailure, CommandLines.SyntaxException {
    if (delete) {
      if (i < t.size() && Nodes.child(schema, node, t.get(i).text()) == null) {
        i++; // the old value may follow
      }
      made.add(new Edit(Trees.Op.DELETE, lp, null));
      return i;
    }
    DataNode leaf = DataNode.of(c);
    if (c.type() != null && c.type().isEmpty()) {
      leaf.setValue("");
    } else {
      if (i >= t.size()) {
        throw new CliFailure("syntax error: expecting " + c.name() + " value");
      }
      leaf.setValue(Values.value(c, t.get(i++).text()));
    }
    made.add(new Edit(Trees.Op.MERGE, lp, leaf));
    return i;
  }

  private static int leafList(
      Schema schema,
      SchemaNode node,
      SchemaNode c,
      DataPath p,
      List<Token> t,
      int i,
      boolean delete,
      List<Edit> made)
      throws CliFailure, CommandLines.SyntaxException {
    List<String> values = new ArrayList<>();
    if (delete) {
      if (i < t.size() && Nodes.child(schema, node, t.get(i).text()) == null) {
        i = Values.leafListValues(c, t, i, values);
      }
      if (values.isEmpty()) {
        made.add(new Edit(Trees.Op.DELETE, Nodes.plus(p, c, null), null));
      }
      for (String v : values) {
        made.add(new Edit(Trees.Op.DELETE, Nodes.plus(p, c, List.of(v)), null));
      }
      return i;
    }
    i = Values.leafListValues(c, t, i, values);
    DataNode ll = DataNode.of(c);
    values.forEach(ll::addValue);
    made.add(new Edit(Trees.Op.MERGE, Nodes.plus(p, c, null), ll));
    return i;
  }
}
