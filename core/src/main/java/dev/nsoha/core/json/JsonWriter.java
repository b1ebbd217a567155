package dev.nsoha.core.json;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * A small JSON writer for maps, collections, strings, numbers, booleans and null, so that core can
 * write reports without a JSON library. Map keys are written in iteration order.
 */
public final class JsonWriter {
  private JsonWriter() {}

  /** Compact JSON. */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    append(sb, value, -1, 0);
    return sb.toString();
  }

  /** JSON indented by two spaces. */
  public static String pretty(Object value) {
    StringBuilder sb = new StringBuilder();
    append(sb, value, 2, 0);
    return sb.append('\n').toString();
  }

  private static void append(StringBuilder sb, Object v, int indent, int level) {
    if (v instanceof Optional<?> o) {
      v = o.orElse(null);
    }
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      quote(sb, s);
    } else if (v instanceof Boolean
        || v instanceof Integer
        || v instanceof Long
        || v instanceof Short) {
      sb.append(v);
    } else if (v instanceof Number n) {
      double d = n.doubleValue();
      sb.append(Double.isFinite(d) ? n.toString() : "null");
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        newline(sb, indent, level + 1);
        quote(sb, String.valueOf(e.getKey()));
        sb.append(indent < 0 ? ":" : ": ");
        append(sb, e.getValue(), indent, level + 1);
      }
      if (!m.isEmpty()) {
        newline(sb, indent, level);
      }
      sb.append('}');
    } else if (v instanceof Collection<?> c) {
      sb.append('[');
      boolean first = true;
      for (Object o : c) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        newline(sb, indent, level + 1);
        append(sb, o, indent, level + 1);
      }
      if (!c.isEmpty()) {
        newline(sb, indent, level);
      }
      sb.append(']');
    } else if (v instanceof Instant || v instanceof Enum<?>) {
      quote(sb, v.toString());
    } else {
      quote(sb, v.toString());
    }
  }

  private static void newline(StringBuilder sb, int indent, int level) {
    if (indent >= 0) {
      sb.append('\n').append(" ".repeat(indent * level));
    }
  }

  /** Appends {@code s} as a JSON string literal. */
  public static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
