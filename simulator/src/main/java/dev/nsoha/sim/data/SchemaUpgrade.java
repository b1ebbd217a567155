package dev.nsoha.sim.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import dev.nsoha.sim.schema.YangModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NSO's automatic CDB schema upgrade, applied to stored data (RFC 7951 JSON) when it meets the
 * schema of another package set: after a package reload, at a start that reloads packages, and on a
 * secondary that takes a copy from its primary. As NSO documents it ("Automatic Schema Upgrades and
 * Downgrades"): an element the schema no longer has is deleted with its children; a leaf value its
 * new type does not accept is deleted; a list entry whose keys do not fit is deleted. What the
 * schema still has is kept as it is. Data of a module that is not loaded at all is not upgraded but
 * set aside (the simulator keeps it until a forced reload drops it). Stateless.
 */
final class SchemaUpgrade {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** The data the schema keeps, the data set aside, and the paths of what was deleted. */
  record Result(ObjectNode kept, ObjectNode setAside, List<String> deleted) {}

  private SchemaUpgrade() {}

  /** Upgrades the top-level members of {@code data} (module-qualified names) to {@code schema}. */
  static Result apply(JsonNode data, Schema schema) {
    ObjectNode kept = F.objectNode();
    ObjectNode aside = F.objectNode();
    List<String> deleted = new ArrayList<>();
    for (Map.Entry<String, JsonNode> m : data.properties()) {
      String name = m.getKey();
      int c = name.indexOf(':');
      YangModule module = c < 0 ? null : schema.module(name.substring(0, c));
      if (module == null) {
        aside.set(name, m.getValue());
        continue;
      }
      SchemaNode top = module.top(name.substring(c + 1));
      if (top == null) {
        deleted.add("/" + name);
        continue;
      }
      JsonNode v = value(top, m.getValue(), "/" + name, deleted);
      if (v != null) {
        kept.set(name, v);
      }
    }
    return new Result(kept, aside, List.copyOf(deleted));
  }

  private static JsonNode value(SchemaNode s, JsonNode v, String path, List<String> deleted) {
    switch (s.kind()) {
      case LEAF:
        return fits(s, v) ? v : gone(path, deleted);
      case LEAF_LIST:
        {
          if (!v.isArray()) {
            return gone(path, deleted);
          }
          ArrayNode out = F.arrayNode();
          for (JsonNode e : v) {
            if (fits(s, e)) {
              out.add(e);
            } else {
              deleted.add(path + "[" + e + "]");
            }
          }
          return out;
        }
      case LIST:
        {
          if (!v.isArray()) {
            return gone(path, deleted);
          }
          ArrayNode out = F.arrayNode();
          for (JsonNode e : v) {
            if (e.isObject() && keysFit(s, e)) {
              out.add(object(s, e, path + "[" + keyText(s, e) + "]", deleted));
            } else {
              deleted.add(path + "[" + e + "]");
            }
          }
          return out;
        }
      default:
        return v.isObject() ? object(s, v, path, deleted) : gone(path, deleted);
    }
  }

  private static ObjectNode object(
      SchemaNode parent, JsonNode obj, String path, List<String> deleted) {
    ObjectNode out = F.objectNode();
    for (Map.Entry<String, JsonNode> m : obj.properties()) {
      String name = m.getKey();
      SchemaNode s = child(parent, name);
      String p = path + "/" + name;
      if (s == null) {
        deleted.add(p);
        continue;
      }
      JsonNode v = value(s, m.getValue(), p, deleted);
      if (v != null) {
        out.set(name, v);
      }
    }
    return out;
  }

  /** The child a member name ({@code local} or {@code module:local}) stands for, or null. */
  private static SchemaNode child(SchemaNode parent, String name) {
    int c = name.indexOf(':');
    SchemaNode s = parent.child(c < 0 ? name : name.substring(c + 1));
    if (s == null
        || s.kind() == SchemaNode.Kind.ACTION
        || s.kind() == SchemaNode.Kind.INPUT
        || s.kind() == SchemaNode.Kind.OUTPUT) {
      return null;
    }
    if (c >= 0 && !name.substring(0, c).equals(s.module().name())) {
      return null;
    }
    return s;
  }

  private static boolean keysFit(SchemaNode list, JsonNode entry) {
    for (String k : list.keys()) {
      JsonNode kv = key(list, entry, k);
      SchemaNode ks = list.child(k);
      if (kv == null || ks == null || !fits(ks, kv)) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode key(SchemaNode list, JsonNode entry, String k) {
    JsonNode kv = entry.get(k);
    return kv != null ? kv : entry.get(list.module().name() + ":" + k);
  }

  private static String keyText(SchemaNode list, JsonNode entry) {
    List<String> keys = new ArrayList<>();
    for (String k : list.keys()) {
      keys.add(k + "=" + key(list, entry, k).asText());
    }
    return String.join(",", keys);
  }

  private static boolean fits(SchemaNode leaf, JsonNode v) {
    try {
      JsonCodec.leafValue(leaf, v);
      return true;
    } catch (NodeRefusal e) {
      return false;
    }
  }

  private static JsonNode gone(String path, List<String> deleted) {
    deleted.add(path);
    return null;
  }
}
