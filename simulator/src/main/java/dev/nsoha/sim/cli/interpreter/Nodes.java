package dev.nsoha.sim.cli.interpreter;

import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The CLI's way through a schema: a context is a schema node, or null for the root (whose children
 * are the top-level nodes of all modules). Words name children exactly or by an unambiguous prefix.
 */
final class Nodes {

  private Nodes() {}

  /** The children of a context: top-level nodes for the root, else data nodes and actions. */
  static Collection<SchemaNode> children(Schema schema, SchemaNode ctx) {
    if (ctx == null) {
      return schema.topNodes();
    }
    List<SchemaNode> out = new ArrayList<>();
    for (SchemaNode c : ctx.children()) {
      if (c.kind() != SchemaNode.Kind.INPUT && c.kind() != SchemaNode.Kind.OUTPUT) {
        out.add(c);
      }
    }
    return out;
  }

  /** The child with exactly this name, or null. */
  static SchemaNode child(Schema schema, SchemaNode ctx, String name) {
    for (SchemaNode c : children(schema, ctx)) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  /**
   * The child a typed word names: the exact name, else the only child whose name starts with the
   * word (NSO accepts unambiguous abbreviations); null if none or ambiguous.
   */
  static SchemaNode match(Schema schema, SchemaNode ctx, String word) {
    SchemaNode exact = child(schema, ctx, word);
    if (exact != null || word.isEmpty()) {
      return exact;
    }
    SchemaNode found = null;
    for (SchemaNode c : children(schema, ctx)) {
      if (c.name().startsWith(word)) {
        if (found != null) {
          return null;
        }
        found = c;
      }
    }
    return found;
  }

  /** True if this node or anything below it is operational data. */
  static boolean hasOperData(SchemaNode n) {
    if (n.kind() == SchemaNode.Kind.ACTION) {
      return false;
    }
    if (!n.isConfig()) {
      return true;
    }
    for (SchemaNode c : n.children()) {
      if (hasOperData(c)) {
        return true;
      }
    }
    return false;
  }

  /** True if this node or anything below it is configuration. */
  static boolean hasConfigData(SchemaNode n) {
    if (n.kind() == SchemaNode.Kind.ACTION || !n.isConfig()) {
      return false;
    }
    if (n.isLeafy()) {
      return true;
    }
    for (SchemaNode c : n.children()) {
      if (hasConfigData(c)) {
        return true;
      }
    }
    return n.kind() == SchemaNode.Kind.CONTAINER && n.isPresence();
  }

  /** A path step for a node: the module on a top-level node, keys for a list entry. */
  static DataPath.Step step(SchemaNode n, List<String> keys) {
    return new DataPath.Step(
        n.parent() == null ? n.module().name() : null, n.name(), keys == null ? null : keys);
  }

  /** {@code base} plus one step. */
  static DataPath plus(DataPath base, SchemaNode n, List<String> keys) {
    return base.child(step(n, keys));
  }

  /** The schema node a path leads to (null for the root or a path the schema lacks). */
  static SchemaNode at(Schema schema, DataPath p) {
    SchemaNode cur = null;
    for (DataPath.Step s : p.steps()) {
      cur = child(schema, cur, s.name());
      if (cur == null) {
        return null;
      }
    }
    return cur;
  }
}
