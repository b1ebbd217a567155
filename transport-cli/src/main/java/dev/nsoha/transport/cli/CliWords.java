package dev.nsoha.transport.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splitting CLI lines into words and quoting values for the C-style CLI. Stateless. */
final class CliWords {
  /**
   * Characters that a value may contain without quotes. Anything else (blanks, quotes, pipes,
   * braces ...) is quoted.
   */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.:/@$%+=,*~^-]+");

  private CliWords() {}

  /**
   * {@code value} as one CLI word: as is when it is plain, otherwise in double quotes with {@code
   * "} and {@code \} escaped.
   */
  static String quote(String value) {
    if (PLAIN.matcher(value).matches()) {
      return value;
    }
    StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"':
        case '\\':
          sb.append('\\').append(c);
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** Splits a line into words; a double-quoted word may contain blanks and backslash escapes. */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      StringBuilder w = new StringBuilder();
      if (c == '"') {
        i++;
        while (i < n && line.charAt(i) != '"') {
          char d = line.charAt(i);
          if (d == '\\' && i + 1 < n) {
            char e = line.charAt(++i);
            w.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
          } else {
            w.append(d);
          }
          i++;
        }
        i++; // closing quote
      } else {
        while (i < n && !Character.isWhitespace(line.charAt(i))) {
          w.append(line.charAt(i++));
        }
      }
      words.add(w.toString());
    }
    return words;
  }

  /**
   * The value part of a {@code name value...} line: the rest after the first word, unquoted when it
   * is one quoted string, otherwise the text as printed ({@code info SyntaxError: invalid syntax}).
   */
  static String rest(String line) {
    String t = line.strip();
    int sp = indexOfBlank(t);
    if (sp < 0) {
      return "";
    }
    String r = t.substring(sp).strip();
    return unquote(r);
  }

  /** The first word of a line. */
  static String first(String line) {
    String t = line.strip();
    int sp = indexOfBlank(t);
    return sp < 0 ? t : t.substring(0, sp);
  }

  /** Removes the quotes around {@code text} when it is exactly one quoted string. */
  static String unquote(String text) {
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      List<String> w = split(text);
      if (w.size() == 1 && quote(w.get(0)).equals(text)) {
        return w.get(0);
      }
      if (w.size() == 1) {
        return w.get(0);
      }
    }
    return text;
  }

  private static int indexOfBlank(String t) {
    for (int i = 0; i < t.length(); i++) {
      if (Character.isWhitespace(t.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
