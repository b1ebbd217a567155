package dev.nsoha.sim.cli.interpreter;

import dev.nsoha.sim.cli.render.ActionOutputRenderer;
import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.data.NodeRefusal;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Action invocation from a command line: resolves the words to an action in the schema (through
 * containers and keyed list entries), parses the input parameters ({@code leaf value}, empty leaves
 * by name, {@code [ … ]} leaf-lists, {@code container { … }} blocks), invokes it and renders the
 * output. A successful {@code packages reload} or {@code packages ha sync and-reload} is preceded
 * by NSO's {@code >>> System upgrade} banner lines.
 */
final class ActionCommand {

  private static final List<String> UPGRADE_START =
      List.of(
          ">>> System upgrade is starting.",
          ">>> Sessions in configure mode must exit to operational mode.",
          ">>> No configuration changes can be performed until upgrade has completed.");
  private static final String UPGRADE_DONE = ">>> System upgrade has completed successfully.";

  private final CliBackend backend;
  private final String user;

  ActionCommand(CliBackend backend, String user) {
    this.backend = backend;
    this.user = user;
  }

  /** Resolves {@code t[from..]} from the schema root to an action and invokes it. */
  void invokeByPath(List<Token> t, int from, List<String> lines)
      throws CliFailure, CommandLines.SyntaxException {
    Schema schema = backend.schema();
    if (Nodes.match(schema, null, t.get(from).text()) == null) {
      throw new CliFailure("syntax error: unknown command");
    }
    SchemaNode cur = null;
    DataPath p = DataPath.ROOT;
    int i = from;
    while (i < t.size()) {
      Token tk = t.get(i++);
      SchemaNode c = Nodes.match(schema, cur, tk.text());
      if (tk.quoted() || c == null || c.isLeafy()) {
        throw new CliFailure("syntax error: element does not exist");
      }
      if (c.kind() == SchemaNode.Kind.ACTION) {
        invoke(c, Nodes.plus(p, c, null), t, i, lines);
        return;
      }
      if (c.kind() == SchemaNode.Kind.LIST) {
        List<String> keys = new ArrayList<>();
        while (keys.size() < c.keys().size()) {
          if (i >= t.size()) {
            throw new CliFailure("syntax error: expecting " + c.keys().get(keys.size()));
          }
          keys.add(t.get(i++).text());
        }
        p = Nodes.plus(p, c, keys);
      } else {
        p = Nodes.plus(p, c, null);
      }
      cur = c;
    }
    throw new CliFailure("syntax error: incomplete command");
  }

  /** Parses the parameters {@code t[from..]} of an action at {@code path} and invokes it. */
  void invoke(SchemaNode action, DataPath path, List<Token> t, int from, List<String> lines)
      throws CliFailure, CommandLines.SyntaxException {
    SchemaNode inputSchema = action.child("input");
    DataNode input = DataNode.of(inputSchema);
    int end = parseInput(inputSchema, t, from, input);
    if (end < t.size()) {
      throw new CliFailure("syntax error: unknown argument");
    }
    for (SchemaNode c : inputSchema.children()) {
      if (c.isMandatory() && input.child(c) == null) {
        throw new CliFailure("syntax error: expecting " + c.name());
      }
    }
    boolean upgrade = isPackageReload(path, input);
    DataNode output;
    try {
      output = backend.invoke(user, path, input);
    } catch (NodeRefusal e) {
      throw new CliFailure("Error: " + e.getMessage());
    }
    if (upgrade) {
      lines.addAll(UPGRADE_START);
      lines.add(UPGRADE_DONE);
    }
    lines.addAll(ActionOutputRenderer.render(output));
  }

  private static boolean isPackageReload(DataPath p, DataNode input) {
    List<String> names = new ArrayList<>();
    for (DataPath.Step s : p.steps()) {
      names.add(s.name());
    }
    return names.equals(List.of("packages", "reload")) && input.child("dry-run") == null
        || names.equals(List.of("packages", "ha", "sync")) && input.child("and-reload") != null;
  }

  /**
   * Parses action input parameters until the end or an unmatched {@code }}; returns the index
   * reached.
   */
  private static int parseInput(SchemaNode schema, List<Token> t, int from, DataNode into)
      throws CliFailure, CommandLines.SyntaxException {
    int i = from;
    while (i < t.size()) {
      Token tk = t.get(i);
      if (tk.is("}")) {
        return i;
      }
      SchemaNode c = tk.quoted() ? null : Nodes.match(null, schema, tk.text());
      if (c == null) {
        throw new CliFailure("syntax error: unknown argument");
      }
      i++;
      switch (c.kind()) {
        case LEAF:
          if (c.type() != null && c.type().isEmpty()) {
            into.getOrCreate(c).setValue("");
          } else {
            if (i >= t.size() || t.get(i).is("}") || t.get(i).is("{")) {
              throw new CliFailure("syntax error: expecting " + c.name() + " value");
            }
            into.getOrCreate(c).setValue(Values.value(c, t.get(i++).text()));
          }
          break;
        case LEAF_LIST:
          List<String> values = new ArrayList<>();
          i = Values.leafListValues(c, t, i, values);
          DataNode ll = DataNode.of(c);
          values.forEach(ll::addValue);
          into.put(ll);
          break;
        case CONTAINER:
          DataNode sub = into.getOrCreate(c);
          if (i < t.size() && t.get(i).is("{")) {
            i = parseInput(c, t, i + 1, sub);
            if (i >= t.size() || !t.get(i).is("}")) {
              throw new CliFailure("syntax error: expecting }");
            }
            i++;
          }
          break;
        default:
          throw new CliFailure("syntax error: unknown argument");
      }
    }
    return i;
  }

  /**
   * True if the words name an action from the schema root (then they run as in operational mode).
   */
  static boolean isActionPath(Schema schema, List<Token> t) {
    SchemaNode cur = null;
    int i = 0;
    while (i < t.size()) {
      SchemaNode c = t.get(i).quoted() ? null : Nodes.match(schema, cur, t.get(i).text());
      if (c == null || c.isLeafy()) {
        return false;
      }
      if (c.kind() == SchemaNode.Kind.ACTION) {
        return true;
      }
      i += 1 + (c.kind() == SchemaNode.Kind.LIST ? c.keys().size() : 0);
      cur = c;
    }
    return false;
  }
}
