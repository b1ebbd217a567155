package dev.nsoha.transport.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * An in-process SSH server that plays NSO's CLI from recorded outputs (docs/nso-interface.md): the
 * J-style login prompt and {@code switch cli}, C-style operational and config mode with submodes,
 * {@code commit}, {@code abort}, {@code end} with its question, NSO's error replies, and canned
 * outputs for operational commands. Only the {@code dummies} model is known in config mode. It
 * echoes input and ends lines with CRLF like a PTY.
 */
final class FakeNsoCli implements AutoCloseable {
  static final String USER = "admin";
  static final String PASSWORD = "admin";
  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern DUMMY_LINE =
      Pattern.compile("dummies dummy (\\S+|\"[^\"]*\")(?: (.*))?");

  final String host;
  private final Path hostKey;
  private final String nodeName;
  private volatile boolean startInCStyle;
  private SshServer server;
  private int port;

  /** Canned outputs of operational commands, by exact command line. */
  final Map<String, String> responses = new ConcurrentHashMap<>();

  /** Commands after which the server closes the session without answering. */
  final List<String> dropOn = new CopyOnWriteArrayList<>();

  /** Commands during which an alarm line arrives before their output. */
  final List<String> alarmDuring = new CopyOnWriteArrayList<>();

  /**
   * Commands whose output is interrupted after its first line by this notice text (for example a
   * {@code System message at ...} with its line of text), as NSO prints messages into a session.
   */
  final Map<String, String> noticeDuring = new ConcurrentHashMap<>();

  /** Commands that are never answered. */
  final List<String> hangOn = new CopyOnWriteArrayList<>();

  /** Commands answered with output that never ends (until the client closes the session). */
  final List<String> floodOn = new CopyOnWriteArrayList<>();

  /** Commands answered with the start of a reply, then nothing: no rest, no prompt. */
  final Map<String, String> stallOn = new ConcurrentHashMap<>();

  /** Every line received, in order, over all sessions. */
  final List<String> received = new CopyOnWriteArrayList<>();

  /** The config lines of every successful commit. */
  final List<String> committed = new CopyOnWriteArrayList<>();

  final AtomicInteger logins = new AtomicInteger();
  volatile boolean readOnly;

  /** When set, {@code commit} prints this instead of committing. */
  volatile String commitError;

  private final List<Shell> shells = new CopyOnWriteArrayList<>();

  FakeNsoCli(String host, Path stateDir, String nodeName) {
    this.host = host;
    this.hostKey = stateDir.resolve("fake-host-key-" + nodeName);
    this.nodeName = nodeName;
  }

  FakeNsoCli startInCStyle(boolean c) {
    this.startInCStyle = c;
    return this;
  }

