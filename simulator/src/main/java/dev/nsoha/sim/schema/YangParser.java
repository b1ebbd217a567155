package dev.nsoha.sim.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A parser for the YANG subset that NSO packages use: module, namespace, prefix, import, container
 * (presence), list/key, leaf, leaf-list, choice/case (flattened), type with typedefs (local and the
 * well-known {@code ietf-inet-types}/{@code ietf-yang-types}/{@code tailf-common} ones),
 * range/length/pattern/enum, default, mandatory, config, description, uses of local groupings and
 * of {@code ncs:service-data}, {@code ncs:servicepoint}, actions (YANG 1.1 {@code action} and
 * {@code tailf:action}) with input/output. Statements that do not shape data (must, when, revision,
 * tailf:info, ...) are accepted and ignored; {@code augment}, {@code include} and {@code deviation}
 * are refused. Thread-safe (stateless).
 */
public final class YangParser {
  static final Set<String> IGNORED =
      Set.of(
          "yang-version",
          "organization",
          "contact",
          "reference",
          "revision",
          "must",
          "when",
          "if-feature",
          "feature",
          "extension",
          "status",
          "units",
          "unique",
          "ordered-by",
          "min-elements",
          "max-elements",
          "notification",
          "rpc",
          "identity",
          "belongs-to",
          "error-message",
          "error-app-tag",
          "anyxml",
          "anydata",
          "refine",
          "require-instance",
          "argument",
          "base",
          "presence-description",
          "bit",
          "position",
          "value",
          "deviation");

  private final String source;
  private final String text;
  private final Function<String, YangModule> imports;
  private YangModule module;
  private YangTypes types;

  private YangParser(String text, String source, Function<String, YangModule> imports) {
    this.text = text;
    this.source = source;
    this.imports = imports;
  }

  /**
   * Parses a module, resolving {@code ncs:}-style references against the simulator's built-in
   * modules.
   *
   * @param text the YANG module text
   * @param sourceName the file name used in messages
   * @throws YangException with an NSO-like {@code <file>:<line>: error: <text>} message
   */
  public static YangModule parse(String text, String sourceName) throws YangException {
    return parse(text, sourceName, BuiltinSchema::module);
  }

  /**
   * Parses a module, resolving imported modules by name with {@code imports} (which may return
   * null).
   */
  public static YangModule parse(
      String text, String sourceName, Function<String, YangModule> imports) throws YangException {
    return new YangParser(text, sourceName, imports).run();
  }

  private YangModule run() throws YangException {
    List<Statement> top = new YangTokenizer(text, source).statements();
    if (top.size() != 1 || !top.get(0).keyword.equals("module")) {
      if (!top.isEmpty() && top.get(0).keyword.equals("submodule")) {
        throw new YangException(
            source, top.get(0).line, "submodules are not supported by the simulator");
      }
      throw new YangException(
          source, top.isEmpty() ? 1 : top.get(0).line, "expected exactly one 'module' statement");
    }
    Statement m = top.get(0);
    if (m.arg == null) {
      throw new YangException(source, m.line, "module needs a name");
    }
    module = new YangModule(m.arg);
    types = new YangTypes(source, module, imports);
    Statement ns = m.first("namespace");
    Statement px = m.first("prefix");
    if (ns == null || ns.arg == null) {
      throw new YangException(source, m.line, "missing namespace statement in module " + m.arg);
    }
    if (px == null || px.arg == null) {
      throw new YangException(source, m.line, "missing prefix statement in module " + m.arg);
    }
    module.identity(ns.arg, px.arg, source, text);
    for (Statement s : m.all("import")) {
      String p = s.argOf("prefix");
      if (p == null) {
        throw new YangException(source, s.line, "import " + s.arg + " needs a prefix");
      }
      module.imports.put(p, s.arg);
    }
    checkPrefixes(m);
    collectDefinitions(m);
    for (Statement s : m.subs) {
      switch (s.keyword) {
        case "namespace", "prefix", "import", "typedef", "grouping", "description" -> {}
        case "augment" ->
            throw new YangException(source, s.line, "augment is not supported by the simulator");
        case "include" ->
            throw new YangException(source, s.line, "include is not supported by the simulator");
        default -> body(module.root, s, true);
      }
    }
    return module;
  }

