package dev.nsoha.sim.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
  private final Words words;

  ActionCommand(CliBackend backend, String user, Words words) {
    this.backend = backend;
    this.user = user;
    this.words = words;
  }

  /** Resolves {@code t[from..]} from the schema root to an action and invokes it. */
  void invokeByPath(List<Token> t, int from, List<String> lines)
      throws CliFailure, CommandLines.SyntaxException {
    SchemaNode root = backend.schema();
    if (root.match(t.get(from).text()) == null) {
      throw new CliFailure("syntax error: unknown command");
    }
    walkToAction(root, new ArrayList<>(), t, from, lines);
  }

  private void walkToAction(
      SchemaNode start, List<PathStep> base, List<Token> t, int from, List<String> lines)
      throws CliFailure, CommandLines.SyntaxException {
    SchemaNode cur = start;
    List<PathStep> p = new ArrayList<>(base);
    int i = from;
    while (i < t.size()) {
      Token tk = t.get(i++);
      SchemaNode c = cur.match(tk.text());
      if (tk.quoted() || c == null || c.isLeafy()) {
        throw new CliFailure("syntax error: element does not exist");
      }
      if (c.kind() == SchemaNode.Kind.ACTION) {
        p.add(PathStep.of(c.name()));
        invoke(c, p, t, i, lines);
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
        p.add(new PathStep(c.name(), keys));
      } else {
        p.add(PathStep.of(c.name()));
      }
      cur = c;
    }
    throw new CliFailure("syntax error: incomplete command");
  }

  void invoke(SchemaNode action, List<PathStep> p, List<Token> t, int from, List<String> lines)
      throws CliFailure, CommandLines.SyntaxException {
    ObjectNode input = Trees.F.objectNode();
    int end = parseInput(action.input(), t, from, input);
    if (end < t.size()) {
      throw new CliFailure("syntax error: unknown argument");
    }
    for (SchemaNode c : action.input().children()) {
      if (c.isMandatory() && !input.has(c.name())) {
        throw new CliFailure("syntax error: expecting " + c.name());
      }
    }
    boolean upgrade = isPackageReload(p, input);
    ObjectNode output;
    try {
      output = backend.invoke(user, p, input);
    } catch (CliException e) {
      throw new CliFailure("Error: " + e.getMessage());
    }
    if (upgrade) {
      lines.addAll(UPGRADE_START);
      lines.add(UPGRADE_DONE);
    }
    lines.addAll(ActionOutputRenderer.render(output));
  }

  private static boolean isPackageReload(List<PathStep> p, ObjectNode input) {
    List<String> names = new ArrayList<>();
    for (PathStep s : p) {
      names.add(s.name());
    }
    return names.equals(List.of("packages", "reload")) && !input.has("dry-run")
        || names.equals(List.of("packages", "ha", "sync")) && input.has("and-reload");
  }

  /**
   * Parses action input parameters until the end or an unmatched {@code }}; returns the index
   * reached.
   */
  private int parseInput(SchemaNode schema, List<Token> t, int from, ObjectNode into)
      throws CliFailure, CommandLines.SyntaxException {
    int i = from;
    while (i < t.size()) {
      Token tk = t.get(i);
      if (tk.is("}")) {
        return i;
      }
      SchemaNode c = tk.quoted() ? null : schema.match(tk.text());
      if (c == null) {
        throw new CliFailure("syntax error: unknown argument");
      }
      i++;
      switch (c.kind()) {
        case LEAF:
          if (c.type() == SchemaNode.Type.EMPTY) {
            into.set(c.name(), Trees.F.arrayNode().addNull());
          } else {
            if (i >= t.size() || t.get(i).is("}") || t.get(i).is("{")) {
              throw new CliFailure("syntax error: expecting " + c.name() + " value");
            }
            into.set(c.name(), words.value(c, t.get(i++).text()));
          }
          break;
        case LEAF_LIST:
          ArrayNode arr = Trees.F.arrayNode();
          i = words.leafListValues(c, t, i, arr);
          into.set(c.name(), arr);
          break;
        case CONTAINER:
          ObjectNode sub = into.putObject(c.name());
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
  static boolean isActionPath(SchemaNode root, List<Token> t) {
    SchemaNode cur = root;
    int i = 0;
    while (i < t.size()) {
      SchemaNode c = t.get(i).quoted() ? null : cur.match(t.get(i).text());
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
