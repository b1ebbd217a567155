package dev.nsoha.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code | display json} and {@code | display xml}. JSON is RFC 7951 wrapped in {@code
 * {"data":{...}}} with module-qualified top-level members (and members whose module differs from
 * their parent's), two-blank indentation. XML is wrapped in NSO's {@code <config
 * xmlns="http://tail-f.com/ns/config/1.0">} with a namespace on each top-level element.
 */
public final class DisplayFormats {

  private static final String CONFIG_NS = "http://tail-f.com/ns/config/1.0";

  private DisplayFormats() {}

  /** Renders {@code data} (keyed by top-level node name) as NSO's {@code display json}. */
  public static List<String> json(SchemaNode root, ObjectNode data) {
    StringBuilder b = new StringBuilder();
    b.append("{\n  \"data\": ");
    jsonObject(root, data, 2, b);
    b.append("\n}");
    return List.of(b.toString().split("\n", -1));
  }

  private static void jsonObject(SchemaNode schema, JsonNode obj, int indent, StringBuilder b) {
    if (obj.size() == 0) {
      b.append("{}");
      return;
    }
    b.append("{");
    String pad = " ".repeat(indent + 2);
    boolean first = true;
    Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      SchemaNode child = schema == null ? null : schema.child(e.getKey());
      String name = e.getKey();
      if (child != null
          && !child.module().isEmpty()
          && (schema.kind() == SchemaNode.Kind.ROOT || !child.module().equals(schema.module()))) {
        name = child.module() + ":" + name;
      }
      b.append(first ? "\n" : ",\n").append(pad).append(quoteJson(name)).append(": ");
      first = false;
      jsonValue(child, e.getValue(), indent + 2, b);
    }
    b.append("\n").append(" ".repeat(indent)).append("}");
  }

  private static void jsonValue(SchemaNode schema, JsonNode v, int indent, StringBuilder b) {
    if (v.isObject()) {
      jsonObject(schema, v, indent, b);
    } else if (v.isArray()) {
      if (DataRenderer.isEmptyValue(v)) {
        b.append("[null]");
        return;
      }
      b.append("[");
      String pad = " ".repeat(indent + 2);
      boolean first = true;
      for (JsonNode e : v) {
        b.append(first ? "\n" : ",\n").append(pad);
        first = false;
        jsonValue(schema, e, indent + 2, b);
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
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.append('"').toString();
  }

  /** Renders {@code data} (keyed by top-level node name) as NSO's {@code display xml}. */
  public static List<String> xml(SchemaNode root, ObjectNode data) {
    List<String> out = new ArrayList<>();
    out.add("<config xmlns=\"" + CONFIG_NS + "\">");
    xmlMembers(root, data, "  ", out);
    out.add("</config>");
    return out;
  }

  private static void xmlMembers(SchemaNode schema, JsonNode obj, String indent, List<String> out) {
    Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      SchemaNode child = schema == null ? null : schema.child(e.getKey());
      String ns = "";
      if (child != null
          && !child.namespace().isEmpty()
          && (schema.kind() == SchemaNode.Kind.ROOT
              || !child.namespace().equals(schema.namespace()))) {
        ns = " xmlns=\"" + escapeXml(child.namespace()) + "\"";
      }
      JsonNode v = e.getValue();
      if (v.isArray() && !DataRenderer.isEmptyValue(v)) {
        for (JsonNode item : v) {
          xmlElement(child, e.getKey(), ns, item, indent, out);
        }
      } else {
        xmlElement(child, e.getKey(), ns, v, indent, out);
      }
    }
  }

  private static void xmlElement(
      SchemaNode schema, String name, String ns, JsonNode v, String indent, List<String> out) {
    if (v.isObject()) {
      if (v.size() == 0) {
        out.add(indent + "<" + name + ns + "/>");
        return;
      }
      out.add(indent + "<" + name + ns + ">");
      xmlMembers(schema, v, indent + "  ", out);
      out.add(indent + "</" + name + ">");
    } else if (DataRenderer.isEmptyValue(v)) {
      out.add(indent + "<" + name + ns + "/>");
    } else {
      out.add(indent + "<" + name + ns + ">" + escapeXml(v.asText()) + "</" + name + ">");
    }
  }

  static String escapeXml(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
