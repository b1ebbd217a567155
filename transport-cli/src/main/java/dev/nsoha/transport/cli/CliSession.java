package dev.nsoha.transport.cli;

import com.jcraft.jsch.ChannelShell;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import dev.nsoha.core.error.AuthenticationException;
import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.error.NsoTimeoutException;
import dev.nsoha.core.error.ProtocolException;
import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.spi.TransportOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One interactive shell session on a node's SSH CLI, in C style: connected and logged in by {@link
 * #open}, then used for one command at a time by {@link #run}. The first prompt tells the CLI
 * style: a J-style prompt ({@code admin@n1> }) is switched with {@code switch cli}. The C-style
 * prompt is learned after login (any text followed by {@code # }), so config prompts are recognised
 * as that text followed by {@code (config...)# }. Every read waits for a prompt with a deadline,
 * never for a fixed time.
 *
 * <p>Not thread-safe: {@link CliNodeClient} serializes its calls. Wire traffic is logged at debug;
 * the password is never logged, and config lines that carry secrets (tokens, passwords) are logged
 * redacted.
 */
final class CliSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CliSession.class);

  private static final Pattern ANSI =
      Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B[()][A-Za-z0-9]|\u001B[=>]");

  /** Any CLI prompt, J or C style, before the C-style prompt is learned. */
  private static final Pattern ANY_PROMPT = Pattern.compile("\\S.*[>#%] $");

  /**
   * A question the CLI asks, e.g. {@code Uncommitted changes found, commit them? [yes/no/CANCEL] }.
   */
  private static final Pattern QUESTION = Pattern.compile(".*\\?\\s*\\[[^\\]\\n]*\\]:?\\s$");

  private static final Pattern SECRET = Pattern.compile("(?i).*\\b(token|password|secret)\\b.*");

  /** The session settings sent after login, in order (see {@link #login}). */
  static final List<String> SESSION_SETTINGS =
      List.of(
          "screen-length 0",
          "screen-width 0",
          "autowizard false",
          "complete-on-space false",
          "commit-prompt false");

  /**
   * The first line of a message NSO prints into every CLI session, e.g. {@code System message at
   * 2026-12-07 10:17:06...} or {@code Message from admin at 2026-12-07 10:17:06...}; the message
   * text follows on the next line.
   */
  static final Pattern MESSAGE_HEADER =
      Pattern.compile("^(System message|Message from \\S+) at .*\\.\\.\\.\\s*$");

  /** Terminal width asked for, so that NSO does not wrap long lines. */
  private static final int PTY_COLUMNS = 512;

  /** Where the session's prompt leaves the CLI after a command. */
  enum Mode {
    OPER,
    CONFIG,
    QUESTION,
    OTHER
  }

  /**
   * A command's output (echo, prompt and asynchronous notices removed), and the prompt that ended
   * it.
   */
  record Reply(String output, Mode mode, String prompt) {}

  /** The session ended while a command was sent or running. */
  static final class Lost extends Exception {
    private static final long serialVersionUID = 1L;

    /** The command could not be written to the session at all. */
    final boolean notSent;

    Lost(String message, boolean notSent, Throwable cause) {
      super(message, cause);
      this.notSent = notSent;
    }
  }

  private final NodeEndpoint endpoint;
  private final String where;
  private final Session session;
  private final ChannelShell channel;
  private final OutputStream toNode;
  private final ShellSink sink;
  private String base; // the C-style prompt without "# ", e.g. "admin@n1"
  private int commandsRun;

  private CliSession(
      NodeEndpoint endpoint,
      String where,
      Session session,
      ChannelShell channel,
      OutputStream toNode,
      ShellSink sink) {
    this.endpoint = endpoint;
    this.where = where;
    this.session = session;
    this.channel = channel;
    this.toNode = toNode;
    this.sink = sink;
  }

  /**
   * Connects, logs in with the endpoint's credentials, switches to the C-style CLI if needed and
   * learns the prompt.
   *
   * @throws AuthenticationException when the node refuses the credentials
   * @throws UnreachableException when the node cannot be reached, or its host key is not trusted
   * @throws NsoTimeoutException when no prompt arrives in time
   */
  static CliSession open(NodeEndpoint ep, CliOptions options) {
    String where = ep.where(CliNodeClient.TRANSPORT);
    String hostPort = ep.address() + ":" + ep.cliPort();
    int connectMs = (int) Math.min(Integer.MAX_VALUE, ep.options().connectTimeout().toMillis());
    Session session = CliSsh.connect(ep, options);
    ShellSink sink = new ShellSink(ep.options().maxReplyBytes());
    ChannelShell channel;
    OutputStream toNode;
    try {
      channel = (ChannelShell) session.openChannel("shell");
      channel.setPtyType("dumb", PTY_COLUMNS, 200, 0, 0);
      channel.setOutputStream(sink);
      toNode = channel.getOutputStream();
      channel.connect(connectMs);
    } catch (JSchException | IOException e) {
      session.disconnect();
      throw new UnreachableException(
          where, "open a CLI shell", hostPort + ": " + e.getMessage(), e);
    }
    CliSession s = new CliSession(ep, where, session, channel, toNode, sink);
    try {
      s.login();
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  // ---- login
  // ------------------------------------------------------------------------------------------------

  private void login() {
    long deadline = System.nanoTime() + endpoint.options().requestTimeout().toNanos();
    String tail = awaitLoginPrompt(deadline, "log in");
    sink.drain();
    if (tail.endsWith("> ")) {
      log.debug("{}: J-style prompt '{}', switching to the C-style CLI", where, tail.strip());
      send("switch cli", "switch to the C-style CLI");
      tail = awaitLoginPrompt(deadline, "switch to the C-style CLI");
      sink.drain();
    }
    if (!tail.endsWith("# ") || tail.contains("(config")) {
      throw new ProtocolException(
          where,
          "log in",
          "expected a C-style operational prompt ending in '# ', got '" + tail + "'");
    }
    base = tail.substring(0, tail.length() - 2);
    log.debug("{}: logged in, prompt '{}# '", where, base);
    // Session settings that keep outputs whole and commands literal: no pager, no line wrapping, no
    // wizard asking for missing values, no completion of a word when a space follows it, and no
    // commit confirmation question. Releases without one of them refuse it, which does no harm.
    for (String setting : SESSION_SETTINGS) {
      try {
        Reply r = run(setting, endpoint.options().requestTimeout(), "set up the CLI session");
        if (!r.output().isBlank()) {
          log.debug("{}: '{}' answered: {}", where, setting, r.output().strip());
        }
      } catch (Lost e) {
        throw new UnreachableException(where, "set up the CLI session", e.getMessage(), e);
      }
    }
  }

  private String awaitLoginPrompt(long deadline, String operation) {
    ShellSink.Outcome o = await(t -> ANY_PROMPT.matcher(tail(t)).matches(), deadline);
    switch (o) {
      case MATCHED:
        return tail(sink.peek());
      case CLOSED:
        throw new UnreachableException(
            where, operation, "the node closed the CLI session before showing a prompt");
      default:
        throw new NsoTimeoutException(
            where,
            operation,
            "no CLI prompt within "
                + endpoint.options().requestTimeout().toMillis()
                + " ms; last output: '"
                + clean(sink.peek()).strip()
                + "'");
    }
  }

  // ---- commands
  // ---------------------------------------------------------------------------------------------

  /** Whether the session can take a command. */
  boolean isOpen() {
    return session.isConnected()
        && channel.isConnected()
        && !channel.isClosed()
        && !sink.isClosed();
  }

  /** How many commands this session has run (the set-up commands included). */
  int commandsRun() {
    return commandsRun;
  }

  /** The learned C-style prompt text without {@code # }, e.g. {@code admin@n1}. */
  String promptBase() {
    return base;
  }

  /**
   * Sends one command line and waits for the next prompt.
   *
   * @throws Lost when the session ends before the prompt
   * @throws NsoTimeoutException when no prompt arrives within {@code timeout}; the session is
   *     closed then, because the node's state is unknown
   */
  Reply run(String command, Duration timeout, String operation) throws Lost {
    String stale = sink.drain();
    if (!stale.isBlank()) {
      log.debug("{}: before '{}', discarded: {}", where, redact(command), clean(stale).strip());
    }
    long sentAt = sink.received();
    commandsRun++;
    log.debug("{} <<< {}", where, redact(command));
    try {
      toNode.write((command + "\n").getBytes(StandardCharsets.UTF_8));
      toNode.flush();
    } catch (IOException e) {
      throw new Lost("the CLI session broke while sending a command: " + e.getMessage(), true, e);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    ShellSink.Outcome o = await(t -> atPrompt(t, command), deadline);
    if (o == ShellSink.Outcome.CLOSED) {
      boolean nothing = sink.received() == sentAt;
      throw new Lost(
          "the CLI session ended"
              + (nothing ? " before the node answered" : " while the command ran"),
          false,
          null);
    }
    if (o == ShellSink.Outcome.OVERFLOW) {
      long bytes = sink.received() - sentAt;
      close();
      throw new ProtocolException(
          where,
          operation,
          "the reply to '"
              + redact(command)
              + "' grew beyond "
              + endpoint.options().maxReplyText()
              + " ("
              + bytes
              + " bytes) without a CLI prompt; the session is closed. If the node's reply is"
              + " that large, raise the limit with "
              + TransportOptions.MAX_REPLY_OPTION);
    }
    if (o == ShellSink.Outcome.TIMED_OUT) {
      String partial = SECRET.matcher(command).matches() ? "" : clean(sink.peek(8192)).strip();
      String answer =
          partial.startsWith(command.strip())
              ? partial.substring(command.strip().length()).strip()
              : partial;
      close();
      if (!answer.isEmpty()) {
        // The node started to answer and stopped: a reply that broke off, not a slow node.
        throw new ProtocolException(
            where,
            operation,
            "the reply to '"
                + redact(command)
                + "' broke off: no CLI prompt within "
                + timeout.toMillis()
                + " ms; output so far: '"
                + abbreviate(answer)
                + "'");
      }
      throw new NsoTimeoutException(
          where,
          operation,
          "no CLI prompt within "
              + timeout.toMillis()
              + " ms after '"
              + redact(command)
              + "'"
              + (partial.isEmpty() ? "" : "; output so far: '" + partial + "'"));
    }
    Reply r = reply(command, clean(sink.drain()));
    log.debug(
        "{} >>> {}{}", where, r.output().isBlank() ? "" : r.output().strip() + "\n", r.prompt());
    return r;
  }

  /** Reads a streamed reply: {@link #stream} hands it to one of these. */
  @FunctionalInterface
  interface ReplyBody {
    /** Reads the reply's output from {@code in} (it ends at the prompt), as far as it needs. */
    void read(Reader in) throws IOException;
  }

  /**
   * Sends one command and hands its output to {@code body} as it arrives (echo and asynchronous
   * notices removed), so that a reply of any size passes through in bounded memory. No deadline for
   * the whole reply: only {@code idle}, the longest silence. What {@code body} leaves unread is
   * read to the prompt and discarded.
   *
   * @return the reply, whose output is the first lines of the command's output (up to 64 KiB),
   *     enough to find an error message in
   * @throws Lost when the session ends before the prompt; {@code notSent} when nothing at all
   *     reached {@code body}, so that the caller may run the command again
   * @throws NsoTimeoutException when nothing arrives for {@code idle}; the session is closed
   * @throws ProtocolException when {@code body} fails to read the output; the session is closed
   */
  Reply stream(String command, Duration idle, String operation, ReplyBody body) throws Lost {
    String stale = sink.drain();
    if (!stale.isBlank()) {
      log.debug("{}: before '{}', discarded: {}", where, redact(command), clean(stale).strip());
    }
    commandsRun++;
    log.debug("{} <<< {} (streamed)", where, redact(command));
    try {
      toNode.write((command + "\n").getBytes(StandardCharsets.UTF_8));
      toNode.flush();
    } catch (IOException e) {
      throw new Lost("the CLI session broke while sending a command: " + e.getMessage(), true, e);
    }
    CliReplyReader in = new CliReplyReader(sink, command, idle, this::isOpen, this::modeOf);
    sink.startStream();
    try {
      body.read(in);
      in.skipToEnd();
    } catch (CliReplyReader.Ended e) {
      close();
      if (e.idle) {
        throw new NsoTimeoutException(
            where,
            operation,
            "nothing more from the node within "
                + idle.toMillis()
                + " ms while reading the reply to '"
                + redact(command)
                + "' ("
                + in.linesRead()
                + " lines read); a node that is slow to answer needs a longer --request-timeout");
      }
      throw new Lost(
          "the CLI session ended while the reply to '"
              + redact(command)
              + "' was read ("
              + in.linesRead()
              + " lines read)",
          in.linesRead() == 0,
          e);
    } catch (IOException | RuntimeException e) {
      close();
      if (e instanceof NsoException n) {
        throw n;
      }
      throw new ProtocolException(
          where,
          operation,
          "cannot read the reply to '"
              + redact(command)
              + "' ("
              + e.getMessage()
              + "), after "
              + in.linesRead()
              + " lines: '"
              + abbreviate(in.head().strip())
              + "'",
          e);
    } finally {
      sink.endStream();
    }
    String prompt = clean(sink.drain());
    log.debug("{} >>> {} lines{}", where, in.linesRead(), prompt);
    return new Reply(in.head(), modeOf(prompt), prompt);
  }

  private ShellSink.Outcome await(Predicate<CharSequence> done, long deadline) {
    try {
      return sink.await(done, deadline, this::isOpen);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new NsoTimeoutException(where, "wait for the CLI", "interrupted");
    }
  }

  /** Sends a line during login, when there is no reply to parse yet. */
  private void send(String line, String operation) {
    try {
      toNode.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      toNode.flush();
    } catch (IOException e) {
      throw new UnreachableException(
          where, operation, "the CLI session broke: " + e.getMessage(), e);
    }
  }

  private Reply reply(String command, String text) {
    List<String> lines = new ArrayList<>(text.lines().toList());
    String prompt = lines.isEmpty() ? "" : lines.remove(lines.size() - 1);
    if (!lines.isEmpty() && lines.get(0).strip().equals(command.strip())) {
      lines.remove(0); // the node's echo of the command
    }
    Lines split = withoutNotices(lines);
    for (String n : split.notices()) {
      log.debug("{}: notice: {}", where, n.strip());
    }
    return new Reply(String.join("\n", split.output()), modeOf(prompt), prompt);
  }

  /** A command's lines split into its output and the asynchronous notices printed among them. */
  record Lines(List<String> output, List<String> notices) {}

  /**
   * Removes the asynchronous notices the CLI prints into a session, wherever they fall: alarm lines
   * ({@code *** ALARM ...}), the system-upgrade banner ({@code >>> ...}), and messages ({@code
   * System message at ...} or {@code Message from <user> at ...}, each with the line of text that
   * follows it).
   */
  static Lines withoutNotices(List<String> lines) {
    List<String> out = new ArrayList<>();
    List<String> notices = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("*** ") || l.startsWith(">>> ")) {
        notices.add(l);
      } else if (MESSAGE_HEADER.matcher(l).matches()) {
        notices.add(l);
        if (i + 1 < lines.size()) {
          notices.add(lines.get(++i));
        }
      } else {
        out.add(l);
      }
    }
    return new Lines(out, notices);
  }

  Mode modeOf(String prompt) {
    if (prompt.equals(base + "# ")) {
      return Mode.OPER;
    }
    if (prompt.startsWith(base + "(") && prompt.endsWith(")# ")) {
      return Mode.CONFIG;
    }
    if (QUESTION.matcher(prompt).matches()) {
      return Mode.QUESTION;
    }
    return Mode.OTHER;
  }

  /**
   * Whether the text received so far ends in a prompt (or a question) that ends {@code command}. A
   * prompt preceded only by the command's echo and asynchronous notices is a prompt re-printed
   * after an alarm, not the end.
   */
  private boolean atPrompt(CharSequence raw, String command) {
    String t = tail(raw);
    Mode m = modeOf(t);
    if (m == Mode.OTHER) {
      return false;
    }
    if (m == Mode.QUESTION) {
      return true;
    }
    String body = clean(raw.toString());
    int cut = body.lastIndexOf('\n');
    if (cut < 0) {
      return true;
    }
    List<String> lines = new ArrayList<>(body.substring(0, cut).lines().toList());
    if (!lines.isEmpty() && lines.get(0).strip().equals(command.strip())) {
      lines.remove(0);
    }
    Lines split = withoutNotices(lines);
    if (split.output().stream().anyMatch(l -> !l.isBlank())) {
      return true;
    }
    // Nothing but notices: a re-printed prompt. Nothing at all: a command without output.
    return split.notices().isEmpty();
  }

  /** The text after the last newline, without carriage returns and terminal escapes. */
  private static String tail(CharSequence raw) {
    int nl = -1;
    for (int i = raw.length() - 1; i >= 0; i--) {
      if (raw.charAt(i) == '\n') {
        nl = i;
        break;
      }
    }
    return clean(raw.subSequence(nl + 1, raw.length()).toString());
  }

  static String clean(String s) {
    String t = ANSI.matcher(s).replaceAll("");
    String[] lines = t.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      while (l.endsWith("\r")) {
        l = l.substring(0, l.length() - 1);
      }
      // A carriage return inside a line redraws it from the start: keep what follows the last one.
      int cr = l.lastIndexOf('\r');
      lines[i] = cr >= 0 ? l.substring(cr + 1) : l;
    }
    return String.join("\n", lines);
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }

  private static String redact(String command) {
    return SECRET.matcher(command).matches() ? command.split(" ", 2)[0] + " <redacted>" : command;
  }

  @Override
  public void close() {
    try {
      channel.disconnect();
    } finally {
      session.disconnect();
      sink.close();
    }
  }
}
