package dev.nsoha.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code commit dry-run} output: the change between running and candidate configuration in
 * NSO's curly-brace notation with {@code +}/{@code -} markers, wrapped in {@code cli { local-node {
 * data ... } } }.
 */
final class DiffRenderer {

  private static final String DATA_PREFIX = "        data ";
  private static final String CONT_PREFIX = " ".repeat(DATA_PREFIX.length());

  private DiffRenderer() {}

  /** The diff lines (marker + indentation + text) between two trees keyed by top-level name. */
  static List<String> diff(SchemaNode root, JsonNode before, JsonNode after) {
    List<String> out = new ArrayList<>();
    JsonNode empty = JsonNodeFactory.instance.objectNode();
    children(root, before == null ? empty : before, after == null ? empty : after, 0, out);
    return out;
  }

  /**
   * J-style curly-brace rendering of a whole tree (keyed by top-level name), as {@code show
   * configuration}.
   */
  static List<String> curly(SchemaNode root, JsonNode data) {
    List<String> out = new ArrayList<>();
    for (String l : diff(root, null, data)) {
      out.add(l.substring(1));
    }
    return out;
  }

  /** Wraps diff lines into the dry-run block. */
  static List<String> dryRun(List<String> diff) {
    List<String> out = new ArrayList<>();
    out.add("cli {");
    out.add("    local-node {");
    for (int i = 0; i < diff.size(); i++) {
      out.add((i == 0 ? DATA_PREFIX : CONT_PREFIX) + diff.get(i));
    }
    out.add("    }");
    out.add("}");
    return out;
  }

  private static void children(
      SchemaNode schema, JsonNode before, JsonNode after, int depth, List<String> out) {
    for (SchemaNode c : schema.children()) {
      if (schema.kind() == SchemaNode.Kind.LIST && schema.isKey(c.name())) {
        continue;
      }
      JsonNode b = before == null ? null : before.get(c.name());
      JsonNode a = after == null ? null : after.get(c.name());
      if (Objects.equals(a, b)) {
        continue;
      }
      switch (c.kind()) {
        case LEAF:
        case LEAF_LIST:
          if (b != null) {
            out.add(line('-', depth, leaf(c, b)));
          }
          if (a != null) {
            out.add(line('+', depth, leaf(c, a)));
          }
          break;
        case CONTAINER:
          if (b == null || a == null) {
            whole(c, c.name(), a == null ? b : a, a == null ? '-' : '+', depth, out);
          } else {
            out.add(line(' ', depth, c.name() + " {"));
            children(c, b, a, depth + 1, out);
            out.add(line(' ', depth, "}"));
          }
          break;
        case LIST:
          listDiff(c, b, a, depth, out);
          break;
        default:
          break;
      }
    }
  }

  private static void listDiff(
      SchemaNode list, JsonNode before, JsonNode after, int depth, List<String> out) {
    if (before != null) {
      for (JsonNode e : before) {
        if (Trees.findEntry(list, after, Trees.keyTexts(list, e)) == null) {
          whole(list, header(list, e), e, '-', depth, out);
        }
      }
    }
    if (after != null) {
      for (JsonNode e : after) {
        JsonNode old = Trees.findEntry(list, before, Trees.keyTexts(list, e));
        if (old == null) {
          whole(list, header(list, e), e, '+', depth, out);
        } else if (!old.equals(e)) {
          out.add(line(' ', depth, header(list, e) + " {"));
          children(list, old, e, depth + 1, out);
          out.add(line(' ', depth, "}"));
        }
      }
    }
  }

  private static void whole(
      SchemaNode schema, String head, JsonNode data, char mark, int depth, List<String> out) {
    out.add(line(mark, depth, head + " {"));
    for (SchemaNode c : schema.children()) {
      if (schema.kind() == SchemaNode.Kind.LIST && schema.isKey(c.name())) {
        continue;
      }
      JsonNode v = data.get(c.name());
      if (v == null) {
        continue;
      }
      switch (c.kind()) {
        case LEAF:
        case LEAF_LIST:
          out.add(line(mark, depth + 1, leaf(c, v)));
          break;
        case CONTAINER:
          whole(c, c.name(), v, mark, depth + 1, out);
          break;
        case LIST:
          for (JsonNode e : v) {
            whole(c, header(c, e), e, mark, depth + 1, out);
          }
          break;
        default:
          break;
      }
    }
    out.add(line(mark, depth, "}"));
  }

  private static String header(SchemaNode list, JsonNode entry) {
    StringBuilder b = new StringBuilder(list.name());
    for (String k : Trees.keyTexts(list, entry)) {
      b.append(' ').append(CommandLines.quote(k));
    }
    return b.toString();
  }

  private static String leaf(SchemaNode c, JsonNode v) {
    if (DataRenderer.isEmptyValue(v)) {
      return c.name() + ";";
    }
    if (c.kind() == SchemaNode.Kind.LEAF_LIST) {
      return c.name() + " " + DataRenderer.leafList(v) + ";";
    }
    return c.name() + " " + CommandLines.quote(DataRenderer.text(v)) + ";";
  }

  private static String line(char mark, int depth, String text) {
    return mark + "    ".repeat(depth) + text;
  }
}
