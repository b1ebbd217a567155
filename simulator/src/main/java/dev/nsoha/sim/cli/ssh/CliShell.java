package dev.nsoha.sim.cli.ssh;

import dev.nsoha.sim.cli.interpreter.CliBackend;
import dev.nsoha.sim.cli.interpreter.CliInterpreter;
import dev.nsoha.sim.cli.interpreter.CliOutput;
import dev.nsoha.sim.cli.interpreter.CliStyle;
import dev.nsoha.sim.cli.interpreter.Prompts;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The interactive CLI on an SSH shell channel: a login banner ({@code User admin last logged in
 * <time>, to <host>, from <ip> using cli-ssh} after the first login, then {@code admin connected
 * from <ip> using ssh on <host>}), the prompt, a small line editor (echo, backspace, Ctrl-U,
 * Ctrl-C, Ctrl-D; arrow keys ignored) when the client asked for a PTY, plain line input otherwise.
 */
final class CliShell extends AbstractCliCommand {

  private Reader reader;
  private Writer writer;
  private boolean lastWasCr;
  private final StringBuilder pending = new StringBuilder();
  private volatile String currentPrompt;

  /** Per server: user → "time, to host, from address" of the previous shell login. */
  private final Map<String, String> lastLogins;

  CliShell(CliBackend backend, CliStyle style, Prompts prompts, Map<String, String> lastLogins) {
    super(backend, style, prompts);
    this.lastLogins = lastLogins;
  }

  @Override
  @SuppressWarnings(
      "try") // the alarm registration lives as long as the session and is closed with it
  protected int runSession() {
    reader = new InputStreamReader(in, StandardCharsets.UTF_8);
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    writer = pty ? new CrlfWriter(w) : w;
    CliOutput o = new CliOutput(writer);
    CliInterpreter session = new CliInterpreter(backend, user, style, prompts);
    session.printStatusLines(true);
    ExecutorService printer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "cli-alarm-printer-" + user);
              t.setDaemon(true);
              return t;
            });
    // The node's listener thread must not block: alarm lines are printed by our own thread.
    try (AutoCloseable alarms = backend.onAlarm(text -> printer.execute(() -> alarm(text)))) {
      synchronized (writer) {
        String previous =
            lastLogins.put(
                user,
                OffsetDateTime.now().truncatedTo(ChronoUnit.MILLIS)
                    + ", to "
                    + backend.hostName()
                    + ", from "
                    + remote);
        if (previous != null) {
          o.line("User " + user + " last logged in " + previous + " using cli-ssh");
        } else {
          o.line("");
        }
        o.line(user + " connected from " + remote + " using ssh on " + backend.hostName());
      }
      while (true) {
        synchronized (writer) {
          currentPrompt = session.prompt();
          o.print(currentPrompt);
          o.flush();
        }
        String line = readLine();
        currentPrompt = null;
        if (line == null) {
          return 0;
        }
        CliInterpreter.Status st;
        synchronized (writer) {
          st =
              session.execute(
                  line,
                  o,
                  new CliInterpreter.LineSource() {
                    @Override
                    public String readLine() throws IOException {
                      return CliShell.this.readLine();
                    }

                    @Override
                    public boolean echoes() {
                      return pty;
                    }
                  });
        }
        if (st == CliInterpreter.Status.EXIT) {
          return 0;
        }
      }
    } catch (Exception e) {
      return 0;
    } finally {
      printer.shutdownNow();
    }
  }

  /** Prints an asynchronous alarm line; at a prompt, the prompt and the typed text are redrawn. */
  private void alarm(String text) {
    try {
      synchronized (writer) {
        String prompt = currentPrompt;
        writer.write("\n*** ALARM " + text + "\n");
        if (prompt != null) {
          synchronized (pending) {
            writer.write(prompt + (pty ? pending : ""));
          }
        }
        writer.flush();
      }
    } catch (IOException e) {
      // the client went away; the session loop notices
    }
  }

  /** Reads one line; null at end of input (or Ctrl-D on an empty line). */
  String readLine() throws IOException {
    StringBuilder b = pending;
    synchronized (pending) {
      pending.setLength(0);
    }
    while (true) {
      int c = reader.read();
      if (c < 0) {
        return b.length() > 0 ? take(b) : null;
      }
      if (c == '\n' && lastWasCr) {
        lastWasCr = false;
        continue;
      }
      lastWasCr = c == '\r';
      if (c == '\r' || c == '\n') {
        echo("\n");
        return take(b);
      }
      if (!pty) {
        append(b, (char) c);
        continue;
      }
      switch (c) {
        case 0x7f:
        case 0x08:
          if (b.length() > 0) {
            synchronized (pending) {
              b.setLength(b.length() - 1);
            }
            echo("\b \b");
          }
          break;
        case 0x15: // Ctrl-U
          echo("\b \b".repeat(b.length()));
          take(b);
          break;
        case 0x03: // Ctrl-C: drop the line
          echo("^C\n");
          take(b);
          return "";
        case 0x04: // Ctrl-D
          if (b.length() == 0) {
            return null;
          }
          break;
        case 0x1b: // escape sequence: ESC [ ... final byte
          int n = reader.read();
          if (n == '[' || n == 'O') {
            int f;
            do {
              f = reader.read();
            } while (f >= 0 && !(f >= '@' && f <= '~'));
          }
          break;
        case '\t':
          break;
        default:
          if (c >= 0x20) {
            append(b, (char) c);
            echo(String.valueOf((char) c));
          }
      }
    }
  }

  private String take(StringBuilder b) {
    synchronized (pending) {
      String s = b.toString();
      b.setLength(0);
      return s;
    }
  }

  private void append(StringBuilder b, char c) {
    synchronized (pending) {
      b.append(c);
    }
  }

  private void echo(String s) throws IOException {
    if (pty) {
      synchronized (writer) {
        writer.write(s);
        writer.flush();
      }
    }
  }
}
