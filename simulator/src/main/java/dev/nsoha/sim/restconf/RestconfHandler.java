package dev.nsoha.sim.restconf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.nsoha.sim.data.Content;
import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.data.JsonCodec;
import dev.nsoha.sim.data.NodeRefusal;
import dev.nsoha.sim.data.Transaction;
import dev.nsoha.sim.data.Trees;
import dev.nsoha.sim.data.WithDefaults;
import dev.nsoha.sim.data.XmlCodec;
import dev.nsoha.sim.node.SimNode;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import dev.nsoha.sim.util.Xml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Request handling for {@link RestconfService}. Stateless apart from the node; thread-safe. */
final class RestconfHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RestconfHandler.class);
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

  RestconfHandler(SimNode node) {
    this.node = node;
  }

  /** An error reply. */
  private static final class Reply extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final String type;
    final String tag;
    final String path;

    Reply(int status, String type, String tag, String message, String path) {
      super(message);
      this.status = status;
      this.type = type;
      this.tag = tag;
      this.path = path;
    }
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    boolean json = false;
    try {
      json = wantsJson(ex);
      String user = authenticate(ex);
      if (user == null) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"restconf\"");
        error(ex, json, new Reply(401, "protocol", "access-denied", "access denied", null));
        return;
      }
      route(ex, json, user);
    } catch (Reply r) {
      error(ex, json, r);
    } catch (NodeRefusal e) {
      error(ex, json, map(e));
    } catch (RuntimeException e) {
      LOG.warn(
          "{}: RESTCONF {} {} failed", node.label(), ex.getRequestMethod(), ex.getRequestURI(), e);
      error(
          ex,
          json,
          new Reply(500, "application", "operation-failed", "internal error: " + e, null));
    } finally {
      ex.close();
    }
  }

  static Reply map(NodeRefusal e) {
    return switch (e.kind()) {
      case READ_ONLY -> new Reply(409, "application", "in-use", e.getMessage(), null);
      case NOT_FOUND -> new Reply(404, "application", "invalid-value", e.getMessage(), null);
      case DATA_EXISTS -> new Reply(409, "application", "data-exists", e.getMessage(), "");
      case INVALID_VALUE ->
          new Reply(400, "application", "invalid-value", e.getMessage(), e.errorPath());
      case UNKNOWN_ELEMENT ->
          new Reply(400, "application", "unknown-element", e.getMessage(), e.errorPath());
      case MALFORMED -> new Reply(400, "protocol", "malformed-message", e.getMessage(), null);
      case VALIDATION ->
          new Reply(400, "application", "invalid-value", e.getMessage(), e.errorPath());
      case ACCESS_DENIED -> new Reply(403, "protocol", "access-denied", e.getMessage(), null);
      case OPERATION_FAILED ->
          new Reply(400, "application", "operation-failed", e.getMessage(), null);
    };
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
      String a = accept.toLowerCase(java.util.Locale.ROOT);
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
    return ct != null && ct.toLowerCase(java.util.Locale.ROOT).contains("json");
  }

  private void route(HttpExchange ex, boolean json, String user) throws IOException, Reply {
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
        case "PATCH" -> write(ex, json, path, Trees.Op.MERGE, user);
        case "PUT" -> write(ex, json, path, Trees.Op.REPLACE, user);
        case "POST" -> post(ex, json, path, q, user);
        case "DELETE" -> delete(ex, path, user);
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
    throw new Reply(404, "protocol", "invalid-value", "uri keypath not found", null);
  }

  private static void requireMethod(String method, String... allowed) throws Reply {
    for (String a : allowed) {
      if (a.equals(method)) {
        return;
      }
    }
    throw notAllowed(method);
  }

  private static Reply notAllowed(String method) {
    return new Reply(
        405, "protocol", "operation-not-supported", "method not allowed: " + method, null);
  }

  private static Map<String, String> query(HttpExchange ex) throws Reply {
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
        throw new Reply(400, "protocol", "invalid-value", "invalid query parameter: " + p, null);
      }
    }
    return q;
  }

  // ------------------------------------------------------------------ GET

  private void get(
      HttpExchange ex, boolean json, DataPath path, Map<String, String> q, boolean head)
      throws IOException, Reply {
    for (String k : q.keySet()) {
      if (!GET_PARAMS.contains(k)) {
        throw new Reply(400, "protocol", "invalid-value", "invalid query parameter: " + k, null);
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

  // ------------------------------------------------------------------ writes

  /** A parsed request body: JSON object or XML element. */
  private record Body(JsonNode json, Element xml) {
    boolean isEmpty() {
      return json == null && xml == null;
    }
  }

  private static Body body(HttpExchange ex) throws IOException, Reply {
    byte[] b = ex.getRequestBody().readAllBytes();
    String text = new String(b, StandardCharsets.UTF_8).trim();
    if (text.isEmpty()) {
      return new Body(null, null);
    }
    String ct = ex.getRequestHeaders().getFirst("Content-Type");
    boolean xml =
        ct != null ? ct.toLowerCase(java.util.Locale.ROOT).contains("xml") : text.startsWith("<");
    if (xml) {
      try {
        Document d = Xml.parse(new ByteArrayInputStream(b));
        return new Body(null, d.getDocumentElement());
      } catch (IOException e) {
        throw new Reply(
            400, "protocol", "malformed-message", "malformed message: " + e.getMessage(), null);
      }
    }
    return new Body(JsonCodec.parse(text), null);
  }

  /** A scratch node standing for the parent of the last step of {@code path}. */
  private static DataNode scratchParent(DataPath path, List<SchemaNode> resolved) {
    if (path.steps().size() <= 1) {
      return DataNode.root();
    }
    SchemaNode p = resolved.get(resolved.size() - 2);
    DataPath.Step ps = path.steps().get(path.steps().size() - 2);
    if (p.kind() == SchemaNode.Kind.LIST) {
      if (ps.keys() == null) {
        throw new NodeRefusal(NodeRefusal.Kind.MALFORMED, "missing keys for list " + p.name());
      }
      return DataNode.newEntry(p, Trees.canonicalKeys(p, ps.keys()));
    }
    return DataNode.of(p);
  }

  /** A scratch node standing for the target itself (root, container, entry). */
  private static DataNode scratchTarget(DataPath path, List<SchemaNode> resolved) {
    if (path.isRoot()) {
      return DataNode.root();
    }
    SchemaNode t = resolved.get(resolved.size() - 1);
    DataPath.Step st = path.last();
    if (t.kind() == SchemaNode.Kind.LIST) {
      if (st.keys() == null) {
        throw new NodeRefusal(NodeRefusal.Kind.MALFORMED, "missing keys for list " + t.name());
      }
      return DataNode.newEntry(t, Trees.canonicalKeys(t, st.keys()));
    }
    if (t.kind() != SchemaNode.Kind.CONTAINER) {
      throw new NodeRefusal(NodeRefusal.Kind.MALFORMED, "cannot create a child of " + t.name());
    }
    return DataNode.of(t);
  }

  private void decodeInto(DataNode scratch, Body b, Schema schema) {
    if (b.json() != null) {
      JsonCodec.decodeInto(scratch, b.json(), schema, null);
    } else {
      Element top = b.xml();
      Document d = Xml.newDocument();
      Element w = d.createElement("w");
      w.appendChild(d.importNode(top, true));
      if (scratch.kind() == DataNode.Kind.ROOT && "data".equals(Xml.localName(top))) {
        XmlCodec.decodeChildren(scratch, top, schema, false);
      } else {
        XmlCodec.decodeChildren(scratch, w, schema, false);
      }
    }
  }

  /** Extracts the node for the target of {@code path} from a decoded scratch parent. */
  private static DataNode pick(DataNode scratchParent, DataPath path, List<SchemaNode> resolved) {
    SchemaNode t = resolved.get(resolved.size() - 1);
    DataNode c = scratchParent.child(t);
    long others =
        scratchParent.children().stream().filter(k -> k != c && !k.schema().isKey()).count();
    if (c == null || others != 0) {
      throw new NodeRefusal(
          NodeRefusal.Kind.MALFORMED,
          "the body must contain exactly the target resource " + t.name());
    }
    if (t.kind() == SchemaNode.Kind.LIST) {
      List<String> keys =
          Trees.canonicalKeys(t, path.last().keys() == null ? List.of() : path.last().keys());
      DataNode e = c.entry(keys);
      if (e == null || c.entries().size() != 1) {
        throw new NodeRefusal(
            NodeRefusal.Kind.MALFORMED, "the key in the body does not match the key in the uri");
      }
      return e;
    }
    return c;
  }

  private void write(HttpExchange ex, boolean json, DataPath path, Trees.Op op, String user)
      throws IOException, Reply {
    Body b = body(ex);
    if (b.isEmpty()) {
      throw new Reply(400, "protocol", "malformed-message", "malformed message: empty body", null);
    }
    Schema schema = node.schema();
    List<SchemaNode> resolved = path.resolve(schema);
    if (!resolved.isEmpty()
        && resolved.get(resolved.size() - 1).kind() == SchemaNode.Kind.LIST
        && path.last().keys() == null) {
      throw new NodeRefusal(
          NodeRefusal.Kind.MALFORMED,
          "missing keys for list " + resolved.get(resolved.size() - 1).name());
    }
    DataNode content;
    if (path.isRoot()) {
      content = DataNode.root();
      decodeInto(content, b, schema);
    } else {
      DataNode sp = scratchParent(path, resolved);
      decodeInto(sp, b, schema);
      content = pick(sp, path, resolved);
    }
    boolean existed =
        path.isRoot() || node.read(path, Content.CONFIG, WithDefaults.EXPLICIT) != null;
    try (Transaction t = node.newTransaction(user)) {
      if (op == Trees.Op.MERGE) {
        for (int i = 1; i <= path.steps().size(); i++) {
          DataPath prefix = new DataPath(path.steps().subList(0, i));
          if (prefix.last().keys() != null
              && node.read(prefix, Content.CONFIG, WithDefaults.EXPLICIT) == null) {
            throw NodeRefusal.notFound();
          }
        }
        t.merge(path, content);
      } else {
        t.replace(path, content);
      }
      t.commit();
    }
    ex.sendResponseHeaders(op == Trees.Op.REPLACE && !existed ? 201 : 204, -1);
  }

  private void post(
      HttpExchange ex, boolean json, DataPath path, Map<String, String> q, String user)
      throws IOException, Reply {
    if (!path.isRoot() && node.isAction(path)) {
      action(ex, json, path, q, user);
      return;
    }
    Body b = body(ex);
    if (b.isEmpty()) {
      throw new Reply(400, "protocol", "malformed-message", "malformed message: empty body", null);
    }
    Schema schema = node.schema();
    List<SchemaNode> resolved = path.resolve(schema);
    if (!path.isRoot() && node.read(path, Content.CONFIG, WithDefaults.EXPLICIT) == null) {
      SchemaNode t = resolved.get(resolved.size() - 1);
      if (path.last().keys() != null || t.isPresence()) {
        throw NodeRefusal.notFound();
      }
    }
    DataNode scratch = scratchTarget(path, resolved);
    decodeInto(scratch, b, schema);
    List<DataNode> kids = scratch.children();
    if (path.last() != null && scratch.kind() == DataNode.Kind.ENTRY) {
      kids = new ArrayList<>(kids);
      kids.removeIf(k -> k.schema().isKey());
    }
    if (kids.size() != 1) {
      throw new NodeRefusal(
          NodeRefusal.Kind.MALFORMED, "the body must contain exactly one child resource");
    }
    DataNode child = kids.get(0);
    SchemaNode cs = child.schema();
    DataPath.Step step;
    DataNode content = child;
    if (cs.kind() == SchemaNode.Kind.LIST) {
      if (child.entries().size() != 1) {
        throw new NodeRefusal(
            NodeRefusal.Kind.MALFORMED, "the body must contain exactly one list entry");
      }
      content = child.entries().iterator().next();
      step =
          new DataPath.Step(
              path.isRoot() || !cs.module().equals(resolved.get(resolved.size() - 1).module())
                  ? cs.module().name()
                  : null,
              cs.name(),
              content.keyValues());
    } else {
      step = new DataPath.Step(path.isRoot() ? cs.module().name() : null, cs.name(), null);
    }
    DataPath childPath = path.child(step);
    try (Transaction t = node.newTransaction(user)) {
      t.create(childPath, content);
      t.commit();
    }
    ex.getResponseHeaders().set("Location", location(childPath));
    ex.sendResponseHeaders(201, -1);
  }

  private static String location(DataPath p) {
    StringBuilder b = new StringBuilder("/restconf/data");
    for (DataPath.Step s : p.steps()) {
      b.append('/');
      if (s.module() != null) {
        b.append(s.module()).append(':');
      }
      b.append(s.name());
      if (s.keys() != null) {
        b.append('=');
        List<String> ks = new ArrayList<>();
        for (String k : s.keys()) {
          ks.add(URLEncoder.encode(k, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        b.append(String.join(",", ks));
      }
    }
    return b.toString();
  }

  private void delete(HttpExchange ex, DataPath path, String user) throws IOException {
    path.resolve(node.schema());
    try (Transaction t = node.newTransaction(user)) {
      t.delete(path);
      t.commit();
    }
    ex.sendResponseHeaders(204, -1);
  }

  // ------------------------------------------------------------------ actions

  private void action(
      HttpExchange ex, boolean json, DataPath path, Map<String, String> q, String user)
      throws IOException, Reply {
    for (String k : q.keySet()) {
      if (!k.equals("unhide")) {
        throw new Reply(400, "protocol", "invalid-value", "invalid query parameter: " + k, null);
      }
    }
    DataNode in = node.newActionInput(path);
    SchemaNode a = in.schema().parent();
    Body b = body(ex);
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

  private void error(HttpExchange ex, boolean json, Reply r) {
    try {
      String body;
      if (json) {
        ObjectNode e = JsonCodec.MAPPER.createObjectNode();
        e.put("error-type", r.type);
        e.put("error-tag", r.tag);
        if (r.path != null) {
          e.put("error-path", r.path);
        }
        e.put("error-message", r.getMessage());
        ObjectNode errors = JsonCodec.MAPPER.createObjectNode();
        ArrayNode arr = errors.putObject("ietf-restconf:errors").putArray("error");
        arr.add(e);
        body = JsonCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(errors);
      } else {
        Document d = Xml.newDocument();
        Element errs = d.createElementNS(RESTCONF_NS, "errors");
        errs.setAttribute("xmlns", RESTCONF_NS);
        d.appendChild(errs);
        Element er = d.createElementNS(RESTCONF_NS, "error");
        errs.appendChild(er);
        add(d, er, "error-type", r.type);
        add(d, er, "error-tag", r.tag);
        if (r.path != null) {
          add(d, er, "error-path", r.path);
        }
        add(d, er, "error-message", r.getMessage());
        body = Xml.toString(d, true);
      }
      LOG.debug(
          "{}: RESTCONF {} {} -> {} {}",
          node.label(),
          ex.getRequestMethod(),
          ex.getRequestURI(),
          r.status,
          r.getMessage());
      send(ex, r.status, json ? JSON : XML, body);
    } catch (IOException e) {
      LOG.debug("{}: cannot send error reply: {}", node.label(), e.toString());
    }
  }

  private static void add(Document d, Element parent, String name, String text) {
    Element e = d.createElementNS(RESTCONF_NS, name);
    e.setTextContent(text);
    parent.appendChild(e);
  }
}
