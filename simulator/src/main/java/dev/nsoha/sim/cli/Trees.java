package dev.nsoha.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Operations on RFC 7951-shaped data trees (without module prefixes) guided by the schema. */
final class Trees {

  static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Trees() {}

  /** One step of a show selection: a schema node and, for a list, key values (null = all). */
  record Sel(SchemaNode node, List<String> keys) {}

  /**
   * Keeps only configuration ({@code config} true) or operational data; list keys are kept with
   * their entries. Returns null if nothing is left.
   */
  static ObjectNode filter(SchemaNode schema, JsonNode data, boolean config) {
    if (data == null || !data.isObject()) {
      return null;
    }
    ObjectNode out = F.objectNode();
    boolean content = false;
    for (SchemaNode c : schema.children()) {
      JsonNode v = data.get(c.name());
      if (v == null || c.kind() == SchemaNode.Kind.ACTION) {
        continue;
      }
      if (schema.kind() == SchemaNode.Kind.LIST && schema.isKey(c.name())) {
        out.set(c.name(), v);
        continue;
      }
      switch (c.kind()) {
        case LEAF:
        case LEAF_LIST:
          if (c.isConfig() == config) {
            out.set(c.name(), v);
            content = true;
          }
          break;
        case CONTAINER:
          ObjectNode f = filter(c, v, config);
          if (f != null) {
            out.set(c.name(), f);
            content = true;
          } else if (config && c.isConfig() && c.isPresence()) {
            out.set(c.name(), F.objectNode());
            content = true;
          }
          break;
        case LIST:
          ArrayNode arr = F.arrayNode();
          for (JsonNode e : v) {
            ObjectNode fe = filter(c, e, config);
            boolean keep = fe != null || c.isConfig() == config;
            if (keep) {
              if (fe == null) {
                fe = F.objectNode();
                for (String k : c.keys()) {
                  if (e.has(k)) {
                    fe.set(k, e.get(k));
                  }
                }
              }
              arr.add(fe);
            }
          }
          if (arr.size() > 0) {
            out.set(c.name(), arr);
            content = true;
          }
          break;
        default:
          break;
      }
    }
    return content ? out : null;
  }

  /** Narrows {@code data} (an object holding {@code steps[i].node}) to the selection. */
  static ObjectNode prune(JsonNode data, List<Sel> steps, int i) {
    if (data == null) {
      return null;
    }
    if (i == steps.size()) {
      return (ObjectNode) data;
    }
    Sel s = steps.get(i);
    SchemaNode n = s.node();
    JsonNode v = data.get(n.name());
    if (v == null) {
      return null;
    }
    ObjectNode out = F.objectNode();
    switch (n.kind()) {
      case CONTAINER:
        ObjectNode sub = prune(v, steps, i + 1);
        if (sub == null) {
          return null;
        }
        out.set(n.name(), sub);
        return out;
      case LIST:
        ArrayNode arr = F.arrayNode();
        for (JsonNode e : v) {
          if (!matches(n, e, s.keys())) {
            continue;
          }
          if (i + 1 == steps.size()) {
            arr.add(e);
            continue;
          }
          ObjectNode pe = prune(e, steps, i + 1);
          if (pe == null) {
            continue;
          }
          ObjectNode withKeys = F.objectNode();
          for (String k : n.keys()) {
            if (e.has(k)) {
              withKeys.set(k, e.get(k));
            }
          }
          withKeys.setAll(pe);
          arr.add(withKeys);
        }
        if (arr.size() == 0) {
          return null;
        }
        out.set(n.name(), arr);
        return out;
      default:
        out.set(n.name(), v);
        return out;
    }
  }

  private static boolean matches(SchemaNode list, JsonNode entry, List<String> keys) {
    if (keys == null) {
      return true;
    }
    for (int k = 0; k < keys.size() && k < list.keys().size(); k++) {
      String want = keys.get(k);
      JsonNode have = entry.get(list.keys().get(k));
      if (!want.equals("*") && (have == null || !DataRenderer.text(have).equals(want))) {
        return false;
      }
    }
    return true;
  }

  /** Finds the list entry with these keys in an array, or null. */
  static ObjectNode findEntry(SchemaNode list, JsonNode arr, List<String> keys) {
    if (arr == null) {
      return null;
    }
    for (JsonNode e : arr) {
      if (matches(list, e, keys)) {
        return (ObjectNode) e;
      }
    }
    return null;
  }

  /** True if the node an edit path names exists in the tree. */
  static boolean exists(SchemaNode root, ObjectNode tree, List<PathStep> path) {
    SchemaNode schema = root;
    JsonNode cur = tree;
    for (PathStep st : path) {
      SchemaNode n = schema.child(st.name());
      if (n == null || cur == null) {
        return false;
      }
      JsonNode v = cur.get(n.name());
      if (v == null) {
        return false;
      }
      if (n.kind() == SchemaNode.Kind.LEAF_LIST && !st.keys().isEmpty()) {
        return indexOf(v, st.keys().get(0)) >= 0;
      }
      cur = n.kind() == SchemaNode.Kind.LIST ? findEntry(n, v, st.keys()) : v;
      schema = n;
    }
    return cur != null;
  }

