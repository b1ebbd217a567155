package dev.nsoha.transport.cli;

import dev.nsoha.core.model.ConnectedSecondary;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.PackageReloadResult;
import dev.nsoha.core.model.SoftwarePackage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parsers for the plain-text outputs of NSO's C-style CLI where NSO has no JSON: {@code show
 * high-availability} (both the {@code | notab} form and NSO's table layout of {@code
 * connected-secondary}), action outputs ({@code result ...} lines and nested {@code name { ... }}
 * blocks such as {@code reload-result} and the {@code software packages list} entries), and {@code
 * show ncs-state version}. Stateless; every method throws {@link IllegalArgumentException} on text
 * it cannot understand.
 */
final class CliText {
  private static final Pattern DASHES = Pattern.compile("^-{3,}\\s*$");

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

  // ---- show high-availability
  // -------------------------------------------------------------------------------

  /** Parses {@code show high-availability [| notab]}; lines that are not HA status are ignored. */
  static HaStatus haStatus(String text) {
    boolean enabled = false;
    HaMode mode = null;
    HaMode assigned = null;
    Optional<NodeId> currentId = Optional.empty();
    Optional<String> beSecondaryResult = Optional.empty();
    Optional<NodeId> primaryId = Optional.empty();
    boolean readOnly = false;
    Map<String, String> secondaries = new LinkedHashMap<>();

    List<String> lines = text.lines().toList();
    String entry = null; // the connected-secondary whose indented leaves follow
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        entry = null;
        continue;
      }
      List<String> w = CliWords.split(line);
      if (Character.isWhitespace(line.charAt(0)) && entry != null) {
        if (w.size() >= 2 && w.get(0).equals("address")) {
          secondaries.put(entry, w.get(1));
        }
        continue;
      }
      entry = null;
      if (isTableHeader(w) && i + 1 < lines.size() && DASHES.matcher(lines.get(i + 1)).matches()) {
        i = readTable(lines, i, secondaries);
        continue;
      }
      if (w.isEmpty() || !w.get(0).equals("high-availability") || w.size() < 2) {
        continue;
      }
      if (w.get(1).equals("enabled")) {
        enabled = w.size() == 2 || w.get(2).equals("true");
        continue;
      }
      if (!w.get(1).equals("status") || w.size() < 3) {
        continue;
      }
      String leaf = w.get(2);
      String value = w.size() > 3 ? w.get(3) : "";
      switch (leaf) {
        case "mode":
          mode = HaMode.fromNso(value);
          break;
        case "assigned-role":
          assigned = HaMode.fromNso(value);
          break;
        case "current-id":
          currentId = Optional.of(NodeId.of(value));
          break;
        case "primary-id":
        case "master-id":
          primaryId = Optional.of(NodeId.of(value));
          break;
        case "be-secondary-result":
        case "be-slave-result":
          beSecondaryResult = Optional.of(valueAfter(line, leaf));
          break;
        case "read-only-mode":
          readOnly = value.equals("true");
          break;
        case "connected-secondary":
        case "connected-slave":
          if (!value.isEmpty()) {
            entry = value;
            secondaries.putIfAbsent(value, "");
            if (w.size() >= 6 && w.get(4).equals("address")) {
              secondaries.put(value, w.get(5));
            }
          }
          break;
        default:
          break;
      }
    }
    List<ConnectedSecondary> cs = new ArrayList<>();
    secondaries.forEach((id, addr) -> cs.add(new ConnectedSecondary(NodeId.of(id), addr)));
    HaMode m = mode == null ? HaMode.NONE : mode;
    return new HaStatus(
        enabled,
        m,
        currentId,
        assigned == null ? HaMode.NONE : assigned,
        beSecondaryResult,
        primaryId,
        readOnly,
        cs);
  }

  /**
   * The rest of {@code line} after the word {@code leaf}, unquoted: {@code "error (25) - could not
   * connect"}.
   */
  private static String valueAfter(String line, String leaf) {
    String t = line.strip();
    int at = t.indexOf(" " + leaf);
    return CliWords.unquote(t.substring(at + leaf.length() + 1).strip());
  }

  private static boolean isTableHeader(List<String> w) {
    return w.size() >= 2 && w.get(0).equals("ID") && w.contains("ADDRESS");
  }

  /**
   * Reads the ID/ADDRESS table whose header is at {@code header}; returns the index of its last
   * line.
   */
  private static int readTable(List<String> lines, int header, Map<String, String> into) {
    String h = lines.get(header);
    int addrCol = h.indexOf("ADDRESS");
    int i = header + 2;
    for (; i < lines.size(); i++) {
      String row = lines.get(i);
      if (row.isBlank() || row.startsWith("high-availability")) {
        return row.isBlank() ? i : i - 1;
      }
      String id;
      String addr;
      if (addrCol > 0 && row.length() > addrCol) {
        id = row.substring(0, addrCol).strip();
        addr = row.substring(addrCol).strip();
      } else {
        List<String> w = CliWords.split(row);
        id = w.isEmpty() ? "" : w.get(0);
        addr = w.size() > 1 ? w.get(1) : "";
      }
      if (!id.isEmpty()) {
        into.put(id, addr);
      }
    }
    return i;
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

  /** Every {@code reload-result} block, at any depth, in order. */
  static List<PackageReloadResult> reloadResults(String text) {
    List<PackageReloadResult> out = new ArrayList<>();
    collectReloadResults(blocks(text), out);
    return out;
  }

  private static void collectReloadResults(List<Block> blocks, List<PackageReloadResult> out) {
    for (Block b : blocks) {
      if (b.name.equals("reload-result") && !b.children.isEmpty()) {
        String pkg =
            b.childValue("package")
                .or(() -> b.childValue("name"))
                .orElseThrow(
                    () -> new IllegalArgumentException("reload-result without a package name"));
        String result =
            b.childValue("result")
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "reload-result of " + pkg + " without a result"));
        Optional<String> info = b.childValue("info").filter(s -> !s.isEmpty());
        out.add(new PackageReloadResult(pkg, result.equals("true"), info));
      } else {
        collectReloadResults(b.children, out);
      }
    }
  }

  /** The entries of {@code software packages list}. */
  static List<SoftwarePackage> softwarePackages(String text) {
    List<SoftwarePackage> out = new ArrayList<>();
    for (Block b : blocks(text)) {
      if (!b.name.equals("package")) {
        continue;
      }
      String name = b.childValue("name").filter(s -> !s.isEmpty()).orElse(b.value);
      if (name.isEmpty()) {
        throw new IllegalArgumentException("software package entry without a name");
      }
      SoftwarePackage.State state = null;
      for (Block c : b.children) {
        String n = c.name.toLowerCase(Locale.ROOT);
        if (n.equals("installable") || n.equals("installed") || n.equals("loaded")) {
          state = SoftwarePackage.State.fromNso(n);
        } else if (n.equals("state")) {
          state = SoftwarePackage.State.fromNso(c.value);
        }
      }
      if (state == null) {
        throw new IllegalArgumentException("software package " + name + " has no state");
      }
      out.add(new SoftwarePackage(name, state));
    }
    return out;
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
