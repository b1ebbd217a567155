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

  /** Renders the entries of a list node as table lines ({@code | tab}). */
  public static List<String> render(DataNode list) {
    Table t = table(list);
    List<String> out = new ArrayList<>();
    StringBuilder h = new StringBuilder();
    int total = 0;
    int[] width = new int[t.headers().size()];
    for (int j = 0; j < width.length; j++) {
      int w = t.headers().get(j).length();
      for (List<String> r : t.rows()) {
        w = Math.max(w, r.get(j).length());
      }
      width[j] = w + 2;
      h.append(pad(t.headers().get(j).toUpperCase(Locale.ROOT), width[j]));
      total += width[j];
    }
    out.add(h.toString());
    out.add("-".repeat(total));
    rows(t, width, out);
    return out;
  }

  /**
   * Renders the entries of a list node as the J-style CLI's {@code show} prints them: headers are
   * the leaf names in upper case with blanks for dashes ({@code SERIAL NUMBER}); a column is as
   * wide as its longest value or its longest header word, plus two blanks, and a header that does
   * not fit is broken between words over several lines, aligned at the bottom.
   */
  public static List<String> renderJ(DataNode list) {
    Table t = table(list);
    int n = t.headers().size();
    int[] width = new int[n];
    List<List<String>> headerLines = new ArrayList<>();
    int depth = 1;
    for (int j = 0; j < n; j++) {
      String[] words = t.headers().get(j).toUpperCase(Locale.ROOT).split("-");
      int w = 0;
      for (String word : words) {
        w = Math.max(w, word.length());
      }
      for (List<String> r : t.rows()) {
        w = Math.max(w, r.get(j).length());
      }
      List<String> lines = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      for (String word : words) {
        if (cur.length() > 0 && cur.length() + 1 + word.length() > w) {
          lines.add(cur.toString());
          cur.setLength(0);
        }
        if (cur.length() > 0) {
          cur.append(' ');
        }
        cur.append(word);
      }
      lines.add(cur.toString());
      headerLines.add(lines);
      depth = Math.max(depth, lines.size());
      width[j] = w + 2;
    }
    List<String> out = new ArrayList<>();
    int total = 0;
    for (int w : width) {
      total += w;
    }
    for (int line = 0; line < depth; line++) {
      StringBuilder h = new StringBuilder();
      for (int j = 0; j < n; j++) {
        List<String> lines = headerLines.get(j);
        int at = line - (depth - lines.size());
        h.append(pad(at < 0 ? "" : lines.get(at), width[j]));
      }
      out.add(h.toString());
    }
    out.add("-".repeat(total));
    rows(t, width, out);
    return out;
  }

  private record Table(List<String> headers, List<List<String>> rows) {}

  private static Table table(DataNode list) {
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
    List<List<String>> all = new ArrayList<>();
    for (DataNode e : list.entries()) {
      List<String> row = new ArrayList<>();
      for (Column col : columns) {
        row.add(cell(e, col.path()));
      }
      all.add(row);
    }
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      boolean any = i < ls.keys().size();
      for (List<String> r : all) {
        any |= !r.get(i).isEmpty();
      }
      if (any) {
        keep.add(i);
      }
    }
    List<String> headers = new ArrayList<>();
    for (int i : keep) {
      headers.add(columns.get(i).header());
    }
    List<List<String>> rows = new ArrayList<>();
    for (List<String> r : all) {
      List<String> kept = new ArrayList<>();
      for (int i : keep) {
        kept.add(r.get(i));
      }
      rows.add(kept);
    }
    return new Table(headers, rows);
  }

  private static void rows(Table t, int[] width, List<String> out) {
    for (List<String> r : t.rows()) {
      StringBuilder b = new StringBuilder();
      for (int j = 0; j < width.length; j++) {
        b.append(pad(r.get(j), width[j]));
      }
      out.add(b.toString());
    }
    out.add("");
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
