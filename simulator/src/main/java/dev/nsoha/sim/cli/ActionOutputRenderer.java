package dev.nsoha.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders an action's output as NSO's CLI does: one {@code name value} line per leaf (values
 * unquoted), {@code name} alone for an empty leaf, and {@code name { ... }} blocks (contents
 * indented by four blanks) for containers and for each list entry.
 */
public final class ActionOutputRenderer {

  private ActionOutputRenderer() {}

  /** Renders the output members (may be empty: then no lines). */
  public static List<String> render(ObjectNode output) {
    List<String> out = new ArrayList<>();
    members(output, "", out);
    return out;
  }

  private static void members(JsonNode obj, String indent, List<String> out) {
    Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      int colon = name.indexOf(':');
      if (colon >= 0) {
        name = name.substring(colon + 1);
      }
      JsonNode v = e.getValue();
      if (DataRenderer.isEmptyValue(v)) {
        out.add(indent + name);
      } else if (v.isObject()) {
        block(name, v, indent, out);
      } else if (v.isArray()) {
        boolean objects = v.size() > 0 && v.get(0).isObject();
        if (objects) {
          for (JsonNode entry : v) {
            block(name, entry, indent, out);
          }
        } else {
          out.add(indent + name + " " + DataRenderer.leafList(v));
        }
      } else {
        out.add(indent + name + " " + v.asText());
      }
    }
  }

  private static void block(String name, JsonNode v, String indent, List<String> out) {
    out.add(indent + name + " {");
    members(v, indent + "    ", out);
    out.add(indent + "}");
  }
}
