package dev.nsoha.sim.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.sim.cli.CliScriptRunner;
import dev.nsoha.sim.cli.interpreter.CliStyle;
import dev.nsoha.sim.data.Content;
import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.data.JsonCodec;
import dev.nsoha.sim.data.NodeRefusal;
import dev.nsoha.sim.data.Transaction;
import dev.nsoha.sim.data.Trees;
import dev.nsoha.sim.data.WithDefaults;
import dev.nsoha.sim.data.XmlCodec;
import dev.nsoha.sim.ha.HaState;
import dev.nsoha.sim.node.SimNode;
import dev.nsoha.sim.pkg.PackageInfo;
import dev.nsoha.sim.schema.InvalidValueException;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import dev.nsoha.sim.util.Xml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** {@link NodeOps} on the {@link SimNode} facade. Thread-safe as the facade is. */
public final class SimNodeOps implements NodeOps {
  private final SimNode node;

  public SimNodeOps(SimNode node) {
    this.node = Objects.requireNonNull(node, "node");
  }

  @Override
  public String version() {
    return node.version();
  }

  @Override
  public String phase() {
    return node.status();
  }

  @Override
  public boolean awaitStarted(Duration timeout) throws InterruptedException {
    return node.awaitStarted(timeout);
  }

  @Override
  public String statusDetails() {
    StringBuilder b = new StringBuilder();
    HaState ha = node.haStatus();
    b.append("high availability:\n");
    b.append("  enabled: ").append(ha.enabled()).append('\n');
    b.append("  mode: ").append(ha.mode()).append('\n');
    if (ha.currentId() != null) {
      b.append("  current-id: ").append(ha.currentId()).append('\n');
    }
    if (ha.primaryId() != null) {
      b.append("  primary-id: ").append(ha.primaryId()).append('\n');
    }
    b.append("  read-only-mode: ").append(ha.readOnly()).append('\n');
    ha.connectedSecondaries()
        .forEach(
            (id, addr) ->
                b.append("  connected-secondary: ")
                    .append(id)
                    .append(' ')
                    .append(addr)
                    .append('\n'));
    b.append("packages:\n");
    for (PackageInfo p : node.packages()) {
      b.append("  ")
          .append(p.name())
          .append(' ')
          .append(p.version())
          .append(' ')
          .append(p.up() ? "up" : "file-load-error: " + p.errorInfo())
          .append('\n');
    }
    b.append("transaction id: ").append(node.transactionId()).append('\n');
    return b.toString();
  }

  @Override
  public Optional<String> get(String keypath) {
    DataNode n = read(keypath, WithDefaults.REPORT_ALL);
    if (n == null) {
      return Optional.empty();
    }
    return switch (n.kind()) {
      case LEAF -> Optional.of(n.value());
      case LEAF_LIST -> Optional.of(String.join(" ", n.values()));
      default -> throw new ToolFailure(ToolFailure.Kind.BAD_PATH, keypath + " is not a leaf");
    };
  }

  @Override
  public boolean exists(String keypath) {
    return read(keypath, WithDefaults.EXPLICIT) != null;
  }

  @Override
  public int count(String keypath) {
    DataNode n = read(keypath, WithDefaults.EXPLICIT);
    if (n == null) {
      return 0;
    }
    if (n.kind() != DataNode.Kind.LIST) {
      throw new ToolFailure(ToolFailure.Kind.BAD_PATH, keypath + " is not a list");
    }
    return n.entries().size();
  }

  private DataNode read(String keypath, WithDefaults wd) {
    DataPath p = path(keypath);
    try {
      return node.read(p, Content.ALL, wd);
    } catch (NodeRefusal e) {
      if (e.kind() == NodeRefusal.Kind.NOT_FOUND) {
        throw new ToolFailure(ToolFailure.Kind.BAD_PATH, badPath(p));
      }
      throw failure(e);
    }
  }

  /** Names the first step of {@code p} that the schema does not have, as MAAPI does. */
  private String badPath(DataPath p) {
    List<DataPath.Step> steps = p.steps();
    for (int i = 1; i <= steps.size(); i++) {
      try {
        new DataPath(steps.subList(0, i)).resolve(node.schema());
      } catch (NodeRefusal e) {
        String after = i == 1 ? "/" : new DataPath(steps.subList(0, i - 1)).toString();
        return "Bad path element \"" + steps.get(i - 1).name() + "\" after: " + after;
      }
    }
    return "Bad path: " + p;
  }

