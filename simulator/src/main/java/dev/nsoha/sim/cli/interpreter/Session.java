package dev.nsoha.sim.cli.interpreter;

import dev.nsoha.sim.schema.SchemaNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The state one CLI session shares between its command tables: style, mode, submodes and the
 * candidate, and the commands both styles have (entering and leaving configuration mode, {@code
 * switch cli}, session settings, keyword abbreviation). Not thread-safe.
 */
final class Session {

  static final String RO = "node is in read-only mode";

  /**
   * Session settings that automation sends (no pager, no wizard, ...). The simulator has no pager
   * or wizards, so they are accepted (with their one argument) and change nothing.
   */
  static final List<String> SESSION_SETTINGS =
      List.of(
          "screen-length",
          "screen-width",
          "terminal",
          "autowizard",
          "complete-on-space",
          "display-level",
          "history",
          "idle-timeout",
          "paginate",
          "prompt1",
          "prompt2",
          "show-defaults",
          "timestamp");

  final CliBackend backend;
  final String user;
  CliStyle style;
  boolean configMode;
  final Candidate candidate;
  final Submodes modes = new Submodes();
  final ActionCommand actions;
  final EditCommand edits;
  final ShowCommand show;

  Session(CliBackend backend, String user, CliStyle style) {
    this.backend = backend;
    this.user = user;
    this.style = style;
    this.candidate = new Candidate(backend, user);
    this.actions = new ActionCommand(backend, user);
    this.edits = new EditCommand(backend, candidate, modes, actions);
    this.show = new ShowCommand(this);
  }

  /**
   * The command word a typed word stands for: itself if it is a whole command (or quoted), else the
   * only command (or session setting, or top-level node) it abbreviates; where several commands
   * match and one is a prefix of the others ({@code con} → {@code config}, not {@code configure})
   * that one. Unknown words come back unchanged; an ambiguous one is an error, unless {@code
   * lenient} (configuration mode, where it may name a node of the current submode).
   *
   * @param withSettings whether session settings count as commands (C-style operational mode)
   */
  String keyword(Token word, List<String> commands, boolean withSettings, boolean lenient)
      throws CliFailure {
    String w = word.text();
    if (word.quoted() || commands.contains(w) || SESSION_SETTINGS.contains(w) || w.isEmpty()) {
      return w;
    }
    List<String> all = new ArrayList<>(commands);
    if (withSettings) {
      all.addAll(SESSION_SETTINGS);
    }
    for (SchemaNode top : backend.schema().topNodes()) {
      all.add(top.name());
    }
    String best = null;
    for (String c : all) {
      if (c.equals(w)) {
        return w;
      }
      if (!c.startsWith(w)) {
        continue;
      }
      if (best == null || best.startsWith(c)) {
        best = c;
      } else if (!c.startsWith(best)) {
        if (lenient) {
          return w; // may still name something in the current submode
        }
        throw new CliFailure("syntax error: ambiguous command");
      }
    }
    return best == null ? w : best;
  }

  /** {@link #keyword(Token, List, boolean, boolean)} for a sub-command list (strict). */
  String keyword(Token word, List<String> commands) throws CliFailure {
    return keyword(word, commands, false, false);
  }

  static void sessionSetting(List<Token> t) throws CliFailure {
    if (t.size() != 2) {
      throw new CliFailure(
          t.size() < 2
              ? "syntax error: expecting " + t.get(0).text() + " value"
              : "syntax error: unknown argument");
    }
  }

  void switchCli(List<Token> t) throws CliFailure {
    if (t.size() != 2 || !t.get(1).text().equals("cli")) {
      throw new CliFailure("syntax error: expecting cli");
    }
    if (configMode) {
      throw new CliFailure("Error: cannot switch CLI style in configuration mode");
    }
    style = style == CliStyle.C ? CliStyle.J : CliStyle.C;
  }

  void enterConfig(List<Token> t, List<String> lines) throws CliFailure {
    if (t.size() > 2
        || t.size() == 2
            && !List.of("terminal", "exclusive", "shared", "private").contains(t.get(1).text())) {
      throw new CliFailure("syntax error: expecting terminal");
    }
    if (backend.isReadOnly()) {
      throw new CliFailure("Aborted: " + RO);
    }
    configMode = true;
    modes.clear();
    candidate.open();
    lines.add("Entering configuration mode " + (t.size() == 2 ? t.get(1).text() : "terminal"));
  }

  /**
   * Leaves configuration mode; with uncommitted changes asks {@code Uncommitted changes found,
   * commit them? [yes/no/CANCEL]} and reads the answer from the next input line.
   */
  void leaveConfig(List<String> lines, CliOutput out, CliInterpreter.LineSource in)
      throws CliFailure {
    if (candidate.hasChanges()) {
      for (String l : lines) {
        out.line(l);
      }
      lines.clear();
      out.print("Uncommitted changes found, commit them? [yes/no/CANCEL] ");
      out.flush();
      String answer;
      try {
        answer = in == null ? null : in.readLine();
      } catch (IOException e) {
        answer = null;
      }
      answer = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
      if (in == null || !in.echoes()) {
        out.print("\n");
      }
      if (answer.equals("yes") || answer.equals("y")) {
        candidate.commit(List.of(), lines);
      } else if (!answer.equals("no") && !answer.equals("n")) {
        throw new CliFailure("Aborted: by user");
      }
    }
    discardAndLeave();
  }

  void discardAndLeave() {
    configMode = false;
    modes.clear();
    candidate.close();
  }

  /** Runs {@code commit …}, leaving configuration mode after {@code and-quit}. */
  void commit(List<Token> args, List<String> lines) throws CliFailure {
    if (candidate.commit(args, lines)) {
      discardAndLeave();
    }
  }
}
