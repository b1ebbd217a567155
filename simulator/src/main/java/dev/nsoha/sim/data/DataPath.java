package dev.nsoha.sim.data;

import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A path to a data node, action or list: a sequence of steps, each with an optional module (name or
 * prefix) and optional list keys. Parsed from RESTCONF URIs ({@code
 * tailf-ncs:packages/package=dummy}) or NSO keypaths ({@code
 * /high-availability/status/connected-secondary{n2}/address}). Immutable.
 */
public final class DataPath {
  /** One step. {@code keys} is null when the step names a list without selecting an entry. */
  public record Step(String module, String name, List<String> keys) {
    public Step {
      Objects.requireNonNull(name, "name");
      keys = keys == null ? null : List.copyOf(keys);
    }
  }

  /** The empty path: the datastore root. */
  public static final DataPath ROOT = new DataPath(List.of());

  private final List<Step> steps;

  public DataPath(List<Step> steps) {
    this.steps = List.copyOf(steps);
  }

  /**
   * Parses the part of a RESTCONF URI after {@code /data/} or {@code /operations/}: segments
   * separated by {@code /}, {@code module:name} or {@code name}, keys as {@code =k1,k2}
   * (percent-encoded).
   */
  public static DataPath parseRestconf(String s) {
    List<Step> out = new ArrayList<>();
    String t = s.startsWith("/") ? s.substring(1) : s;
    if (t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    if (t.isEmpty()) {
      return ROOT;
    }
    for (String seg : t.split("/", -1)) {
      if (seg.isEmpty()) {
        throw new NodeRefusal(NodeRefusal.Kind.MALFORMED, "malformed uri: empty path segment");
      }
      String name = seg;
      List<String> keys = null;
      int eq = seg.indexOf('=');
      if (eq >= 0) {
        name = seg.substring(0, eq);
        keys = new ArrayList<>();
        for (String k : seg.substring(eq + 1).split(",", -1)) {
          keys.add(decode(k));
        }
      }
      name = decode(name);
      String module = null;
      int c = name.indexOf(':');
      if (c >= 0) {
        module = name.substring(0, c);
        name = name.substring(c + 1);
      }
      out.add(new Step(module, name, keys));
    }
    return new DataPath(out);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new NodeRefusal(
          NodeRefusal.Kind.MALFORMED, "malformed uri: bad percent-encoding in " + s);
    }
  }

  /**
   * Parses an NSO keypath: {@code /a/b{k1 k2}/c}, steps optionally {@code prefix:name}, keys in
   * braces separated by blanks, optionally double-quoted.
   */
  public static DataPath parseKeypath(String s) {
    String t = s.trim();
    if (!t.startsWith("/")) {
      throw new NodeRefusal(NodeRefusal.Kind.MALFORMED, "bad keypath: " + s);
    }
    List<Step> out = new ArrayList<>();
    int i = 1;
    while (i < t.length()) {
      int j = i;
      while (j < t.length() && t.charAt(j) != '/' && t.charAt(j) != '{') {
        j++;
      }
      String name = t.substring(i, j);
      List<String> keys = null;
      if (j < t.length() && t.charAt(j) == '{') {
        int end = findClose(t, j);
        keys = splitKeys(t.substring(j + 1, end));
        j = end + 1;
      }
      if (name.isEmpty()) {
        throw new NodeRefusal(NodeRefusal.Kind.MALFORMED, "bad keypath: " + s);
      }
      String module = null;
      int c = name.indexOf(':');
      if (c >= 0) {
        module = name.substring(0, c);
        name = name.substring(c + 1);
      }
      out.add(new Step(module, name, keys));
      if (j < t.length() && t.charAt(j) != '/') {
        throw new NodeRefusal(NodeRefusal.Kind.MALFORMED, "bad keypath: " + s);
      }
      i = j + 1;
    }
    return new DataPath(out);
  }

  private static int findClose(String t, int open) {
    boolean q = false;
    for (int k = open + 1; k < t.length(); k++) {
      char c = t.charAt(k);
      if (c == '"') {
        q = !q;
      } else if (c == '}' && !q) {
        return k;
      }
    }
    throw new NodeRefusal(NodeRefusal.Kind.MALFORMED, "bad keypath: missing '}' in " + t);
  }

