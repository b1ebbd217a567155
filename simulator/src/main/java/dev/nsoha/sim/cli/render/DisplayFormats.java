package dev.nsoha.sim.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.JsonCodec;
import dev.nsoha.sim.schema.Schema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code | display json} and {@code | display xml}. JSON is RFC 7951 ({@link JsonCodec}) wrapped in
 * {@code {"data":{...}}}, two-blank indentation. XML is wrapped in NSO's {@code <config
 * xmlns="http://tail-f.com/ns/config/1.0">} with a namespace on each top-level element and wherever
 * the module changes.
 */
public final class DisplayFormats {

  private static final String CONFIG_NS = "http://tail-f.com/ns/config/1.0";

  private DisplayFormats() {}

  /** Renders a root as NSO's {@code display json}. */
  public static List<String> json(Schema schema, DataNode root) {
    DataNode ordered = DataNode.root();
    CliFormat.children(schema, root).forEach(ordered::put);
    StringBuilder b = new StringBuilder();
    b.append("{\n  \"data\": ");
    jsonValue(JsonCodec.encodeChildren(ordered), 2, b);
    b.append("\n}");
    return List.of(b.toString().split("\n", -1));
  }

  private static void jsonValue(JsonNode v, int indent, StringBuilder b) {
    if (v.isObject()) {
      if (v.size() == 0) {
        b.append("{}");
        return;
      }
      b.append("{");
      String pad = " ".repeat(indent + 2);
      boolean first = true;
      Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        b.append(first ? "\n" : ",\n").append(pad).append(quoteJson(e.getKey())).append(": ");
        first = false;
        jsonValue(e.getValue(), indent + 2, b);
      }
      b.append("\n").append(" ".repeat(indent)).append("}");
    } else if (v.isArray()) {
      if (v.size() == 1 && v.get(0).isNull()) {
        b.append("[null]");
        return;
      }
      b.append("[");
      String pad = " ".repeat(indent + 2);
      boolean first = true;
      for (JsonNode e : v) {
        b.append(first ? "\n" : ",\n").append(pad);
        first = false;
        jsonValue(e, indent + 2, b);
      }
      b.append("\n").append(" ".repeat(indent)).append("]");
    } else if (v.isTextual()) {
      b.append(quoteJson(v.asText()));
    } else {
      b.append(v.toString());
    }
  }

  static String quoteJson(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
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
        case '\r':
          b.append("\\r");
          break;
        default:
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.append('"').toString();
  }

  /** Renders a root as NSO's {@code display xml}. */
  public static List<String> xml(Schema schema, DataNode root) {
    List<String> out = new ArrayList<>();
    out.add("<config xmlns=\"" + CONFIG_NS + "\">");
    xmlChildren(schema, root, "  ", out);
    out.add("</config>");
    return out;
  }

  private static void xmlChildren(Schema schema, DataNode parent, String indent, List<String> out) {
    for (DataNode c : CliFormat.children(schema, parent)) {
      String ns = "";
      if (parent.kind() == DataNode.Kind.ROOT
          || !c.schema().module().namespace().equals(parent.schema().module().namespace())) {
        ns = " xmlns=\"" + escapeXml(c.schema().module().namespace()) + "\"";
      }
      String name = c.schema().name();
      switch (c.kind()) {
        case LEAF -> leafElement(c, name, ns, c.value(), indent, out);
        case LEAF_LIST -> {
          for (String v : c.values()) {
            leafElement(c, name, ns, v, indent, out);
          }
        }
        case LIST -> {
          for (DataNode e : c.entries()) {
            innerElement(schema, e, name, ns, indent, out);
          }
        }
        default -> innerElement(schema, c, name, ns, indent, out);
      }
    }
  }

  private static void innerElement(
      Schema schema, DataNode n, String name, String ns, String indent, List<String> out) {
    if (n.isEmpty()) {
      out.add(indent + "<" + name + ns + "/>");
      return;
    }
    out.add(indent + "<" + name + ns + ">");
    xmlChildren(schema, n, indent + "  ", out);
    out.add(indent + "</" + name + ">");
  }

  private static void leafElement(
      DataNode leaf, String name, String ns, String value, String indent, List<String> out) {
    if (CliFormat.isEmptyType(leaf.schema())) {
      out.add(indent + "<" + name + ns + "/>");
    } else {
      out.add(
          indent
              + "<"
              + name
              + ns
              + ">"
              + escapeXml(CliFormat.json(leaf.schema(), value))
              + "</"
              + name
              + ">");
    }
  }

  static String escapeXml(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