  @Override
  public List<OutputItem> action(
      String keypath, List<Map.Entry<String, String>> params, String user) {
    DataPath p = path(keypath);
    try {
      DataNode in = node.newActionInput(p);
      for (Map.Entry<String, String> e : params) {
        SchemaNode s = in.schema().child(e.getKey());
        if (s == null || !s.isLeafy()) {
          throw new ToolFailure(ToolFailure.Kind.BAD_PATH, "unknown parameter " + e.getKey());
        }
        try {
          String v = s.type().canonical(e.getValue());
          if (s.kind() == SchemaNode.Kind.LEAF) {
            in.setLeaf(e.getKey(), v);
          } else {
            in.getOrCreate(s).addValue(v);
          }
        } catch (InvalidValueException ex) {
          throw new ToolFailure(ToolFailure.Kind.BAD_VALUE, ex.getMessage());
        }
      }
      DataNode out = node.invokeAction(p, in, user);
      List<OutputItem> items = new ArrayList<>();
      flatten(out, items);
      return items;
    } catch (NodeRefusal e) {
      throw failure(e);
    }
  }

  private static void flatten(DataNode n, List<OutputItem> items) {
    for (DataNode c : n.children()) {
      String name = c.schema().name();
      switch (c.kind()) {
        case LEAF -> items.add(new OutputItem(OutputItem.Type.LEAF, name, c.value()));
        case LEAF_LIST ->
            c.values().forEach(v -> items.add(new OutputItem(OutputItem.Type.LEAF, name, v)));
        case CONTAINER -> {
          items.add(new OutputItem(OutputItem.Type.BEGIN, name, null));
          flatten(c, items);
          items.add(new OutputItem(OutputItem.Type.END, name, null));
        }
        case LIST -> {
          for (DataNode e : c.entries()) {
            items.add(new OutputItem(OutputItem.Type.BEGIN, name, null));
            flatten(e, items);
            items.add(new OutputItem(OutputItem.Type.END, name, null));
          }
        }
        default -> {
          // ROOT and ENTRY do not occur as children.
        }
      }
    }
  }

  @Override
  public Tx begin(String user) {
    Transaction tx;
    try {
      tx = node.newTransaction(user);
    } catch (NodeRefusal e) {
      throw failure(e);
    }
    return new Tx() {
      @Override
      public void set(String keypath, String value) {
        try {
          tx.setLeaf(path(keypath), value);
        } catch (NodeRefusal e) {
          throw failure(e);
        }
      }

      @Override
      public void create(String keypath) {
        DataPath p = path(keypath);
        try {
          List<SchemaNode> r = p.resolve(tx.schema());
          SchemaNode s = r.get(r.size() - 1);
          DataNode content =
              s.kind() == SchemaNode.Kind.LIST && p.last().keys() != null
                  ? DataNode.newEntry(s, Trees.canonicalKeys(s, p.last().keys()))
                  : DataNode.of(s);
          tx.create(p, content);
        } catch (NodeRefusal e) {
          throw failure(e);
        }
      }

      @Override
      public void delete(String keypath) {
        try {
          tx.delete(path(keypath));
        } catch (NodeRefusal e) {
          throw failure(e);
        }
      }

      @Override
      public void commit() {
        try {
          tx.commit();
        } catch (NodeRefusal e) {
          throw failure(e);
        }
      }

      @Override
      public void close() {
        tx.close();
      }
    };
  }

  @Override
  public String save(String keypath, String format, boolean withDefaults, boolean oper) {
    Content content = oper ? Content.ALL : Content.CONFIG;
    WithDefaults wd = withDefaults ? WithDefaults.REPORT_ALL : WithDefaults.EXPLICIT;
    DataNode root;
    try {
      if (keypath == null || keypath.equals("/")) {
        root = node.read(DataPath.ROOT, content, wd);
      } else {
        DataPath p = path(keypath);
        root = anchored(p, node.read(p, content, wd));
      }
    } catch (NodeRefusal e) {
      throw failure(e);
    }
    if (root == null) {
      root = DataNode.root();
    }
    return switch (format) {
      case "x" -> XmlCodec.toConfigXml(root, false) + "\n";
      case "p" -> XmlCodec.toConfigXml(root, true);
      case "o" -> {
        ObjectNode data = JsonCodec.MAPPER.createObjectNode();
        data.set("data", JsonCodec.encodeChildren(root));
        yield data.toPrettyString() + "\n";
      }
      default -> cliConfig(keypath, format.equals("c"));
    };
  }