  private static List<String> splitKeys(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean q = false;
    boolean any = false;
    for (char c : s.toCharArray()) {
      if (c == '"') {
        q = !q;
        any = true;
      } else if (c == ' ' && !q) {
        if (any) {
          out.add(cur.toString());
        }
        cur.setLength(0);
        any = false;
      } else {
        cur.append(c);
        any = true;
      }
    }
    if (any) {
      out.add(cur.toString());
    }
    return out;
  }

  public List<Step> steps() {
    return steps;
  }

  public boolean isRoot() {
    return steps.isEmpty();
  }

  /** The last step, or null for the root. */
  public Step last() {
    return steps.isEmpty() ? null : steps.get(steps.size() - 1);
  }

  /** The parent path (the root's parent is the root). */
  public DataPath parent() {
    return steps.isEmpty() ? this : new DataPath(steps.subList(0, steps.size() - 1));
  }

  /** This path plus a step. */
  public DataPath child(String name, String... keys) {
    List<Step> s = new ArrayList<>(steps);
    s.add(new Step(null, name, keys.length == 0 ? null : List.of(keys)));
    return new DataPath(s);
  }

  /** This path plus a step with a module. */
  public DataPath child(Step step) {
    List<Step> s = new ArrayList<>(steps);
    s.add(step);
    return new DataPath(s);
  }

  /**
   * Resolves each step to its schema node. A step may name an action (then it must be last).
   *
   * @throws NodeRefusal NOT_FOUND ({@code uri keypath not found}) when a step does not exist,
   *     MALFORMED when keys do not fit
   */
  public List<SchemaNode> resolve(Schema schema) {
    List<SchemaNode> out = new ArrayList<>();
    SchemaNode cur = null;
    for (int i = 0; i < steps.size(); i++) {
      Step st = steps.get(i);
      SchemaNode n;
      if (cur == null) {
        n = schema.top(st.module(), st.name());
      } else {
        n = cur.child(st.name());
        if (n != null
            && st.module() != null
            && schema.moduleByNameOrPrefix(st.module()) != n.module()) {
          n = null;
        }
        if (n != null
            && (n.kind() == SchemaNode.Kind.INPUT || n.kind() == SchemaNode.Kind.OUTPUT)) {
          n = null;
        }
      }
      if (n == null) {
        throw NodeRefusal.notFound();
      }
      if (n.kind() == SchemaNode.Kind.ACTION && i != steps.size() - 1) {
        throw NodeRefusal.notFound();
      }
      if (st.keys() != null) {
        if (n.kind() == SchemaNode.Kind.LEAF_LIST && st.keys().size() == 1) {
          // a leaf-list instance; accepted
        } else if (n.kind() != SchemaNode.Kind.LIST || n.keys().size() != st.keys().size()) {
          throw new NodeRefusal(NodeRefusal.Kind.MALFORMED, "wrong number of keys for " + n.name());
        }
      }
      out.add(n);
      cur = n;
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * An XPath rendering for messages, with module prefixes on every step and key predicates: {@code
   * /dummy:dummies/dummy:dummy[dummy:name='d1']}.
   */
  public String xpath(List<SchemaNode> resolved) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < steps.size(); i++) {
      SchemaNode n = resolved.get(i);
      String p = n.module().prefix();
      b.append('/').append(p).append(':').append(n.name());
      Step st = steps.get(i);
      if (st.keys() != null && n.kind() == SchemaNode.Kind.LIST) {
        for (int k = 0; k < n.keys().size(); k++) {
          b.append('[')
              .append(p)
              .append(':')
              .append(n.keys().get(k))
              .append("='")
              .append(st.keys().get(k))
              .append("']");
        }
      }
    }
    return b.length() == 0 ? "/" : b.toString();
  }

  /** The keypath form: {@code /a/b{k}/c}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (Step s : steps) {
      b.append('/');
      if (s.module() != null) {
        b.append(s.module()).append(':');
      }
      b.append(s.name());
      if (s.keys() != null) {
        b.append('{').append(String.join(" ", s.keys())).append('}');
      }
    }
    return b.length() == 0 ? "/" : b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataPath p && p.steps.equals(steps);
  }

  @Override
  public int hashCode() {
    return steps.hashCode();
  }
}
