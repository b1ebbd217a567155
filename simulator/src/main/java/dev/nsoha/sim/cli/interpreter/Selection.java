package dev.nsoha.sim.cli.interpreter;

import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code show} path selects: schema nodes from the top, with list keys where given ({@code
 * *} matches any value), ending anywhere (a leaf ends it).
 */
final class Selection {

  /** One step: a schema node and, for a list, key values (null = all entries). */
  record Step(SchemaNode node, List<String> keys) {}

  private final List<Step> steps;

  private Selection(List<Step> steps) {
    this.steps = List.copyOf(steps);
  }

  /**
   * Parses a show path: names (abbreviations allowed), list keys (optional), a leaf at the end.
   *
   * @param config true for configuration (only nodes with configuration below them)
   */
  static Selection parse(Schema schema, List<Token> args, boolean config) throws CliFailure {
    List<Step> sel = new ArrayList<>();
    SchemaNode cur = null;
    int i = 0;
    while (i < args.size()) {
      Token tk = args.get(i);
      SchemaNode c = cur != null && cur.isLeafy() ? null : Nodes.match(schema, cur, tk.text());
      if (tk.quoted()
          || c == null
          || c.kind() == SchemaNode.Kind.ACTION
          || (config
              ? !Nodes.hasConfigData(c)
              : !Nodes.hasOperData(c) && !Nodes.hasConfigData(c))) {
        throw new CliFailure("syntax error: element does not exist");
      }
      i++;
      if (c.kind() == SchemaNode.Kind.LIST) {
        List<String> keys = new ArrayList<>();
        while (i < args.size() && keys.size() < c.keys().size()) {
          Token k = args.get(i);
          SchemaNode asChild = c.child(k.text());
          if (!k.quoted() && asChild != null && !asChild.isKey() && keys.isEmpty()) {
            break;
          }
          keys.add(k.text());
          i++;
        }
        sel.add(new Step(c, keys.isEmpty() ? null : keys));
      } else {
        sel.add(new Step(c, null));
      }
      cur = c;
    }
    return new Selection(sel);
  }

  /** The selected part of {@code root} as a new root, top-level nodes in schema order. */
  DataNode apply(Schema schema, DataNode root) {
    DataNode out = DataNode.root();
    for (SchemaNode top : schema.topNodes()) {
      DataNode c = root.child(top);
      if (c == null || !steps.isEmpty() && steps.get(0).node() != top) {
        continue;
      }
      DataNode p = steps.isEmpty() ? c.copy() : prune(c, 0);
      if (p != null) {
        out.put(p);
      }
    }
    return out;
  }

  /** Narrows {@code n} (the data of {@code steps[i]}) to the rest of the selection. */
  private DataNode prune(DataNode n, int i) {
    Step s = steps.get(i);
    boolean last = i + 1 == steps.size();
    switch (n.kind()) {
      case CONTAINER:
        {
          if (last) {
            return n.copy();
          }
          DataNode c = n.child(steps.get(i + 1).node());
          DataNode sub = c == null ? null : prune(c, i + 1);
          if (sub == null) {
            return null;
          }
          DataNode out = DataNode.of(n.schema());
          out.put(sub);
          return out;
        }
      case LIST:
        {
          DataNode out = DataNode.of(n.schema());
          for (DataNode e : n.entries()) {
            if (!matches(e, s.keys())) {
              continue;
            }
            if (last) {
              out.putEntry(e.copy());
              continue;
            }
            DataNode c = e.child(steps.get(i + 1).node());
            DataNode sub = c == null ? null : prune(c, i + 1);
            if (sub == null) {
              continue;
            }
            DataNode pe = DataNode.newEntry(n.schema(), e.keyValues());
            pe.put(sub);
            out.putEntry(pe);
          }
          return out.isEmpty() ? null : out;
        }
      default:
        return n.copy();
    }
  }

  private static boolean matches(DataNode entry, List<String> keys) {
    if (keys == null) {
      return true;
    }
    List<String> have = entry.keyValues();
    for (int k = 0; k < keys.size() && k < have.size(); k++) {
      if (!keys.get(k).equals("*") && !keys.get(k).equals(have.get(k))) {
        return false;
      }
    }
    return true;
  }
}
