package dev.nsoha.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.sim.alarm.Alarm;
import dev.nsoha.sim.conf.NcsConf;
import dev.nsoha.sim.data.Content;
import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.data.JsonCodec;
import dev.nsoha.sim.data.NsoException;
import dev.nsoha.sim.data.Transaction;
import dev.nsoha.sim.data.WithDefaults;
import dev.nsoha.sim.node.NodeEventListener;
import dev.nsoha.sim.node.SimNode;
import dev.nsoha.sim.schema.InvalidValueException;
import dev.nsoha.sim.schema.LeafType;
import dev.nsoha.sim.schema.Schema;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@link CliBackend} over the {@link SimNode} facade: converts the node's schema to the CLI's
 * {@link SchemaNode} view (cached per schema instance, so a package reload is picked up), reads
 * through {@link SimNode#read}, commits through a {@link Transaction}, invokes actions and turns
 * {@link NsoException}s into {@link CliException}s carrying NSO's text. Thread-safe.
 */
public final class SimNodeCliBackend implements CliBackend {

  private static final String HOST = localHostName();

  private final SimNode node;
  private Schema cachedFor;
  private SchemaNode cached;
  private Map<SchemaNode, dev.nsoha.sim.schema.SchemaNode> origin = new IdentityHashMap<>();

  private SimNodeCliBackend(SimNode node) {
    this.node = Objects.requireNonNull(node, "node");
  }

  /** A backend for a node. */
  public static SimNodeCliBackend of(SimNode node) {
    return new SimNodeCliBackend(node);
  }

  /** The prompt templates from the node's ncs.conf ({@code /ncs-config/cli/...}). */
  public Prompts prompts() {
    return prompts(node.conf());
  }

  /**
   * The prompt templates of an ncs.conf. The element text is used verbatim (prompts end with a
   * blank that a trimmed value would lose), read from the file itself.
   */
  static Prompts prompts(NcsConf conf) {
    Map<String, String> raw = rawCliElements(conf.file());
    return Prompts.DEFAULTS.with(
        prompt(raw, conf, "prompt1"),
        prompt(raw, conf, "prompt2"),
        prompt(raw, conf, "c-prompt1"),
        prompt(raw, conf, "c-prompt2"));
  }

  private static String prompt(Map<String, String> raw, NcsConf conf, String name) {
    String v = raw.get(name);
    if (v != null) {
      return v;
    }
    return conf.value("/ncs-config/cli/" + name)
        .map(s -> s.isEmpty() || s.endsWith(" ") ? s : s + " ")
        .orElse(null);
  }

  /** Untrimmed text of the direct children of {@code /ncs-config/cli} (empty map if unreadable). */
  static Map<String, String> rawCliElements(java.nio.file.Path file) {
    Map<String, String> out = new java.util.HashMap<>();
    if (file == null || !java.nio.file.Files.isRegularFile(file)) {
      return out;
    }
    try {
      javax.xml.parsers.DocumentBuilderFactory f =
          javax.xml.parsers.DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      org.w3c.dom.Element root = f.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
      for (org.w3c.dom.Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof org.w3c.dom.Element e && "cli".equals(e.getLocalName())) {
          for (org.w3c.dom.Node k = e.getFirstChild(); k != null; k = k.getNextSibling()) {
            if (k instanceof org.w3c.dom.Element ke) {
              out.put(ke.getLocalName(), ke.getTextContent());
            }
          }
        }
      }
    } catch (Exception e) {
      out.clear();
    }
    return out;
  }

  /**
   * The SSH CLI style of an ncs.conf: C if {@code /ncs-config/cli/style} is {@code c}, J otherwise.
   */
  static CliStyle style(NcsConf conf) {
    return conf.value("/ncs-config/cli/style")
        .map(s -> s.equalsIgnoreCase("c") ? CliStyle.C : CliStyle.J)
        .orElse(CliStyle.J);
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  @Override
  public String hostName() {
    return HOST;
  }

  @Override
  public synchronized SchemaNode schema() {
    Schema s = node.schema();
    if (s != cachedFor) {
      Map<SchemaNode, dev.nsoha.sim.schema.SchemaNode> map = new IdentityHashMap<>();
      SchemaNode root = SchemaNode.root();
      for (dev.nsoha.sim.schema.SchemaNode top : s.topNodes()) {
        root.add(convert(top, map));
      }
      cached = root;
      cachedFor = s;
      origin = map;
    }
    return cached;
  }

  private static SchemaNode convert(
      dev.nsoha.sim.schema.SchemaNode n, Map<SchemaNode, dev.nsoha.sim.schema.SchemaNode> map) {
    SchemaNode c;
    switch (n.kind()) {
      case LIST:
        c = SchemaNode.list(n.name(), n.keys().toArray(String[]::new));
        break;
      case LEAF:
        c = SchemaNode.leaf(n.name(), type(n.type()));
        break;
      case LEAF_LIST:
        c = SchemaNode.leafList(n.name(), type(n.type()));
        break;
      case ACTION:
        c = SchemaNode.action(n.name());
        break;
      default:
        c = SchemaNode.container(n.name());
        if (n.isPresence()) {
          c.presence();
        }
    }
    c.module(n.module().name(), n.module().namespace());
    if (n.isLeafy() && n.type() != null && n.type().base() == LeafType.Base.ENUMERATION) {
      c.enums(n.type().enums().toArray(String[]::new));
    }
    if (n.isMandatory()) {
      c.mandatory();
    }
    if (!n.isConfig()) {
      c.configFalse();
    }
    map.put(c, n);
    if (n.kind() == dev.nsoha.sim.schema.SchemaNode.Kind.ACTION) {
      dev.nsoha.sim.schema.SchemaNode in = n.child("input");
      dev.nsoha.sim.schema.SchemaNode out = n.child("output");
      if (in != null) {
        for (dev.nsoha.sim.schema.SchemaNode k : in.children()) {
          c.in(convert(k, map));
        }
      }
      if (out != null) {
        for (dev.nsoha.sim.schema.SchemaNode k : out.children()) {
          c.out(convert(k, map));
        }
      }
      return c;
    }
    for (dev.nsoha.sim.schema.SchemaNode k : n.children()) {
      if (k.kind() != dev.nsoha.sim.schema.SchemaNode.Kind.INPUT
          && k.kind() != dev.nsoha.sim.schema.SchemaNode.Kind.OUTPUT) {
        c.add(convert(k, map));
      }
    }
    return c;
  }

  private static SchemaNode.Type type(LeafType t) {
    if (t == null) {
      return SchemaNode.Type.STRING;
    }
    if (t.isEmpty()) {
      return SchemaNode.Type.EMPTY;
    }
    if (t.isBoolean()) {
      return SchemaNode.Type.BOOLEAN;
    }
    if (t.isJsonNumber()) {
      return SchemaNode.Type.INTEGER;
    }
    switch (t.base()) {
      case INT64:
      case UINT64:
      case DECIMAL64:
        return SchemaNode.Type.INT64;
      case ENUMERATION:
        return SchemaNode.Type.ENUMERATION;
      case IDENTITYREF:
        return SchemaNode.Type.IDENTITYREF;
      default:
        return SchemaNode.Type.STRING;
    }
  }

  @Override
  public String checkValue(SchemaNode leaf, String value) {
    dev.nsoha.sim.schema.SchemaNode n;
    synchronized (this) {
      n = origin.get(leaf);
    }
    if (n == null || n.type() == null) {
      return null;
    }
    try {
      n.type().canonical(value);
      return null;
    } catch (InvalidValueException e) {
      return e.getMessage();
    }
  }

  @Override
  public ObjectNode read(SchemaNode top, boolean config) {
    DataPath p = new DataPath(List.of(new DataPath.Step(top.module(), top.name(), null)));
    DataNode n;
    try {
      n = node.read(p, config ? Content.CONFIG : Content.NONCONFIG, WithDefaults.EXPLICIT);
    } catch (NsoException e) {
      return null;
    }
    if (n == null) {
      return null;
    }
    JsonNode v = JsonCodec.encodeValue(n);
    return v.isObject() ? unprefix((ObjectNode) v) : null;
  }

  /** Drops module prefixes from member names (the CLI addresses nodes by local name). */
  static ObjectNode unprefix(ObjectNode o) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      int c = k.indexOf(':');
      out.set(c >= 0 ? k.substring(c + 1) : k, unprefixValue(e.getValue()));
    }
    return out;
  }

  private static JsonNode unprefixValue(JsonNode v) {
    if (v.isObject()) {
      return unprefix((ObjectNode) v);
    }
    if (v.isArray()) {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      for (JsonNode e : v) {
        a.add(unprefixValue(e));
      }
      return a;
    }
    return v;
  }

  private static DataPath path(List<PathStep> steps, String topModule) {
    List<DataPath.Step> out = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      PathStep s = steps.get(i);
      out.add(
          new DataPath.Step(
              i == 0 ? topModule : null, s.name(), s.keys().isEmpty() ? null : s.keys()));
    }
    return new DataPath(out);
  }

  private String topModule(List<PathStep> steps) {
    SchemaNode top = schema().child(steps.get(0).name());
    return top == null ? null : top.module();
  }

  @Override
  public void commit(String user, List<Edit> edits) throws CliException {
    try (Transaction tx = node.newTransaction(user)) {
      for (Edit e : edits) {
        DataPath p = path(e.path(), topModule(e.path()));
        switch (e.op()) {
          case SET:
            if (e.value().isArray() && !DataRenderer.isEmptyValue(e.value())) {
              for (JsonNode v : e.value()) {
                tx.setLeaf(p, DataRenderer.text(v));
              }
            } else {
              tx.setLeaf(
                  p, DataRenderer.isEmptyValue(e.value()) ? "" : DataRenderer.text(e.value()));
            }
            break;
          case CREATE:
            tx.ensure(p);
            break;
          default:
            if (tx.read(p) != null) {
              tx.delete(p);
            }
        }
      }
      tx.commit();
    } catch (NsoException e) {
      throw new CliException(e.getMessage(), e);
    }
  }

  @Override
  public ObjectNode invoke(String user, List<PathStep> actionPath, ObjectNode input)
      throws CliException {
    try {
      DataPath p = path(actionPath, topModule(actionPath));
      DataNode in = node.newActionInput(p);
      JsonCodec.decodeInto(in, input, node.schema(), null);
      DataNode out = node.invokeAction(p, in, user);
      return unprefix(JsonCodec.encodeChildren(out));
    } catch (NsoException e) {
      throw new CliException(e.getMessage(), e);
    }
  }

  @Override
  public boolean isReadOnly() {
    return node.isReadOnly();
  }

  @Override
  public boolean authenticate(String user, String password) {
    return node.authenticate(user, password);
  }

  @Override
  public AutoCloseable onAlarm(Consumer<String> listener) {
    NodeEventListener l = (Alarm a) -> listener.accept(alarmType(a.type()) + ": " + a.text());
    node.addEventListener(l);
    return () -> node.removeEventListener(l);
  }

  private static String alarmType(String type) {
    int c = type.indexOf(':');
    return c >= 0 ? type.substring(c + 1) : type;
  }
}
