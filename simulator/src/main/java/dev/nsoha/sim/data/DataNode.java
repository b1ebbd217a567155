package dev.nsoha.sim.data;

import dev.nsoha.sim.schema.SchemaNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A generic, schema-bound data tree: the root, containers, lists, list entries, leaves and
 * leaf-lists. Values are canonical strings; the schema type says how to render them. Children are
 * iterated in YANG order and list entries in key order, like NSO's system-ordered lists.
 *
 * <p>Copy-on-write: a node is either mutable or <em>frozen</em> ({@link #freeze()}; then it and
 * everything below it never change again, and any thread may read it). {@link #copy()} of a frozen
 * node is cheap: a mutable node that shares its frozen children, and the child accessors of a
 * mutable node ({@link #child}, {@link #entry}, {@link #getOrCreate}, {@link #getOrCreateEntry},
 * {@link #children()}, {@link #mutableEntries()}) replace a frozen child with a mutable copy before
 * handing it out. So a change copies only the path it touches (and one chunk of a large list); the
 * rest stays shared. Writing to a frozen node throws {@link IllegalStateException}.
 *
 * <p>Memory: children are a small array (no map per node); a list's entries live in an {@link
 * EntryMap}.
 *
 * <p>Mutable nodes are not thread-safe.
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

  private static final DataNode[] NONE = new DataNode[0];

  private final Kind kind;
  private final SchemaNode schema;
  private String value;
  private List<String> values;
  private DataNode[] kids;
  private int nKids;
  private EntryMap entries;
  private boolean frozen;

  private DataNode(Kind kind, SchemaNode schema) {
    this.kind = kind;
    this.schema = schema;
    switch (kind) {
      case LEAF_LIST -> values = new ArrayList<>(2);
      case ROOT, CONTAINER, ENTRY -> kids = NONE;
      case LIST -> entries = new EntryMap();
      default -> {}
    }
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

  /** Whether this node (and so everything below it) is frozen. */
  public boolean isFrozen() {
    return frozen;
  }

  /**
   * Freezes this node and everything below it that is still mutable (frozen parts are skipped, so
   * this costs what changed since the last freeze); returns this.
   */
  public DataNode freeze() {
    if (frozen) {
      return this;
    }
    frozen = true;
    for (int i = 0; i < nKids; i++) {
      kids[i].freeze();
    }
    if (values != null) {
      values = List.copyOf(values);
    }
    if (entries != null) {
      entries.forEachOwned(DataNode::freeze);
    }
    return this;
  }

  private void checkMutable() {
    if (frozen) {
      throw new IllegalStateException("frozen: " + this);
    }
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
    checkMutable();
    this.value = Objects.requireNonNull(v);
  }

  /** A leaf-list's values, in order (live list for a mutable LEAF_LIST, else read-only). */
  public List<String> values() {
    return values == null ? List.of() : values;
  }

  private int indexOf(SchemaNode s) {
    for (int i = 0; i < nKids; i++) {
      SchemaNode k = kids[i].schema;
      if (k == s || (k.name().equals(s.name()) && k.module().name().equals(s.module().name()))) {
        return i;
      }
    }
    return -1;
  }

  private DataNode kid(int i) {
    DataNode c = kids[i];
    if (c.frozen && !frozen) {
      c = c.copy();
      kids[i] = c;
    }
    return c;
  }

  /**
   * Children of a root/container/entry in schema order (root: the order they were added). On a
   * mutable node they are mutable.
   */
  public List<DataNode> children() {
    if (kids == null || nKids == 0) {
      return List.of();
    }
    if (kind == Kind.ROOT) {
      List<DataNode> out = new ArrayList<>(nKids);
      for (int i = 0; i < nKids; i++) {
        out.add(kid(i));
      }
      return out;
    }
    List<DataNode> out = new ArrayList<>(nKids);
    if (nKids == 1) {
      out.add(kid(0));
      return out;
    }
    for (SchemaNode s : schema.children()) {
      int i = indexOf(s);
      if (i >= 0) {
        out.add(kid(i));
        if (out.size() == nKids) {
          break;
        }
      }
    }
    return out;
  }

  /** A child by schema node, or null (mutable on a mutable node). */
  public DataNode child(SchemaNode s) {
    if (kids == null) {
      return null;
    }
    int i = indexOf(s);
    return i < 0 ? null : kid(i);
  }

  /** A child by local name (non-root nodes), or null. */
  public DataNode child(String localName) {
    if (schema == null || kids == null) {
      return null;
    }
    SchemaNode s = schema.child(localName);
    return s == null ? null : child(s);
  }

  /** A child leaf's value, or null (reads only; copies nothing). */
  public String leaf(String localName) {
    if (kids == null) {
      return null;
    }
    for (int i = 0; i < nKids; i++) {
      if (kids[i].schema.name().equals(localName)) {
        return kids[i].value;
      }
    }
    return null;
  }

  /** The child for {@code s}, created empty if absent. */
  public DataNode getOrCreate(SchemaNode s) {
    DataNode c = child(s);
    if (c == null) {
      c = DataNode.of(s);
      put(c);
    }
    return c;
  }

  /** Puts (replaces) a child. */
  public void put(DataNode child) {
    checkMutable();
    int i = indexOf(child.schema);
    if (i >= 0) {
      kids[i] = child;
      return;
    }
    if (nKids == kids.length) {
      kids = Arrays.copyOf(kids, Math.max(2, nKids * 2));
    }
    kids[nKids++] = child;
  }

  /** Removes a child; returns it or null. */
  public DataNode remove(SchemaNode s) {
    if (kids == null) {
      return null;
    }
    int i = indexOf(s);
    if (i < 0) {
      return null;
    }
    checkMutable();
    DataNode old = kids[i];
    System.arraycopy(kids, i + 1, kids, i, nKids - i - 1);
    kids[--nKids] = null;
    return old;
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
    checkMutable();
    if (!values.contains(v)) {
      values.add(v);
    }
  }

  /** Removes a value from a leaf-list; whether it was there. */
  public boolean removeValue(String v) {
    checkMutable();
    return values.remove(v);
  }

  /** Entries of a list in key order, as they are (frozen ones stay frozen): for reading. */
  public Collection<DataNode> entries() {
    return entries == null ? List.of() : Collections.unmodifiableCollection(entries.values());
  }

  /** The number of entries of a list. */
  public int entryCount() {
    return entries == null ? 0 : entries.size();
  }

  /**
   * Entries of a mutable list, each made mutable (copies every frozen entry: for writing all of
   * them).
   */
  public List<DataNode> mutableEntries() {
    checkMutable();
    List<DataNode> out = new ArrayList<>(entries.size());
    for (List<String> k : entries.keys()) {
      out.add(entry(k));
    }
    return out;
  }

  /** An entry by key values, or null (mutable on a mutable list). */
  public DataNode entry(List<String> keys) {
    if (entries == null) {
      return null;
    }
    DataNode e = entries.get(keys);
    if (e != null && e.frozen && !frozen) {
      e = e.copy();
      entries.replace(keys, e);
    }
    return e;
  }

  /** An entry by key values, created if absent. */
  public DataNode getOrCreateEntry(List<String> keys) {
    DataNode e = entry(keys);
    if (e == null) {
      checkMutable();
      List<String> k = List.copyOf(keys);
      e = newEntry(schema, k);
      entries.put(k, e);
    }
    return e;
  }

  /** Puts (replaces) an entry. */
  public void putEntry(DataNode entry) {
    checkMutable();
    entries.put(entry.keyValues(), entry);
  }

  /** Removes an entry; returns it or null. */
  public DataNode removeEntry(List<String> keys) {
    checkMutable();
    return entries.remove(keys);
  }

  /** Key values of an entry, in key order. */
  public List<String> keyValues() {
    if (kind != Kind.ENTRY) {
      throw new IllegalStateException("not a list entry: " + this);
    }
    List<String> names = schema.keys();
    if (names.size() == 1) {
      return List.of(leaf(names.get(0)));
    }
    String[] k = new String[names.size()];
    for (int i = 0; i < k.length; i++) {
      k[i] = leaf(names.get(i));
    }
    return List.of(k);
  }

  /** Whether there is nothing below this node (a leaf is never empty). */
  public boolean isEmpty() {
    return switch (kind) {
      case LEAF -> false;
      case LEAF_LIST -> values.isEmpty();
      case LIST -> entries.isEmpty();
      default -> nKids == 0;
    };
  }

  /**
   * A copy that is mutable at the top. Of a frozen node: a shallow copy sharing everything below
   * (cheap); of a mutable node: a deep copy of its mutable parts, sharing its frozen parts.
   */
  public DataNode copy() {
    DataNode c = new DataNode(kind, schema);
    c.value = value;
    if (values != null) {
      c.values = new ArrayList<>(values);
    }
    if (kids != null) {
      c.kids = nKids == 0 ? NONE : Arrays.copyOf(kids, nKids);
      c.nKids = nKids;
      if (!frozen) {
        for (int i = 0; i < nKids; i++) {
          if (!c.kids[i].frozen) {
            c.kids[i] = c.kids[i].copy();
          }
        }
      }
    }
    if (entries != null) {
      c.entries = frozen ? entries.share() : entries.copy(e -> e.frozen ? e : e.copy());
    }
    return c;
  }

  /**
   * Removes empty non-presence containers and empty lists below (and not including) this node.
   * Skips frozen parts (they were pruned before they froze).
   */
  public void prune() {
    if (frozen) {
      return;
    }
    if (kids != null) {
      int w = 0;
      for (int i = 0; i < nKids; i++) {
        DataNode c = kids[i];
        c.prune();
        boolean drop =
            (c.kind == Kind.CONTAINER && !c.schema.isPresence() && c.isEmpty())
                || (c.kind == Kind.LIST && c.isEmpty())
                || (c.kind == Kind.LEAF_LIST && c.isEmpty());
        if (!drop) {
          kids[w++] = c;
        }
      }
      Arrays.fill(kids, w, nKids, null);
      nKids = w;
    }
    if (entries != null) {
      entries.forEachOwned(DataNode::prune);
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
    if (kids != null) {
      if (nKids != other.nKids) {
        return false;
      }
      for (int i = 0; i < nKids; i++) {
        int j = other.indexOf(kids[i].schema);
        if (j < 0 || !kids[i].contentEquals(other.kids[j])) {
          return false;
        }
      }
    }
    if (entries != null) {
      if (entries.size() != other.entries.size()) {
        return false;
      }
      for (DataNode e : entries.values()) {
        if (!e.contentEquals(other.entries.get(e.keyValues()))) {
          return false;
        }
      }
    }
    return true;
  }

  /** System order of list keys: numbers numerically, everything else as strings. */
  static int compareKeys(List<String> a, List<String> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      String x = a.get(i);
      String y = b.get(i);
      int c = isNumber(x) && isNumber(y) ? compareNumbers(x, y) : x.compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** Whether {@code s} matches {@code -?\d{1,18}}. */
  private static boolean isNumber(String s) {
    int start = !s.isEmpty() && s.charAt(0) == '-' ? 1 : 0;
    int digits = s.length() - start;
    if (digits < 1 || digits > 18) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return false;
      }
    }
    return true;
  }

  private static int compareNumbers(String x, String y) {
    return Long.compare(Long.parseLong(x), Long.parseLong(y));
  }

  @Override
  public String toString() {
    return kind
        + (schema == null ? "" : " " + schema.path())
        + (value != null ? " = " + value : "");
  }
}
