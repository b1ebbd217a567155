package dev.nsoha.scenarios.console;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Where a command prints and how: to a terminal (one updating progress line, colours) or to a log
 * (plain lines), all of it or only the result ({@code --quiet}).
 *
 * @param out the command's standard output
 * @param terminal whether {@code out} is an interactive terminal
 * @param color whether to use ANSI colours: on a terminal, unless {@code --no-color} or {@code
 *     NO_COLOR} says otherwise
 * @param quiet print only the result
 */
public record Output(PrintWriter out, boolean terminal, boolean color, boolean quiet) {
  private static final String RESET = "\u001B[0m";

  /**
   * The output for a process whose standard output is {@code out}.
   *
   * @param stdoutIsConsole whether {@code out} is the process's own standard output and that is a
   *     terminal
   * @param env the environment ({@code NO_COLOR}, {@code TERM})
   */
  public static Output of(
      PrintWriter out,
      boolean stdoutIsConsole,
      boolean noColor,
      boolean quiet,
      Map<String, String> env) {
    String term = env.getOrDefault("TERM", "");
    boolean terminal = stdoutIsConsole && !term.equals("dumb");
    boolean color = terminal && !noColor && env.getOrDefault("NO_COLOR", "").isEmpty();
    return new Output(out, terminal, color, quiet);
  }

  /** Plain output to {@code out}: no terminal, no colours, everything printed. */
  public static Output plain(PrintWriter out) {
    return new Output(out, false, false, false);
  }

  /** Where step-by-step progress goes: {@link #out}, or nowhere when quiet. */
  public PrintWriter progress() {
    return quiet ? new PrintWriter(OutputStream.nullOutputStream()) : out;
  }

  /** {@code text} in red, if colours are on. */
  public String red(String text) {
    return paint("\u001B[31m", text);
  }

  /** {@code text} in green, if colours are on. */
  public String green(String text) {
    return paint("\u001B[32m", text);
  }

  /** {@code text} in yellow, if colours are on. */
  public String yellow(String text) {
    return paint("\u001B[33m", text);
  }

  /** {@code text} bold, if colours are on. */
  public String bold(String text) {
    return paint("\u001B[1m", text);
  }

  /** {@code text} dimmed, if colours are on. */
  public String dim(String text) {
    return paint("\u001B[2m", text);
  }

  private String paint(String code, String text) {
    return color ? code + text + RESET : text;
  }
}
