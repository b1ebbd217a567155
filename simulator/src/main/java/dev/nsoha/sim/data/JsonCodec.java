package dev.nsoha.sim.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.sim.schema.InvalidValueException;
import dev.nsoha.sim.schema.LeafType;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import dev.nsoha.sim.schema.YangModule;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * RFC 7951 JSON for {@link DataNode} trees: member names qualified with the module name where the
 * module changes (always at the top), integers up to 32 bits as numbers, booleans as {@code
 * true/false}, {@code empty} as {@code [null]}, identityrefs module-qualified. Stateless and
 * thread-safe.
 */
public final class JsonCodec {
  /** The shared mapper. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private JsonCodec() {}

  /**
   * One node as a single-member object, qualified: {@code {"tailf-ncs:status":{...}}}. An entry
   * renders as {@code {"dummy:dummy":[{...}]}}; the root as its top-level members.
   */
  public static ObjectNode encode(DataNode n) {
    if (n.kind() == DataNode.Kind.ROOT) {
      return encodeChildren(n);
    }
    ObjectNode o = F.objectNode();
    JsonNode v =
        n.kind() == DataNode.Kind.ENTRY ? F.arrayNode().add(encodeValue(n)) : encodeValue(n);
    o.set(n.schema().qualifiedName(), v);
    return o;
  }

  /** The members for the children of {@code n} (qualified where the module changes). */
  public static ObjectNode encodeChildren(DataNode n) {
    ObjectNode o = F.objectNode();
    for (DataNode c : n.children()) {
      o.set(memberName(n, c), encodeValue(c));
    }
    return o;
  }

  private static String memberName(DataNode parent, DataNode c) {
    if (parent.schema() == null || parent.schema().module() != c.schema().module()) {
      return c.schema().qualifiedName();
    }
    return c.schema().name();
  }

  /** The JSON value of a node (object, array or scalar). */
  public static JsonNode encodeValue(DataNode n) {
    switch (n.kind()) {
      case LEAF:
        return scalar(n.schema(), n.value());
      case LEAF_LIST:
        {
          ArrayNode a = F.arrayNode();
          n.values().forEach(v -> a.add(scalar(n.schema(), v)));
          return a;
        }
      case LIST:
        {
          ArrayNode a = F.arrayNode();
          n.entries().forEach(e -> a.add(encodeValue(e)));
          return a;
        }
      default:
        return encodeChildren(n);
    }
  }

  /**
   * The text of a leaf value as its RFC 7951 scalar reads: the canonical value, with identityrefs
   * qualified by their module name ({@code ""} for type empty).
   */
  public static String scalarText(SchemaNode s, String v) {
    return scalar(s, v).asText();
  }

  private static JsonNode scalar(SchemaNode s, String v) {
    LeafType t = s.type();
    if (t.isEmpty()) {
      return F.arrayNode().addNull();
    }
    if (t.isJsonNumber()) {
      try {
        long l = Long.parseLong(v);
        return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE
            ? F.numberNode((int) l)
            : F.numberNode(l);
      } catch (NumberFormatException e) {
        return F.textNode(v);
      }
    }
    if (t.isBoolean()) {
      return F.booleanNode(Boolean.parseBoolean(v));
    }
    if (t.base() == LeafType.Base.IDENTITYREF) {
      return F.textNode(qualifyIdentity(s, v));
    }
    if (InstanceIdentifier.TYPE.equals(t.name())) {
      return F.textNode(InstanceIdentifier.json(v, p -> moduleOf(s, p)));
    }
    return F.textNode(v);
  }

  /** The module a prefix stands for in the module that defines {@code s}. */
  private static String moduleOf(SchemaNode s, String prefix) {
    return prefix.equals(s.module().prefix())
        ? s.module().name()
        : s.module().imports().getOrDefault(prefix, prefix);
  }

  private static String qualifyIdentity(SchemaNode s, String v) {
    int c = v.indexOf(':');
    if (c < 0) {
      return s.module().name() + ":" + v;
    }
    String p = v.substring(0, c);
    String mod =
        p.equals(s.module().prefix()) ? s.module().name() : s.module().imports().getOrDefault(p, p);
    return mod + ":" + v.substring(c + 1);
  }

