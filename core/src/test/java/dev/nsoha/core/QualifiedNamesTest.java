package dev.nsoha.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A house rule the build enforces: no fully qualified class names inline in Java code, in any
 * module, main or test; types are imported. Comments, Javadoc and string literals do not count. The
 * one exception is a name clash: a file that imports one {@code Logger} may name another one in
 * full (for example jsch's, beside slf4j's).
 */
class QualifiedNamesTest {
  /** The first segments of the packages a qualified name in our code would start with. */
  private static final Pattern QUALIFIED =
      Pattern.compile(
          "(?<![\\w.$])((?:java|javax|jakarta|jdk|sun|com|org|net|io|dev|okhttp3|picocli|ch)"
              + "(?:\\.[a-z][a-z0-9_]*)+)\\.([A-Z]\\w*)");

  private static final Pattern IMPORT =
      Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+)\\s*;", Pattern.MULTILINE);

  @Test
  void noModuleNamesAClassInFullInsteadOfImportingIt() throws IOException {
    Path root = repositoryRoot();
    List<String> found = new ArrayList<>();
    List<Path> sources;
    try (Stream<Path> s = Files.walk(root)) {
      sources =
          s.filter(p -> p.toString().endsWith(".java"))
              .filter(p -> root.relativize(p).toString().matches("[\\w-]+/src/.*"))
              .sorted()
              .toList();
    }
    for (Path f : sources) {
      found.addAll(violations(root.relativize(f).toString(), Files.readString(f)));
    }
    assertThat(sources).as("Java sources under %s", root).hasSizeGreaterThan(100);
    assertThat(found).as("fully qualified names inline (import the type instead)").isEmpty();
  }

  /**
   * The second house rule on names: no two top-level classes of main code, in any module, share a
   * simple name, so that a name in a stack trace, a log line or a review means one class.
   */
  @Test
  void noSimpleClassNameRepeatsInMainCode() throws IOException {
    Path root = repositoryRoot();
    Map<String, List<String>> byName = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(p -> p.toString().endsWith(".java"))
          .map(p -> root.relativize(p).toString())
          .filter(p -> p.matches("[\\w-]+/src/main/java/.*"))
          .sorted()
          .forEach(
              p ->
                  byName
                      .computeIfAbsent(p.substring(p.lastIndexOf('/') + 1), k -> new ArrayList<>())
                      .add(p));
    }
    assertThat(byName).as("main classes under %s", root).hasSizeGreaterThan(100);
    assertThat(byName.values().stream().filter(l -> l.size() > 1).toList())
        .as("main classes that share a simple name")
        .isEmpty();
  }

  @Test
  void theCheckFindsAQualifiedNameInCodeButNotInCommentsStringsOrImports() {
    String source =
        """
        package a.b;

        import java.util.List;
        import org.slf4j.Logger;

        /** See {@link java.util.Map} and java.util.Set. */
        class X {
          // java.util.Optional in a comment
          String s = "dev.nsoha.core.Main";
          String t = \"""
              java.util.Deque in a text block
              \""";
          java.util.concurrent.Future<List<String>> f;
          @org.junit.jupiter.api.Test void m() {}
          static final class J implements com.jcraft.jsch.Logger {}
        }
        """;
    assertThat(violations("X.java", source))
        .containsExactly(
            "X.java:13: java.util.concurrent.Future", "X.java:14: org.junit.jupiter.api.Test");
  }

  /** {@code file:line: name} for every inline qualified name in {@code source}. */
  static List<String> violations(String file, String source) {
    Map<String, String> imported = new HashMap<>();
    Matcher im = IMPORT.matcher(source);
    while (im.find()) {
      String name = im.group(2);
      imported.put(name.substring(name.lastIndexOf('.') + 1), name);
    }
    String code = codeOnly(source);
    List<String> out = new ArrayList<>();
    String[] lines = code.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.startsWith("package ") || line.startsWith("import ")) {
        continue;
      }
      Matcher m = QUALIFIED.matcher(lines[i]);
      while (m.find()) {
        String name = m.group(1) + "." + m.group(2);
        String clash = imported.get(m.group(2));
        if (clash != null && !clash.equals(name)) {
          continue; // the simple name is taken by another import: the full name is needed
        }
        out.add(file + ":" + (i + 1) + ": " + name);
      }
    }
    return out;
  }

  /**
   * The source with comments, string and character literals and text blocks blanked out; line
   * breaks are kept, so line numbers stay.
   */
  static String codeOnly(String s) {
    StringBuilder b = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (s.startsWith("//", i)) {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else if (s.startsWith("/*", i)) {
        int end = s.indexOf("*/", i + 2);
        end = end < 0 ? s.length() : end + 2;
        blank(b, s, i, end);
        i = end;
      } else if (s.startsWith("\"\"\"", i)) {
        int end = s.indexOf("\"\"\"", i + 3);
        while (end > 0 && s.charAt(end - 1) == '\\') {
          end = s.indexOf("\"\"\"", end + 1);
        }
        end = end < 0 ? s.length() : end + 3;
        blank(b, s, i, end);
        i = end;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != c && s.charAt(j) != '\n') {
          j += s.charAt(j) == '\\' ? 2 : 1;
        }
        int end = Math.min(j + 1, s.length());
        blank(b, s, i, end);
        i = end;
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }

  private static void blank(StringBuilder b, String s, int from, int to) {
    for (int k = from; k < to; k++) {
      b.append(s.charAt(k) == '\n' ? '\n' : ' ');
    }
  }

  /** The reactor root: the nearest directory above this module that has core/ and simulator/. */
  private static Path repositoryRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.isDirectory(p.resolve("core/src")) && Files.isDirectory(p.resolve("simulator"))) {
        return p;
      }
      p = p.getParent();
    }
    throw new UncheckedIOException(new IOException("no repository root above the working dir"));
  }
}
