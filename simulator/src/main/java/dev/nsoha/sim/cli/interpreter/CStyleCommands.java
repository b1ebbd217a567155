package dev.nsoha.sim.cli.interpreter;

import java.util.List;

/**
 * The C-style (Cisco-like) command table: operational mode ({@code admin@n1# }) and configuration
 * mode with submodes ({@code admin@n1(config-dummy-d1)# }).
 */
final class CStyleCommands {

  static final List<String> OPER =
      List.of("show", "config", "configure", "exit", "quit", "logout", "switch", "end", "top");
  static final List<String> CONFIG =
      List.of("commit", "top", "end", "exit", "abort", "revert", "do", "show", "no");

  private final Session s;

  CStyleCommands(Session session) {
    this.s = session;
  }

  CliInterpreter.Status oper(List<Token> t, Pipes pipes, List<String> lines)
      throws CliFailure, CommandLines.SyntaxException {
    String w = s.keyword(t.get(0), OPER, true, false);
    switch (w) {
      case "show":
        s.show.run(t.subList(1, t.size()), pipes, lines, false);
        return CliInterpreter.Status.OK;
      case "config":
      case "configure":
      case "conf":
        s.enterConfig(t, lines);
        return CliInterpreter.Status.OK;
      case "exit":
      case "quit":
      case "logout":
        return CliInterpreter.Status.EXIT;
      case "switch":
        s.switchCli(t);
        return CliInterpreter.Status.OK;
      case "end":
      case "top":
        return CliInterpreter.Status.OK;
      default:
        if (Session.SESSION_SETTINGS.contains(w)) {
          Session.sessionSetting(t);
          return CliInterpreter.Status.OK;
        }
        s.actions.invokeByPath(t, 0, lines);
        return CliInterpreter.Status.OK;
    }
  }

  CliInterpreter.Status config(
      List<Token> t, Pipes pipes, List<String> lines, CliOutput out, CliInterpreter.LineSource in)
      throws CliFailure, CommandLines.SyntaxException {
    String w = s.keyword(t.get(0), CONFIG, false, true);
    switch (w) {
      case "commit":
        s.commit(t.subList(1, t.size()), lines);
        return CliInterpreter.Status.OK;
      case "top":
        s.modes.clear();
        if (t.size() > 1) {
          return config(t.subList(1, t.size()), pipes, lines, out, in);
        }
        return CliInterpreter.Status.OK;
      case "end":
        s.leaveConfig(lines, out, in);
        return CliInterpreter.Status.OK;
      case "exit":
        if (!s.modes.exit()) {
          s.leaveConfig(lines, out, in);
        }
        return CliInterpreter.Status.OK;
      case "abort":
        s.discardAndLeave();
        return CliInterpreter.Status.OK;
      case "revert":
        s.candidate.open();
        return CliInterpreter.Status.OK;
      case "do":
        if (t.size() < 2) {
          throw new CliFailure("syntax error: incomplete command");
        }
        String sub = t.get(1).text();
        if (List.of("config", "configure", "conf", "exit", "quit", "logout", "switch")
            .contains(sub)) {
          throw new CliFailure("syntax error: element does not exist");
        }
        s.configMode = false;
        try {
          return oper(t.subList(1, t.size()), pipes, lines);
        } finally {
          s.configMode = true;
        }
      case "show":
        s.show.run(t.subList(1, t.size()), pipes, lines, true);
        return CliInterpreter.Status.OK;
      case "no":
        if (t.size() < 2) {
          throw new CliFailure("syntax error: incomplete command");
        }
        s.edits.run(t.subList(1, t.size()), true, lines);
        return CliInterpreter.Status.OK;
      default:
        if (ActionCommand.isActionPath(s.backend.schema(), t)) {
          s.actions.invokeByPath(t, 0, lines);
        } else {
          s.edits.run(t, false, lines);
        }
        return CliInterpreter.Status.OK;
    }
  }
}
