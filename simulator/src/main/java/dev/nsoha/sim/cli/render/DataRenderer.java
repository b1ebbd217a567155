package dev.nsoha.sim.cli.render;

import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Renders data trees the way NSO's C-style CLI prints {@code show running-config} and operational
 * {@code show} output.
 *
 * <ul>
 *   <li>Outside list entries every leaf is one line carrying its whole path ({@code
 *       high-availability settings reconnect-interval 3}); no padding.
 *   <li>A list entry is a header line with the path and keys, then its leaves indented by one blank
 *       per level with the names padded to a common width, then {@code !} (configuration only).
 *   <li>Values with blanks or special characters are double-quoted; leaf-lists print as {@code [ a
 *       b ]}; empty leaves print their name only.
 *   <li>With tables on, lists print as a table (see {@link TableRenderer}) instead.
 * </ul>
 */
public final class DataRenderer {

  private final Schema schema;
  private final boolean config;
  private final boolean tables;
  private final Predicate<SchemaNode> jTables;

  private DataRenderer(
      Schema schema, boolean config, boolean tables, Predicate<SchemaNode> jTables) {
    this.schema = schema;
    this.config = config;
    this.tables = tables;
    this.jTables = jTables;
  }

  /**
   * Renders a whole selection.
   *
   * @param schema the node's schema
   * @param root the data (a root node)
   * @param config true for configuration rendering ({@code !} after list entries)
   * @param tables true to print lists as tables ({@code | tab})
   */
  public static List<String> render(Schema schema, DataNode root, boolean config, boolean tables) {
    return render(schema, root, config, tables, l -> false);
  }

  /**
   * Renders a whole selection; lists that {@code jTables} accepts print as the J-style CLI's tables
   * (see {@link TableRenderer#renderJ}) when tables are off.
   */
  public static List<String> render(
      Schema schema, DataNode root, boolean config, boolean tables, Predicate<SchemaNode> jTables) {
    DataRenderer r = new DataRenderer(schema, config, tables, jTables);
    List<Item> items = new ArrayList<>();
    r.body(root, "", 0, items);
    List<String> out = new ArrayList<>();
    emit(items, false, out);
    return out;
  }

  private sealed interface Item permits LeafItem, RawItem, GroupItem {}

  private record LeafItem(int indent, String label, String value) implements Item {}

  private record RawItem(String line) implements Item {}

  private record GroupItem(List<Item> items) implements Item {}

  private void body(DataNode data, String prefix, int indent, List<Item> items) {
    for (DataNode child : CliFormat.children(schema, data)) {
      if (CliFormat.isKeyOf(data, child)) {
        continue;
      }
      String name = child.schema().name();
      String label = prefix.isEmpty() ? name : prefix + " " + name;
      switch (child.kind()) {
        case LEAF:
          items.add(
              new LeafItem(
                  indent,
                  label,
                  CliFormat.isEmptyType(child.schema())
                      ? null
                      : CliFormat.quote(CliFormat.shown(child.schema(), child.value()))));
          break;
        case LEAF_LIST:
          items.add(new LeafItem(indent, label, CliFormat.leafList(child)));
          break;
        case CONTAINER:
          int before = items.size();
          body(child, label, indent, items);
          if (items.size() == before && child.schema().isPresence()) {
            items.add(new LeafItem(indent, label, null));
          }
          break;
        case LIST:
          if (tables) {
            for (String line : TableRenderer.render(child)) {
              items.add(new RawItem(line));
            }
          } else if (jTables.test(child.schema())) {
            for (String line : TableRenderer.renderJ(child)) {
              items.add(new RawItem(line));
            }
          } else {
            list(child, label, indent, items);
          }
          break;
        default:
          break;
      }
    }
  }

  private void list(DataNode list, String label, int indent, List<Item> items) {
    String pad = " ".repeat(indent);
    for (DataNode entry : list.entries()) {
      StringBuilder header = new StringBuilder(pad).append(label);
      for (String k : list.schema().keys()) {
        String kv = entry.leaf(k);
        header
            .append(' ')
            .append(kv == null ? "" : CliFormat.quote(CliFormat.shown(list.schema().child(k), kv)));
      }
      items.add(new RawItem(header.toString()));
      List<Item> group = new ArrayList<>();
      body(entry, "", indent + 1, group);
      items.add(new GroupItem(group));
      if (config) {
        items.add(new RawItem(pad + "!"));
      }
    }
  }

  private static void emit(List<Item> items, boolean padded, List<String> out) {
    int width = 0;
    if (padded) {
      for (Item it : items) {
        if (it instanceof LeafItem l && l.value() != null) {
          width = Math.max(width, l.label().length());
        }
      }
    }
    for (Item it : items) {
      if (it instanceof LeafItem l) {
        StringBuilder b = new StringBuilder(" ".repeat(l.indent()));
        if (l.value() == null) {
          b.append(l.label());
        } else if (padded) {
          b.append(String.format(Locale.ROOT, "%-" + width + "s", l.label()))
              .append(' ')
              .append(l.value());
        } else {
          b.append(l.label()).append(' ').append(l.value());
        }
        out.add(b.toString());
      } else if (it instanceof RawItem r) {
        out.add(r.line());
      } else if (it instanceof GroupItem g) {
        emit(g.items(), true, out);
      }
    }
  }
}
