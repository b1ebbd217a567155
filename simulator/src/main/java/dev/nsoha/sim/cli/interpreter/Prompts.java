package dev.nsoha.sim.cli.interpreter;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The four prompt templates of ncs.conf ({@code /ncs-config/cli/prompt1}, {@code prompt2}, {@code
 * c-prompt1}, {@code c-prompt2}) and their expansion: <code>&#92;u</code> user, {@code \h} host
 * name up to the first dot, {@code \H} full host name, {@code \m} mode ({@code config}, {@code
 * config-dummy-d1}), {@code \M} mode in parentheses (empty outside configuration mode), {@code \t}
 * time, {@code \\} a backslash.
 *
 * @param prompt1 J-style operational prompt
 * @param prompt2 J-style configuration prompt
 * @param cPrompt1 C-style operational prompt
 * @param cPrompt2 C-style configuration prompt
 */
public record Prompts(String prompt1, String prompt2, String cPrompt1, String cPrompt2) {

  /** NSO's defaults (as written by ncs-setup). */
  public static final Prompts DEFAULTS =
      new Prompts("\\u@ncs> ", "\\u@ncs% ", "\\u@ncs# ", "\\u@ncs(\\m)# ");

  public Prompts {
    Objects.requireNonNull(prompt1);
    Objects.requireNonNull(prompt2);
    Objects.requireNonNull(cPrompt1);
    Objects.requireNonNull(cPrompt2);
  }

  /** Returns a copy where null arguments keep this instance's value. */
  public Prompts with(String p1, String p2, String c1, String c2) {
    return new Prompts(
        p1 == null ? prompt1 : p1,
        p2 == null ? prompt2 : p2,
        c1 == null ? cPrompt1 : c1,
        c2 == null ? cPrompt2 : c2);
  }

  /** The expanded prompt for a style and mode ({@code mode} empty = operational mode). */
  public String expand(CliStyle style, String mode, String user, String host) {
    String t;
    if (style == CliStyle.C) {
      t = mode.isEmpty() ? cPrompt1 : cPrompt2;
    } else {
      t = mode.isEmpty() ? prompt1 : prompt2;
    }
    return expand(t, mode, user, host);
  }

  static String expand(String template, String mode, String user, String host) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c != '\\' || i + 1 >= template.length()) {
        b.append(c);
        continue;
      }
      char e = template.charAt(++i);
      switch (e) {
        case 'u':
          b.append(user);
          break;
        case 'h':
          int dot = host.indexOf('.');
          b.append(dot > 0 ? host.substring(0, dot) : host);
          break;
        case 'H':
          b.append(host);
          break;
        case 'm':
          b.append(mode);
          break;
        case 'M':
          if (!mode.isEmpty()) {
            b.append('(').append(mode).append(')');
          }
          break;
        case 't':
          b.append(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")));
          break;
        case '\\':
          b.append('\\');
          break;
        default:
          b.append('\\').append(e);
      }
    }
    return b.toString();
  }
}
