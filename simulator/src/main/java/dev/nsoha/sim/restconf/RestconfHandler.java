package dev.nsoha.sim.restconf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.nsoha.sim.data.Content;
import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.data.JsonCodec;
import dev.nsoha.sim.data.NodeRefusal;
import dev.nsoha.sim.data.Trees;
import dev.nsoha.sim.data.WithDefaults;
import dev.nsoha.sim.data.XmlCodec;
import dev.nsoha.sim.node.SimNode;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Request handling for {@link RestconfService}. Stateless apart from the node; thread-safe. */
final class RestconfHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(RestconfHandler.class);
  static final String JSON = "application/yang-data+json";
  static final String XML = "application/yang-data+xml";
  static final String RESTCONF_NS = "urn:ietf:params:xml:ns:yang:ietf-restconf";
  private static final Set<String> GET_PARAMS =
      Set.of(
          "content",
          "with-defaults",
          "depth",
          "fields",
          "exclude",
          "limit",
          "offset",
          "unhide",
          "shallow");

  private final SimNode node;
  private final RestconfWrites writes;

  RestconfHandler(SimNode node) {
    this.node = node;
    this.writes = new RestconfWrites(node);
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    boolean json = false;
    try {
      json = wantsJson(ex);
      String user = authenticate(ex);
      if (user == null) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"restconf\"");
        error(ex, json, new RestconfError(401, "protocol", "access-denied", "access denied", null));
        return;
      }
      route(ex, json, user);
    } catch (RestconfError r) {
      error(ex, json, r);
    } catch (NodeRefusal e) {
      error(ex, json, RestconfError.of(e));
    } catch (RuntimeException e) {
      log.warn(
          "{}: RESTCONF {} {} failed", node.label(), ex.getRequestMethod(), ex.getRequestURI(), e);
      error(
          ex,
          json,
          new RestconfError(500, "application", "operation-failed", "internal error: " + e, null));
    } finally {
      ex.close();
    }
  }

  private String authenticate(HttpExchange ex) {
    String h = ex.getRequestHeaders().getFirst("Authorization");
    if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String up =
          new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
      int c = up.indexOf(':');
      if (c < 0) {
        return null;
      }
      String user = up.substring(0, c);
      return node.authenticate(user, up.substring(c + 1)) ? user : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Response format: an explicit JSON or XML Accept wins; with none (or only wildcards) the reply
   * follows the request Content-Type, and XML otherwise.
   */
  static boolean wantsJson(HttpExchange ex) {
    String accept = ex.getRequestHeaders().getFirst("Accept");
    if (accept != null) {
      String a = accept.toLowerCase(Locale.ROOT);
      boolean j = a.contains("+json") || a.contains("application/json");
      boolean x = a.contains("+xml") || a.contains("application/xml");
      if (j && !x) {
        return true;
      }
      if (x && !j) {
        return false;
      }
      if (j) {
        return a.indexOf("json") < a.indexOf("xml");
      }
    }
    String ct = ex.getRequestHeaders().getFirst("Content-Type");
    return ct != null && ct.toLowerCase(Locale.ROOT).contains("json");
  }

  private void route(HttpExchange ex, boolean json, String user) throws IOException, RestconfError {
    String raw = ex.getRequestURI().getRawPath();
    String method = ex.getRequestMethod();
    if (raw.equals("/.well-known/host-meta")) {
      send(
          ex,
          200,
          "application/xrd+xml",
          "<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>\n  <Link rel='restconf' href='/restconf'/>\n</XRD>\n");
      return;
    }
    if (raw.equals("/restconf") || raw.equals("/restconf/")) {
      requireMethod(method, "GET", "HEAD");
      if (json) {
        send(
            ex,
            200,
            JSON,
            "{\"ietf-restconf:restconf\":{\"data\":{},\"operations\":{},\"yang-library-version\":\"2019-01-04\"}}");
      } else {
        send(
            ex,
            200,
            XML,
            "<restconf xmlns=\""
                + RESTCONF_NS
                + "\"><data/><operations/>"
                + "<yang-library-version>2019-01-04</yang-library-version></restconf>");
      }
      return;
    }
    if (raw.equals("/restconf/yang-library-version")) {
      requireMethod(method, "GET", "HEAD");
      if (json) {
        send(ex, 200, JSON, "{\"ietf-restconf:yang-library-version\":\"2019-01-04\"}");
      } else {
        send(
            ex,
            200,
            XML,
            "<yang-library-version xmlns=\""
                + RESTCONF_NS
                + "\">2019-01-04</yang-library-version>");
      }
      return;
    }
    Map<String, String> q = query(ex);
    if (raw.equals("/restconf/data") || raw.startsWith("/restconf/data/")) {
      DataPath path = DataPath.parseRestconf(raw.substring("/restconf/data".length()));
      switch (method) {
        case "GET", "HEAD" -> get(ex, json, path, q, method.equals("HEAD"));
        case "PATCH" -> writes.write(ex, path, Trees.Op.MERGE, user);
        case "PUT" -> writes.write(ex, path, Trees.Op.REPLACE, user);
        case "POST" -> {
          if (!path.isRoot() && node.isAction(path)) {
            action(ex, json, path, q, user);
          } else {
            writes.post(ex, path, user);
          }
        }
        case "DELETE" -> writes.delete(ex, path, user);
        default -> throw notAllowed(method);
      }
      return;
    }
    if (raw.startsWith("/restconf/operations/")) {
      requireMethod(method, "POST");
      DataPath path = DataPath.parseRestconf(raw.substring("/restconf/operations/".length()));
      action(ex, json, path, q, user);
      return;
    }
    throw new RestconfError(404, "protocol", "invalid-value", "uri keypath not found", null);
  }

  private static void requireMethod(String method, String... allowed) throws RestconfError {
    for (String a : allowed) {
      if (a.equals(method)) {
        return;
      }
    }
    throw notAllowed(method);
  }

  private static RestconfError notAllowed(String method) {
    return new RestconfError(
        405, "protocol", "operation-not-supported", "method not allowed: " + method, null);
  }

  private static Map<String, String> query(HttpExchange ex) throws RestconfError {
    Map<String, String> q = new LinkedHashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String p : raw.split("&")) {
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? p : p.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8);
        q.put(k, v);
      } catch (IllegalArgumentException e) {
        throw new RestconfError(
            400, "protocol", "invalid-value", "invalid query parameter: " + p, null);
      }
    }
    return q;
  }

  // ------------------------------------------------------------------ GET

  private void get(
      HttpExchange ex, boolean json, DataPath path, Map<String, String> q, boolean head)
      throws IOException, RestconfError {
    for (String k : q.keySet()) {
      if (!GET_PARAMS.contains(k)) {
        throw new RestconfError(
            400, "protocol", "invalid-value", "invalid query parameter: " + k, null);
      }
    }
    Content content = Content.parse(q.getOrDefault("content", "all"));
    WithDefaults wd = WithDefaults.parse(q.getOrDefault("with-defaults", "explicit"));
    Schema schema = node.schema();
    List<SchemaNode> resolved = path.resolve(schema);
    DataNode n = node.read(path, content, wd);
    if (n == null) {
      boolean keyed = path.steps().stream().anyMatch(s -> s.keys() != null);
      SchemaNode last = resolved.isEmpty() ? null : resolved.get(resolved.size() - 1);
      if (keyed || (last != null && last.isLeafy())) {
        throw new NodeRefusal(NodeRefusal.Kind.NOT_FOUND, "uri keypath not found");
      }
      ex.getResponseHeaders()
          .set("Cache-Control", "private, no-cache, must-revalidate, proxy-revalidate");
      ex.sendResponseHeaders(204, -1);
      return;
    }
    if (n.kind() == DataNode.Kind.ROOT && n.isEmpty()) {
      ex.sendResponseHeaders(204, -1);
      return;
    }
    ex.getResponseHeaders().set("Etag", "\"" + node.transactionId() + "\"");
    String body;
    if (json) {
      ObjectNode o =
          n.kind() == DataNode.Kind.ROOT
              ? wrap("ietf-restconf:data", JsonCodec.encodeChildren(n))
              : JsonCodec.encode(n);
      body = JsonCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    } else if (n.kind() == DataNode.Kind.ROOT) {
      body = XmlCodec.toXml(n, "data", RESTCONF_NS, true);
    } else {
      body = XmlCodec.toXml(n, null, null, true);
    }
    if (head) {
      ex.getResponseHeaders().set("Content-Type", json ? JSON : XML);
      ex.sendResponseHeaders(200, -1);
      return;
    }
    send(ex, 200, json ? JSON : XML, body);
  }

  private static ObjectNode wrap(String name, JsonNode v) {
    ObjectNode o = JsonCodec.MAPPER.createObjectNode();
    o.set(name, v);
    return o;
  }

  // ------------------------------------------------------------------ actions

  private void action(
      HttpExchange ex, boolean json, DataPath path, Map<String, String> q, String user)
      throws IOException, RestconfError {
    for (String k : q.keySet()) {
      if (!k.equals("unhide")) {
        throw new RestconfError(
            400, "protocol", "invalid-value", "invalid query parameter: " + k, null);
      }
    }
    DataNode in = node.newActionInput(path);
    SchemaNode a = in.schema().parent();
    RequestBody b = RequestBody.read(ex);
    Schema schema = node.schema();
    if (b.json() != null) {
      JsonNode inJ = b.json().get("input");
      if (inJ == null) {
        inJ = b.json().get(a.module().name() + ":input");
      }
      if (inJ == null && b.json().size() > 0) {
        throw new NodeRefusal(
            NodeRefusal.Kind.MALFORMED, "malformed message: expected {\"input\":{...}}");
      }
      if (inJ != null && !inJ.isNull()) {
        JsonCodec.decodeInto(in, inJ, schema, null);
      }
    } else if (b.xml() != null) {
      XmlCodec.decodeChildren(in, b.xml(), schema, false);
    }
    DataNode out = node.invokeAction(path, in, user);
    if (out.isEmpty()) {
      ex.sendResponseHeaders(204, -1);
      return;
    }
    String body;
    if (json) {
      ObjectNode o = wrap(a.module().name() + ":output", JsonCodec.encodeChildren(out));
      body = JsonCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    } else {
      body = XmlCodec.toXml(out, "output", a.module().namespace(), true);
    }
    send(ex, 200, json ? JSON : XML, body);
  }

  // ------------------------------------------------------------------ replies

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders()
        .set("Cache-Control", "private, no-cache, must-revalidate, proxy-revalidate");
    ex.getResponseHeaders().set("Pragma", "no-cache");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(b);
    }
  }

  private void error(HttpExchange ex, boolean json, RestconfError r) {
    try {
      log.debug(
          "{}: RESTCONF {} {} -> {} {}",
          node.label(),
          ex.getRequestMethod(),
          ex.getRequestURI(),
          r.status(),
          r.getMessage());
      send(ex, r.status(), json ? JSON : XML, r.body(json));
    } catch (IOException e) {
      log.debug("{}: cannot send error reply: {}", node.label(), e.toString());
    }
  }
}
