package dev.nsoha.sim.restconf;

import com.sun.net.httpserver.HttpExchange;
import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.data.JsonCodec;
import dev.nsoha.sim.data.NodeRefusal;
import dev.nsoha.sim.data.Transaction;
import dev.nsoha.sim.data.Trees;
import dev.nsoha.sim.data.XmlCodec;
import dev.nsoha.sim.node.SimNode;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import dev.nsoha.sim.util.Xml;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * RESTCONF's data-modifying methods on {@code /restconf/data}: PATCH (merge), PUT (replace), POST
 * (create a child) and DELETE, each one transaction on the node. Thread-safe.
 */
final class RestconfWrites {
  private final SimNode node;

  RestconfWrites(SimNode node) {
    this.node = node;
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

  private static void decodeInto(DataNode scratch, RequestBody b, Schema schema) {
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

  /** PATCH (merge) and PUT (replace): 204, or 201 when PUT created the target. */
  void write(HttpExchange ex, DataPath path, Trees.Op op, String user)
      throws IOException, RestconfError {
    RequestBody b = RequestBody.read(ex);
    if (b.isEmpty()) {
      throw new RestconfError(
          400, "protocol", "malformed-message", "malformed message: empty body", null);
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
    boolean existed = path.isRoot() || node.hasConfig(path);
    try (Transaction t = node.newTransaction(user)) {
      if (op == Trees.Op.MERGE) {
        for (int i = 1; i <= path.steps().size(); i++) {
          DataPath prefix = new DataPath(path.steps().subList(0, i));
          if (prefix.last().keys() != null && !node.hasConfig(prefix)) {
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

  /** POST of a child resource: 201 with its Location. */
  void post(HttpExchange ex, DataPath path, String user) throws IOException, RestconfError {
    RequestBody b = RequestBody.read(ex);
    if (b.isEmpty()) {
      throw new RestconfError(
          400, "protocol", "malformed-message", "malformed message: empty body", null);
    }
    Schema schema = node.schema();
    List<SchemaNode> resolved = path.resolve(schema);
    if (!path.isRoot() && !node.hasConfig(path)) {
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

  /** DELETE: 204. */
  void delete(HttpExchange ex, DataPath path, String user) throws IOException {
    path.resolve(node.schema());
    try (Transaction t = node.newTransaction(user)) {
      t.delete(path);
      t.commit();
    }
    ex.sendResponseHeaders(204, -1);
  }
}