  /** The data of {@code n} (found at {@code p}) wrapped in its ancestors up to a new root. */
  private DataNode anchored(DataPath p, DataNode n) {
    if (n == null) {
      return null;
    }
    List<SchemaNode> r = p.resolve(node.schema());
    DataNode child = n;
    if (child.kind() == DataNode.Kind.ENTRY) {
      DataNode list = DataNode.of(child.schema());
      list.putEntry(child);
      child = list;
    }
    for (int i = r.size() - 2; i >= 0; i--) {
      SchemaNode s = r.get(i);
      DataPath.Step st = p.steps().get(i);
      DataNode parent;
      if (s.kind() == SchemaNode.Kind.LIST) {
        DataNode entry = DataNode.newEntry(s, Trees.canonicalKeys(s, st.keys()));
        entry.put(child);
        parent = DataNode.of(s);
        parent.putEntry(entry);
      } else {
        parent = DataNode.of(s);
        parent.put(child);
      }
      child = parent;
    }
    DataNode root = DataNode.root();
    root.put(child);
    return root;
  }

  /** The configuration as CLI {@code show running-config} prints it (C- or J-style). */
  private String cliConfig(String keypath, boolean cStyle) {
    StringBuilder cmd = new StringBuilder(cStyle ? "show running-config" : "show configuration");
    if (keypath != null && !keypath.equals("/")) {
      for (DataPath.Step st : path(keypath).steps()) {
        cmd.append(' ').append(st.name());
        if (st.keys() != null) {
          st.keys().forEach(k -> cmd.append(' ').append(k));
        }
      }
    }
    cmd.append(" | nomore\n");
    StringWriter out = new StringWriter();
    int code = cli("admin", cStyle, new StringReader(cmd.toString()), out, false, true);
    if (code != 0) {
      throw new ToolFailure(ToolFailure.Kind.FAILED, out.toString().strip());
    }
    return out.toString();
  }

  @Override
  public void loadXml(String xml, String user, boolean merge, String deletePath) {
    Document doc;
    try {
      doc = Xml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new ToolFailure(ToolFailure.Kind.BAD_VALUE, "malformed XML: " + e.getMessage());
    }
    Element top = doc.getDocumentElement();
    if (!"config".equals(Xml.localName(top)) && !"data".equals(Xml.localName(top))) {
      Element wrapper = doc.createElementNS(XmlCodec.CONFIG_NS, "config");
      doc.replaceChild(wrapper, top);
      wrapper.appendChild(top);
      top = wrapper;
    }
    Schema schema = node.schema();
    DataNode data = DataNode.root();
    try {
      XmlCodec.decodeChildren(data, top, schema, false);
      try (Transaction tx = node.newTransaction(user)) {
        if (merge) {
          tx.merge(DataPath.ROOT, data);
        } else if (deletePath != null) {
          DataPath p = path(deletePath);
          if (tx.read(p) != null) {
            tx.delete(p);
          }
          tx.merge(DataPath.ROOT, data);
        } else {
          tx.replace(DataPath.ROOT, data);
        }
        tx.commit();
      }
    } catch (NodeRefusal e) {
      throw failure(e);
    }
  }

  @Override
  public int cli(
      String user, boolean cStyle, Reader in, Writer out, boolean echo, boolean stopOnError) {
    return CliScriptRunner.run(node, user, style(cStyle), in, out, echo, stopOnError);
  }

  @Override
  public void cliInteractive(String user, boolean cStyle, Reader in, Writer out) {
    CliScriptRunner.interactive(node, user, style(cStyle), in, out);
  }

  private static CliStyle style(boolean cStyle) {
    return cStyle ? CliStyle.C : CliStyle.J;
  }

  @Override
  public void stop() {
    node.requestStop();
  }

  private static DataPath path(String keypath) {
    try {
      return DataPath.parseKeypath(keypath);
    } catch (NodeRefusal e) {
      throw new ToolFailure(ToolFailure.Kind.BAD_PATH, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ToolFailure(ToolFailure.Kind.BAD_PATH, "badly formatted path " + keypath);
    }
  }

  private static ToolFailure failure(NodeRefusal e) {
    ToolFailure.Kind k =
        switch (e.kind()) {
          case READ_ONLY -> ToolFailure.Kind.READ_ONLY;
          case NOT_FOUND -> ToolFailure.Kind.NOT_FOUND;
          case DATA_EXISTS -> ToolFailure.Kind.EXISTS;
          case INVALID_VALUE -> ToolFailure.Kind.BAD_VALUE;
          case UNKNOWN_ELEMENT, MALFORMED -> ToolFailure.Kind.BAD_PATH;
          case ACCESS_DENIED -> ToolFailure.Kind.ACCESS_DENIED;
          case VALIDATION, OPERATION_FAILED -> ToolFailure.Kind.FAILED;
        };
    return new ToolFailure(k, e.getMessage());
  }
}
