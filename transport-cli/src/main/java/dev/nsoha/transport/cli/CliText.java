package dev.nsoha.transport.cli;

import dev.nsoha.core.model.DataTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the plain-text outputs of NSO's C-style CLI where NSO has no JSON: action outputs ({@code
 * result ...} lines and nested {@code name { ... }} blocks such as {@code sync-result}, {@code
 * reload-result} and the {@code software packages list} entries), turned into trees for core's one
 * mapping, and {@code show ncs-state version}. Stateless; every method throws {@link
 * IllegalArgumentException} on text it cannot understand.
 */
final class CliText {
  private CliText() {}

  /**
   * One node of an action's output: {@code name value}, a bare {@code name}, or {@code name [value]
   * { children }}.
   */
  record Block(String name, String value, List<Block> children) {
    Block {
      children = List.copyOf(children);
    }

    Optional<Block> child(String childName) {
      return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    Optional<String> childValue(String childName) {
      return child(childName).map(Block::value);
    }
  }

  // ---- action outputs
  // ---------------------------------------------------------------------------------------

  /**
   * Parses an action's output into blocks; lines outside the block grammar (banners) are leaves
   * too.
   */
  static List<Block> blocks(String text) {
    record Open(String name, String value, List<Block> children) {}
    List<Open> stack = new ArrayList<>();
    List<Block> top = new ArrayList<>();
    for (String raw : text.lines().toList()) {
      String t = raw.strip();
      if (t.isEmpty()) {
        continue;
      }
      if (t.equals("}")) {
        if (stack.isEmpty()) {
          throw new IllegalArgumentException("unbalanced '}' in action output");
        }
        Open o = stack.remove(stack.size() - 1);
        Block b = new Block(o.name, o.value, o.children);
        (stack.isEmpty() ? top : stack.get(stack.size() - 1).children).add(b);
      } else if (t.endsWith("{")) {
        String head = t.substring(0, t.length() - 1).strip();
        stack.add(new Open(CliWords.first(head), CliWords.rest(head), new ArrayList<>()));
      } else {
        Block b = new Block(CliWords.first(t), CliWords.rest(t), List.of());
        (stack.isEmpty() ? top : stack.get(stack.size() - 1).children).add(b);
      }
    }
    if (!stack.isEmpty()) {
      throw new IllegalArgumentException(
          "block '" + stack.get(stack.size() - 1).name + "' is not closed");
    }
    return top;
  }

  /**
   * The value of the first top-level {@code result} line, e.g. {@code enabled} for {@code result
   * enabled}.
   */
  static Optional<String> result(String text) {
    for (String line : text.lines().toList()) {
      if (!line.isBlank()
          && !Character.isWhitespace(line.charAt(0))
          && CliWords.first(line).equals("result")) {
        return Optional.of(CliWords.rest(line));
      }
    }
    return Optional.empty();
  }

  /**
   * An action's output as a tree shaped like the RESTCONF {@code output} of the same action, for
   * core's one mapping: {@code name value} is a leaf, a bare {@code name} an empty leaf, {@code name
   * { ... }} an object (a value after its name, as in {@code package dummy-1.0.tar.gz {}, is its
   * {@code name}), and names that repeat make a list.
   */
  static DataTree outputTree(String text) {
    return DataTree.of(toMap(blocks(text)));
  }

  private static Map<String, Object> toMap(List<Block> blocks) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Block b : blocks) {
      Object v;
      if (!b.children.isEmpty()) {
        Map<String, Object> entry = toMap(b.children);
        if (!b.value.isEmpty()) {
          entry.putIfAbsent("name", b.value);
        }
        v = entry;
      } else if (b.value.isEmpty()) {
        v = DataTree.EMPTY_LEAF;
      } else {
        v = b.value;
      }
      Object old = m.get(b.name);
      if (old == null) {
        m.put(b.name, v);
      } else if (old instanceof Repeated r) {
        r.add(v);
      } else {
        Repeated r = new Repeated();
        r.add(old);
        r.add(v);
        m.put(b.name, r);
      }
    }
    return m;
  }

  /** The values of a name that repeats: a list. */
  private static final class Repeated extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;
  }

  /** The version in {@code ncs-state version 6.4.4}. */
  static String version(String text) {
    for (String line : text.lines().toList()) {
      List<String> w = CliWords.split(line);
      if (w.size() >= 3 && w.get(0).equals("ncs-state") && w.get(1).equals("version")) {
        return w.get(2);
      }
    }
    throw new IllegalArgumentException("no 'ncs-state version' line");
  }
}