  /** Starts listening; on the same port as before when restarted. */
  FakeNsoCli start() throws IOException {
    server = SshServer.setUpDefaultServer();
    server.setHost(host);
    CoreModuleProperties.TCP_NODELAY.set(server, true);
    server.setPort(port);
    server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKey));
    server.setPasswordAuthenticator(
        (user, password, session) -> {
          boolean ok = USER.equals(user) && PASSWORD.equals(password);
          if (ok) {
            logins.incrementAndGet();
          }
          return ok;
        });
    server.setShellFactory(channel -> new Shell());
    server.start();
    port = server.getPort();
    return this;
  }

  /** Listens on {@code p} instead of a free port. */
  FakeNsoCli usePort(int p) {
    this.port = p;
    return this;
  }

  int port() {
    return port;
  }

  /** Stops the server and drops every session, as a node that goes down. */
  void stop() throws IOException {
    for (Shell s : shells) {
      s.closeQuietly();
    }
    server.stop(true);
  }

  /**
   * Prints an asynchronous alarm line in every open session, then the prompt again, as NSO does.
   */
  void alarm(String text) {
    for (Shell s : shells) {
      s.printAsync("*** ALARM " + text);
    }
  }

  @Override
  public void close() throws IOException {
    stop();
  }

  private final class Shell implements Command, Runnable {
    private InputStream in;
    private OutputStream out;
    private ExitCallback exit;
    private Thread thread;
    private boolean cStyle = startInCStyle;
    private boolean config;
    private String submode;
    private final List<String> pending = new ArrayList<>();
    private volatile boolean done;
    private boolean asking;

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      // not used
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      shells.add(this);
      thread = new Thread(this, "fake-nso-cli-" + nodeName);
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void destroy(ChannelSession channel) {
      done = true;
      shells.remove(this);
      if (thread != null) {
        thread.interrupt();
      }
    }

    void closeQuietly() {
      done = true;
      try {
        in.close();
      } catch (IOException e) {
        // closing anyway
      }
    }

    synchronized void print(String s) {
      try {
        out.write(s.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException e) {
        done = true;
      }
    }

    synchronized void printAsync(String line) {
      print("\n" + line + "\n" + prompt());
    }

    private String prompt() {
      if (!cStyle) {
        return USER + "@" + nodeName + "> ";
      }
      if (config) {
        return USER
            + "@"
            + nodeName
            + "("
            + (submode == null ? "config" : "config-dummy-" + submode)
            + ")# ";
      }
      return USER + "@" + nodeName + "# ";
    }

    @Override
    public void run() {
      try {
        print("\nadmin connected from 127.0.0.1 using ssh on fakehost\n" + prompt());
        StringBuilder line = new StringBuilder();
        int b;
        while (!done && (b = in.read()) >= 0) {
          if (b == '\r' || b == '\n') {
            print("\n"); // echo of Enter
            String cmd = line.toString();
            line.setLength(0);
            received.add(cmd);
            if (dropOn.contains(cmd)) {
              print("partial output\n");
              break;
            }
            if (hangOn.contains(cmd)) {
              continue;
            }
            if (floodOn.contains(cmd)) {
              String chunk = "flood ".repeat(10_000) + "\n";
              while (!done) {
                print(chunk);
              }
              break;
            }
            if (stallOn.containsKey(cmd)) {
              print(stallOn.get(cmd));
              continue;
            }
            if (alarmDuring.contains(cmd)) {
              print("*** ALARM ha-secondary-down: Lost connection to secondary\n");
            }
            String reply = handle(cmd.strip());
            if (reply == null) {
              break;
            }
            String notice = noticeDuring.get(cmd);
            if (notice != null) {
              int cut = reply.indexOf('\n') + 1;
              reply = reply.substring(0, cut) + "\n" + notice + "\n" + reply.substring(cut);
            }
            print(asking ? reply : reply + prompt());
          } else {
            line.append((char) b);
            print(String.valueOf((char) b)); // echo
          }
        }
      } catch (IOException e) {
        // session gone
      } finally {
        shells.remove(this);
        if (exit != null) {
          exit.onExit(0);
        }
      }
    }

    /**
     * The output of one command line (each output line ending in a newline), or null to log out.
     */
    private String handle(String cmd) {
      if (asking) {
        asking = false;
        if (cmd.equals("yes")) {
          committed.addAll(pending);
        } else if (!cmd.equals("no")) {
          return "Aborted: by user\n";
        }
        pending.clear();
        config = false;
        submode = null;
        return "";
      }
      if (cmd.isEmpty()) {
        return "";
      }
      if (!cStyle) {
        if (cmd.equals("switch cli")) {
          cStyle = true;
          return "";
        }
        return "syntax error: unknown command\n";
      }
      if (config) {
        return configCommand(cmd);
      }
      switch (cmd) {
        case "exit":
          return null;
        case "config":
          if (readOnly) {
            return "Aborted: node is in read-only mode\n";
          }
          config = true;
          return "Entering configuration mode terminal\n";
        case "screen-length 0":
        case "screen-width 0":
        case "autowizard false":
        case "complete-on-space false":
          return "";
        default:
          String r = responses.get(cmd);
          if (r != null) {
            return r.isEmpty() || r.endsWith("\n") ? r : r + "\n";
          }
          return "-".repeat(USER.length() + nodeName.length() + 3)
              + "^\nsyntax error: unknown command\n";
      }
    }

    private String configCommand(String cmd) {
      switch (cmd) {
        case "commit":
          if (commitError != null) {
            return commitError + "\n";
          }
          if (pending.isEmpty()) {
            return "% No modifications to commit.\n";
          }
          committed.addAll(pending);
          pending.clear();
          return "Commit complete.\n";
        case "abort":
          pending.clear();
          config = false;
          submode = null;
          return "";
        case "top":
          submode = null;
          return "";
        case "end":
          if (!pending.isEmpty()) {
            asking = true;
            return "Uncommitted changes found, commit them? [yes/no/CANCEL] ";
          }
          config = false;
          submode = null;
          return "";
        default:
          break;
      }
      Matcher m = DUMMY_LINE.matcher(cmd);
      if (!m.matches()) {
        return "-----^\nsyntax error: element does not exist\n";
      }
      List<String> words = CliWords.split(m.group(2) == null ? "" : m.group(2));
      if (words.isEmpty()) {
        submode = CliWords.split(m.group(1)).get(0);
        pending.add(cmd);
        return "";
      }
      if (words.size() != 2) {
        return "syntax error: unknown argument\n";
      }
      switch (words.get(0)) {
        case "dummy":
          Matcher ip = IPV4.matcher(words.get(1));
          if (!ip.matches()) {
            return "-----------------------^\nsyntax error: \""
                + words.get(1)
                + "\" is an invalid value.\n";
          }
          break;
        case "description":
          break;
        default:
          return "-----------------^\nsyntax error: element does not exist\n";
      }
      pending.add(cmd);
      return "";
    }
  }
}
