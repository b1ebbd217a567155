package dev.nsoha.sim.data;

import dev.nsoha.sim.schema.InvalidValueException;
import dev.nsoha.sim.schema.LeafType;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import dev.nsoha.sim.schema.YangModule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/** Operations on {@link DataNode} trees: navigation, edits, filters, defaults and validation. */
public final class Trees {
  private Trees() {}

  /** Canonical key values for a list step, validated against the key leaf types. */
  public static List<String> canonicalKeys(SchemaNode list, List<String> keys) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      SchemaNode k = list.child(list.keys().get(i));
      try {
        out.add(k.type().canonical(keys.get(i)));
      } catch (InvalidValueException e) {
        throw new NodeRefusal(NodeRefusal.Kind.INVALID_VALUE, e.getMessage());
      }
    }
    return out;
  }

  /**
   * The node at {@code path}: an entry for a keyed list step, the list for an unkeyed one; null
   * when absent.
   */
  public static DataNode find(DataNode root, DataPath path, List<SchemaNode> resolved) {
    DataNode cur = root;
    List<DataPath.Step> steps = path.steps();
    for (int i = 0; i < steps.size() && cur != null; i++) {
      SchemaNode s = resolved.get(i);
      if (s.kind() == SchemaNode.Kind.ACTION) {
        return cur;
      }
      DataNode c = cur.child(s);
      if (c == null) {
        return null;
      }
      DataPath.Step st = steps.get(i);
      if (st.keys() != null && s.kind() == SchemaNode.Kind.LIST) {
        c = c.entry(canonicalKeys(s, st.keys()));
      } else if (st.keys() != null
          && s.kind() == SchemaNode.Kind.LEAF_LIST
          && !c.values().contains(st.keys().get(0))) {
        return null;
      }
      cur = c;
    }
    return cur;
  }

  /** Creates (as needed) and returns the node holding the last step of {@code path}. */
  public static DataNode ensureParent(DataNode root, DataPath path, List<SchemaNode> resolved) {
    DataNode cur = root;
    List<DataPath.Step> steps = path.steps();
    for (int i = 0; i < steps.size() - 1; i++) {
      SchemaNode s = resolved.get(i);
      DataNode c = cur.getOrCreate(s);
      if (s.kind() == SchemaNode.Kind.LIST) {
        if (steps.get(i).keys() == null) {
          throw new NodeRefusal(NodeRefusal.Kind.MALFORMED, "missing keys for list " + s.name());
        }
        c = c.getOrCreateEntry(canonicalKeys(s, steps.get(i).keys()));
      } else if (s.isLeafy()) {
        throw NodeRefusal.notFound();
      }
      cur = c;
    }
    return cur;
  }

  /** Merges {@code content} into {@code target}; both must be bound to the same schema node. */
  public static void merge(DataNode target, DataNode content) {
    switch (content.kind()) {
      case LEAF -> target.setValue(content.value());
      case LEAF_LIST -> content.values().forEach(target::addValue);
      case LIST -> {
        for (DataNode e : content.entries()) {
          DataNode t = target.entry(e.keyValues());
          if (t == null) {
            target.putEntry(e.copy());
          } else {
            merge(t, e);
          }
        }
      }
      default -> {
        for (DataNode c : content.children()) {
          DataNode t = target.child(c.schema());
          if (t == null) {
            target.put(c.copy());
          } else {
            merge(t, c);
          }
        }
      }
    }
  }

  /**
   * Applies an edit at {@code path}. {@code content} is bound to the path's target (an entry for a
   * keyed list step, the root for the empty path); null for DELETE.
   */
  public static void edit(
      DataNode root,
      DataPath path,
      List<SchemaNode> resolved,
      Op op,
      DataNode content,
      String xpath) {
    if (path.isRoot()) {
      switch (op) {
        case MERGE, CREATE -> merge(root, content);
        case REPLACE -> {
          for (DataNode c : root.children()) {
            root.remove(c.schema());
          }
          merge(root, content);
        }
        case DELETE -> {
          for (DataNode c : root.children()) {
            root.remove(c.schema());
          }
        }
      }
      return;
    }
    SchemaNode s = resolved.get(resolved.size() - 1);
    if (!s.isConfig() || s.kind() == SchemaNode.Kind.ACTION) {
      throw new NodeRefusal(NodeRefusal.Kind.MALFORMED, "not writable: " + xpath, xpath);
    }
    DataPath.Step last = path.last();
    DataNode existing = find(root, path, resolved);
    if (op == Op.DELETE) {
      if (existing == null) {
        throw NodeRefusal.notFound();
      }
      DataNode parent = find(root, path.parent(), resolved.subList(0, resolved.size() - 1));
      if (s.kind() == SchemaNode.Kind.LIST && last.keys() != null) {
        parent.child(s).removeEntry(existing.keyValues());
      } else if (s.kind() == SchemaNode.Kind.LEAF_LIST && last.keys() != null) {
        parent.child(s).removeValue(last.keys().get(0));
      } else {
        parent.remove(s);
      }
      return;
    }
    if (op == Op.CREATE && existing != null) {
      throw new NodeRefusal(NodeRefusal.Kind.DATA_EXISTS, "object already exists: " + xpath, "");
    }
    if (s.isKey() && existing != null && !existing.value().equals(content.value())) {
      throw new NodeRefusal(
          NodeRefusal.Kind.MALFORMED, "cannot change a list key: " + xpath, xpath);
    }
    DataNode parent = ensureParent(root, path, resolved);
    if (s.kind() == SchemaNode.Kind.LIST && last.keys() != null) {
      List<String> keys = canonicalKeys(s, last.keys());
      if (content.kind() != DataNode.Kind.ENTRY || !content.keyValues().equals(keys)) {
        throw new NodeRefusal(
            NodeRefusal.Kind.MALFORMED,
            "the key in the body does not match the key in the uri",
            xpath);
      }
      DataNode list = parent.getOrCreate(s);
      if (op == Op.REPLACE || existing == null) {
        list.putEntry(content.copy());
      } else {
        merge(existing, content);
      }
    } else if (op == Op.REPLACE || existing == null) {
      parent.put(content.copy());
    } else {
      merge(existing, content);
    }
  }

  /**
   * Adds the paths a merge of {@code content} at {@code p} touches: each leaf, leaf-list, list
   * entry without other content, and empty (presence) container.
   *
   * @return false when there are more than {@code max}
   */
  public static boolean touched(List<DataPath> out, DataPath p, DataNode content, int max) {
    switch (content.kind()) {
      case LEAF, LEAF_LIST -> out.add(p);
      case LIST -> {
        for (DataNode e : content.entries()) {
          DataPath.Step last = p.last();
          DataPath ep =
              p.parent().child(new DataPath.Step(last.module(), last.name(), e.keyValues()));
          if (!touched(out, ep, e, max)) {
            return false;
          }
        }
      }
      default -> {
        boolean any = false;
        for (DataNode c : content.children()) {
          if (content.kind() == DataNode.Kind.ENTRY && c.schema().isKey()) {
            continue;
          }
          any = true;
          SchemaNode cs = c.schema();
          if (!touched(
              out, p.child(new DataPath.Step(cs.module().name(), cs.name(), null)), c, max)) {
            return false;
          }
        }
        if (!any) {
          if (p.isRoot()) {
            return true;
          }
          out.add(p);
        }
      }
    }
    return out.size() <= max;
  }

  /** Edit operations. */
  public enum Op {
    MERGE,
    REPLACE,
    CREATE,
    DELETE
  }

  /** A copy of {@code n} with only config (or only non-config) data; null when nothing remains. */
  public static DataNode filter(DataNode n, boolean wantConfig) {
    if (n.schema() != null && !n.schema().isConfig()) {
      return wantConfig ? null : n.copy();
    }
    switch (n.kind()) {
      case LEAF, LEAF_LIST:
        return wantConfig ? n.copy() : null;
      case LIST:
        {
          DataNode out = DataNode.of(n.schema());
          for (DataNode e : n.entries()) {
            DataNode f = filter(e, wantConfig);
            if (f != null) {
              out.putEntry(f);
            }
          }
          return out.isEmpty() ? null : out;
        }
      case ENTRY:
        {
          DataNode out = DataNode.newEntry(n.schema(), n.keyValues());
          boolean any = wantConfig;
          for (DataNode c : n.children()) {
            if (c.schema().isKey()) {
              continue;
            }
            DataNode f = filter(c, wantConfig);
            if (f != null) {
              out.put(f);
              any = true;
            }
          }
          return any ? out : null;
        }
      default:
        {
          DataNode out = n.kind() == DataNode.Kind.ROOT ? DataNode.root() : DataNode.of(n.schema());
          for (DataNode c : n.children()) {
            DataNode f = filter(c, wantConfig);
            if (f != null) {
              out.put(f);
            }
          }
          boolean keepEmpty = wantConfig && n.schema() != null && n.schema().isPresence();
          return out.isEmpty() && !keepEmpty && n.kind() != DataNode.Kind.ROOT ? null : out;
        }
    }
  }

  /** Adds default values (and the non-presence containers that hold them) below {@code n}. */
  public static void addDefaults(DataNode n, Schema schema) {
    switch (n.kind()) {
      case LIST -> n.mutableEntries().forEach(e -> addDefaults(e, schema));
      case ROOT -> {
        for (SchemaNode top : schema.topNodes()) {
          if (top.kind() == SchemaNode.Kind.CONTAINER
              && !top.isPresence()
              && n.child(top) == null) {
            DataNode c = DataNode.of(top);
            addDefaults(c, schema);
            if (!c.isEmpty()) {
              n.put(c);
            }
          }
        }
        n.children().forEach(c -> addDefaults(c, schema));
      }
      case CONTAINER, ENTRY -> {
        for (SchemaNode s : n.schema().children()) {
          DataNode c = n.child(s);
          if (c != null) {
            addDefaults(c, schema);
          } else if (s.kind() == SchemaNode.Kind.LEAF && s.defaultValue() != null) {
            DataNode l = DataNode.of(s);
            l.setValue(s.defaultValue());
            n.put(l);
          } else if (s.kind() == SchemaNode.Kind.CONTAINER && !s.isPresence()) {
            DataNode k = DataNode.of(s);
            addDefaults(k, schema);
            if (!k.isEmpty()) {
              n.put(k);
            }
          }
        }
      }
      default -> {}
    }
  }

  /** Removes leaves whose value equals their default, then empty non-presence containers. */
  public static void trimDefaults(DataNode n) {
    switch (n.kind()) {
      case LIST -> n.mutableEntries().forEach(Trees::trimDefaults);
      case ROOT, CONTAINER, ENTRY -> {
        for (DataNode c : n.children()) {
          if (c.kind() == DataNode.Kind.LEAF
              && c.schema().defaultValue() != null
              && c.schema().defaultValue().equals(c.value())
              && !c.schema().isKey()) {
            n.remove(c.schema());
          } else {
            trimDefaults(c);
          }
        }
        n.prune();
      }
      default -> {}
    }
  }

  /**
   * Validates a config tree before commit: mandatory leaves of existing containers and entries, and
   * absolute leafref targets.
   *
   * @throws NodeRefusal VALIDATION with NSO's text ({@code <path> is not configured}, {@code
   *     illegal reference <path>})
   */
  public static void validate(DataNode root, Schema schema) {
    validate(root, "", root, schema, new HashMap<>());
  }

  /**
   * Validates only what {@code edits} touched (the nodes along each edit's path and the subtree at
   * its target), which is all a commit can have made invalid. Falls back to {@link
   * #validate(DataNode, Schema)} for an edit of the root and for a delete or replace of data that
   * an absolute leafref of the schema points into (the references to it live elsewhere).
   */
  public static void validate(DataNode root, Schema schema, List<Edit> edits) {
    Map<SchemaNode, Set<String>> cache = new HashMap<>();
    for (Edit e : edits) {
      List<SchemaNode> r = e.path().resolve(schema);
      if (e.path().isRoot()
          || (e.op() != Op.MERGE && e.op() != Op.CREATE && isLeafrefTarget(schema, r))) {
        validate(root, schema);
        return;
      }
    }
    List<DataPath> paths = new ArrayList<>();
    for (Edit e : edits) {
      if (e.op() == Op.MERGE || e.op() == Op.CREATE) {
        // What a merge can have made invalid is what its content touched.
        if (!touched(paths, e.path(), e.content(), 10_000)) {
          validate(root, schema);
          return;
        }
      } else {
        paths.add(e.path());
      }
    }
    for (DataPath path : paths) {
      List<SchemaNode> r = path.resolve(schema);
      List<DataPath.Step> steps = path.steps();
      DataNode cur = root;
      StringBuilder p = new StringBuilder();
      for (int i = 0; i < steps.size() && cur != null; i++) {
        SchemaNode s = r.get(i);
        DataNode c = cur.child(s);
        if (c == null) {
          break;
        }
        p.append('/').append(s.module().prefix()).append(':').append(s.name());
        boolean last = i == steps.size() - 1;
        if (s.kind() == SchemaNode.Kind.LIST && steps.get(i).keys() != null) {
          c = c.entry(canonicalKeys(s, steps.get(i).keys()));
          if (c == null) {
            break;
          }
          appendKeys(p, s, c);
          checkMandatory(c, p.toString());
          if (last) {
            validate(c, p.toString(), root, schema, cache);
          }
        } else if (last) {
          validateNode(c, p.toString(), root, schema, cache);
        } else if (c.kind() == DataNode.Kind.CONTAINER) {
          checkMandatory(c, p.toString());
        }
        cur = c;
      }
    }
  }

  private static final Map<Schema, List<List<String>>> LEAFREF_TARGETS = new WeakHashMap<>();

  /**
   * Whether an absolute leafref of {@code schema} points at or below the node {@code r} ends at.
   */
  private static boolean isLeafrefTarget(Schema schema, List<SchemaNode> r) {
    List<List<String>> targets;
    synchronized (LEAFREF_TARGETS) {
      targets = LEAFREF_TARGETS.computeIfAbsent(schema, Trees::leafrefTargetNames);
    }
    for (List<String> t : targets) {
      if (t.size() >= r.size()) {
        boolean prefix = true;
        for (int i = 0; i < r.size() && prefix; i++) {
          prefix = r.get(i).name().equals(t.get(i));
        }
        if (prefix) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<List<String>> leafrefTargetNames(Schema schema) {
    List<List<String>> out = new ArrayList<>();
    List<SchemaNode> todo = new ArrayList<>(schema.topNodes());
    while (!todo.isEmpty()) {
      SchemaNode s = todo.remove(todo.size() - 1);
      todo.addAll(s.children());
      if (s.type() != null
          && s.type().base() == LeafType.Base.LEAFREF
          && s.type().path().trim().startsWith("/")) {
        List<String> names = new ArrayList<>();
        for (String part : s.type().path().trim().substring(1).split("/")) {
          String n = part.replaceAll("\\[.*]", "");
          names.add(n.substring(n.indexOf(':') + 1));
        }
        out.add(names);
      }
    }
    return out;
  }

  private static void appendKeys(StringBuilder k, SchemaNode s, DataNode e) {
    for (String key : s.keys()) {
      k.append('[')
          .append(s.module().prefix())
          .append(':')
          .append(key)
          .append("='")
          .append(e.leaf(key))
          .append("']");
    }
  }

  private static void validate(
      DataNode n, String path, DataNode root, Schema schema, Map<SchemaNode, Set<String>> cache) {
    for (DataNode c : n.children()) {
      SchemaNode s = c.schema();
      validateNode(c, path + "/" + s.module().prefix() + ":" + s.name(), root, schema, cache);
    }
  }

  private static void validateNode(
      DataNode c, String p, DataNode root, Schema schema, Map<SchemaNode, Set<String>> cache) {
    SchemaNode s = c.schema();
    if (c.kind() == DataNode.Kind.LIST) {
      for (DataNode e : c.entries()) {
        StringBuilder k = new StringBuilder(p);
        appendKeys(k, s, e);
        checkMandatory(e, k.toString());
        validate(e, k.toString(), root, schema, cache);
      }
    } else if (c.kind() == DataNode.Kind.CONTAINER) {
      checkMandatory(c, p);
      validate(c, p, root, schema, cache);
    } else if (s.type() != null
        && s.type().base() == LeafType.Base.LEAFREF
        && s.type().path().startsWith("/")) {
      Set<String> targets = cache.computeIfAbsent(s, x -> leafrefTargets(root, x, schema));
      if (targets != null) {
        List<String> vals = c.kind() == DataNode.Kind.LEAF ? List.of(c.value()) : c.values();
        for (String v : vals) {
          if (!targets.contains(v)) {
            throw new NodeRefusal(NodeRefusal.Kind.VALIDATION, "illegal reference " + p, p);
          }
        }
      }
    }
  }

  private static void checkMandatory(DataNode n, String path) {
    for (SchemaNode s : n.schema().children()) {
      if (s.kind() == SchemaNode.Kind.LEAF
          && s.isMandatory()
          && s.isConfig()
          && n.child(s) == null) {
        String p = path + "/" + s.module().prefix() + ":" + s.name();
        throw new NodeRefusal(NodeRefusal.Kind.VALIDATION, p + " is not configured", p);
      }
    }
  }

  private static Set<String> leafrefTargets(DataNode root, SchemaNode leaf, Schema schema) {
    String[] parts = leaf.type().path().trim().substring(1).split("/");
    List<DataNode> cur = List.of(root);
    SchemaNode sn = null;
    for (String part : parts) {
      String name = part.replaceAll("\\[.*]", "");
      String prefix = name.contains(":") ? name.substring(0, name.indexOf(':')) : null;
      String local = prefix == null ? name : name.substring(prefix.length() + 1);
      if (sn == null) {
        String modName =
            prefix == null
                ? leaf.module().name()
                : prefix.equals(leaf.module().prefix())
                    ? leaf.module().name()
                    : leaf.module().imports().get(prefix);
        YangModule m = modName == null ? null : schema.module(modName);
        sn = m == null ? null : m.top(local);
      } else {
        sn = sn.child(local);
      }
      if (sn == null) {
        return null;
      }
      List<DataNode> next = new ArrayList<>();
      for (DataNode d : cur) {
        DataNode c = d.child(sn);
        if (c == null) {
          continue;
        }
        if (c.kind() == DataNode.Kind.LIST) {
          next.addAll(c.entries());
        } else {
          next.add(c);
        }
      }
      cur = next;
    }
    Set<String> out = new HashSet<>();
    for (DataNode d : cur) {
      if (d.kind() == DataNode.Kind.LEAF) {
        out.add(d.value());
      } else {
        out.addAll(d.values());
      }
    }
    return out;
  }
}
