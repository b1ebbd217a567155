package dev.nsoha.sim.cli.ssh;

import dev.nsoha.sim.cli.interpreter.CliBackend;
import dev.nsoha.sim.cli.interpreter.CliInterpreter;
import dev.nsoha.sim.cli.interpreter.CliOutput;
import dev.nsoha.sim.cli.interpreter.CliStyle;
import dev.nsoha.sim.cli.interpreter.CommandLines;
import dev.nsoha.sim.cli.interpreter.Prompts;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Runs the commands given on the ssh command line ({@code ssh -p 2024 admin@host "cmd; cmd"}):
 * non-interactive, in the session's style, separated by {@code ;}. Stops at the first failing
 * command and exits with status 1; 0 when all succeeded.
 */
final class CliExec extends AbstractCliCommand {

  private final String command;

  CliExec(CliBackend backend, CliStyle style, Prompts prompts, String command) {
    super(backend, style, prompts);
    this.command = command;
  }

  @Override
  protected int runSession() {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    CliOutput o = new CliOutput(pty ? new CrlfWriter(w) : w);
    CliInterpreter session = new CliInterpreter(backend, user, style, prompts);
    List<String> commands = CommandLines.split(command, ';');
    Deque<String> queue = new ArrayDeque<>(commands);
    try {
      while (!queue.isEmpty()) {
        CliInterpreter.Status st = session.execute(queue.poll(), o, queue::poll);
        if (st == CliInterpreter.Status.ERROR) {
          return 1;
        }
        if (st == CliInterpreter.Status.EXIT) {
          return 0;
        }
      }
      return 0;
    } catch (UncheckedIOException e) {
      return 1;
    } finally {
      try {
        o.flush();
      } catch (UncheckedIOException ignored) {
        // client went away
      }
    }
  }
}
