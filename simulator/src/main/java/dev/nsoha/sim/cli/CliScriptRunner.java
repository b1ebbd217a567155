package dev.nsoha.sim.cli;

import dev.nsoha.sim.cli.interpreter.CliBackend;
import dev.nsoha.sim.cli.interpreter.CliInterpreter;
import dev.nsoha.sim.cli.interpreter.CliOutput;
import dev.nsoha.sim.cli.interpreter.CliStyle;
import dev.nsoha.sim.cli.interpreter.Prompts;
import dev.nsoha.sim.node.SimNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Runs CLI commands read from a stream as one session, the way {@code ncs_cli} runs a
 * here-document: each line is one command; with echo ({@code -n}) the prompt and the command are
 * printed before its output as on a terminal; with stop-on-error ({@code -s}) the first failing
 * command ends the run with exit code 8. Otherwise errors are printed and the run goes on; the exit
 * code is then 0.
 */
public final class CliScriptRunner {

  /** ncs_cli's exit code when {@code -s} stopped the script at an error. */
  public static final int EXIT_STOPPED_ON_ERROR = 8;

  private CliScriptRunner() {}

  /**
   * Runs CLI commands read from {@code in} as one session of {@code user}, as {@code ncs_cli} does,
   * against a node (prompts from its ncs.conf).
   *
   * @param node the node
   * @param user the session's user
   * @param style C or J
   * @param in the commands, one per line
   * @param out where prompts (with echo) and outputs go; flushed, not closed
   * @param echo {@code -n}: print prompt + command before each output
   * @param stopOnError {@code -s}: exit code 8 on the first error
   * @return ncs_cli's exit code
   */
  public static int run(
      SimNode node,
      String user,
      CliStyle style,
      Reader in,
      Writer out,
      boolean echo,
      boolean stopOnError) {
    SimNodeCliBackend backend = SimNodeCliBackend.of(node);
    return run(backend, user, style, backend.prompts(), in, out, echo, stopOnError);
  }

  /**
   * Runs CLI commands read from {@code in} as one session of {@code user} against a backend.
   *
   * @return ncs_cli's exit code (0, or 8 when stopped on an error)
   */
  public static int run(
      CliBackend backend,
      String user,
      CliStyle style,
      Prompts prompts,
      Reader in,
      Writer out,
      boolean echo,
      boolean stopOnError) {
    CliInterpreter session = new CliInterpreter(backend, user, style, prompts);
    CliOutput o = new CliOutput(out);
    BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
    try {
      String line;
      while ((line = r.readLine()) != null) {
        if (echo) {
          o.line(session.prompt() + line);
        }
        CliInterpreter.Status st = session.execute(line, o, r::readLine);
        if (st == CliInterpreter.Status.EXIT) {
          break;
        }
        if (st == CliInterpreter.Status.ERROR && stopOnError) {
          o.flush();
          return EXIT_STOPPED_ON_ERROR;
        }
      }
      o.flush();
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs an interactive CLI session of {@code user} against a node, as {@code ncs_cli} without a
   * script does: the prompt is written (and flushed) before each line is read, until end of input,
   * a line holding only EOT (0x04), or {@code exit} in operational mode.
   */
  public static void interactive(SimNode node, String user, CliStyle style, Reader in, Writer out) {
    SimNodeCliBackend backend = SimNodeCliBackend.of(node);
    CliInterpreter session = new CliInterpreter(backend, user, style, backend.prompts());
    session.printStatusLines(true);
    CliOutput o = new CliOutput(out);
    BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
    try {
      while (true) {
        o.print(session.prompt());
        o.flush();
        String line = r.readLine();
        if (line == null || line.equals("\u0004")) {
          o.line("");
          break;
        }
        CliInterpreter.Status st = session.execute(line, o, r::readLine);
        o.flush();
        if (st == CliInterpreter.Status.EXIT) {
          break;
        }
      }
      o.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
