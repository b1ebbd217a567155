package dev.nsoha.scenarios.console;

import java.io.PrintWriter;

/**
 * The program's global printing options (a terminal or not, colours, quiet), held by the root
 * command. Commands ask it for their {@link Output} without knowing the root command's class.
 */
public interface OutputSettings {
  /** Whether standard output is this process's own terminal. */
  boolean stdoutIsConsole();

  /** {@code --no-color}. */
  boolean noColor();

  /** {@code -q/--quiet}. */
  boolean quiet();

  /** How a command printing to {@code out} prints. */
  default Output output(PrintWriter out) {
    return Output.of(out, stdoutIsConsole(), noColor(), quiet(), System.getenv());
  }
}
