package dev.nsoha.transport.cli;

import dev.nsoha.core.model.DataTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link DataTree} as the C-style CLI lines that merge it in config mode: one line per
 * leaf, each with its full path from the top ({@code dummies dummy d1 dummy 1.2.3.4}). Module
 * prefixes are dropped, values that are not plain words are quoted ({@code description "hello
 * world"}), leaf-lists are written {@code [ a b ]} and empty leaves as the bare name. A list entry
 * with no other member is written as its path alone, which creates it.
 *
 * <p>A {@code DataTree} carries no schema, so the key of a list entry is guessed: a member named
 * {@code name}, {@code id} or {@code key} (in that order), otherwise the first scalar member. This
 * holds for every list the upgrade writes ({@code dummy}, {@code inert}, {@code ha-node}).
 * Stateless.
 */
final class CliConfigLines {
  private static final List<String> KEY_NAMES = List.of("name", "id", "key");

  private CliConfigLines() {}

  /** The lines, in the tree's order. */
  static List<String> render(DataTree tree) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Object> e : tree.asMap().entrySet()) {
      member(out, List.of(), e.getKey(), e.getValue());
    }
    return out;
  }

  private static void member(
      List<String> out, List<String> path, String qualifiedName, Object value) {
    String name = localName(qualifiedName);
    List<String> here = append(path, name);
    if (value instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        out.add(line(here));
      } else {
        container(out, here, m);
      }
    } else if (value instanceof List<?> l) {
      if (!l.isEmpty() && l.stream().allMatch(Map.class::isInstance)) {
        for (Object entry : l) {
          listEntry(out, here, (Map<?, ?>) entry);
        }
      } else {
        List<String> words = new ArrayList<>(here);
        words.add("[");
        l.forEach(x -> words.add(CliWords.quote(String.valueOf(x))));
        words.add("]");
        out.add(String.join(" ", words));
      }
    } else if (value == DataTree.EMPTY_LEAF) {
      out.add(line(here));
    } else {
      out.add(line(append(here, CliWords.quote(String.valueOf(value)))));
    }
  }

  private static void container(List<String> out, List<String> path, Map<?, ?> m) {
    for (Map.Entry<?, ?> e : m.entrySet()) {
      member(out, path, (String) e.getKey(), e.getValue());
    }
  }

  private static void listEntry(List<String> out, List<String> listPath, Map<?, ?> entry) {
    String key = keyOf(entry);
    if (key == null) {
      throw new IllegalArgumentException(
          "list '" + String.join(" ", listPath) + "': an entry has no key leaf: " + entry);
    }
    List<String> entryPath = append(listPath, CliWords.quote(String.valueOf(entry.get(key))));
    Map<Object, Object> rest = new LinkedHashMap<>(entry);
    rest.remove(key);
    if (rest.isEmpty()) {
      out.add(line(entryPath));
    } else {
      container(out, entryPath, rest);
    }
  }

  private static String keyOf(Map<?, ?> entry) {
    for (String k : KEY_NAMES) {
      if (entry.containsKey(k) && isScalar(entry.get(k))) {
        return k;
      }
    }
    for (Map.Entry<?, ?> e : entry.entrySet()) {
      if (isScalar(e.getValue())) {
        return (String) e.getKey();
      }
    }
    return null;
  }

  private static boolean isScalar(Object v) {
    return v instanceof String || v instanceof Number || v instanceof Boolean;
  }

  private static String localName(String qualified) {
    int colon = qualified.indexOf(':');
    return colon >= 0 ? qualified.substring(colon + 1) : qualified;
  }

  private static List<String> append(List<String> path, String word) {
    List<String> l = new ArrayList<>(path);
    l.add(word);
    return l;
  }

  private static String line(List<String> words) {
    return String.join(" ", words);
  }
}
