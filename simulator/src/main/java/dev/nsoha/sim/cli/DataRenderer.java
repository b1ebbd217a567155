package dev.nsoha.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

  private final boolean config;
  private final boolean tables;

  private DataRenderer(boolean config, boolean tables) {
    this.config = config;
    this.tables = tables;
  }

  /**
   * Renders a whole selection.
   *
   * @param root schema root
   * @param data object keyed by top-level node name
   * @param config true for configuration rendering ({@code !} after list entries)
   * @param tables true to print lists as tables ({@code | tab})
   */
  public static List<String> render(
      SchemaNode root, ObjectNode data, boolean config, boolean tables) {
    DataRenderer r = new DataRenderer(config, tables);
    List<Item> items = new ArrayList<>();
    r.body(root, data, "", 0, items);
    List<String> out = new ArrayList<>();
    emit(items, false, out);
    return out;
  }

  private sealed interface Item permits LeafItem, RawItem, GroupItem {}

  private record LeafItem(int indent, String label, String value) implements Item {}

  private record RawItem(String line) implements Item {}

  private record GroupItem(List<Item> items) implements Item {}

  private void body(SchemaNode schema, JsonNode data, String prefix, int indent, List<Item> items) {
    for (SchemaNode child : schema.children()) {
      JsonNode v = data.get(child.name());
      if (v == null || child.kind() == SchemaNode.Kind.ACTION) {
        continue;
      }
      if (indent > 0 && schema.kind() == SchemaNode.Kind.LIST && schema.isKey(child.name())) {
        continue;
      }
      String label = prefix.isEmpty() ? child.name() : prefix + " " + child.name();
      switch (child.kind()) {
        case LEAF:
          items.add(
              new LeafItem(
                  indent, label, isEmptyValue(v) ? null : CommandLines.quote(text(child, v))));
          break;
        case LEAF_LIST:
          items.add(new LeafItem(indent, label, leafList(v)));
          break;
        case CONTAINER:
          int before = items.size();
          body(child, v, label, indent, items);
          if (items.size() == before && child.isPresence()) {
            items.add(new LeafItem(indent, label, null));
          }
          break;
        case LIST:
          if (tables) {
            for (String line : TableRenderer.render(child, v)) {
              items.add(new RawItem(line));
            }
          } else {
            list(child, v, label, indent, items);
          }
          break;
        default:
          break;
      }
    }
  }

  private void list(SchemaNode list, JsonNode entries, String label, int indent, List<Item> items) {
    String pad = " ".repeat(indent);
    for (JsonNode entry : entries) {
      StringBuilder header = new StringBuilder(pad).append(label);
      for (String k : list.keys()) {
        JsonNode kv = entry.get(k);
        header.append(' ').append(kv == null ? "" : CommandLines.quote(text(list.child(k), kv)));
      }
      items.add(new RawItem(header.toString()));
      List<Item> group = new ArrayList<>();
      body(list, entry, "", indent + 1, group);
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

  /** The CLI text of a scalar JSON value (no quoting). */
  public static String text(JsonNode v) {
    if (v == null || v.isNull()) {
      return "";
    }
    if (v.isArray()) {
      return isEmptyValue(v) ? "" : v.toString();
    }
    return v.asText();
  }

  /** The CLI text of a leaf value: identityrefs lose their module prefix. */
  public static String text(SchemaNode leaf, JsonNode v) {
    String t = text(v);
    if (leaf != null && leaf.type() == SchemaNode.Type.IDENTITYREF && t.indexOf(':') > 0) {
      return t.substring(t.indexOf(':') + 1);
    }
    return t;
  }

  /** True for the RFC 7951 value of an empty leaf, {@code [null]}. */
  public static boolean isEmptyValue(JsonNode v) {
    return v.isArray() && v.size() == 1 && v.get(0).isNull() || v.isNull();
  }

  static String leafList(JsonNode v) {
    StringBuilder b = new StringBuilder("[");
    if (v.isArray()) {
      for (JsonNode e : v) {
        b.append(' ').append(CommandLines.quote(text(e)));
      }
    } else {
      b.append(' ').append(CommandLines.quote(text(v)));
    }
    return b.append(" ]").toString();
  }
}