  /**
   * Decodes the members of {@code obj} into {@code parent} (the root, a container, an entry, or an
   * action input).
   *
   * @param orphans when non-null, unknown top-level members are copied here instead of failing
   * @throws NodeRefusal UNKNOWN_ELEMENT, INVALID_VALUE or MALFORMED with NSO-like texts
   */
  public static void decodeInto(DataNode parent, JsonNode obj, Schema schema, ObjectNode orphans) {
    if (!obj.isObject()) {
      throw new NodeRefusal(
          NodeRefusal.Kind.MALFORMED, "malformed message: expected a JSON object");
    }
    Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> m = it.next();
      SchemaNode s = resolveMember(parent, m.getKey(), schema);
      if (s == null) {
        if (orphans != null && parent.kind() == DataNode.Kind.ROOT) {
          orphans.set(m.getKey(), m.getValue());
          continue;
        }
        throw unknown(parent, m.getKey());
      }
      decodeMember(parent, s, m.getValue(), schema);
    }
  }

  private static NodeRefusal unknown(DataNode parent, String name) {
    String local = name.contains(":") ? name.substring(name.indexOf(':') + 1) : name;
    String where = parent.schema() == null ? "/" : parent.schema().path();
    return new NodeRefusal(
        NodeRefusal.Kind.UNKNOWN_ELEMENT, "unknown element: " + local + " in " + where);
  }

  private static SchemaNode resolveMember(DataNode parent, String name, Schema schema) {
    String mod = null;
    String local = name;
    int c = name.indexOf(':');
    if (c >= 0) {
      mod = name.substring(0, c);
      local = name.substring(c + 1);
    }
    if (parent.kind() == DataNode.Kind.ROOT) {
      if (mod == null) {
        return null;
      }
      YangModule m = schema.module(mod);
      return m == null ? null : m.top(local);
    }
    SchemaNode s = parent.schema().child(local);
    if (s == null
        || s.kind() == SchemaNode.Kind.ACTION
        || s.kind() == SchemaNode.Kind.INPUT
        || s.kind() == SchemaNode.Kind.OUTPUT) {
      return null;
    }
    if (mod != null && !mod.equals(s.module().name())) {
      return null;
    }
    return s;
  }

  private static void decodeMember(DataNode parent, SchemaNode s, JsonNode v, Schema schema) {
    switch (s.kind()) {
      case LEAF -> parent.getOrCreate(s).setValue(leafValue(s, v));
      case LEAF_LIST -> {
        if (!v.isArray()) {
          throw new NodeRefusal(
              NodeRefusal.Kind.MALFORMED, "malformed message: expected an array for " + s.name());
        }
        DataNode ll = parent.getOrCreate(s);
        for (JsonNode e : v) {
          ll.addValue(leafValue(s, e));
        }
      }
      case LIST -> {
        if (!v.isArray()) {
          throw new NodeRefusal(
              NodeRefusal.Kind.MALFORMED, "malformed message: expected an array for " + s.name());
        }
        DataNode list = parent.getOrCreate(s);
        for (JsonNode e : v) {
          list.putEntry(decodeEntry(s, e, schema));
        }
      }
      default -> {
        if (!v.isObject()) {
          throw new NodeRefusal(
              NodeRefusal.Kind.MALFORMED, "malformed message: expected an object for " + s.name());
        }
        decodeInto(parent.getOrCreate(s), v, schema, null);
      }
    }
  }

  /** Decodes one list entry object (keys must be present). */
  public static DataNode decodeEntry(SchemaNode list, JsonNode e, Schema schema) {
    if (!e.isObject()) {
      throw new NodeRefusal(
          NodeRefusal.Kind.MALFORMED,
          "malformed message: expected an object in list " + list.name());
    }
    List<String> keys = new ArrayList<>();
    for (String k : list.keys()) {
      JsonNode kv = e.get(k);
      if (kv == null) {
        kv = e.get(list.module().name() + ":" + k);
      }
      if (kv == null) {
        throw new NodeRefusal(
            NodeRefusal.Kind.MALFORMED, "missing key " + k + " in list " + list.name());
      }
      keys.add(leafValue(list.child(k), kv));
    }
    DataNode entry = DataNode.newEntry(list, keys);
    decodeInto(entry, e, schema, null);
    return entry;
  }

  /**
   * A JSON scalar as the canonical string for leaf {@code s}; accepts "" / [null] / null for empty
   * and "true" for booleans.
   */
  public static String leafValue(SchemaNode s, JsonNode v) {
    String text;
    if (s.type().isEmpty()) {
      if (v.isNull()
          || (v.isArray() && v.size() == 1 && v.get(0).isNull())
          || (v.isTextual() && v.asText().isEmpty())) {
        return "";
      }
      throw new NodeRefusal(
          NodeRefusal.Kind.INVALID_VALUE, InvalidValueException.of(v.toString()).getMessage());
    }
    if (v.isTextual()) {
      text = v.asText();
    } else if (v.isNumber() || v.isBoolean()) {
      text = v.asText();
    } else {
      throw new NodeRefusal(
          NodeRefusal.Kind.INVALID_VALUE, InvalidValueException.of(v.toString()).getMessage());
    }
    if (s.type().base() == LeafType.Base.IDENTITYREF && text.contains(":")) {
      return text;
    }
    try {
      return s.type().canonical(text);
    } catch (InvalidValueException e) {
      throw new NodeRefusal(NodeRefusal.Kind.INVALID_VALUE, e.getMessage(), s.path());
    }
  }

  /** Parses JSON text; MALFORMED on a syntax error. */
  public static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new NodeRefusal(
          NodeRefusal.Kind.MALFORMED, "malformed message: " + e.getOriginalMessage());
    }
  }
}
