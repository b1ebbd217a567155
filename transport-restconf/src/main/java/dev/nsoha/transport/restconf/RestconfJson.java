package dev.nsoha.transport.restconf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.core.model.ConnectedSecondary;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaConfig;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.HaNodeConfig;
import dev.nsoha.core.model.HaSettings;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.model.PackageReloadResult;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.model.SoftwarePackage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 7951 JSON, as NSO's RESTCONF server writes it, to and from core's records (nso-reference.md
 * §1.2, §3.2, §3.4, §3.5, §4.1). Parsing is lenient where NSO releases differ: a member may carry a
 * module prefix or not, a boolean may arrive as {@code "true"}, and an {@code empty} leaf may be
 * {@code [null]} or {@code ""}.
 *
 * <p>Stateless and thread-safe. Every parse method throws {@link BadReplyException} when the body
 * does not have the expected shape; the client turns it into a {@link
 * dev.nsoha.core.error.ProtocolException} with its context.
 */
final class RestconfJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RestconfJson() {}

  /** A reply body that is not JSON or not the expected shape. */
  static final class BadReplyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadReplyException(String message) {
      super(message);
    }

    BadReplyException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  // ---- generic
  // ----------------------------------------------------------------------------------------------

  /** Parses a body; an empty body (204 No Content) gives an empty object. */
  static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n == null || n.isMissingNode()) {
        return JsonNodeFactory.instance.objectNode();
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new BadReplyException("the reply is not JSON: " + abbreviate(body), e);
    }
  }

  /** The member {@code name} of {@code node}, with or without a module prefix; null when absent. */
  static JsonNode member(JsonNode node, String name) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode direct = node.get(name);
    if (direct != null) {
      return direct;
    }
    String suffix = ":" + name;
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getKey().endsWith(suffix)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static Optional<String> text(JsonNode node, String name) {
    JsonNode v = member(node, name);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return Optional.empty();
    }
    return Optional.of(v.asText());
  }

  private static boolean bool(JsonNode node, String name, boolean dflt) {
    JsonNode v = member(node, name);
    if (v == null) {
      return dflt;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (isEmptyLeaf(v)) {
      return true;
    }
    if (v.isTextual()) {
      String t = v.textValue().trim().toLowerCase(Locale.ROOT);
      if (t.equals("true") || t.equals("false")) {
        return t.equals("true");
      }
    }
    throw new BadReplyException("'" + name + "' is not a boolean: " + v);
  }

  private static int integer(JsonNode node, String name, int dflt) {
    JsonNode v = member(node, name);
    if (v == null) {
      return dflt;
    }
    if (v.canConvertToInt() && v.isIntegralNumber()) {
      return v.intValue();
    }
    if (v.isTextual()) {
      try {
        return Integer.parseInt(v.textValue().trim());
      } catch (NumberFormatException e) {
        throw new BadReplyException("'" + name + "' is not a number: " + v, e);
      }
    }
    throw new BadReplyException("'" + name + "' is not a number: " + v);
  }

  private static boolean isEmptyLeaf(JsonNode v) {
    return v.isArray() && v.size() == 1 && v.get(0).isNull();
  }

  private static List<JsonNode> list(JsonNode node, String name) {
    JsonNode v = member(node, name);
    List<JsonNode> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (v.isArray()) {
      v.forEach(out::add);
    } else if (v.isObject()) {
      out.add(v);
    } else {
      throw new BadReplyException("'" + name + "' is not a list: " + v);
    }
    return out;
  }

  private static NodeId nodeId(String text) {
    try {
      return NodeId.of(text);
    } catch (IllegalArgumentException e) {
      throw new BadReplyException(e.getMessage(), e);
    }
  }

  private static HaMode role(String text) {
    try {
      return HaMode.fromNso(text);
    } catch (IllegalArgumentException e) {
      throw new BadReplyException(e.getMessage(), e);
    }
  }

  private static String required(JsonNode node, String name, String what) {
    return text(node, name)
        .orElseThrow(() -> new BadReplyException(what + " without '" + name + "': " + node));
  }

  static String abbreviate(String body) {
    String oneLine = body.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
  }

  // ---- DataTree
  // ---------------------------------------------------------------------------------------------

  /**
   * A RESTCONF data reply ({@code {"dummy:dummies":{...}}}) as a tree; an empty body gives an empty
   * tree.
   */
  static DataTree dataTree(String body) {
    JsonNode root = parse(body);
    if (!root.isObject()) {
      throw new BadReplyException("the reply is not a JSON object: " + abbreviate(body));
    }
    return DataTree.of(objectToMap(root));
  }

  /**
   * The reply of {@code GET /restconf/data}: the top-level members inside {@code
   * ietf-restconf:data} (or the members themselves when the server does not wrap them).
   */
  static DataTree datastore(String body) {
    JsonNode root = parse(body);
    if (!root.isObject()) {
      throw new BadReplyException("the reply is not a JSON object: " + abbreviate(body));
    }
    JsonNode data = root.get("ietf-restconf:data");
    if (data == null) {
      data = root.get("data");
    }
    if (data == null) {
      data = root;
    }
    if (!data.isObject()) {
      throw new BadReplyException("'data' is not an object: " + abbreviate(body));
    }
    return DataTree.of(objectToMap(data));
  }

  /** The request body for a tree: RFC 7951 JSON with {@code [null]} for empty leaves. */
  static String toJson(DataTree tree) {
    return tree.toJson();
  }

  private static Map<String, Object> objectToMap(JsonNode obj) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : obj.properties()) {
      m.put(e.getKey(), value(e.getKey(), e.getValue()));
    }
    return m;
  }

  private static Object value(String name, JsonNode v) {
    if (v.isObject()) {
      return objectToMap(v);
    }
    if (isEmptyLeaf(v)) {
      return DataTree.EMPTY_LEAF;
    }
    if (v.isArray()) {
      List<Object> l = new ArrayList<>();
      for (JsonNode x : v) {
        l.add(value(name, x));
      }
      return l;
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isIntegralNumber()) {
      return v.canConvertToInt()
          ? (Object) v.intValue()
          : v.canConvertToLong() ? (Object) v.longValue() : v.bigIntegerValue();
    }
    if (v.isNumber()) {
      return v.decimalValue();
    }
    throw new BadReplyException("member '" + name + "' has an unsupported value " + v);
  }

  // ---- high availability
  // ------------------------------------------------------------------------------------

  /** {@code GET /restconf/data/tailf-ncs:high-availability?content=nonconfig}. */
  static HaStatus haStatus(String body) {
    JsonNode root = parse(body);
    JsonNode ha = member(root, "high-availability");
    if (ha == null) {
      if (root.isObject() && root.isEmpty()) {
        return HaStatus.disabled(Optional.empty(), false);
      }
      throw new BadReplyException("no 'high-availability' in the reply: " + abbreviate(body));
    }
    JsonNode en = member(ha, "enabled");
    boolean enabled = en != null && (!en.isBoolean() || en.booleanValue());
    JsonNode st = member(ha, "status");
    if (st == null || !st.isObject()) {
      return new HaStatus(
          enabled,
          HaMode.NONE,
          Optional.empty(),
          HaMode.NONE,
          Optional.empty(),
          Optional.empty(),
          false,
          List.of());
    }
    HaMode mode = text(st, "mode").map(RestconfJson::role).orElse(HaMode.NONE);
    HaMode assigned = text(st, "assigned-role").map(RestconfJson::role).orElse(mode);
    List<ConnectedSecondary> secondaries = new ArrayList<>();
    for (JsonNode cs : list(st, "connected-secondary")) {
      secondaries.add(
          new ConnectedSecondary(
              nodeId(required(cs, "id", "a connected-secondary")), text(cs, "address").orElse("")));
    }
    return new HaStatus(
        enabled,
        mode,
        text(st, "current-id").map(RestconfJson::nodeId),
        assigned,
        text(st, "be-secondary-result"),
        text(st, "primary-id").map(RestconfJson::nodeId),
        bool(st, "read-only-mode", false),
        secondaries);
  }

  /**
   * {@code GET /restconf/data/tailf-ncs:high-availability?content=config&with-defaults=report-all}.
   */
  static HaConfig haConfig(String body) {
    JsonNode root = parse(body);
    JsonNode ha = member(root, "high-availability");
    if (ha == null) {
      ha = JsonNodeFactory.instance.objectNode();
    }
    List<HaNodeConfig> nodes = new ArrayList<>();
    for (JsonNode n : list(ha, "ha-node")) {
      NodeId id = nodeId(required(n, "id", "an ha-node"));
      try {
        nodes.add(
            new HaNodeConfig(
                id,
                text(n, "address").orElse(""),
                text(n, "nominal-role").map(RestconfJson::role).orElse(HaMode.NONE),
                bool(n, "failover-primary", false)));
      } catch (IllegalArgumentException e) {
        throw new BadReplyException(e.getMessage(), e);
      }
    }
    JsonNode s = member(ha, "settings");
    JsonNode startUp = member(s, "start-up");
    JsonNode consensus = member(s, "consensus");
    HaSettings settings =
        new HaSettings(
            bool(s, "enable-failover", false),
            bool(startUp, "assume-nominal-role", false),
            bool(startUp, "join-ha", false),
            integer(s, "reconnect-interval", 10),
            integer(s, "reconnect-attempts", 3),
            bool(s, "reconnect-secondaries", true),
            bool(consensus, "enabled", true));
    return new HaConfig(nodes, settings);
  }

  // ---- actions
  // ----------------------------------------------------------------------------------------------

  /** The {@code output} of an action reply ({@code {"tailf-ncs:output":{...}}}); empty for 204. */
  static JsonNode output(String body) {
    JsonNode root = parse(body);
    JsonNode out = member(root, "output");
    if (out == null) {
      if (root.isObject() && root.isEmpty()) {
        return root;
      }
      throw new BadReplyException("no 'output' in the action reply: " + abbreviate(body));
    }
    if (!out.isObject()) {
      throw new BadReplyException("'output' is not an object: " + abbreviate(body));
    }
    return out;
  }

  /**
   * The text an action returns: its {@code result} leaf when it has one, otherwise its leaves as
   * {@code name value} lines ({@code installed dummy-1.1}); empty when the action has no output.
   */
  static String resultText(String body) {
    JsonNode out = output(body);
    Optional<String> result = text(out, "result");
    if (result.isPresent()) {
      return result.get();
    }
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : out.properties()) {
      String name = e.getKey().substring(e.getKey().indexOf(':') + 1);
      JsonNode v = e.getValue();
      if (isEmptyLeaf(v)) {
        lines.add(name);
      } else if (v.isValueNode()) {
        lines.add(name + " " + v.asText());
      }
    }
    return String.join("\n", lines);
  }

  /** The body of an action with the given input leaves, {@code {"input":{...}}}. */
  static String input(Map<String, ?> leaves) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.set("input", MAPPER.valueToTree(leaves));
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an action input", e);
    }
  }

  // ---- packages
  // ---------------------------------------------------------------------------------------------

  /** {@code GET /restconf/data/tailf-ncs:packages}. */
  static List<PackageStatus> packages(String body) {
    JsonNode root = parse(body);
    JsonNode pkgs = member(root, "packages");
    List<PackageStatus> out = new ArrayList<>();
    for (JsonNode p : list(pkgs, "package")) {
      String name = required(p, "name", "a package");
      JsonNode os = member(p, "oper-status");
      String status = "unknown";
      Optional<String> errorInfo = Optional.empty();
      if (os != null && os.isObject()) {
        errorInfo = text(os, "error-info");
        for (Map.Entry<String, JsonNode> field : os.properties()) {
          String f = field.getKey();
          String bare = f.substring(f.indexOf(':') + 1);
          if (!bare.equals("error-info")) {
            status = bare;
            break;
          }
        }
      } else if (os != null && os.isTextual()) {
        status = os.textValue();
      }
      out.add(new PackageStatus(name, text(p, "package-version").orElse(""), status, errorInfo));
    }
    return out;
  }

  /** The output of {@code software packages list}. */
  static List<SoftwarePackage> softwarePackages(String body) {
    JsonNode out = output(body);
    List<SoftwarePackage> pkgs = new ArrayList<>();
    for (JsonNode p : list(out, "package")) {
      String name = required(p, "name", "a software package");
      SoftwarePackage.State state = null;
      Optional<String> explicit = text(p, "state");
      if (explicit.isPresent()) {
        state = state(explicit.get());
      } else {
        for (SoftwarePackage.State s : SoftwarePackage.State.values()) {
          if (member(p, s.nsoName()) != null) {
            state = s;
            break;
          }
        }
      }
      if (state == null) {
        throw new BadReplyException("software package " + name + " without a state: " + p);
      }
      pkgs.add(new SoftwarePackage(name, state));
    }
    return pkgs;
  }

  private static SoftwarePackage.State state(String text) {
    try {
      return SoftwarePackage.State.fromNso(text);
    } catch (IllegalArgumentException e) {
      throw new BadReplyException("unknown software package state '" + text + "'", e);
    }
  }

  /** One failed entry of {@code sync-result} in the output of {@code packages ha sync}. */
  record SyncFailure(String node, String info) {}

  /**
   * Every {@code reload-result} entry of a {@code packages reload} or {@code packages ha sync}
   * output.
   */
  static List<PackageReloadResult> reloadResults(String body) {
    JsonNode out = output(body);
    List<PackageReloadResult> results = new ArrayList<>();
    collectReloadResults(out, results);
    return results;
  }

  private static void collectReloadResults(JsonNode node, List<PackageReloadResult> into) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String bare = e.getKey().substring(e.getKey().indexOf(':') + 1);
        if (bare.equals("reload-result")) {
          for (JsonNode r : list(node, e.getKey())) {
            into.add(
                new PackageReloadResult(
                    required(r, "package", "a reload-result"),
                    bool(r, "result", false),
                    text(r, "info").filter(s -> !s.isEmpty())));
          }
        } else {
          collectReloadResults(e.getValue(), into);
        }
      }
    } else if (node.isArray()) {
      node.forEach(n -> collectReloadResults(n, into));
    }
  }

  /** The {@code sync-result} entries of a {@code packages ha sync} output whose result is false. */
  static List<SyncFailure> syncFailures(String body) {
    JsonNode out = output(body);
    List<SyncFailure> failures = new ArrayList<>();
    for (JsonNode r : list(out, "sync-result")) {
      if (!bool(r, "result", true)) {
        failures.add(new SyncFailure(text(r, "node").orElse("?"), text(r, "info").orElse("")));
      }
    }
    return failures;
  }

  // ---- node facts
  // -------------------------------------------------------------------------------------------

  /** {@code GET /restconf/data/tailf-ncs-monitoring:ncs-state/version}. */
  static NsoVersion version(String body) {
    JsonNode root = parse(body);
    String text =
        text(root, "version")
            .orElseThrow(
                () -> new BadReplyException("no 'version' in the reply: " + abbreviate(body)));
    try {
      return NsoVersion.parse(text);
    } catch (IllegalArgumentException e) {
      throw new BadReplyException(e.getMessage(), e);
    }
  }

  // ---- errors
  // -----------------------------------------------------------------------------------------------

  /** One entry of an {@code ietf-restconf:errors} body. Absent fields are empty strings. */
  record RestconfError(String type, String tag, String appTag, String path, String message) {}

  /**
   * The entries of an RFC 8040 error body, {@code {"ietf-restconf:errors":{"error":[...]}}} or the
   * older unprefixed {@code {"errors":{...}}}; empty when the body is not such a body.
   */
  static List<RestconfError> errors(String body) {
    JsonNode root;
    try {
      root = parse(body);
    } catch (BadReplyException e) {
      return List.of();
    }
    JsonNode errs = member(root, "errors");
    List<RestconfError> out = new ArrayList<>();
    if (errs == null) {
      return out;
    }
    List<JsonNode> entries;
    try {
      entries = list(errs, "error");
    } catch (BadReplyException e) {
      return out;
    }
    for (JsonNode e : entries) {
      out.add(
          new RestconfError(
              text(e, "error-type").orElse(""),
              text(e, "error-tag").orElse(""),
              text(e, "error-app-tag").orElse(""),
              text(e, "error-path").orElse(""),
              text(e, "error-message").orElse("")));
    }
    return out;
  }
}
