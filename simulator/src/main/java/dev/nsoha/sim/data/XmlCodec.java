package dev.nsoha.sim.data;

import dev.nsoha.sim.schema.InvalidValueException;
import dev.nsoha.sim.schema.LeafType;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import dev.nsoha.sim.schema.YangModule;
import dev.nsoha.sim.util.Xml;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * NSO-style XML for {@link DataNode} trees: elements carry {@code xmlns} where the namespace
 * changes; {@code <config xmlns="http://tail-f.com/ns/config/1.0">} wraps whole-datastore documents
 * (ncs-cdb init files, ncs_load). Stateless and thread-safe.
 */
public final class XmlCodec {
  /** The namespace of NSO's {@code <config>} wrapper. */
  public static final String CONFIG_NS = "http://tail-f.com/ns/config/1.0";

  private XmlCodec() {}

  /**
   * Appends the element(s) for {@code n} to {@code parent}: one per entry for a list, one per value
   * for a leaf-list.
   */
  public static void encodeInto(Element parent, DataNode n, String parentNs) {
    Document d = parent.getOwnerDocument();
    if (n.kind() == DataNode.Kind.ROOT) {
      for (DataNode c : n.children()) {
        encodeInto(parent, c, parentNs);
      }
      return;
    }
    SchemaNode s = n.schema();
    String ns = s.module().namespace();
    switch (n.kind()) {
      case LIST -> n.entries().forEach(e -> encodeInto(parent, e, parentNs));
      case LEAF_LIST -> {
        for (String v : n.values()) {
          Element e = element(d, s, ns, parentNs);
          e.setTextContent(text(s, v));
          parent.appendChild(e);
        }
      }
      case LEAF -> {
        Element e = element(d, s, ns, parentNs);
        if (!s.type().isEmpty()) {
          e.setTextContent(text(s, n.value()));
        }
        parent.appendChild(e);
      }
      default -> {
        Element e = element(d, s, ns, parentNs);
        for (DataNode c : n.children()) {
          encodeInto(e, c, ns);
        }
        parent.appendChild(e);
      }
    }
  }

  private static Element element(Document d, SchemaNode s, String ns, String parentNs) {
    Element e = d.createElementNS(ns, s.name());
    if (!ns.equals(parentNs)) {
      e.setAttribute("xmlns", ns);
    }
    return e;
  }

  private static String text(SchemaNode s, String v) {
    if (s.type().base() == LeafType.Base.IDENTITYREF && !v.contains(":")) {
      return s.module().prefix() + ":" + v;
    }
    return v;
  }

  /** A whole tree as {@code <config xmlns="http://tail-f.com/ns/config/1.0">…</config>}. */
  public static String toConfigXml(DataNode root, boolean pretty) {
    Document d = Xml.newDocument();
    Element c = d.createElementNS(CONFIG_NS, "config");
    c.setAttribute("xmlns", CONFIG_NS);
    d.appendChild(c);
    encodeInto(c, root, CONFIG_NS);
    return Xml.toString(d, pretty);
  }

  /** One node (or, for the root, a {@code <data>} wrapper) as an XML string. */
  public static String toXml(DataNode n, String wrapperName, String wrapperNs, boolean pretty) {
    Document d = Xml.newDocument();
    if (wrapperName != null) {
      Element w = d.createElementNS(wrapperNs, wrapperName);
      w.setAttribute("xmlns", wrapperNs);
      d.appendChild(w);
      if (n.kind() == DataNode.Kind.ROOT || n.schema().kind() == SchemaNode.Kind.OUTPUT) {
        for (DataNode c : n.children()) {
          encodeInto(w, c, wrapperNs);
        }
      } else {
        encodeInto(w, n, wrapperNs);
      }
      return Xml.toString(d, pretty);
    }
    Element holder = d.createElement("holder");
    d.appendChild(holder);
    encodeInto(holder, n, "");
    StringBuilder b = new StringBuilder();
    for (Element e : Xml.children(holder)) {
      b.append(Xml.toString(e, pretty));
    }
    return b.toString();
  }

  /**
   * Decodes the child elements of {@code el} into {@code parent}. Elements without a namespace
   * inherit their parent's module.
   *
   * @param lenientTop when true, unknown top-level elements are skipped (init files of packages
   *     that are not loaded); otherwise they fail
   */
  public static void decodeChildren(
      DataNode parent, Element el, Schema schema, boolean lenientTop) {
    for (Element c : Xml.children(el)) {
      SchemaNode s = resolve(parent, c, schema);
      if (s == null) {
        if (lenientTop && parent.kind() == DataNode.Kind.ROOT) {
          continue;
        }
        String where = parent.schema() == null ? "/" : parent.schema().path();
        throw new NodeRefusal(
            NodeRefusal.Kind.UNKNOWN_ELEMENT,
            "unknown element: " + Xml.localName(c) + " in " + where);
      }
      decodeElement(parent, s, c, schema);
    }
  }

  private static SchemaNode resolve(DataNode parent, Element c, Schema schema) {
    String local = Xml.localName(c);
    String ns = c.getNamespaceURI();
    if (parent.kind() == DataNode.Kind.ROOT) {
      YangModule m = ns == null ? null : schema.moduleByNamespace(ns);
      if (m != null) {
        return m.top(local);
      }
      return ns == null ? schema.top(null, local) : null;
    }
    SchemaNode s = parent.schema().child(local);
    if (s == null || s.kind() == SchemaNode.Kind.ACTION) {
      return null;
    }
    if (ns != null
        && !ns.isEmpty()
        && !ns.equals(s.module().namespace())
        && !ns.equals(parent.schema().module().namespace())) {
      return null;
    }
    return s;
  }

  /** Decodes one element bound to {@code s} into {@code parent}. */
  public static void decodeElement(DataNode parent, SchemaNode s, Element c, Schema schema) {
    switch (s.kind()) {
      case LEAF -> parent.getOrCreate(s).setValue(value(s, c));
      case LEAF_LIST -> parent.getOrCreate(s).addValue(value(s, c));
      case LIST -> parent.getOrCreate(s).putEntry(entry(s, c, schema));
      default -> decodeChildren(parent.getOrCreate(s), c, schema, false);
    }
  }

  /** Decodes a list entry element (keys required). */
  public static DataNode entry(SchemaNode list, Element c, Schema schema) {
    List<String> keys = new ArrayList<>();
    for (String k : list.keys()) {
      Element ke = Xml.child(c, k);
      if (ke == null) {
        throw new NodeRefusal(
            NodeRefusal.Kind.MALFORMED, "missing key " + k + " in list " + list.name());
      }
      keys.add(value(list.child(k), ke));
    }
    DataNode e = DataNode.newEntry(list, keys);
    DataNode existing = e;
    decodeChildren(existing, c, schema, false);
    return e;
  }

  private static String value(SchemaNode s, Element c) {
    String text = c.getTextContent().trim();
    if (s.type().base() == LeafType.Base.IDENTITYREF) {
      return text;
    }
    try {
      return s.type().canonical(text);
    } catch (InvalidValueException e) {
      throw new NodeRefusal(NodeRefusal.Kind.INVALID_VALUE, e.getMessage(), s.path());
    }
  }
}
