package dev.nsoha.transport.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nsoha.core.model.ConfigPath;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaConfig;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.HaNodeConfig;
import dev.nsoha.core.model.HaSettings;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.PackageStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the output of {@code ... | display json}: NSO wraps the result as {@code
 * {"data":{"<module>:<top>":{...}}}} (RFC 7951 inside). Converts it into a {@link DataTree} and
 * into the core records for packages and HA config. Thread-safe; every method throws {@link
 * IllegalArgumentException} on output it cannot understand.
 */
final class CliJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Defaults for HA settings that NSO does not print when they are left unset (nso-reference.md
   * §1.1).
   */
  static final int DEFAULT_RECONNECT_INTERVAL = 10;

  static final int DEFAULT_RECONNECT_ATTEMPTS = 3;

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

  // ---- packages
  // ---------------------------------------------------------------------------------------------

  /** The loaded packages in the data of {@code show packages package | display json}. */
  static List<PackageStatus> packages(DataTree data) {
    Object list = member(member(data.asMap(), "packages"), "package");
    List<PackageStatus> out = new ArrayList<>();
    if (list == null) {
      return out;
    }
    if (!(list instanceof List<?> l)) {
      throw new IllegalArgumentException("packages/package is not a list");
    }
    for (Object o : l) {
      if (!(o instanceof Map<?, ?> p)) {
        throw new IllegalArgumentException("a packages/package entry is not an object");
      }
      String name =
          text(member(p, "name"))
              .orElseThrow(() -> new IllegalArgumentException("package without a name"));
      String version = text(member(p, "package-version")).orElse("");
      Object oper = member(p, "oper-status");
      String status = "unknown";
      Optional<String> errorInfo = Optional.empty();
      if (oper instanceof Map<?, ?> om) {
        for (Map.Entry<?, ?> e : om.entrySet()) {
          String k = localName((String) e.getKey());
          if (k.equals("error-info")) {
            errorInfo = text(e.getValue()).filter(s -> !s.isEmpty());
          } else if (status.equals("unknown")) {
            status = k;
          }
        }
      } else if (oper != null) {
        status = localName(String.valueOf(oper));
      }
      if (errorInfo.isEmpty()) {
        errorInfo = text(member(p, "error-info")).filter(s -> !s.isEmpty());
      }
      out.add(new PackageStatus(name, version, status, errorInfo));
    }
    return out;
  }

  // ---- HA configuration
  // -------------------------------------------------------------------------------------

  /** The HA config in the data of {@code show running-config high-availability | display json}. */
  static HaConfig haConfig(DataTree data) {
    Object ha = member(data.asMap(), "high-availability");
    List<HaNodeConfig> nodes = new ArrayList<>();
    Object list = member(ha, "ha-node");
    if (list instanceof List<?> l) {
      for (Object o : l) {
        String id =
            text(member(o, "id"))
                .orElseThrow(() -> new IllegalArgumentException("ha-node without an id"));
        String address = text(member(o, "address")).orElse("");
        HaMode role = text(member(o, "nominal-role")).map(HaMode::fromNso).orElse(HaMode.NONE);
        boolean fp = bool(member(o, "failover-primary")).orElse(false);
        nodes.add(new HaNodeConfig(NodeId.of(id), address, role, fp));
      }
    }
    Object s = member(ha, "settings");
    Object startUp = member(s, "start-up");
    Object consensus = member(s, "consensus");
    HaSettings settings =
        new HaSettings(
            bool(member(s, "enable-failover")).orElse(false),
            bool(member(startUp, "assume-nominal-role")).orElse(false),
            bool(member(startUp, "join-ha")).orElse(false),
            integer(member(s, "reconnect-interval")).orElse(DEFAULT_RECONNECT_INTERVAL),
            integer(member(s, "reconnect-attempts")).orElse(DEFAULT_RECONNECT_ATTEMPTS),
            bool(member(s, "reconnect-secondaries")).orElse(false),
            bool(member(consensus, "enabled")).orElse(true));
    return new HaConfig(nodes, settings);
  }

  private static String localName(String qualified) {
    int colon = qualified.indexOf(':');
    return colon >= 0 ? qualified.substring(colon + 1) : qualified;
  }

  private static Optional<String> text(Object v) {
    if (v == null || v instanceof Map || v instanceof List) {
      return Optional.empty();
    }
    return Optional.of(String.valueOf(v));
  }

  private static Optional<Boolean> bool(Object v) {
    if (v == DataTree.EMPTY_LEAF) {
      return Optional.of(true);
    }
    return text(v)
        .map(
            t -> {
              if (t.equals("true")) {
                return true;
              }
              if (t.equals("false")) {
                return false;
              }
              throw new IllegalArgumentException("not a boolean: '" + t + "'");
            });
  }

  private static Optional<Integer> integer(Object v) {
    return text(v)
        .map(
            t -> {
              try {
                return Integer.parseInt(t);
              } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an integer: '" + t + "'", e);
              }
            });
  }
}
