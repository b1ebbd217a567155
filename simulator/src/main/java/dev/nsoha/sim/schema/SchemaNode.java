package dev.nsoha.sim.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a loaded schema: container, list, leaf, leaf-list, action (with its input/output).
 * Immutable after the parser has built it; safe to share between threads.
 */
public final class SchemaNode {
  /** The kind of schema node. */
  public enum Kind {
    CONTAINER,
    LIST,
    LEAF,
    LEAF_LIST,
    ACTION,
    INPUT,
    OUTPUT
  }

  private final Kind kind;
  private final String name;
  private final YangModule module;
  private SchemaNode parent;
  boolean config = true;
  boolean presence;
  boolean mandatory;
  String defaultValue;
  List<String> defaultValues = List.of();
  String description;
  String servicepoint;
  LeafType type;
  List<String> keys = List.of();
  final Map<String, SchemaNode> children = new LinkedHashMap<>();

  SchemaNode(Kind kind, String name, YangModule module) {
    this.kind = kind;
    this.name = name;
    this.module = module;
  }

  void add(SchemaNode child, String source, int line) throws YangException {
    if (children.containsKey(child.name)) {
      throw new YangException(source, line, "duplicate definition of " + child.name);
    }
    child.parent = this;
    children.put(child.name, child);
  }

  public Kind kind() {
    return kind;
  }

  /** Local name (no prefix). */
  public String name() {
    return name;
  }

  /** The module that defines this node. */
  public YangModule module() {
    return module;
  }

  /** {@code module:name}, the RFC 7951 member name when qualified. */
  public String qualifiedName() {
    return module.name() + ":" + name;
  }

  /** The parent node, or null for a top-level node. */
  public SchemaNode parent() {
    return parent == null || parent.name.isEmpty() ? null : parent;
  }

  /**
   * Whether this is configuration (false for {@code config false} nodes and everything below them).
   */
  public boolean isConfig() {
    return config;
  }

  /** Whether a container is a presence container. */
  public boolean isPresence() {
    return presence;
  }

  /** Whether a leaf is {@code mandatory true} (list keys count as mandatory). */
  public boolean isMandatory() {
    return mandatory;
  }

  /** The default of a leaf, or null. */
  public String defaultValue() {
    return defaultValue;
  }

  /** The description text, or null. */
  public String description() {
    return description;
  }

  /** The {@code ncs:servicepoint} name, or null. */
  public String servicepoint() {
    return servicepoint;
  }

  /** The type of a leaf or leaf-list, else null. */
  public LeafType type() {
    return type;
  }

  /** List key leaf names, in order (lists only). */
  public List<String> keys() {
    return keys;
  }

  /** Whether this leaf is a key of its parent list. */
  public boolean isKey() {
    SchemaNode p = parent();
    return kind == Kind.LEAF && p != null && p.kind == Kind.LIST && p.keys.contains(name);
  }

  /** A child by local name, or null. */
  public SchemaNode child(String localName) {
    return children.get(localName);
  }

  /** All children (data nodes and actions) in YANG order. */
  public Collection<SchemaNode> children() {
    return Collections.unmodifiableCollection(children.values());
  }

  /** Data children (no actions, no input/output) in YANG order. */
  public List<SchemaNode> dataChildren() {
    List<SchemaNode> out = new ArrayList<>();
    for (SchemaNode c : children.values()) {
      if (c.kind != Kind.ACTION) {
        out.add(c);
      }
    }
    return out;
  }

  /** Whether this is a leaf or leaf-list. */
  public boolean isLeafy() {
    return kind == Kind.LEAF || kind == Kind.LEAF_LIST;
  }

  /** Schema path with local names, e.g. {@code /high-availability/status/mode}. */
  public String path() {
    SchemaNode p = parent();
    return p == null ? "/" + name : p.path() + "/" + name;
  }

  @Override
  public String toString() {
    return kind + " " + path();
  }
}