  private void checkPrefixes(Statement st) throws YangException {
    for (Statement s : st.subs) {
      if (s.keyword.contains(":")) {
        String prefix = s.keyword.substring(0, s.keyword.indexOf(':'));
        if (!prefix.equals(module.prefix()) && !module.imports.containsKey(prefix)) {
          throw new YangException(source, s.line, "undefined prefix " + prefix);
        }
      }
      checkPrefixes(s);
    }
  }

  private void collectDefinitions(Statement st) throws YangException {
    for (Statement s : st.subs) {
      if (s.keyword.equals("typedef")) {
        Statement t = s.first("type");
        if (t == null) {
          throw new YangException(source, s.line, "typedef " + s.arg + " needs a type");
        }
        module.typedefs.put(s.arg, new YangModule.ParsedTypedef(null, s.argOf("default")));
        module.typedefs.put(
            s.arg,
            new YangModule.ParsedTypedef(types.type(t, new HashSet<>()), s.argOf("default")));
      } else if (s.keyword.equals("grouping")) {
        module.groupings.put(s.arg, s);
      }
      if (!s.subs.isEmpty() && !s.keyword.equals("type")) {
        collectDefinitions(s);
      }
    }
  }

  /** Handles one statement inside a data-defining parent. */
  private void body(SchemaNode parent, Statement s, boolean config) throws YangException {
    String kw = s.keyword;
    if (kw.contains(":")) {
      extension(parent, s);
      return;
    }
    switch (kw) {
      case "container" -> {
        SchemaNode n = node(SchemaNode.Kind.CONTAINER, s, parent, config);
        n.presence = s.first("presence") != null;
        children(n, s, n.config);
      }
      case "list" -> {
        SchemaNode n = node(SchemaNode.Kind.LIST, s, parent, config);
        String key = s.argOf("key");
        boolean cfg = n.config;
        children(n, s, cfg);
        if (key == null) {
          if (cfg) {
            throw new YangException(source, s.line, "list " + s.arg + " needs a key");
          }
          n.keys = List.of();
        } else {
          n.keys = List.of(key.trim().split("\\s+"));
          for (String k : n.keys) {
            SchemaNode kn = n.child(k);
            if (kn == null || kn.kind() != SchemaNode.Kind.LEAF) {
              throw new YangException(
                  source, s.line, "the key leaf " + k + " is not defined in list " + s.arg);
            }
            kn.mandatory = true;
          }
        }
      }
      case "leaf" -> {
        SchemaNode n = node(SchemaNode.Kind.LEAF, s, parent, config);
        leafBody(n, s);
      }
      case "leaf-list" -> {
        SchemaNode n = node(SchemaNode.Kind.LEAF_LIST, s, parent, config);
        leafBody(n, s);
      }
      case "choice", "case" -> children(parent, s, config(s, config));
      case "uses" -> uses(parent, s, config);
      case "action" -> action(parent, s);
      case "typedef",
          "grouping",
          "description",
          "config",
          "presence",
          "key",
          "default",
          "mandatory",
          "type" -> {}
      default -> {
        if (!IGNORED.contains(kw)) {
          throw new YangException(source, s.line, "unexpected statement: " + kw);
        }
      }
    }
  }

  private void children(SchemaNode n, Statement s, boolean config) throws YangException {
    for (Statement c : s.subs) {
      body(n, c, config);
    }
  }

  private boolean config(Statement s, boolean inherited) throws YangException {
    String c = s.argOf("config");
    if (c == null) {
      return inherited;
    }
    if (!c.equals("true") && !c.equals("false")) {
      throw new YangException(source, s.line, "bad config value " + c);
    }
    if (c.equals("true") && !inherited) {
      throw new YangException(source, s.line, "config true node under config false");
    }
    return Boolean.parseBoolean(c);
  }

  private SchemaNode node(SchemaNode.Kind kind, Statement s, SchemaNode parent, boolean config)
      throws YangException {
    if (s.arg == null || !s.arg.matches("[A-Za-z_][A-Za-z0-9_.\\-]*")) {
      throw new YangException(source, s.line, "bad identifier '" + s.arg + "'");
    }
    SchemaNode n = new SchemaNode(kind, s.arg, module);
    n.config =
        parent.kind() == SchemaNode.Kind.INPUT || parent.kind() == SchemaNode.Kind.OUTPUT
            ? true
            : config(s, config);
    n.description = s.argOf("description");
    parent.add(n, source, s.line);
    return n;
  }

