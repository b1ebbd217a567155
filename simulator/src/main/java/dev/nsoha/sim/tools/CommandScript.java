package dev.nsoha.sim.tools;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an {@code ncs_cmd} script ({@code -c 'cmd; cmd'} or a file) into commands and their
 * arguments: commands end at {@code ;} or a newline, {@code #} starts a comment that runs to the
 * end of the line, arguments are separated by blanks (except inside {@code {keys}}) and may be
 * double-quoted (with {@code \} escaping the next character inside quotes). Stateless.
 */
final class CommandScript {
  private CommandScript() {}

  /**
   * Parses a script.
   *
   * @return one list per command: the command name followed by its arguments
   * @throws IllegalArgumentException on an unterminated quote
   */
  static List<List<String>> parse(String script) {
    List<List<String>> commands = new ArrayList<>();
    List<String> current = new ArrayList<>();
    StringBuilder word = null;
    int braces = 0;
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      if (c == '"') {
        if (word == null) {
          word = new StringBuilder();
        }
        i++;
        boolean closed = false;
        while (i < n) {
          char q = script.charAt(i++);
          if (q == '\\' && i < n) {
            word.append(script.charAt(i++));
          } else if (q == '"') {
            closed = true;
            break;
          } else {
            word.append(q);
          }
        }
        if (!closed) {
          throw new IllegalArgumentException("unterminated quote in: " + script.strip());
        }
        continue;
      }
      if (c == '#' && word == null) {
        while (i < n && script.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      if (braces > 0 && (c == ' ' || c == '\t')) {
        word.append(c);
        i++;
        continue;
      }
      if (c == ';' || c == '\n' || c == ' ' || c == '\t' || c == '\r') {
        braces = 0;
        if (word != null) {
          current.add(word.toString());
          word = null;
        }
        if ((c == ';' || c == '\n') && !current.isEmpty()) {
          commands.add(List.copyOf(current));
          current.clear();
        }
        i++;
        continue;
      }
      if (word == null) {
        word = new StringBuilder();
      }
      if (c == '{') {
        braces++;
      } else if (c == '}' && braces > 0) {
        braces--;
      }
      word.append(c);
      i++;
    }
    if (word != null) {
      current.add(word.toString());
    }
    if (!current.isEmpty()) {
      commands.add(List.copyOf(current));
    }
    return commands;
  }
}
