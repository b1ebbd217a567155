package dev.nsoha.sim.cli.interpreter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command interpreter of one CLI session, shared by the SSH server and {@code ncs_cli}.
 *
 * <p>Holds the style (C or J), the mode (operational or configuration, with submodes) and the
 * candidate configuration. {@link #execute} runs one input line through the style's command table
 * ({@link CStyleCommands}, {@link JStyleCommands}) and writes its output. Not thread-safe: one
 * interpreter serves one user's input stream.
 */
public final class CliInterpreter {

  /** Outcome of one command line. */
  public enum Status {
    /** Done (also for {@code % No entries found.}). */
    OK,
    /** Refused or failed ({@code Aborted:}, {@code Error:}, {@code syntax error:}). */
    ERROR,
    /** The session ended ({@code exit} in operational mode). */
    EXIT
  }

  /** Supplies further input lines (for the uncommitted-changes question). */
  @FunctionalInterface
  public interface LineSource {
    /** The next line, or null at end of input. */
    String readLine() throws IOException;

    /** True if reading already echoed the line and its end (a terminal with a PTY). */
    default boolean echoes() {
      return false;
    }
  }

  private static final DateTimeFormatter STATUS_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private static final Logger log = LoggerFactory.getLogger(CliInterpreter.class);

  private final Session session;
  private final Prompts prompts;
  private final CStyleCommands cStyle;
  private final JStyleCommands jStyle;
  private boolean statusLines;

  /**
   * Creates an interpreter in operational mode.
   *
   * @param backend the node
   * @param user the logged-in user
   * @param style the initial style
   * @param prompts prompt templates from ncs.conf
   */
  public CliInterpreter(CliBackend backend, String user, CliStyle style, Prompts prompts) {
    this.session =
        new Session(
            Objects.requireNonNull(backend),
            Objects.requireNonNull(user),
            Objects.requireNonNull(style));
    this.prompts = Objects.requireNonNull(prompts);
    this.cStyle = new CStyleCommands(session);
    this.jStyle = new JStyleCommands(session);
  }

  /**
   * Turns on the J-style status line NSO prints after each command of an interactive session:
   * {@code [ok][2025-09-10 08:35:31]} after success, {@code [error][...]} after a failure (local
   * time). Off for scripts and exec channels.
   */
  public void printStatusLines(boolean on) {
    this.statusLines = on;
  }

  public CliStyle style() {
    return session.style;
  }

  public boolean inConfigMode() {
    return session.configMode;
  }

  /** The prompt to show before the next command. */
  public String prompt() {
    return prompts.expand(session.style, modeName(), session.user, session.backend.hostName());
  }

  /** {@code config}, {@code config-dummy-d1}, ... or empty in operational mode. */
  String modeName() {
    if (!session.configMode) {
      return "";
    }
    return session.style == CliStyle.J ? "config" : session.modes.modeName();
  }

  /** Runs one input line, writing its output; returns the outcome. */
  public Status execute(String line, CliOutput out, LineSource in) {
    String trimmed = line.strip();
    if (trimmed.isEmpty() || trimmed.startsWith("!")) {
      return Status.OK;
    }
    List<String> lines = new ArrayList<>();
    boolean jStyleBefore = session.style == CliStyle.J;
    Status st;
    try {
      List<String> parts = CommandLines.splitPipes(trimmed);
      Pipes pipes = Pipes.parse(parts.subList(1, parts.size()));
      List<Token> tokens = CommandLines.tokenize(parts.get(0));
      if (tokens.isEmpty()) {
        throw new CliFailure("syntax error: unknown command");
      }
      st = dispatch(tokens, pipes, lines, out, in);
      for (String l : pipes.apply(lines)) {
        out.line(l);
      }
    } catch (CommandLines.SyntaxException e) {
      out.line(e.getMessage());
      st = Status.ERROR;
    } catch (CliFailure f) {
      for (String l : lines) {
        out.line(l);
      }
      out.line(f.getMessage());
      st = Status.ERROR;
    } catch (UncheckedIOException e) {
      throw e; // the client went away
    } catch (RuntimeException e) {
      log.warn("CLI command '{}' of {} failed: {}", trimmed, session.user, e.toString());
      log.debug("stack trace", e);
      out.line("Error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      st = Status.ERROR;
    }
    if (statusLines && jStyleBefore && session.style == CliStyle.J && st != Status.EXIT) {
      out.line(
          (st == Status.OK ? "[ok][" : "[error][") + LocalDateTime.now().format(STATUS_TIME) + "]");
    }
    out.flush();
    return st;
  }

  private Status dispatch(
      List<Token> t, Pipes pipes, List<String> lines, CliOutput out, LineSource in)
      throws CliFailure, CommandLines.SyntaxException {
    if (session.style == CliStyle.J) {
      return session.configMode
          ? jStyle.config(t, pipes, lines, out, in)
          : jStyle.oper(t, pipes, lines);
    }
    return session.configMode
        ? cStyle.config(t, pipes, lines, out, in)
        : cStyle.oper(t, pipes, lines);
  }
}
