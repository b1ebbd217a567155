package dev.nsoha.sim.cli.interpreter;

/**
 * A command failure inside the CLI engine; its message is printed as is ({@code Error: …}, {@code
 * syntax error: …}).
 */
final class CliFailure extends Exception {

  CliFailure(String text) {
    super(text, null, false, false);
  }
}
