package dev.nsoha.transport.cli;

import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A command's output as it arrives on the shell channel, for {@link CliSession#stream}: taken from
 * the {@link ShellSink} line by line, the command's echo and the asynchronous notices (alarms,
 * banners, messages) removed, terminal escapes cleaned, and ending where the next prompt is. Keeps
 * the first {@value #HEAD_CHARS} characters of output, where an error message would be. Not
 * thread-safe: the command thread reads it.
 */
final class CliReplyReader extends Reader {
  /** How much of the output's beginning is kept, for errors. */
  static final int HEAD_CHARS = 64 * 1024;

  /** The reply ended before its prompt: the session closed, or nothing arrived in time. */
  static final class Ended extends IOException {
    private static final long serialVersionUID = 1L;

    /** Nothing arrived for the idle timeout (rather than the session closing). */
    final boolean idle;

    Ended(String message, boolean idle) {
      super(message);
      this.idle = idle;
    }
  }

  private final ShellSink sink;
  private final String command;
  private final long idleNanos;
  private final BooleanSupplier alive;
  private final Function<String, CliSession.Mode> modeOf;
  private final StringBuilder head = new StringBuilder();
  private String line;
  private int pos;
  private boolean ended;
  private boolean echoChecked;
  private boolean skipNext;
  private boolean noticesOnly = true;
  private boolean noticesSeen;
  private long lines;

  CliReplyReader(
      ShellSink sink,
      String command,
      Duration idle,
      BooleanSupplier alive,
      Function<String, CliSession.Mode> modeOf) {
    this.sink = sink;
    this.command = command.strip();
    this.idleNanos = idle.toNanos();
    this.alive = alive;
    this.modeOf = modeOf;
  }

  /** The beginning of the output (up to {@value #HEAD_CHARS} characters). */
  String head() {
    return head.toString();
  }

  /** Output lines read so far. */
  long linesRead() {
    return lines;
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (line == null || pos >= line.length()) {
      if (ended) {
        return -1;
      }
      next();
    }
    int n = Math.min(len, line.length() - pos);
    line.getChars(pos, pos + n, buf, off);
    pos += n;
    return n;
  }

  @Override
  public void close() {
    // The session reads the rest to the prompt; nothing to release here.
  }

  /** Reads and discards the rest of the output, up to the prompt. */
  void skipToEnd() throws IOException {
    while (!ended) {
      next();
    }
    line = null;
  }

  private void next() throws IOException {
    ShellSink.Taken t;
    try {
      t = sink.takeLine(this::atEnd, idleNanos, alive);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Ended("interrupted", false);
    }
    switch (t.kind()) {
      case END -> {
        ended = true;
        line = null;
      }
      case CLOSED -> throw new Ended("the session ended", false);
      case IDLE -> throw new Ended("nothing arrived in time", true);
      case PART -> accept(clean(t.text()));
      case LINE -> {
        String l = clean(t.text());
        if (!echoChecked) {
          echoChecked = true;
          if (l.strip().equals(command)) {
            line = null;
            return;
          }
        }
        if (skipNext) {
          skipNext = false;
          noticesSeen = true;
          line = null;
          return;
        }
        if (l.startsWith("*** ") || l.startsWith(">>> ")) {
          noticesSeen = true;
          line = null;
          return;
        }
        if (CliSession.MESSAGE_HEADER.matcher(l).matches()) {
          skipNext = true;
          noticesSeen = true;
          line = null;
          return;
        }
        accept(l + "\n");
      }
    }
  }

  /**
   * As {@link CliSession#clean}, without its cost for the usual line: no escape, a CR at the end.
   */
  private static String clean(String l) {
    if (l.indexOf('\u001B') >= 0) {
      return CliSession.clean(l);
    }
    int end = l.length();
    while (end > 0 && l.charAt(end - 1) == '\r') {
      end--;
    }
    int cr = l.lastIndexOf('\r', end - 1);
    return l.substring(cr + 1, end);
  }

  private void accept(String text) {
    lines++;
    if (!text.isBlank()) {
      noticesOnly = false;
    }
    if (head.length() < HEAD_CHARS) {
      head.append(text, 0, Math.min(text.length(), HEAD_CHARS - head.length()));
    }
    line = text;
    pos = 0;
  }

  /**
   * Whether the text after the last line is the prompt that ends the reply; a prompt after nothing
   * but notices is one re-printed after an alarm, not the end.
   */
  private boolean atEnd(CharSequence tail) {
    CliSession.Mode m = modeOf.apply(CliSession.clean(tail.toString()));
    if (m == CliSession.Mode.OTHER) {
      return false;
    }
    return m == CliSession.Mode.QUESTION || !(noticesOnly && noticesSeen);
  }
}
