package dev.nsoha.sim.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The set of modules a node has loaded: the built-in ones plus those of its packages. Immutable; a
 * package reload produces a new Schema.
 */
public final class Schema {
  private final Map<String, YangModule> modules;

  public Schema(List<YangModule> modules) {
    Map<String, YangModule> m = new LinkedHashMap<>();
    for (YangModule y : modules) {
      m.put(y.name(), y);
    }
    this.modules = Collections.unmodifiableMap(m);
  }

  /** The built-in modules only. */
  public static Schema builtin() {
    return new Schema(BuiltinSchema.modules());
  }

  /** A new schema with the built-in modules plus {@code packageModules}. */
  public static Schema withPackages(List<YangModule> packageModules) {
    List<YangModule> all = new ArrayList<>(BuiltinSchema.modules());
    all.addAll(packageModules);
    return new Schema(all);
  }

  /** All modules by name, in load order. */
  public Map<String, YangModule> modules() {
    return modules;
  }

  /** A module by name, or null. */
  public YangModule module(String name) {
    return modules.get(name);
  }

  /** A module by prefix, or null. */
  public YangModule moduleByPrefix(String prefix) {
    for (YangModule m : modules.values()) {
      if (m.prefix().equals(prefix)) {
        return m;
      }
    }
    return null;
  }

  /** A module by XML namespace, or null. */
  public YangModule moduleByNamespace(String ns) {
    for (YangModule m : modules.values()) {
      if (m.namespace().equals(ns)) {
        return m;
      }
    }
    return null;
  }

  /** A module by name or, failing that, by prefix; null if neither matches. */
  public YangModule moduleByNameOrPrefix(String s) {
    YangModule m = module(s);
    return m != null ? m : moduleByPrefix(s);
  }

  /** Every top-level node of every module, in load order. */
  public List<SchemaNode> topNodes() {
    List<SchemaNode> out = new ArrayList<>();
    for (YangModule m : modules.values()) {
      out.addAll(m.topNodes());
    }
    return out;
  }

  /**
   * A top-level node. {@code module} may be a module name, a prefix, or null (then the name must be
   * unique across modules).
   *
   * @return the node or null
   */
  public SchemaNode top(String module, String name) {
    if (module != null) {
      YangModule m = moduleByNameOrPrefix(module);
      return m == null ? null : m.top(name);
    }
    SchemaNode found = null;
    for (YangModule m : modules.values()) {
      SchemaNode n = m.top(name);
      if (n != null) {
        if (found != null) {
          return null;
        }
        found = n;
      }
    }
    return found;
  }
}
