package dev.nsoha.sim.schema;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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
  private static final Set<String> IGNORED =
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
    List<Statement> top = new Tokenizer(text, source).statements();
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
            s.arg, new YangModule.ParsedTypedef(type(t, new HashSet<>()), s.argOf("default")));
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
    n.type = type(t, new HashSet<>());
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

  private LeafType type(Statement t, Set<String> seen) throws YangException {
    String name = t.arg;
    if (name == null) {
      throw new YangException(source, t.line, "type needs a name");
    }
    String prefix = name.contains(":") ? name.substring(0, name.indexOf(':')) : null;
    String local = prefix == null ? name : name.substring(prefix.length() + 1);
    LeafType base;
    if (prefix == null || prefix.equals(module.prefix())) {
      LeafType.Base b = builtin(local);
      if (b != null && prefix == null) {
        base = LeafType.of(b, name);
      } else {
        YangModule.ParsedTypedef td = module.typedefs.get(local);
        if (td == null) {
          throw new YangException(source, t.line, "unknown type " + name);
        }
        if (td.type() == null || !seen.add(local)) {
          throw new YangException(source, t.line, "circular typedef " + name);
        }
        base = td.type();
      }
    } else {
      String mod = module.imports.get(prefix);
      if (mod == null) {
        throw new YangException(source, t.line, "undefined prefix " + prefix);
      }
      base = external(mod, local, name);
      if (base == null) {
        throw new YangException(source, t.line, "unknown type " + name);
      }
    }
    return restrict(base, t, name);
  }

  private LeafType external(String mod, String local, String written) {
    LeafType.Base b =
        switch (mod + ":" + local) {
          case "ietf-inet-types:ipv4-address", "ietf-inet-types:ipv4-address-no-zone" ->
              LeafType.Base.IPV4_ADDRESS;
          case "ietf-inet-types:ipv6-address", "ietf-inet-types:ipv6-address-no-zone" ->
              LeafType.Base.IPV6_ADDRESS;
          case "ietf-inet-types:ip-address", "ietf-inet-types:ip-address-no-zone" ->
              LeafType.Base.IP_ADDRESS;
          case "ietf-inet-types:host" -> LeafType.Base.HOST;
          case "ietf-inet-types:domain-name" -> LeafType.Base.DOMAIN_NAME;
          case "ietf-inet-types:port-number" -> LeafType.Base.UINT16;
          case "ietf-yang-types:counter32",
              "ietf-yang-types:gauge32",
              "ietf-yang-types:zero-based-counter32",
              "ietf-yang-types:timestamp",
              "ietf-yang-types:timeticks" ->
              LeafType.Base.UINT32;
          case "ietf-yang-types:counter64",
              "ietf-yang-types:gauge64",
              "ietf-yang-types:zero-based-counter64" ->
              LeafType.Base.UINT64;
          case "ietf-inet-types:ipv4-prefix",
              "ietf-inet-types:ipv6-prefix",
              "ietf-inet-types:ip-prefix",
              "ietf-inet-types:uri",
              "ietf-yang-types:date-and-time",
              "ietf-yang-types:mac-address",
              "ietf-yang-types:uuid",
              "ietf-yang-types:hex-string",
              "ietf-yang-types:phys-address",
              "ietf-yang-types:yang-identifier",
              "ietf-yang-types:xpath1.0",
              "tailf-common:aes-256-cfb-128-encrypted-string",
              "tailf-common:aes-cfb-128-encrypted-string",
              "tailf-common:des3-cbc-encrypted-string",
              "tailf-common:md5-digest-string",
              "tailf-common:sha-256-digest-string",
              "tailf-common:sha-512-digest-string",
              "tailf-common:ip-address-and-prefix-length",
              "tailf-common:hex-list",
              "tailf-common:size",
              "tailf-common:node-instance-identifier" ->
              LeafType.Base.STRING;
          default -> null;
        };
    if (b != null) {
      return LeafType.of(b, written);
    }
    YangModule other = imports.apply(mod);
    if (other != null) {
      YangModule.ParsedTypedef td = other.typedefs.get(local);
      if (td != null && td.type() != null) {
        return td.type();
      }
    }
    return null;
  }

  private static LeafType.Base builtin(String n) {
    return switch (n) {
      case "string" -> LeafType.Base.STRING;
      case "boolean" -> LeafType.Base.BOOLEAN;
      case "int8" -> LeafType.Base.INT8;
      case "int16" -> LeafType.Base.INT16;
      case "int32" -> LeafType.Base.INT32;
      case "int64" -> LeafType.Base.INT64;
      case "uint8" -> LeafType.Base.UINT8;
      case "uint16" -> LeafType.Base.UINT16;
      case "uint32" -> LeafType.Base.UINT32;
      case "uint64" -> LeafType.Base.UINT64;
      case "decimal64" -> LeafType.Base.DECIMAL64;
      case "enumeration" -> LeafType.Base.ENUMERATION;
      case "empty" -> LeafType.Base.EMPTY;
      case "leafref" -> LeafType.Base.LEAFREF;
      case "identityref" -> LeafType.Base.IDENTITYREF;
      case "union" -> LeafType.Base.UNION;
      case "binary" -> LeafType.Base.BINARY;
      case "bits" -> LeafType.Base.BITS;
      case "instance-identifier" -> LeafType.Base.STRING;
      default -> null;
    };
  }

  private LeafType restrict(LeafType base, Statement t, String name) throws YangException {
    List<String> enums = new ArrayList<>(base.enums());
    List<LeafType.Range> ranges = new ArrayList<>(base.ranges());
    List<LeafType.Range> lengths = new ArrayList<>(base.lengths());
    List<Pattern> patterns = new ArrayList<>(base.patterns());
    String path = base.path();
    List<LeafType> union = new ArrayList<>(base.union());
    boolean changed = false;
    for (Statement s : t.subs) {
      switch (s.keyword) {
        case "enum" -> {
          if (base.base() != LeafType.Base.ENUMERATION) {
            throw new YangException(source, s.line, "enum is only allowed for type enumeration");
          }
          if (!changed) {
            enums.clear();
          }
          enums.add(s.arg);
          changed = true;
        }
        case "range" -> {
          ranges.clear();
          ranges.addAll(ranges(s));
        }
        case "length" -> {
          lengths.clear();
          lengths.addAll(ranges(s));
        }
        case "pattern" -> {
          try {
            patterns.add(Pattern.compile(s.arg.replace("\\p{IsBasicLatin}", "\\p{InBasicLatin}")));
          } catch (PatternSyntaxException e) {
            throw new YangException(source, s.line, "bad pattern " + s.arg);
          }
        }
        case "path" -> path = s.arg;
        case "type" -> union.add(type(s, new HashSet<>()));
        case "fraction-digits", "base", "require-instance", "bit" -> {}
        default -> {
          if (!s.keyword.contains(":") && !IGNORED.contains(s.keyword)) {
            throw new YangException(source, s.line, "unexpected statement in type: " + s.keyword);
          }
        }
      }
    }
    if (base.base() == LeafType.Base.ENUMERATION && enums.isEmpty()) {
      throw new YangException(source, t.line, "type enumeration needs at least one enum");
    }
    if (base.base() == LeafType.Base.LEAFREF && path == null) {
      throw new YangException(source, t.line, "type leafref needs a path");
    }
    if (base.base() == LeafType.Base.UNION && union.isEmpty()) {
      throw new YangException(source, t.line, "type union needs member types");
    }
    LeafType b = base;
    List<LeafType.Range> r = ranges;
    return new LeafType(b.base(), name, enums, r, lengths, patterns, path, union);
  }

  private List<LeafType.Range> ranges(Statement s) throws YangException {
    List<LeafType.Range> out = new ArrayList<>();
    for (String part : s.arg.split("\\|")) {
      String[] mm = part.trim().split("\\.\\.");
      try {
        BigDecimal lo = bound(mm[0].trim());
        BigDecimal hi = mm.length > 1 ? bound(mm[1].trim()) : lo;
        out.add(new LeafType.Range(lo, hi));
      } catch (NumberFormatException e) {
        throw new YangException(source, s.line, "bad " + s.keyword + " " + s.arg);
      }
    }
    return out;
  }

  private static BigDecimal bound(String s) {
    return s.equals("min") || s.equals("max") ? null : new BigDecimal(s);
  }

  /** YANG tokenizer and statement reader. */
  private static final class Tokenizer {
    private final String s;
    private final String source;
    private int pos;
    private int line = 1;

    Tokenizer(String s, String source) {
      this.s = s;
      this.source = source;
    }

    List<Statement> statements() throws YangException {
      List<Statement> top = new ArrayList<>();
      Deque<Statement> stack = new ArrayDeque<>();
      while (true) {
        Tok kw = next();
        if (kw == null) {
          if (!stack.isEmpty()) {
            throw new YangException(source, line, "premature end of file (missing '}')");
          }
          return top;
        }
        if (kw.sym == '}') {
          if (stack.isEmpty()) {
            throw new YangException(source, kw.line, "unexpected '}'");
          }
          stack.pop();
          continue;
        }
        if (kw.sym != 0 || kw.quoted) {
          throw new YangException(source, kw.line, "syntax error: expected a keyword");
        }
        Tok t = next();
        String arg = null;
        if (t != null && t.sym == 0) {
          StringBuilder a = new StringBuilder(t.text);
          t = next();
          while (t != null && t.sym == '+') {
            Tok more = next();
            if (more == null || more.sym != 0) {
              throw new YangException(source, line, "syntax error after '+'");
            }
            a.append(more.text);
            t = next();
          }
          arg = a.toString();
        }
        if (t == null) {
          throw new YangException(source, line, "premature end of file after " + kw.text);
        }
        Statement st = new Statement(kw.text, arg, kw.line);
        if (stack.isEmpty()) {
          top.add(st);
        } else {
          stack.peek().subs.add(st);
        }
        if (t.sym == '{') {
          stack.push(st);
        } else if (t.sym != ';') {
          throw new YangException(
              source,
              t.line,
              "syntax error: expected ';' or '{' after "
                  + kw.text
                  + (arg == null ? "" : " " + arg));
        }
      }
    }

    private record Tok(String text, char sym, boolean quoted, int line) {}

    private Tok next() throws YangException {
      skip();
      if (pos >= s.length()) {
        return null;
      }
      char c = s.charAt(pos);
      int l = line;
      if (c == '{' || c == '}' || c == ';' || c == '+') {
        pos++;
        return new Tok(String.valueOf(c), c, false, l);
      }
      if (c == '"') {
        pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
          if (pos >= s.length()) {
            throw new YangException(source, l, "unterminated string");
          }
          char d = s.charAt(pos++);
          if (d == '\n') {
            line++;
          }
          if (d == '"') {
            break;
          }
          if (d == '\\' && pos < s.length()) {
            char e = s.charAt(pos++);
            b.append(
                switch (e) {
                  case 'n' -> '\n';
                  case 't' -> '\t';
                  default -> e;
                });
          } else {
            b.append(d);
          }
        }
        return new Tok(b.toString(), (char) 0, true, l);
      }
      if (c == '\'') {
        int end = s.indexOf('\'', pos + 1);
        if (end < 0) {
          throw new YangException(source, l, "unterminated string");
        }
        String v = s.substring(pos + 1, end);
        line += (int) v.chars().filter(ch -> ch == '\n').count();
        pos = end + 1;
        return new Tok(v, (char) 0, true, l);
      }
      int start = pos;
      while (pos < s.length()) {
        char d = s.charAt(pos);
        if (Character.isWhitespace(d)
            || d == '{'
            || d == '}'
            || d == ';'
            || d == '"'
            || d == '\'') {
          break;
        }
        if (d == '/'
            && pos + 1 < s.length()
            && (s.charAt(pos + 1) == '/' || s.charAt(pos + 1) == '*')) {
          break;
        }
        pos++;
      }
      return new Tok(s.substring(start, pos), (char) 0, false, l);
    }

    private void skip() throws YangException {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == '\n') {
          line++;
          pos++;
        } else if (Character.isWhitespace(c)) {
          pos++;
        } else if (s.startsWith("//", pos)) {
          while (pos < s.length() && s.charAt(pos) != '\n') {
            pos++;
          }
        } else if (s.startsWith("/*", pos)) {
          int end = s.indexOf("*/", pos + 2);
          if (end < 0) {
            throw new YangException(source, line, "unterminated comment");
          }
          line += (int) s.substring(pos, end).chars().filter(ch -> ch == '\n').count();
          pos = end + 2;
        } else {
          return;
        }
      }
    }
  }

  /** For tests: the typedef names a module declared. */
  static Set<String> typedefNames(YangModule m) {
    return Map.copyOf(m.typedefs).keySet();
  }
}
