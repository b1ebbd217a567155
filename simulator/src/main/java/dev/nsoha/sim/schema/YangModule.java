package dev.nsoha.sim.schema;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A parsed YANG module: identity, imports and top-level nodes. Immutable after parsing. */
public final class YangModule {
  private final String name;
  private String namespace;
  private String prefix;
  private String source;
  private String text;
  final Map<String, String> imports = new LinkedHashMap<>();
  final SchemaNode root;
  final Map<String, ParsedTypedef> typedefs = new LinkedHashMap<>();
  final Map<String, Statement> groupings = new LinkedHashMap<>();

  /** A typedef kept for other modules that reference it. */
  record ParsedTypedef(LeafType type, String defaultValue) {}

  YangModule(String name) {
    this.name = name;
    this.root = new SchemaNode(SchemaNode.Kind.CONTAINER, "", this);
  }

  void identity(String namespace, String prefix, String source, String text) {
    this.namespace = namespace;
    this.prefix = prefix;
    this.source = source;
    this.text = text;
  }

  public String name() {
    return name;
  }

  /** XML namespace URI. */
  public String namespace() {
    return namespace;
  }

  public String prefix() {
    return prefix;
  }

  /** Name of the source file (for messages). */
  public String source() {
    return source;
  }

  /** The verbatim module text. */
  public String text() {
    return text;
  }

  /** Imports: prefix to module name. */
  public Map<String, String> imports() {
    return Collections.unmodifiableMap(imports);
  }

  /** Top-level data nodes (and actions) in YANG order. */
  public Collection<SchemaNode> topNodes() {
    return root.children();
  }

  /** A top-level node by name, or null. */
  public SchemaNode top(String localName) {
    return root.child(localName);
  }

  @Override
  public String toString() {
    return "module " + name;
  }
}
