package dev.nsoha.sim.data;

import dev.nsoha.sim.schema.SchemaNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A generic, schema-bound data tree: the root, containers, lists, list entries, leaves and
 * leaf-lists. Values are canonical strings; the schema type says how to render them. Children are
 * iterated in YANG order and list entries in key order, like NSO's system-ordered lists.
 *
 * <p>Not thread-safe: the node hands out copies ({@link #copy()}), never its live tree.
 */
public final class DataNode {
  /** The kind of data node. */
  public enum Kind {
    ROOT,
    CONTAINER,
    LIST,
    ENTRY,
    LEAF,
    LEAF_LIST
  }

  private static final Comparator<List<String>> KEY_ORDER = DataNode::compareKeys;

  private final Kind kind;
  private final SchemaNode schema;
  private String value;
  private final List<String> values;
  private final Map<String, DataNode> children;
  private final TreeMap<List<String>, DataNode> entries;

  private DataNode(Kind kind, SchemaNode schema) {
    this.kind = kind;
    this.schema = schema;
    this.values = kind == Kind.LEAF_LIST ? new ArrayList<>() : null;
    this.children =
        kind == Kind.ROOT || kind == Kind.CONTAINER || kind == Kind.ENTRY
            ? new LinkedHashMap<>()
            : null;
    this.entries = kind == Kind.LIST ? new TreeMap<>(KEY_ORDER) : null;
  }

  /** A new empty root. */
  public static DataNode root() {
    return new DataNode(Kind.ROOT, null);
  }

  /**
   * A new empty node for a schema node: a container (also for action input/output), a list (for a
   * list schema node), a leaf or a leaf-list. Use {@link #newEntry} for list entries.
   */
  public static DataNode of(SchemaNode s) {
    return new DataNode(
        switch (s.kind()) {
          case CONTAINER, INPUT, OUTPUT, ACTION -> Kind.CONTAINER;
          case LIST -> Kind.LIST;
          case LEAF -> Kind.LEAF;
          case LEAF_LIST -> Kind.LEAF_LIST;
        },
        s);
  }

  /** A new list entry with its key leaves set (keys in the list's key order). */
  public static DataNode newEntry(SchemaNode list, List<String> keys) {
    if (list.kind() != SchemaNode.Kind.LIST || keys.size() != list.keys().size()) {
      throw new IllegalArgumentException("bad entry for " + list + ": " + keys);
    }
    DataNode e = new DataNode(Kind.ENTRY, list);
    for (int i = 0; i < keys.size(); i++) {
      e.setLeaf(list.keys().get(i), keys.get(i));
    }
    return e;
  }

  public Kind kind() {
    return kind;
  }

  /** The schema node (for an entry: its list), or null for the root. */
  public SchemaNode schema() {
    return schema;
  }

  /** A leaf's canonical value ({@code ""} for type empty), else null. */
  public String value() {
    return value;
  }

  /** Sets a leaf value (no validation). */
  public void setValue(String v) {
    if (kind != Kind.LEAF) {
      throw new IllegalStateException("not a leaf: " + this);
    }
    this.value = Objects.requireNonNull(v);
  }

  /** A leaf-list's values, in order (live list for LEAF_LIST, else empty). */
  public List<String> values() {
    return values == null ? List.of() : values;
  }

  /** Children of a root/container/entry in schema order (root: module load order). */
  public List<DataNode> children() {
    if (children == null) {
      return List.of();
    }
    if (kind == Kind.ROOT) {
      return List.copyOf(children.values());
    }
    List<DataNode> out = new ArrayList<>(children.size());
    for (SchemaNode s : schema.children()) {
      DataNode c = children.get(s.qualifiedName());
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  /** A child by schema node, or null. */
  public DataNode child(SchemaNode s) {
    return children == null ? null : children.get(s.qualifiedName());
  }

  /** A child by local name (non-root nodes), or null. */
  public DataNode child(String localName) {
    if (schema == null || children == null) {
      return null;
    }
    SchemaNode s = schema.child(localName);
    return s == null ? null : child(s);
  }

  /** A child leaf's value, or null. */
  public String leaf(String localName) {
    DataNode c = child(localName);
    return c == null ? null : c.value;
  }

  /** The child for {@code s}, created empty if absent. */
  public DataNode getOrCreate(SchemaNode s) {
    return children.computeIfAbsent(s.qualifiedName(), k -> DataNode.of(s));
  }

  /** Puts (replaces) a child. */
  public void put(DataNode child) {
    children.put(child.schema.qualifiedName(), child);
  }

  /** Removes a child; returns it or null. */
  public DataNode remove(SchemaNode s) {
    return children == null ? null : children.remove(s.qualifiedName());
  }

  /** Sets a child leaf by local name (no validation); returns this. */
  public DataNode setLeaf(String localName, String v) {
    SchemaNode s = schema.child(localName);
    if (s == null) {
      throw new IllegalArgumentException("no leaf " + localName + " under " + schema);
    }
    getOrCreate(s).setValue(v);
    return this;
  }

  /** Adds a value to a leaf-list (kept unique). */
  public void addValue(String v) {
    if (!values.contains(v)) {
      values.add(v);
    }
  }

  /** Entries of a list in key order. */
  public Collection<DataNode> entries() {
    return entries == null ? List.of() : Collections.unmodifiableCollection(entries.values());
  }

  /** An entry by key values, or null. */
  public DataNode entry(List<String> keys) {
    return entries == null ? null : entries.get(keys);
  }

  /** An entry by key values, created if absent. */
  public DataNode getOrCreateEntry(List<String> keys) {
    return entries.computeIfAbsent(List.copyOf(keys), k -> newEntry(schema, k));
  }

  /** Puts (replaces) an entry. */
  public void putEntry(DataNode entry) {
    entries.put(entry.keyValues(), entry);
  }

  /** Removes an entry; returns it or null. */
  public DataNode removeEntry(List<String> keys) {
    return entries.remove(keys);
  }

  /** Key values of an entry, in key order. */
  public List<String> keyValues() {
    if (kind != Kind.ENTRY) {
      throw new IllegalStateException("not a list entry: " + this);
    }
    List<String> k = new ArrayList<>();
    for (String n : schema.keys()) {
      k.add(leaf(n));
    }
    return k;
  }

  /** Whether there is nothing below this node (a leaf is never empty). */
  public boolean isEmpty() {
    return switch (kind) {
      case LEAF -> false;
      case LEAF_LIST -> values.isEmpty();
      case LIST -> entries.isEmpty();
      default -> children.isEmpty();
    };
  }

  /** A deep copy. */
  public DataNode copy() {
    DataNode c = new DataNode(kind, schema);
    c.value = value;
    if (values != null) {
      c.values.addAll(values);
    }
    if (children != null) {
      for (Map.Entry<String, DataNode> e : children.entrySet()) {
        c.children.put(e.getKey(), e.getValue().copy());
      }
    }
    if (entries != null) {
      for (Map.Entry<List<String>, DataNode> e : entries.entrySet()) {
        c.entries.put(e.getKey(), e.getValue().copy());
      }
    }
    return c;
  }

  /** Removes empty non-presence containers and empty lists below (and not including) this node. */
  public void prune() {
    if (children != null) {
      children
          .values()
          .removeIf(
              c -> {
                c.prune();
                return (c.kind == Kind.CONTAINER && !c.schema.isPresence() && c.isEmpty())
                    || (c.kind == Kind.LIST && c.isEmpty())
                    || (c.kind == Kind.LEAF_LIST && c.isEmpty());
              });
    }
    if (entries != null) {
      for (DataNode e : entries.values()) {
        e.prune();
      }
    }
  }

  /**
   * Whether {@code other} holds the same data: same kind and schema node, same values, and equal
   * children and entries (order of leaf-list values counts, order of children does not).
   */
  public boolean contentEquals(DataNode other) {
    if (other == this) {
      return true;
    }
    if (other == null
        || kind != other.kind
        || schema != other.schema
        || !Objects.equals(value, other.value)
        || !Objects.equals(values, other.values)) {
      return false;
    }
    if (children != null) {
      if (!children.keySet().equals(other.children.keySet())) {
        return false;
      }
      for (Map.Entry<String, DataNode> e : children.entrySet()) {
        if (!e.getValue().contentEquals(other.children.get(e.getKey()))) {
          return false;
        }
      }
    }
    if (entries != null) {
      if (!entries.keySet().equals(other.entries.keySet())) {
        return false;
      }
      for (Map.Entry<List<String>, DataNode> e : entries.entrySet()) {
        if (!e.getValue().contentEquals(other.entries.get(e.getKey()))) {
          return false;
        }
      }
    }
    return true;
  }

  private static int compareKeys(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String x = a.get(i);
      String y = b.get(i);
      int c;
      if (x.matches("-?\\d{1,18}") && y.matches("-?\\d{1,18}")) {
        c = Long.compare(Long.parseLong(x), Long.parseLong(y));
      } else {
        c = x.compareTo(y);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  @Override
  public String toString() {
    return kind
        + (schema == null ? "" : " " + schema.path())
        + (value != null ? " = " + value : "");
  }
}
