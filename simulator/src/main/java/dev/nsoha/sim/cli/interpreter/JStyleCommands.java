package dev.nsoha.sim.cli.interpreter;

import java.util.ArrayList;
import java.util.List;

/**
 * The J-style (Juniper-like) command table, as far as clients need it: operational mode ({@code
 * admin@n1> }: {@code show}, {@code request}, {@code switch cli}, {@code configure}, session
 * settings) and a flat configuration mode ({@code admin@n1% }: {@code set}, {@code delete}, {@code
 * commit}, {@code show}, {@code run}, {@code exit}).
 */
final class JStyleCommands {

  static final List<String> OPER =
      List.of("show", "request", "switch", "configure", "exit", "quit", "logout", "set");
  static final List<String> CONFIG =
      List.of("set", "delete", "commit", "show", "run", "exit", "quit");

  private final Session s;

  JStyleCommands(Session session) {
    this.s = session;
  }

  CliInterpreter.Status oper(List<Token> t, Pipes pipes, List<String> lines)
      throws CliFailure, CommandLines.SyntaxException {
    String w = s.keyword(t.get(0), OPER);
    switch (w) {
      case "show":
        s.show.run(t.subList(1, t.size()), pipes, lines, false);
        return CliInterpreter.Status.OK;
      case "request":
        if (t.size() < 2) {
          throw new CliFailure("syntax error: incomplete command");
        }
        s.actions.invokeByPath(t, 1, lines);
        return CliInterpreter.Status.OK;
      case "switch":
        s.switchCli(t);
        return CliInterpreter.Status.OK;
      case "configure":
        s.enterConfig(List.of(t.get(0)), new ArrayList<>());
        lines.add("Entering configuration mode private");
        return CliInterpreter.Status.OK;
      case "exit":
      case "quit":
      case "logout":
        return CliInterpreter.Status.EXIT;
      case "set":
        // J-style session settings: set screen length 0, set autowizard false, ...
        if (t.size() >= 3
            && (Session.SESSION_SETTINGS.contains(t.get(1).text())
                || Session.SESSION_SETTINGS.contains(t.get(1).text() + "-" + t.get(2).text()))) {
          return CliInterpreter.Status.OK;
        }
        throw new CliFailure("syntax error: unknown argument");
      default:
        throw new CliFailure("syntax error: unknown command");
    }
  }

  CliInterpreter.Status config(
      List<Token> t, Pipes pipes, List<String> lines, CliOutput out, CliInterpreter.LineSource in)
      throws CliFailure, CommandLines.SyntaxException {
    String w = s.keyword(t.get(0), CONFIG, false, true);
    switch (w) {
      case "set":
        if (t.size() < 2) {
          throw new CliFailure("syntax error: incomplete command");
        }
        s.edits.run(t.subList(1, t.size()), false, lines);
        s.modes.clear();
        return CliInterpreter.Status.OK;
      case "delete":
        if (t.size() < 2) {
          throw new CliFailure("syntax error: incomplete command");
        }
        s.edits.run(t.subList(1, t.size()), true, lines);
        return CliInterpreter.Status.OK;
      case "commit":
        s.commit(t.subList(1, t.size()), lines);
        return CliInterpreter.Status.OK;
      case "show":
        List<Token> args = new ArrayList<>();
        args.add(new Token("configuration", false));
        args.addAll(t.subList(1, t.size()));
        s.show.run(args, pipes, lines, true);
        return CliInterpreter.Status.OK;
      case "run":
        if (t.size() < 2) {
          throw new CliFailure("syntax error: incomplete command");
        }
        String sub = t.get(1).text();
        if (List.of("configure", "exit", "quit", "logout", "switch").contains(sub)) {
          throw new CliFailure("syntax error: unknown command");
        }
        s.configMode = false;
        try {
          return oper(t.subList(1, t.size()), pipes, lines);
        } finally {
          s.configMode = true;
        }
      case "exit":
      case "quit":
        s.leaveConfig(lines, out, in);
        return CliInterpreter.Status.OK;
      default:
        throw new CliFailure("syntax error: unknown command");
    }
  }
}
