package dev.nsoha.sim.cli.render;

import dev.nsoha.sim.data.DataNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders an action's output as NSO's CLI does: one {@code name value} line per leaf (values
 * unquoted), {@code name} alone for an empty leaf, and {@code name { ... }} blocks (contents
 * indented by four blanks) for containers and for each list entry.
 */
public final class ActionOutputRenderer {

  private ActionOutputRenderer() {}

  /** Renders the output node's children (none: no lines). */
  public static List<String> render(DataNode output) {
    List<String> out = new ArrayList<>();
    members(output, "", out);
    return out;
  }

  private static void members(DataNode n, String indent, List<String> out) {
    for (DataNode c : n.children()) {
      String name = c.schema().name();
      switch (c.kind()) {
        case LEAF ->
            out.add(
                CliFormat.isEmptyType(c.schema())
                    ? indent + name
                    : indent + name + " " + CliFormat.json(c.schema(), c.value()));
        case LEAF_LIST -> out.add(indent + name + " " + CliFormat.leafList(c));
        case LIST -> {
          for (DataNode e : c.entries()) {
            block(name, e, indent, out);
          }
        }
        default -> block(name, c, indent, out);
      }
    }
  }

  private static void block(String name, DataNode n, String indent, List<String> out) {
    out.add(indent + name + " {");
    members(n, indent + "    ", out);
    out.add(indent + "}");
  }
}
