package dev.nsoha.sim.cli.render;

import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import java.util.ArrayList;
import java.util.List;

/**
 * NSO's curly-brace notation: the {@code commit dry-run} output (the change between running and
 * candidate configuration with {@code +}/{@code -} markers, wrapped in {@code cli { local-node {
 * data ... } } }) and the J-style {@code show configuration} rendering.
 */
public final class DiffRenderer {

  private static final String DATA_PREFIX = "        data ";
  private static final String CONT_PREFIX = " ".repeat(DATA_PREFIX.length());

  private DiffRenderer() {}

  /** The diff lines (marker + indentation + text) between two roots (either may be null). */
  public static List<String> diff(Schema schema, DataNode before, DataNode after) {
    List<String> out = new ArrayList<>();
    children(
        schema,
        before == null ? DataNode.root() : before,
        after == null ? DataNode.root() : after,
        0,
        out);
    return out;
  }

  /** J-style curly-brace rendering of a whole tree, as {@code show configuration} prints it. */
  public static List<String> curly(Schema schema, DataNode root) {
    List<String> out = new ArrayList<>();
    for (String l : diff(schema, null, root)) {
      out.add(l.substring(1));
    }
    return out;
  }

  /** Wraps diff lines into the dry-run block. */
  public static List<String> dryRun(List<String> diff) {
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

  /** The children of both nodes, in schema order, paired by schema node (keys left out). */
  private static List<SchemaNode> union(Schema schema, DataNode before, DataNode after) {
    List<SchemaNode> out = new ArrayList<>();
    DataNode any = before != null ? before : after;
    if (any.kind() == DataNode.Kind.ROOT) {
      out.addAll(schema.topNodes());
    } else {
      for (SchemaNode c : any.schema().dataChildren()) {
        if (!(any.kind() == DataNode.Kind.ENTRY && c.isKey())) {
          out.add(c);
        }
      }
    }
    return out;
  }

  private static void children(
      Schema schema, DataNode before, DataNode after, int depth, List<String> out) {
    for (SchemaNode c : union(schema, before, after)) {
      DataNode b = before == null ? null : before.child(c);
      DataNode a = after == null ? null : after.child(c);
      if (b == null && a == null || b != null && b.contentEquals(a)) {
        continue;
      }
      switch (c.kind()) {
        case LEAF:
        case LEAF_LIST:
          if (b != null) {
            out.add(line('-', depth, leaf(b)));
          }
          if (a != null) {
            out.add(line('+', depth, leaf(a)));
          }
          break;
        case CONTAINER:
          if (b == null || a == null) {
            whole(schema, c.name(), a == null ? b : a, a == null ? '-' : '+', depth, out);
          } else {
            out.add(line(' ', depth, c.name() + " {"));
            children(schema, b, a, depth + 1, out);
            out.add(line(' ', depth, "}"));
          }
          break;
        case LIST:
          listDiff(schema, b, a, depth, out);
          break;
        default:
          break;
      }
    }
  }

  private static void listDiff(
      Schema schema, DataNode before, DataNode after, int depth, List<String> out) {
    if (before != null) {
      for (DataNode e : before.entries()) {
        if (after == null || after.entry(e.keyValues()) == null) {
          whole(schema, header(e), e, '-', depth, out);
        }
      }
    }
    if (after != null) {
      for (DataNode e : after.entries()) {
        DataNode old = before == null ? null : before.entry(e.keyValues());
        if (old == null) {
          whole(schema, header(e), e, '+', depth, out);
        } else if (!old.contentEquals(e)) {
          out.add(line(' ', depth, header(e) + " {"));
          children(schema, old, e, depth + 1, out);
          out.add(line(' ', depth, "}"));
        }
      }
    }
  }

  private static void whole(
      Schema schema, String head, DataNode data, char mark, int depth, List<String> out) {
    out.add(line(mark, depth, head + " {"));
    for (DataNode c : CliFormat.children(schema, data)) {
      if (CliFormat.isKeyOf(data, c)) {
        continue;
      }
      switch (c.kind()) {
        case LEAF:
        case LEAF_LIST:
          out.add(line(mark, depth + 1, leaf(c)));
          break;
        case CONTAINER:
          whole(schema, c.schema().name(), c, mark, depth + 1, out);
          break;
        case LIST:
          for (DataNode e : c.entries()) {
            whole(schema, header(e), e, mark, depth + 1, out);
          }
          break;
        default:
          break;
      }
    }
    out.add(line(mark, depth, "}"));
  }

  private static String header(DataNode entry) {
    SchemaNode list = entry.schema();
    StringBuilder b = new StringBuilder(list.name());
    for (String k : list.keys()) {
      b.append(' ').append(CliFormat.quote(CliFormat.json(list.child(k), entry.leaf(k))));
    }
    return b.toString();
  }

  private static String leaf(DataNode n) {
    String name = n.schema().name();
    if (CliFormat.isEmptyType(n.schema())) {
      return name + ";";
    }
    if (n.kind() == DataNode.Kind.LEAF_LIST) {
      return name + " " + CliFormat.leafList(n) + ";";
    }
    return name + " " + CliFormat.quote(CliFormat.json(n.schema(), n.value())) + ";";
  }

  private static String line(char mark, int depth, String text) {
    return mark + "    ".repeat(depth) + text;
  }
}
