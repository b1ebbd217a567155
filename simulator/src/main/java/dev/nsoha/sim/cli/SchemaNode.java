package dev.nsoha.sim.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The CLI's view of one schema node. The CLI parses commands and renders data from this tree only;
 * {@link CliBackend} implementations build it from the node's loaded schema.
 *
 * <p>Built with the fluent methods below, then treated as immutable: the tree is not modified once
 * handed to a session. Children keep YANG order.
 */
public final class SchemaNode {

  /** Kinds of schema nodes the CLI distinguishes. */
  public enum Kind {
    ROOT,
    CONTAINER,
    LIST,
    LEAF,
    LEAF_LIST,
    ACTION
  }

  /** Leaf types, as far as parsing and JSON typing need them. */
  public enum Type {
    STRING,
    BOOLEAN,
    /** 8..32-bit integers: JSON numbers. */
    INTEGER,
    /** 64-bit integers and decimals: JSON strings. */
    INT64,
    EMPTY,
    ENUMERATION,
    IDENTITYREF,
    OTHER
  }

  private final Kind kind;
  private final String name;
  private String module = "";
  private String namespace = "";
  private boolean config = true;
  private boolean presence;
  private boolean mandatory;
  private Type type = Type.STRING;
  private final List<String> keys = new ArrayList<>();
  private final List<String> enums = new ArrayList<>();
  private final List<SchemaNode> children = new ArrayList<>();
  private SchemaNode input;
  private SchemaNode output;
  private SchemaNode parent;

  private SchemaNode(Kind kind, String name) {
    this.kind = Objects.requireNonNull(kind);
    this.name = Objects.requireNonNull(name);
  }

  /** The invisible root whose children are the top-level nodes of all modules. */
  public static SchemaNode root() {
    return new SchemaNode(Kind.ROOT, "");
  }

  public static SchemaNode container(String name) {
    return new SchemaNode(Kind.CONTAINER, name);
  }

  public static SchemaNode list(String name, String... keys) {
    SchemaNode n = new SchemaNode(Kind.LIST, name);
    n.keys.addAll(List.of(keys));
    return n;
  }

  public static SchemaNode leaf(String name, Type type) {
    SchemaNode n = new SchemaNode(Kind.LEAF, name);
    n.type = type;
    return n;
  }

  public static SchemaNode leafList(String name, Type type) {
    SchemaNode n = new SchemaNode(Kind.LEAF_LIST, name);
    n.type = type;
    return n;
  }

  /** An action (or rpc); input and output are containers named {@code input}/{@code output}. */
  public static SchemaNode action(String name) {
    SchemaNode n = new SchemaNode(Kind.ACTION, name);
    n.input = container("input");
    n.input.parent = n;
    n.output = container("output");
    n.output.parent = n;
    return n;
  }

  /** Adds children (in YANG order); children inherit module, namespace and config=false. */
  public SchemaNode add(SchemaNode... kids) {
    for (SchemaNode k : kids) {
      k.parent = this;
      if (k.module.isEmpty()) {
        k.inherit(module, namespace);
      }
      if (!config) {
        k.configFalse();
      }
      children.add(k);
    }
    return this;
  }

  /** Adds input parameters to an action. */
  public SchemaNode in(SchemaNode... kids) {
    input.add(kids);
    return this;
  }

  /** Adds output nodes to an action. */
  public SchemaNode out(SchemaNode... kids) {
    output.add(kids);
    return this;
  }

  /** Sets the module name (RFC 7951 prefix) and XML namespace, inherited by children. */
  public SchemaNode module(String moduleName, String xmlNamespace) {
    inherit(moduleName, xmlNamespace);
    return this;
  }

  private void inherit(String m, String ns) {
    this.module = m;
    this.namespace = ns;
    for (SchemaNode c : children) {
      if (c.module.isEmpty() || c.module.equals(m)) {
        c.inherit(m, ns);
      }
    }
    if (input != null) {
      input.inherit(m, ns);
      output.inherit(m, ns);
    }
  }

  /** Marks this node and its subtree as operational (config false). */
  public SchemaNode configFalse() {
    config = false;
    for (SchemaNode c : children) {
      c.configFalse();
    }
    return this;
  }

  public SchemaNode presence() {
    presence = true;
    return this;
  }

  public SchemaNode mandatory() {
    mandatory = true;
    return this;
  }

  public SchemaNode enums(String... values) {
    enums.addAll(List.of(values));
    return this;
  }

  public Kind kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  public String module() {
    return module;
  }

  public String namespace() {
    return namespace;
  }

  public boolean isConfig() {
    return config;
  }

  public boolean isPresence() {
    return presence;
  }

  public boolean isMandatory() {
    return mandatory;
  }

  public Type type() {
    return type;
  }

  public List<String> keys() {
    return Collections.unmodifiableList(keys);
  }

  public List<String> enumValues() {
    return Collections.unmodifiableList(enums);
  }

  public List<SchemaNode> children() {
    return Collections.unmodifiableList(children);
  }

  public SchemaNode parent() {
    return parent;
  }

  /** The input container of an action. */
  public SchemaNode input() {
    return input;
  }

  /** The output container of an action. */
  public SchemaNode output() {
    return output;
  }

  /** The child with this name, or {@code null}. */
  public SchemaNode child(String childName) {
    for (SchemaNode c : children) {
      if (c.name.equals(childName)) {
        return c;
      }
    }
    return null;
  }

  /**
   * The child a typed word names: the exact name, else the only child whose name starts with the
   * word (NSO accepts unambiguous abbreviations); null if none or ambiguous.
   */
  public SchemaNode match(String word) {
    SchemaNode exact = child(word);
    if (exact != null || word.isEmpty()) {
      return exact;
    }
    SchemaNode found = null;
    for (SchemaNode c : children) {
      if (c.name.startsWith(word)) {
        if (found != null) {
          return null;
        }
        found = c;
      }
    }
    return found;
  }

  public boolean isKey(String childName) {
    return keys.contains(childName);
  }

  public boolean isLeafy() {
    return kind == Kind.LEAF || kind == Kind.LEAF_LIST;
  }

  /** True if this node or anything below it is operational data. */
  public boolean hasOperData() {
    if (kind == Kind.ACTION) {
      return false;
    }
    if (!config) {
      return true;
    }
    for (SchemaNode c : children) {
      if (c.hasOperData()) {
        return true;
      }
    }
    return false;
  }

  /** True if this node or anything below it is configuration. */
  public boolean hasConfigData() {
    if (kind == Kind.ACTION || !config) {
      return false;
    }
    if (isLeafy()) {
      return true;
    }
    for (SchemaNode c : children) {
      if (c.hasConfigData()) {
        return true;
      }
    }
    return kind == Kind.CONTAINER && presence;
  }

  @Override
  public String toString() {
    return kind + " " + name;
  }
}
