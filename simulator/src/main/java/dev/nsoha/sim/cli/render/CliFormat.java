package dev.nsoha.sim.cli.render;

import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.InstanceIdentifier;
import dev.nsoha.sim.data.JsonCodec;
import dev.nsoha.sim.schema.LeafType;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import java.util.ArrayList;
import java.util.List;

/** How the CLI writes values and walks data: quoting, leaf texts, leaf-lists, child order. */
public final class CliFormat {

  private CliFormat() {}

  /**
   * Renders a value as the CLI prints it: double-quoted if empty, containing blanks, quotes,
   * backslashes, {@code ;} or {@code |}, or starting with {@code ! { [} (brackets inside a word,
   * as in {@code /ha-node[id='n1']}, stay unquoted).
   */
  public static String quote(String value) {
    boolean needs = value.isEmpty();
    for (int i = 0; i < value.length() && !needs; i++) {
      char c = value.charAt(i);
      needs =
          Character.isWhitespace(c)
              || c == '"'
              || c == '\\'
              || c == ';'
              || c == '|'
              || i == 0 && (c == '!' || c == '{' || c == '[')
              || value.equals("}")
              || value.equals("]");
    }
    if (!needs) {
      return value;
    }
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\t':
          b.append("\\t");
          break;
        default:
          b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /** Whether a leaf or leaf-list has type {@code empty}. */
  public static boolean isEmptyType(SchemaNode leaf) {
    return leaf.type() != null && leaf.type().isEmpty();
  }

  /** A value as its JSON scalar reads (identityrefs qualified by module name). */
  public static String json(SchemaNode leaf, String value) {
    return JsonCodec.scalarText(leaf, value);
  }

  /**
   * A leaf value as {@code show} prints it: identityrefs without their module, instance-identifiers
   * without prefixes where the namespace does not change ({@link InstanceIdentifier#cli}).
   */
  public static String shown(SchemaNode leaf, String value) {
    if (leaf.type() != null && InstanceIdentifier.TYPE.equals(leaf.type().name())) {
      return InstanceIdentifier.cli(value);
    }
    String t = json(leaf, value);
    if (leaf.type() != null
        && leaf.type().base() == LeafType.Base.IDENTITYREF
        && t.indexOf(':') > 0) {
      return t.substring(t.indexOf(':') + 1);
    }
    return t;
  }

  /** A leaf-list as {@code [ a b ]}, each value quoted as needed. */
  public static String leafList(DataNode leafList) {
    StringBuilder b = new StringBuilder("[");
    for (String v : leafList.values()) {
      b.append(' ').append(quote(json(leafList.schema(), v)));
    }
    return b.append(" ]").toString();
  }

  /**
   * The children of a data node in schema order; for the root, the top-level nodes in module load
   * order.
   */
  public static List<DataNode> children(Schema schema, DataNode n) {
    if (n.kind() != DataNode.Kind.ROOT) {
      return n.children();
    }
    List<DataNode> out = new ArrayList<>();
    for (SchemaNode top : schema.topNodes()) {
      DataNode c = n.child(top);
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  /** Whether {@code child} is a key leaf of the list entry {@code parent}. */
  public static boolean isKeyOf(DataNode parent, DataNode child) {
    return parent.kind() == DataNode.Kind.ENTRY && child.schema().isKey();
  }
}
