package dev.nsoha.sim.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's built-in modules: {@code tailf-ncs} (high-availability, packages, software,
 * devices), {@code tailf-ncs-monitoring} (ncs-state), {@code tailf-ncs-alarms} (alarms) and {@code
 * tailf-aaa} (local users). Loaded once from class-path YANG resources with {@link YangParser}.
 */
public final class BuiltinSchema {
  /** Names of the built-in modules, in load order. */
  public static final List<String> MODULES =
      List.of(
          "tailf-ncs",
          "tailf-ncs-monitoring",
          "tailf-ncs-alarms",
          "tailf-aaa",
          "tailf-ncs-high-availability-raft");

  private static final class Holder {
    static final Map<String, YangModule> MODS = load();
  }

  private BuiltinSchema() {}

  /** A built-in module by name, or null. */
  public static YangModule module(String name) {
    return Holder.MODS.get(name);
  }

  /** All built-in modules. */
  public static List<YangModule> modules() {
    return List.copyOf(Holder.MODS.values());
  }

  private static Map<String, YangModule> load() {
    Map<String, YangModule> out = new LinkedHashMap<>();
    for (String name : MODULES) {
      String res = name + ".yang";
      try (InputStream in = BuiltinSchema.class.getResourceAsStream(res)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + res);
        }
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        out.put(name, YangParser.parse(text, res, out::get));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (YangException e) {
        throw new IllegalStateException("built-in schema is broken: " + e.getMessage(), e);
      }
    }
    return out;
  }
}
