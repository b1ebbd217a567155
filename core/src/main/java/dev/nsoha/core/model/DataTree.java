package dev.nsoha.core.model;

import dev.nsoha.core.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Configuration data shaped like RFC 7951 JSON: top-level members carry their module ({@code
 * dummy:dummies}), containers are maps, lists are lists of maps, leaf-lists are lists of scalars,
 * leaves are strings, numbers or booleans, and an {@code empty} leaf is {@link #EMPTY_LEAF}.
 * Immutable; safe to share between threads.
 *
 * <pre>{@code
 * DataTree.of(Map.of("dummy:dummies", Map.of("dummy", List.of(Map.of("name", "d1", "dummy", "1.2.3.4")))))
 * }</pre>
 */
public final class DataTree {
  /** The value of a YANG {@code empty} leaf (RFC 7951 {@code [null]}). */
  public static final Object EMPTY_LEAF =
      new Object() {
        @Override
        public String toString() {
          return "[null]";
        }
      };

  private static final DataTree EMPTY = new DataTree(Map.of());

  private final Map<String, Object> root;

  private DataTree(Map<String, Object> root) {
    this.root = root;
  }

  /** A tree with no data. */
  public static DataTree empty() {
    return EMPTY;
  }

  /**
   * A deep, unmodifiable copy of {@code root}.
   *
   * @throws IllegalArgumentException on a value that is not a map, list, string, number, boolean or
   *     {@link #EMPTY_LEAF}
   */
  public static DataTree of(Map<String, ?> root) {
    return new DataTree(copyMap(root));
  }

  /** The top-level members. */
  public Map<String, Object> asMap() {
    return root;
  }

  public boolean isEmpty() {
    return root.isEmpty();
  }

  /**
   * The value at {@code names}, following map members only: {@code get("dummy:dummies", "dummy")}
   * is the list of dummy entries.
   */
  public Optional<Object> get(String... names) {
    Object cur = root;
    for (String n : names) {
      if (!(cur instanceof Map<?, ?> m) || !m.containsKey(n)) {
        return Optional.empty();
      }
      cur = m.get(n);
    }
    return Optional.of(cur);
  }

  /** The list entry of list {@code listPath} whose leaf {@code keyLeaf} equals {@code key}. */
  @SuppressWarnings("unchecked")
  public Optional<Map<String, Object>> entry(String keyLeaf, String key, String... listPath) {
    return get(listPath)
        .filter(List.class::isInstance)
        .flatMap(
            l ->
                ((List<Object>) l)
                    .stream()
                        .filter(Map.class::isInstance)
                        .map(e -> (Map<String, Object>) e)
                        .filter(e -> key.equals(String.valueOf(e.get(keyLeaf))))
                        .findFirst());
  }

  /**
   * Members of both trees; where both have a member, maps merge recursively and the other tree wins
   * otherwise.
   */
  public DataTree merge(DataTree other) {
    Map<String, Object> m = new LinkedHashMap<>(root);
    mergeInto(m, other.root);
    return of(m);
  }

  @SuppressWarnings("unchecked")
  private static void mergeInto(Map<String, Object> into, Map<String, Object> from) {
    for (Map.Entry<String, Object> e : from.entrySet()) {
      Object mine = into.get(e.getKey());
      if (mine instanceof Map<?, ?> a && e.getValue() instanceof Map<?, ?> b) {
        Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) a);
        mergeInto(merged, (Map<String, Object>) b);
        into.put(e.getKey(), merged);
      } else {
        into.put(e.getKey(), e.getValue());
      }
    }
  }

  /**
   * A canonical text of the tree: map members sorted by name, list order kept, every leaf value
   * written as a JSON string. Two trees that hold the same data read over different transports give
   * the same text.
   */
  public String canonical() {
    return JsonWriter.write(canonicalValue(root));
  }

  /** SHA-256 of {@link #canonical()}, hex. */
  public String fingerprint() {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** RFC 7951 JSON, with {@code [null]} for empty leaves. */
  public String toJson() {
    return JsonWriter.write(jsonValue(root));
  }

  private static Object canonicalValue(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> sorted = new TreeMap<>();
      m.forEach((k, x) -> sorted.put((String) k, canonicalValue(x)));
      return sorted;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(canonicalValue(x)));
      return out;
    }
    return String.valueOf(v);
  }

  private static Object jsonValue(Object v) {
    if (v == EMPTY_LEAF) {
      return Collections.singletonList(null);
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put((String) k, jsonValue(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(jsonValue(x)));
      return out;
    }
    return v;
  }

  private static Map<String, Object> copyMap(Map<String, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(Objects.requireNonNull(k, "member name"), copyValue(k, v)));
    return Collections.unmodifiableMap(out);
  }

  @SuppressWarnings("unchecked")
  private static Object copyValue(String name, Object v) {
    if (v instanceof Map<?, ?> m) {
      return copyMap((Map<String, ?>) m);
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(copyValue(name, x)));
      return Collections.unmodifiableList(out);
    }
    if (v == EMPTY_LEAF || v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v;
    }
    throw new IllegalArgumentException(
        "member '"
            + name
            + "': unsupported value "
            + (v == null ? "null" : v.getClass().getName()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataTree t && canonical().equals(t.canonical());
  }

  @Override
  public int hashCode() {
    return canonical().hashCode();
  }

  @Override
  public String toString() {
    return toJson();
  }
}
