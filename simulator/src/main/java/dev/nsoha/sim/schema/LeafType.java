package dev.nsoha.sim.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A resolved leaf type: a built-in base plus restrictions (range, length, pattern, enums). Typedefs
 * are resolved away; {@link #name()} keeps the name as written (e.g. {@code inet:ipv4-address}).
 * Immutable.
 */
public final class LeafType {
  /** Built-in bases; the inet types are treated as bases of their own. */
  public enum Base {
    STRING,
    BOOLEAN,
    INT8,
    INT16,
    INT32,
    INT64,
    UINT8,
    UINT16,
    UINT32,
    UINT64,
    DECIMAL64,
    ENUMERATION,
    EMPTY,
    LEAFREF,
    IDENTITYREF,
    UNION,
    BINARY,
    BITS,
    IPV4_ADDRESS,
    IPV6_ADDRESS,
    IP_ADDRESS,
    HOST,
    DOMAIN_NAME
  }

  /** A closed numeric interval. */
  public record Range(BigDecimal min, BigDecimal max) {}

  private final Base base;
  private final String name;
  private final List<String> enums;
  private final List<Range> ranges;
  private final List<Range> lengths;
  private final List<Pattern> patterns;
  private final String path;
  private final List<LeafType> union;

  LeafType(
      Base base,
      String name,
      List<String> enums,
      List<Range> ranges,
      List<Range> lengths,
      List<Pattern> patterns,
      String path,
      List<LeafType> union) {
    this.base = Objects.requireNonNull(base);
    this.name = Objects.requireNonNull(name);
    this.enums = List.copyOf(enums);
    this.ranges = List.copyOf(ranges);
    this.lengths = List.copyOf(lengths);
    this.patterns = List.copyOf(patterns);
    this.path = path;
    this.union = List.copyOf(union);
  }

  /** A simple type without restrictions. */
  public static LeafType of(Base base, String name) {
    return new LeafType(base, name, List.of(), List.of(), List.of(), List.of(), null, List.of());
  }

  public Base base() {
    return base;
  }

  /** The type name as written in the YANG (e.g. {@code inet:ipv4-address}, {@code uint32}). */
  public String name() {
    return name;
  }

  /** Enum names in YANG order (enumeration only). */
  public List<String> enums() {
    return enums;
  }

  List<Range> ranges() {
    return ranges;
  }

  List<Range> lengths() {
    return lengths;
  }

  List<Pattern> patterns() {
    return patterns;
  }

  /** The leafref path (leafref only), or null. */
  public String path() {
    return path;
  }

  /** Member types (union only). */
  public List<LeafType> union() {
    return union;
  }

  /** Whether RFC 7951 renders the value as a JSON number (integers up to 32 bits). */
  public boolean isJsonNumber() {
    return switch (base) {
      case INT8, INT16, INT32, UINT8, UINT16, UINT32 -> true;
      default -> false;
    };
  }

  /** Whether RFC 7951 renders the value as a JSON boolean. */
  public boolean isBoolean() {
    return base == Base.BOOLEAN;
  }

  /** Whether this is {@code type empty} (rendered {@code [null]}). */
  public boolean isEmpty() {
    return base == Base.EMPTY;
  }

  /**
   * Checks a value and returns its canonical text form.
   *
   * @throws InvalidValueException with NSO's text if the value does not match the type
   */
  public String canonical(String value) throws InvalidValueException {
    if (value == null) {
      if (base == Base.EMPTY) {
        return "";
      }
      throw InvalidValueException.of("");
    }
    switch (base) {
      case EMPTY:
        if (!value.isEmpty()) {
          throw InvalidValueException.of(value);
        }
        return "";
      case BOOLEAN:
        if (!value.equals("true") && !value.equals("false")) {
          throw InvalidValueException.of(value);
        }
        return value;
      case INT8:
        return integer(value, -128, 127);
      case INT16:
        return integer(value, -32768, 32767);
      case INT32:
        return integer(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case INT64:
        return integer(value, Long.MIN_VALUE, Long.MAX_VALUE);
      case UINT8:
        return integer(value, 0, 255);
      case UINT16:
        return integer(value, 0, 65535);
      case UINT32:
        return integer(value, 0, 4294967295L);
      case UINT64:
        {
          BigInteger v = parseBig(value);
          if (v.signum() < 0 || v.bitLength() > 64) {
            throw InvalidValueException.of(value);
          }
          checkRanges(new BigDecimal(v), value);
          return v.toString();
        }
      case DECIMAL64:
        {
          try {
            BigDecimal d = new BigDecimal(value.trim());
            checkRanges(d, value);
            return d.toPlainString();
          } catch (NumberFormatException e) {
            throw InvalidValueException.of(value);
          }
        }
      case ENUMERATION:
        if (!enums.contains(value)) {
          throw InvalidValueException.of(value);
        }
        return value;
      case IPV4_ADDRESS:
        if (!isIpv4(value)) {
          throw InvalidValueException.of(value);
        }
        return value;
      case IPV6_ADDRESS:
        if (!isIpv6(value)) {
          throw InvalidValueException.of(value);
        }
        return value.toLowerCase(Locale.ROOT);
      case IP_ADDRESS:
        if (!isIpv4(value) && !isIpv6(value)) {
          throw InvalidValueException.of(value);
        }
        return value;
      case HOST:
        if (!isIpv4(value) && !isIpv6(value) && !isDomain(value)) {
          throw InvalidValueException.of(value);
        }
        return value;
      case DOMAIN_NAME:
        if (!isDomain(value)) {
          throw InvalidValueException.of(value);
        }
        return value;
      case UNION:
        for (LeafType t : union) {
          try {
            return t.canonical(value);
          } catch (InvalidValueException e) {
            // try the next member
          }
        }
        throw InvalidValueException.of(value);
      case STRING:
      case BINARY:
      case BITS:
      case LEAFREF:
      case IDENTITYREF:
      default:
        checkString(value);
        return value;
    }
  }

  private void checkString(String value) throws InvalidValueException {
    int len = value.codePointCount(0, value.length());
    if (!lengths.isEmpty() && lengths.stream().noneMatch(r -> in(r, BigDecimal.valueOf(len)))) {
      throw InvalidValueException.of(value);
    }
    for (Pattern p : patterns) {
      if (!p.matcher(value).matches()) {
        throw InvalidValueException.of(value);
      }
    }
  }

  private String integer(String value, long min, long max) throws InvalidValueException {
    BigInteger v = parseBig(value);
    if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
      throw InvalidValueException.of(value);
    }
    checkRanges(new BigDecimal(v), value);
    return v.toString();
  }

  private static BigInteger parseBig(String value) throws InvalidValueException {
    try {
      return new BigInteger(value.trim());
    } catch (NumberFormatException e) {
      throw InvalidValueException.of(value);
    }
  }

  private void checkRanges(BigDecimal v, String value) throws InvalidValueException {
    if (!ranges.isEmpty() && ranges.stream().noneMatch(r -> in(r, v))) {
      throw InvalidValueException.of(value);
    }
  }

  private static boolean in(Range r, BigDecimal v) {
    return (r.min() == null || v.compareTo(r.min()) >= 0)
        && (r.max() == null || v.compareTo(r.max()) <= 0);
  }

  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(%[\\p{N}\\p{L}]+)?");
  private static final Pattern DOMAIN =
      Pattern.compile(
          "((([a-zA-Z0-9_]([a-zA-Z0-9\\-_]){0,61})?[a-zA-Z0-9]\\.)*([a-zA-Z0-9_]([a-zA-Z0-9\\-_]){0,61})?[a-zA-Z0-9]\\.?)|\\.");

  /** Whether {@code s} is a dotted-quad IPv4 address (optionally with a zone). */
  public static boolean isIpv4(String s) {
    var m = IPV4.matcher(s);
    if (!m.matches()) {
      return false;
    }
    for (int i = 1; i <= 4; i++) {
      if (Integer.parseInt(m.group(i)) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpv6(String s) {
    if (!s.contains(":") || !s.matches("[0-9a-fA-F:.%\\p{L}\\p{N}]+")) {
      return false;
    }
    String addr = s.contains("%") ? s.substring(0, s.indexOf('%')) : s;
    try {
      return InetAddress.getByName("[" + addr + "]") instanceof Inet6Address
          || addr.matches("[0-9a-fA-F:]+");
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean isDomain(String s) {
    return !s.isEmpty()
        && s.length() <= 253
        && DOMAIN.matcher(s).matches()
        && !s.matches("[0-9.]+");
  }

  @Override
  public String toString() {
    return name;
  }
}
