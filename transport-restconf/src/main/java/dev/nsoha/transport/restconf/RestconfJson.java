package dev.nsoha.transport.restconf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.core.error.ProtocolException;
import dev.nsoha.core.model.Alarm;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaConfig;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.model.PackageReloadResult;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.model.RaftStatus;
import dev.nsoha.core.model.SoftwarePackage;
import dev.nsoha.core.model.SyncResult;
import dev.nsoha.core.yang.NsoJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * RFC 7951 JSON, as NSO's RESTCONF server writes it, to and from core's {@link DataTree}; the trees
 * are mapped to core's records by core's one mapping, {@link NsoJson} (docs/nso-interface.md). What
 * is RESTCONF's own stays here: the {@code ietf-restconf:errors} bodies, the action {@code input}
 * and {@code output} wrappers, and a depth limit on replies.
 *
 * <p>Stateless and thread-safe. Every parse method throws {@link BadReplyException} when the body
 * does not have the expected shape; the client turns it into a {@link
 * dev.nsoha.core.error.ProtocolException} with its context.
 */
final class RestconfJson {
  /**
   * Deeper than any NSO data: a reply nested deeper is refused before it is converted (a hostile
   * node could otherwise exhaust the stack).
   */
  static final int MAX_DEPTH = 128;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                  .build())
          .build();

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
    } catch (StreamConstraintsException e) {
      throw new BadReplyException(
          "the reply is nested deeper than " + MAX_DEPTH + " levels: " + abbreviate(body), e);
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

  /**
   * The {@code output} of an action reply as a tree ({@code {"tailf-ncs:output":{...}}}); empty for
   * 204.
   */
  static DataTree outputTree(String body) {
    return DataTree.of(objectToMap(output(body)));
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

  // ---- the model, through core's one mapping
  // -------------------------------------------------------------------------------

  /** {@code GET /restconf/data/tailf-ncs:high-availability?content=nonconfig}. */
  static HaStatus haStatus(String body) {
    return mapped(() -> NsoJson.haStatus(dataTree(body)));
  }

  /**
   * {@code GET /restconf/data/tailf-ncs:high-availability?content=config&with-defaults=report-all}.
   */
  static HaConfig haConfig(String body) {
    return mapped(() -> NsoJson.haConfig(dataTree(body)));
  }

  /** {@code GET /restconf/data/tailf-ncs:packages}. */
  static List<PackageStatus> packages(String body) {
    return mapped(() -> NsoJson.packages(dataTree(body)));
  }

  /** The output of {@code software packages list}. */
  static List<SoftwarePackage> softwarePackages(String body) {
    return mapped(() -> NsoJson.softwarePackages(outputTree(body)));
  }

  /**
   * Every {@code reload-result} entry of a {@code packages reload} or {@code packages ha sync}
   * output.
   */
  static List<PackageReloadResult> reloadResults(String body) {
    return mapped(() -> NsoJson.reloadResults(outputTree(body)));
  }

  /** The output of {@code packages ha sync and-reload}. */
  static SyncResult syncResult(String body) {
    return mapped(() -> NsoJson.syncResult(outputTree(body)));
  }

  /** {@code GET /restconf/data/tailf-ncs-high-availability-raft:ha-raft?content=nonconfig}. */
  static Optional<RaftStatus> raftStatus(String body) {
    return mapped(() -> NsoJson.raftStatus(dataTree(body)));
  }

  /** {@code GET /restconf/data/tailf-ncs-monitoring:ncs-state/version}. */
  static NsoVersion version(String body) {
    return mapped(() -> NsoJson.version(dataTree(body)));
  }

  /** {@code GET /restconf/data/tailf-ncs-alarms:alarms/alarm-list?content=nonconfig}. */
  static List<Alarm> alarms(String body) {
    return mapped(() -> NsoJson.alarms(dataTree(body)));
  }

  /** Core's mapping, with its refusal as this class's {@link BadReplyException}. */
  private static <T> T mapped(Supplier<T> mapping) {
    try {
      return mapping.get();
    } catch (ProtocolException e) {
      throw new BadReplyException(e.detail(), e);
    }
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
  /**
   * NSO's reason when an action answers {@code "result": false} (its {@code info}, or {@code result
   * false} without one); empty for any other reply.
   */
  static Optional<String> failure(String body) {
    JsonNode out = output(body);
    Optional<String> result = text(out, "result");
    if (result.isEmpty() || !result.get().equals("false")) {
      return Optional.empty();
    }
    return Optional.of(text(out, "info").filter(s -> !s.isBlank()).orElse("result false"));
  }

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
