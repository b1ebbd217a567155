package dev.nsoha.transport.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.nsoha.core.model.ConfigPath;
import dev.nsoha.core.model.DataTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the output of {@code ... | display json}: NSO wraps the result as {@code
 * {"data":{"<module>:<top>":{...}}}} (RFC 7951 inside). Converts it into a {@link DataTree}, which
 * core's one mapping ({@code NsoJson}) turns into records. Thread-safe; every method throws {@link
 * IllegalArgumentException} on output it cannot understand, including JSON nested deeper than
 * {@link #MAX_DEPTH}.
 */
final class CliJson {
  /** Deeper than any NSO data; deeper output is refused before it is converted. */
  static final int MAX_DEPTH = 128;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                  .build())
          .build();

  private CliJson() {}

  /**
   * The members of the {@code data} object, as a tree; an empty tree for output with no JSON
   * object.
   */
  static DataTree data(String output) {
    int start = output.indexOf('{');
    if (start < 0) {
      return DataTree.empty();
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(output.substring(start));
    } catch (StreamConstraintsException e) {
      throw new IllegalArgumentException("JSON nested deeper than " + MAX_DEPTH + " levels", e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException("the JSON output is not an object");
    }
    JsonNode data = root.has("data") ? root.get("data") : root;
    if (!data.isObject()) {
      throw new IllegalArgumentException("'data' is not an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) convert(data);
    return DataTree.of(m);
  }

  private static Object convert(JsonNode n) {
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        m.put(e.getKey(), convert(e.getValue()));
      }
      return m;
    }
    if (n.isArray()) {
      if (n.size() == 1 && n.get(0).isNull()) {
        return DataTree.EMPTY_LEAF;
      }
      List<Object> l = new ArrayList<>();
      n.forEach(x -> l.add(convert(x)));
      return l;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isIntegralNumber()) {
      return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
    }
    if (n.isNumber()) {
      return n.decimalValue();
    }
    if (n.isNull()) {
      return DataTree.EMPTY_LEAF;
    }
    return n.asText();
  }

  /**
   * The part of {@code whole} (the {@code data} of {@code show running-config <path> | display
   * json}) that {@code path} addresses, wrapped in its module-qualified name as a RESTCONF GET
   * returns it: {@code dummy:dummies} for {@code /dummy:dummies}, {@code dummy:dummy} (a one-entry
   * list) for {@code /dummy:dummies/dummy=d1}.
   */
  static DataTree subtree(DataTree whole, ConfigPath path) {
    Object cur = whole.asMap();
    for (ConfigPath.Segment s : path.segments()) {
      Object next = member(cur, s.name());
      if (next == null) {
        return DataTree.empty();
      }
      if (!s.keys().isEmpty()) {
        if (!(next instanceof List<?> l)) {
          return DataTree.empty();
        }
        Object match = null;
        for (Object e : l) {
          if (e instanceof Map<?, ?> m && keysMatch(m, s.keys())) {
            match = e;
          }
        }
        if (match == null) {
          return DataTree.empty();
        }
        next = s == last(path) ? List.of(match) : match;
      }
      cur = next;
    }
    return DataTree.of(Map.of(path.topModule() + ":" + last(path).name(), cur));
  }

  private static ConfigPath.Segment last(ConfigPath p) {
    return p.segments().get(p.segments().size() - 1);
  }

  private static boolean keysMatch(Map<?, ?> entry, List<String> keys) {
    // NSO prints the keys of an entry first, in key order.
    List<String> scalars = new ArrayList<>();
    for (Object v : entry.values()) {
      if (!(v instanceof Map) && !(v instanceof List)) {
        scalars.add(String.valueOf(v));
      }
    }
    if (scalars.size() >= keys.size() && scalars.subList(0, keys.size()).equals(keys)) {
      return true;
    }
    return keys.size() == 1
        && List.of("name", "id", "key").stream()
            .anyMatch(k -> keys.get(0).equals(String.valueOf(entry.get(k))));
  }

  /**
   * The member {@code name} of a JSON object, with or without a module prefix; null when absent.
   */
  private static Object member(Object obj, String name) {
    if (!(obj instanceof Map<?, ?> m)) {
      return null;
    }
    if (m.containsKey(name)) {
      return m.get(name);
    }
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String k = (String) e.getKey();
      if (k.endsWith(":" + name)) {
        return e.getValue();
      }
    }
    return null;
  }
}