  private void leafBody(SchemaNode n, Statement s) throws YangException {
    Statement t = s.first("type");
    if (t == null) {
      throw new YangException(source, s.line, "the " + s.keyword + " " + s.arg + " needs a type");
    }
    n.type = types.type(t, new HashSet<>());
    String m = s.argOf("mandatory");
    n.mandatory = "true".equals(m);
    List<String> defs = new ArrayList<>();
    for (Statement d : s.all("default")) {
      defs.add(d.arg);
    }
    if (defs.isEmpty()) {
      String td = typedefDefault(t);
      if (td != null) {
        defs.add(td);
      }
    }
    for (String d : defs) {
      try {
        n.type.canonical(d);
      } catch (InvalidValueException e) {
        throw new YangException(
            source,
            s.line,
            "the default value \"" + d + "\" of " + s.arg + " does not match its type");
      }
    }
    if (n.kind() == SchemaNode.Kind.LEAF && !defs.isEmpty()) {
      n.defaultValue = defs.get(0);
    }
    n.defaultValues = List.copyOf(defs);
  }

  private String typedefDefault(Statement t) {
    String name = t.arg;
    String local = name.contains(":") ? name.substring(name.indexOf(':') + 1) : name;
    if (!name.contains(":") || name.startsWith(module.prefix() + ":")) {
      YangModule.ParsedTypedef td = module.typedefs.get(local);
      return td == null ? null : td.defaultValue();
    }
    return null;
  }

  private void uses(SchemaNode parent, Statement s, boolean config) throws YangException {
    String g = s.arg;
    if (g == null) {
      throw new YangException(source, s.line, "uses needs a grouping name");
    }
    String prefix = g.contains(":") ? g.substring(0, g.indexOf(':')) : null;
    String local = prefix == null ? g : g.substring(prefix.length() + 1);
    if (prefix == null || prefix.equals(module.prefix())) {
      Statement gs = module.groupings.get(local);
      if (gs == null) {
        throw new YangException(source, s.line, "grouping " + g + " not found");
      }
      children(parent, gs, config);
      return;
    }
    String modName = module.imports.get(prefix);
    if (modName == null) {
      throw new YangException(source, s.line, "undefined prefix " + prefix);
    }
    YangModule other = imports.apply(modName);
    if (other == null) {
      throw new YangException(
          source, s.line, "grouping " + g + " not found (module " + modName + " is not available)");
    }
    Statement gs = other.groupings.get(local);
    if (gs == null) {
      throw new YangException(source, s.line, "grouping " + g + " not found");
    }
    // Nodes of an imported grouping belong to the using module, as in YANG.
    YangModule saved = module;
    try {
      children(parent, gs, config);
    } finally {
      module = saved;
    }
  }

  private void action(SchemaNode parent, Statement s) throws YangException {
    SchemaNode a = new SchemaNode(SchemaNode.Kind.ACTION, s.arg, module);
    a.description = s.argOf("description");
    a.config = false;
    parent.add(a, source, s.line);
    SchemaNode in = new SchemaNode(SchemaNode.Kind.INPUT, "input", module);
    SchemaNode out = new SchemaNode(SchemaNode.Kind.OUTPUT, "output", module);
    a.add(in, source, s.line);
    a.add(out, source, s.line);
    Statement is = s.first("input");
    Statement os = s.first("output");
    if (is != null) {
      children(in, is, true);
    }
    if (os != null) {
      children(out, os, true);
    }
  }

  private void extension(SchemaNode parent, Statement s) throws YangException {
    String prefix = s.keyword.substring(0, s.keyword.indexOf(':'));
    String local = s.keyword.substring(prefix.length() + 1);
    if (!prefix.equals(module.prefix()) && !module.imports.containsKey(prefix)) {
      throw new YangException(source, s.line, "undefined prefix " + prefix);
    }
    String mod = module.imports.get(prefix);
    if ("tailf-ncs".equals(mod) && local.equals("servicepoint")) {
      parent.servicepoint = s.arg;
    } else if ("tailf-common".equals(mod) && local.equals("action")) {
      action(parent, s);
    }
  }

  /** For tests: the typedef names a module declared. */
  static Set<String> typedefNames(YangModule m) {
    return Map.copyOf(m.typedefs).keySet();
  }
}
