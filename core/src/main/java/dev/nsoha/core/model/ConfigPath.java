package dev.nsoha.core.model;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A path into NSO's configuration in RESTCONF notation: {@code /dummy:dummies/dummy=d1}. The first
 * segment carries the YANG module name; list keys follow {@code =}, several keys separated by
 * commas. Each transport renders it in its own syntax: RESTCONF uses it as is (keys URL-encoded),
 * the CLI drops module prefixes and writes keys as words.
 */
public record ConfigPath(List<Segment> segments) {

  /** One step of the path. */
  public record Segment(Optional<String> module, String name, List<String> keys) {
    public Segment {
      Objects.requireNonNull(module, "module");
      Objects.requireNonNull(name, "name");
      keys = List.copyOf(keys);
      if (name.isEmpty()) {
        throw new IllegalArgumentException("empty path segment");
      }
    }

    /** {@code module:name} or {@code name}. */
    public String qualifiedName() {
      return module.map(m -> m + ":" + name).orElse(name);
    }
  }

  public ConfigPath {
    segments = List.copyOf(segments);
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("a config path needs at least one segment");
    }
    if (segments.get(0).module().isEmpty()) {
      throw new IllegalArgumentException(
          "the first segment of a config path needs a module prefix, e.g. /dummy:dummies");
    }
  }

  /**
   * Parses {@code /module:top/child=key/...}.
   *
   * @throws IllegalArgumentException on a malformed path
   */
  public static ConfigPath parse(String text) {
    String t = text.startsWith("/") ? text.substring(1) : text;
    if (t.isEmpty()) {
      throw new IllegalArgumentException("empty config path");
    }
    List<Segment> segs = new ArrayList<>();
    for (String raw : t.split("/")) {
      String name = raw;
      List<String> keys = List.of();
      int eq = raw.indexOf('=');
      if (eq >= 0) {
        name = raw.substring(0, eq);
        keys = List.of(raw.substring(eq + 1).split(",", -1));
      }
      Optional<String> module = Optional.empty();
      int colon = name.indexOf(':');
      if (colon >= 0) {
        module = Optional.of(name.substring(0, colon));
        name = name.substring(colon + 1);
      }
      segs.add(new Segment(module, name, keys));
    }
    return new ConfigPath(segs);
  }

  /** The YANG module of the top node. */
  public String topModule() {
    return segments.get(0).module().orElseThrow();
  }

  /** The path below {@code /restconf/data/}, with keys URL-encoded. */
  public String restconf() {
    return segments.stream()
        .map(
            s ->
                s.qualifiedName()
                    + (s.keys().isEmpty()
                        ? ""
                        : "="
                            + s.keys().stream()
                                .map(ConfigPath::encode)
                                .collect(Collectors.joining(","))))
        .collect(Collectors.joining("/"));
  }

  /** The path as CLI words: {@code dummies dummy d1}. */
  public String cliWords() {
    List<String> words = new ArrayList<>();
    for (Segment s : segments) {
      words.add(s.name());
      for (String k : s.keys()) {
        words.add(
            k.isEmpty() || k.matches(".*[\\s\"].*") ? "\"" + k.replace("\"", "\\\"") + "\"" : k);
      }
    }
    return String.join(" ", words);
  }

  private static String encode(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return "/"
        + segments.stream()
            .map(
                s ->
                    s.qualifiedName()
                        + (s.keys().isEmpty() ? "" : "=" + String.join(",", s.keys())))
            .collect(Collectors.joining("/"));
  }
}