  /** Applies an edit to a candidate tree (object keyed by top-level name). */
  static void apply(SchemaNode root, ObjectNode tree, Edit edit) {
    List<PathStep> path = edit.path();
    SchemaNode schema = root;
    ObjectNode cur = tree;
    int last = path.size() - 1;
    for (int i = 0; i < path.size(); i++) {
      PathStep st = path.get(i);
      SchemaNode n = schema.child(st.name());
      if (n == null) {
        return;
      }
      boolean isLast = i == last;
      if (isLast && edit.op() == Edit.Op.DELETE) {
        if (n.kind() == SchemaNode.Kind.LIST) {
          JsonNode arr = cur.get(n.name());
          if (arr instanceof ArrayNode a) {
            for (int j = 0; j < a.size(); j++) {
              if (matches(n, a.get(j), st.keys())) {
                a.remove(j);
                break;
              }
            }
            if (a.isEmpty()) {
              cur.remove(n.name());
            }
          }
        } else if (n.kind() == SchemaNode.Kind.LEAF_LIST
            && !st.keys().isEmpty()
            && cur.get(n.name()) instanceof ArrayNode a) {
          int at = indexOf(a, st.keys().get(0));
          if (at >= 0) {
            a.remove(at);
          }
          if (a.isEmpty()) {
            cur.remove(n.name());
          }
        } else {
          cur.remove(n.name());
        }
        return;
      }
      switch (n.kind()) {
        case CONTAINER:
          JsonNode c = cur.get(n.name());
          if (!(c instanceof ObjectNode)) {
            if (edit.op() == Edit.Op.DELETE) {
              return;
            }
            c = cur.putObject(n.name());
          }
          cur = (ObjectNode) c;
          break;
        case LIST:
          JsonNode arr = cur.get(n.name());
          ObjectNode e = findEntry(n, arr, st.keys());
          if (e == null) {
            if (edit.op() == Edit.Op.DELETE) {
              return;
            }
            if (!(arr instanceof ArrayNode)) {
              arr = cur.putArray(n.name());
            }
            e = ((ArrayNode) arr).addObject();
            for (int k = 0; k < n.keys().size() && k < st.keys().size(); k++) {
              SchemaNode keyLeaf = n.child(n.keys().get(k));
              e.set(n.keys().get(k), typed(keyLeaf, st.keys().get(k)));
            }
          }
          cur = e;
          break;
        case LEAF:
          if (isLast) {
            cur.set(n.name(), edit.value());
          }
          return;
        case LEAF_LIST:
          if (isLast) {
            JsonNode old = cur.get(n.name());
            ArrayNode merged = old instanceof ArrayNode a ? a : F.arrayNode();
            for (JsonNode v :
                edit.value().isArray() ? edit.value() : F.arrayNode().add(edit.value())) {
              boolean dup = false;
              for (JsonNode o : merged) {
                dup |= o.equals(v);
              }
              if (!dup) {
                merged.add(v);
              }
            }
            cur.set(n.name(), merged);
          }
          return;
        default:
          return;
      }
      schema = n;
    }
  }

  private static int indexOf(JsonNode arr, String value) {
    for (int i = 0; i < arr.size(); i++) {
      if (DataRenderer.text(arr.get(i)).equals(value)) {
        return i;
      }
    }
    return -1;
  }

  /** Converts a CLI word to the JSON value of a leaf of the given schema (no validation). */
  static JsonNode typed(SchemaNode leaf, String text) {
    if (leaf == null) {
      return F.textNode(text);
    }
    switch (leaf.type()) {
      case BOOLEAN:
        return F.booleanNode(Boolean.parseBoolean(text));
      case INTEGER:
        try {
          return F.numberNode(Long.parseLong(text));
        } catch (NumberFormatException e) {
          return F.textNode(text);
        }
      case EMPTY:
        return F.arrayNode().addNull();
      default:
        return F.textNode(text);
    }
  }

  /**
   * Converts and validates a CLI word for a leaf.
   *
   * @throws CommandLines.SyntaxException {@code syntax error: "x" is an invalid value.}
   */
  static JsonNode value(SchemaNode leaf, String text) throws CommandLines.SyntaxException {
    boolean ok;
    switch (leaf.type()) {
      case BOOLEAN:
        ok = text.equals("true") || text.equals("false");
        break;
      case INTEGER:
      case INT64:
        ok = text.matches("-?\\d+");
        break;
      case ENUMERATION:
        ok = leaf.enumValues().isEmpty() || leaf.enumValues().contains(text);
        break;
      default:
        ok = true;
    }
    if (!ok) {
      throw new CommandLines.SyntaxException("syntax error: \"" + text + "\" is an invalid value.");
    }
    return typed(leaf, text);
  }

  /** Copies the keys of a list entry. */
  static List<String> keyTexts(SchemaNode list, JsonNode entry) {
    List<String> out = new ArrayList<>();
    for (String k : list.keys()) {
      out.add(DataRenderer.text(entry.get(k)));
    }
    return out;
  }
}
