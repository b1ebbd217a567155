package dev.nsoha.sim.schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The types of one module being parsed: built-in types, the module's typedefs, the well-known
 * {@code ietf-inet-types}/{@code ietf-yang-types}/{@code tailf-common} ones, typedefs of imported
 * modules, and restrictions (range, length, pattern, enum, path, union members).
 */
final class YangTypes {
  private final String source;
  private final YangModule module;
  private final Function<String, YangModule> imports;

  YangTypes(String source, YangModule module, Function<String, YangModule> imports) {
    this.source = source;
    this.module = module;
    this.imports = imports;
  }

  /** The type a {@code type} statement names, with its restrictions. */
  LeafType type(Statement t, Set<String> seen) throws YangException {
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
              "iana-crypt-hash:crypt-hash",
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
          if (!s.keyword.contains(":") && !YangParser.IGNORED.contains(s.keyword)) {
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
}
