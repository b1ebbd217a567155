package dev.nsoha.sim.cli.render;

import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.schema.SchemaNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a list as an NSO CLI table: upper-case headers, every column as wide as its longest cell
 * (header included) plus two blanks, rows keep their trailing blanks, a dash line as wide as the
 * whole table under the header, and a blank line after the table.
 *
 * <p>Columns are the list's leaves and leaf-lists (keys first, in YANG order) and the leaves of its
 * direct child containers; nested lists are left out. Columns without any value are dropped.
 */
public final class TableRenderer {

  private TableRenderer() {}

  private record Column(String header, List<SchemaNode> path) {}

  /** Renders the entries of a list node as table lines. */
  public static List<String> render(DataNode list) {
    SchemaNode ls = list.schema();
    List<Column> columns = new ArrayList<>();
    for (String k : ls.keys()) {
      columns.add(new Column(k, List.of(ls.child(k))));
    }
    for (SchemaNode c : ls.children()) {
      if (c.isKey()) {
        continue;
      }
      if (c.isLeafy()) {
        columns.add(new Column(c.name(), List.of(c)));
      } else if (c.kind() == SchemaNode.Kind.CONTAINER) {
        for (SchemaNode cc : c.children()) {
          if (cc.isLeafy()) {
            columns.add(new Column(cc.name(), List.of(c, cc)));
          }
        }
      }
    }
    List<List<String>> rows = new ArrayList<>();
    for (DataNode e : list.entries()) {
      List<String> row = new ArrayList<>();
      for (Column col : columns) {
        row.add(cell(e, col.path()));
      }
      rows.add(row);
    }
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      boolean any = i < ls.keys().size();
      for (List<String> r : rows) {
        any |= !r.get(i).isEmpty();
      }
      if (any) {
        keep.add(i);
      }
    }
    int[] width = new int[keep.size()];
    for (int j = 0; j < keep.size(); j++) {
      int w = columns.get(keep.get(j)).header().length();
      for (List<String> r : rows) {
        w = Math.max(w, r.get(keep.get(j)).length());
      }
      width[j] = w + 2;
    }
    List<String> out = new ArrayList<>();
    StringBuilder h = new StringBuilder();
    int total = 0;
    for (int j = 0; j < keep.size(); j++) {
      h.append(pad(columns.get(keep.get(j)).header().toUpperCase(Locale.ROOT), width[j]));
      total += width[j];
    }
    out.add(h.toString());
    out.add("-".repeat(total));
    for (List<String> r : rows) {
      StringBuilder b = new StringBuilder();
      for (int j = 0; j < keep.size(); j++) {
        b.append(pad(r.get(keep.get(j)), width[j]));
      }
      out.add(b.toString());
    }
    out.add("");
    return out;
  }

  private static String cell(DataNode entry, List<SchemaNode> path) {
    DataNode v = entry;
    for (SchemaNode p : path) {
      v = v == null ? null : v.child(p);
    }
    if (v == null) {
      return "";
    }
    if (CliFormat.isEmptyType(v.schema())) {
      return "X";
    }
    if (v.kind() == DataNode.Kind.LEAF_LIST) {
      return CliFormat.leafList(v);
    }
    return CliFormat.quote(CliFormat.json(v.schema(), v.value()));
  }

  private static String pad(String s, int w) {
    return String.format(Locale.ROOT, "%-" + w + "s", s);
  }
}
