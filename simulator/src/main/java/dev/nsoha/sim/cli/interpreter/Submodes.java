package dev.nsoha.sim.cli.interpreter;

import dev.nsoha.sim.data.DataPath;
import java.util.ArrayList;
import java.util.List;

/**
 * The C-style configuration submodes a session is in: the path of the innermost one ({@code dummies
 * dummy d1}) and the depth of each entered submode, innermost last. Not thread-safe.
 */
final class Submodes {

  private final List<DataPath.Step> path = new ArrayList<>();
  private final List<Integer> depths = new ArrayList<>();

  /** Back to the configuration root. */
  void clear() {
    path.clear();
    depths.clear();
  }

  /** The path of the current submode (empty at the root). */
  DataPath path() {
    return new DataPath(path);
  }

  /** The first {@code depth} steps of the current path. */
  DataPath path(int depth) {
    return new DataPath(path.subList(0, depth));
  }

  /** The depths a line is tried at: the current submode, then each enclosing one, then the root. */
  List<Integer> tryDepths() {
    List<Integer> out = new ArrayList<>();
    out.add(path.size());
    for (int d = depths.size() - 2; d >= 0; d--) {
      out.add(depths.get(d));
    }
    if (!out.contains(0)) {
      out.add(0);
    }
    return out;
  }

  /** Leaves the innermost submode; false if at the root already. */
  boolean exit() {
    if (depths.isEmpty()) {
      return false;
    }
    depths.remove(depths.size() - 1);
    truncate(depths.isEmpty() ? 0 : depths.get(depths.size() - 1));
    return true;
  }

  /**
   * After a line ran in the submode at depth {@code base}: leaves deeper submodes, and enters
   * {@code entered} if the line named a container or list entry without setting anything.
   */
  void settle(int base, DataPath entered) {
    truncate(base);
    while (!depths.isEmpty() && depths.get(depths.size() - 1) > base) {
      depths.remove(depths.size() - 1);
    }
    if (entered != null && entered.steps().size() > base) {
      path.clear();
      path.addAll(entered.steps());
      depths.add(path.size());
    }
  }

  private void truncate(int depth) {
    while (path.size() > depth) {
      path.remove(path.size() - 1);
    }
  }

  /** {@code config-dummy-d1} for the innermost submode, {@code config} at the root. */
  String modeName() {
    if (path.isEmpty()) {
      return "config";
    }
    DataPath.Step last = path.get(path.size() - 1);
    StringBuilder b = new StringBuilder("config-").append(last.name());
    if (last.keys() != null) {
      for (String k : last.keys()) {
        b.append('-').append(k);
      }
    }
    return b.toString();
  }
}
