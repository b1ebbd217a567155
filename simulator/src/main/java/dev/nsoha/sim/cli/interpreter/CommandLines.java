package dev.nsoha.sim.cli.interpreter;

import java.util.ArrayList;
import java.util.List;

/**
 * Lexical rules of NSO's CLI: words separated by blanks, double-quoted words with backslash
 * escapes, the punctuation {@code { } [ ]} as words of their own, {@code |} starting a pipe and
 * {@code ;} separating commands (both only outside quotes).
 */
public final class CommandLines {

  private CommandLines() {}

  /** Thrown for an unterminated quote. */
  public static final class SyntaxException extends Exception {
    public SyntaxException(String message) {
      super(message);
    }
  }

  /** Splits a line into words. */
  public static List<Token> tokenize(String line) throws SyntaxException {
    return tokenize(line, true);
  }

  /**
   * Splits a line into words.
   *
   * @param punctuation whether {@code { } [ ]} are words of their own
   */
  public static List<Token> tokenize(String line, boolean punctuation) throws SyntaxException {
    List<Token> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    boolean quoted = false;
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (c == '"') {
        inWord = true;
        quoted = true;
        i++;
        boolean closed = false;
        while (i < n) {
          char q = line.charAt(i);
          if (q == '\\' && i + 1 < n) {
            cur.append(unescape(line.charAt(i + 1)));
            i += 2;
          } else if (q == '"') {
            closed = true;
            i++;
            break;
          } else {
            cur.append(q);
            i++;
          }
        }
        if (!closed) {
          throw new SyntaxException("syntax error: unterminated quoted string");
        }
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(new Token(cur.toString(), quoted));
          cur.setLength(0);
          inWord = false;
          quoted = false;
        }
        i++;
      } else if (punctuation && isPunctuation(c, inWord, cur)) {
        if (inWord) {
          out.add(new Token(cur.toString(), quoted));
          cur.setLength(0);
          inWord = false;
          quoted = false;
        }
        out.add(new Token(String.valueOf(c), false));
        i++;
      } else if (c == '\\' && i + 1 < n) {
        inWord = true;
        cur.append(line.charAt(i + 1));
        i += 2;
      } else {
        inWord = true;
        cur.append(c);
        i++;
      }
    }
    if (inWord) {
      out.add(new Token(cur.toString(), quoted));
    }
    return out;
  }

  /**
   * Braces and brackets are words of their own, except inside a word: an opener after other
   * characters ({@code ha-node[id='n1']}) and a closer whose opener is in the same word.
   */
  private static boolean isPunctuation(char c, boolean inWord, StringBuilder cur) {
    switch (c) {
      case '{':
      case '[':
        return !inWord;
      case '}':
        return !inWord || cur.indexOf("{") < 0;
      case ']':
        return !inWord || cur.indexOf("[") < 0;
      default:
        return false;
    }
  }

  private static char unescape(char c) {
    switch (c) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      default:
        return c;
    }
  }

  /** Splits at {@code separator} outside double quotes; parts are trimmed, empty parts dropped. */
  public static List<String> split(String line, char separator) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inQuote = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (inQuote && c == '\\' && i + 1 < line.length()) {
        cur.append(c).append(line.charAt(++i));
        continue;
      }
      if (c == '"') {
        inQuote = !inQuote;
      }
      if (c == separator && !inQuote) {
        addTrimmed(parts, cur);
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    addTrimmed(parts, cur);
    return parts;
  }

  /**
   * Splits a command line at pipes: element 0 is the command (possibly empty), the rest are the
   * pipe commands. Unlike {@link #split} an empty command part is kept.
   */
  public static List<String> splitPipes(String line) {
    List<String> parts = split(line, '|');
    if (line.trim().startsWith("|")) {
      parts.add(0, "");
    }
    if (parts.isEmpty()) {
      parts.add("");
    }
    return parts;
  }

  private static void addTrimmed(List<String> parts, StringBuilder cur) {
    String s = cur.toString().trim();
    if (!s.isEmpty()) {
      parts.add(s);
    }
  }
}
