package dev.nsoha.sim.schema;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The YANG tokenizer and statement reader: text to a tree of {@link Statement}s. */
final class YangTokenizer {
  private final String s;
  private final String source;
  private int pos;
  private int line = 1;

  YangTokenizer(String s, String source) {
    this.s = s;
    this.source = source;
  }

  List<Statement> statements() throws YangException {
    List<Statement> top = new ArrayList<>();
    Deque<Statement> stack = new ArrayDeque<>();
    while (true) {
      Tok kw = next();
      if (kw == null) {
        if (!stack.isEmpty()) {
          throw new YangException(source, line, "premature end of file (missing '}')");
        }
        return top;
      }
      if (kw.sym == '}') {
        if (stack.isEmpty()) {
          throw new YangException(source, kw.line, "unexpected '}'");
        }
        stack.pop();
        continue;
      }
      if (kw.sym != 0 || kw.quoted) {
        throw new YangException(source, kw.line, "syntax error: expected a keyword");
      }
      Tok t = next();
      String arg = null;
      if (t != null && t.sym == 0) {
        StringBuilder a = new StringBuilder(t.text);
        t = next();
        while (t != null && t.sym == '+') {
          Tok more = next();
          if (more == null || more.sym != 0) {
            throw new YangException(source, line, "syntax error after '+'");
          }
          a.append(more.text);
          t = next();
        }
        arg = a.toString();
      }
      if (t == null) {
        throw new YangException(source, line, "premature end of file after " + kw.text);
      }
      Statement st = new Statement(kw.text, arg, kw.line);
      if (stack.isEmpty()) {
        top.add(st);
      } else {
        stack.peek().subs.add(st);
      }
      if (t.sym == '{') {
        stack.push(st);
      } else if (t.sym != ';') {
        throw new YangException(
            source,
            t.line,
            "syntax error: expected ';' or '{' after " + kw.text + (arg == null ? "" : " " + arg));
      }
    }
  }

  private record Tok(String text, char sym, boolean quoted, int line) {}

  private Tok next() throws YangException {
    skip();
    if (pos >= s.length()) {
      return null;
    }
    char c = s.charAt(pos);
    int l = line;
    if (c == '{' || c == '}' || c == ';' || c == '+') {
      pos++;
      return new Tok(String.valueOf(c), c, false, l);
    }
    if (c == '"') {
      pos++;
      StringBuilder b = new StringBuilder();
      while (true) {
        if (pos >= s.length()) {
          throw new YangException(source, l, "unterminated string");
        }
        char d = s.charAt(pos++);
        if (d == '\n') {
          line++;
        }
        if (d == '"') {
          break;
        }
        if (d == '\\' && pos < s.length()) {
          char e = s.charAt(pos++);
          b.append(
              switch (e) {
                case 'n' -> '\n';
                case 't' -> '\t';
                default -> e;
              });
        } else {
          b.append(d);
        }
      }
      return new Tok(b.toString(), (char) 0, true, l);
    }
    if (c == '\'') {
      int end = s.indexOf('\'', pos + 1);
      if (end < 0) {
        throw new YangException(source, l, "unterminated string");
      }
      String v = s.substring(pos + 1, end);
      line += (int) v.chars().filter(ch -> ch == '\n').count();
      pos = end + 1;
      return new Tok(v, (char) 0, true, l);
    }
    int start = pos;
    while (pos < s.length()) {
      char d = s.charAt(pos);
      if (Character.isWhitespace(d) || d == '{' || d == '}' || d == ';' || d == '"' || d == '\'') {
        break;
      }
      if (d == '/'
          && pos + 1 < s.length()
          && (s.charAt(pos + 1) == '/' || s.charAt(pos + 1) == '*')) {
        break;
      }
      pos++;
    }
    return new Tok(s.substring(start, pos), (char) 0, false, l);
  }

  private void skip() throws YangException {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == '\n') {
        line++;
        pos++;
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else if (s.startsWith("//", pos)) {
        while (pos < s.length() && s.charAt(pos) != '\n') {
          pos++;
        }
      } else if (s.startsWith("/*", pos)) {
        int end = s.indexOf("*/", pos + 2);
        if (end < 0) {
          throw new YangException(source, line, "unterminated comment");
        }
        line += (int) s.substring(pos, end).chars().filter(ch -> ch == '\n').count();
        pos = end + 2;
      } else {
        return;
      }
    }
  }
}
