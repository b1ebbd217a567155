package dev.nsoha.core.digest;

import dev.nsoha.core.model.DataTree;
import java.util.List;
import java.util.Map;

/**
 * A configuration as a stream of JSON-shaped events (RFC 7951: objects, arrays, member names and
 * scalar values), so that a consumer can digest a configuration of any size without holding it. A
 * transport feeds it from a streaming parser; {@link #walk(DataTree, ConfigEvents)} feeds it from a
 * tree already read. Not thread-safe: one producer calls it in document order.
 */
public interface ConfigEvents {
  /** An object starts: the whole configuration, a container or a list entry. */
  void beginObject();

  void endObject();

  /** An array starts: a list (of objects) or a leaf-list (of scalars). */
  void beginArray();

  void endArray();

  /** The name of the next member of the current object. */
  void name(String name);

  /**
   * A scalar value, as text: strings as they are, numbers and booleans as JSON writes them, {@code
   * [null]} for a YANG {@code empty} leaf.
   */
  void value(String value);

  /** Feeds every member of {@code tree} to {@code sink}, as one object. */
  static void walk(DataTree tree, ConfigEvents sink) {
    walkValue(tree.asMap(), sink);
  }

  private static void walkValue(Object v, ConfigEvents sink) {
    if (v instanceof Map<?, ?> m) {
      sink.beginObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sink.name(String.valueOf(e.getKey()));
        walkValue(e.getValue(), sink);
      }
      sink.endObject();
    } else if (v instanceof List<?> l) {
      if (l.size() == 1 && l.get(0) == null) {
        sink.value(DataTree.EMPTY_LEAF.toString());
        return;
      }
      sink.beginArray();
      for (Object x : l) {
        walkValue(x, sink);
      }
      sink.endArray();
    } else {
      sink.value(String.valueOf(v));
    }
  }
}
