package dev.nsoha.sim.cli;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelShell;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test client: a jsch SSH session to the CLI, with an interactive shell (PTY) and exec helpers. */
public final class JschCli implements AutoCloseable {

  public static final Duration TIMEOUT = Duration.ofSeconds(20);

  /**
   * Any NSO prompt at the end of the output: {@code user@host> }, {@code #}, {@code %}, {@code
   * (config..)#}.
   */
  public static final Pattern PROMPT = Pattern.compile("(\\S+@[^\\s>#%]+(\\([^)]*\\))?[>#%] )$");

  private final Session session;
  private ChannelShell shell;
  private OutputStream toShell;
  private final StringBuilder buffer = new StringBuilder();
  private final Object lock = new Object();
  private boolean eof;

  private JschCli(Session session) {
    this.session = session;
  }

  /** Connects with password authentication (host key not checked). */
  public static JschCli connect(String host, int port, String user, String password)
      throws JSchException {
    JSch jsch = new JSch();
    Session s = jsch.getSession(user, host, port);
    s.setPassword(password.getBytes(StandardCharsets.UTF_8));
    s.setConfig("StrictHostKeyChecking", "no");
    s.setConfig("PreferredAuthentications", "password");
    s.connect((int) TIMEOUT.toMillis());
    return new JschCli(s);
  }

  /** Connects with public-key authentication only, from an OpenSSH private key file. */
  public static JschCli connectWithKey(String host, int port, String user, Path privateKey)
      throws JSchException {
    JSch jsch = new JSch();
    jsch.addIdentity(privateKey.toString());
    Session s = jsch.getSession(user, host, port);
    s.setConfig("StrictHostKeyChecking", "no");
    s.setConfig("PreferredAuthentications", "publickey");
    s.connect((int) TIMEOUT.toMillis());
    return new JschCli(s);
  }

  /** Opens the shell (with PTY) and returns the banner up to and including the first prompt. */
  public String openShell() throws Exception {
    shell = (ChannelShell) session.openChannel("shell");
    shell.setPty(true);
    shell.setPtyType("vt100", 200, 40, 0, 0);
    InputStream fromShell = shell.getInputStream();
    toShell = shell.getOutputStream();
    shell.connect((int) TIMEOUT.toMillis());
    Thread reader = new Thread(() -> pump(fromShell), "jsch-shell-reader");
    reader.setDaemon(true);
    reader.start();
    return readUntilPrompt();
  }

  private void pump(InputStream in) {
    byte[] buf = new byte[4096];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        synchronized (lock) {
          buffer.append(new String(buf, 0, n, StandardCharsets.UTF_8));
          lock.notifyAll();
        }
      }
    } catch (IOException e) {
      // closed
    }
    synchronized (lock) {
      eof = true;
      lock.notifyAll();
    }
  }

  /** Waits for output ending with a prompt; returns everything up to it (CRLF turned into LF). */
  public String readUntilPrompt() throws InterruptedException, TimeoutException {
    return readUntil(PROMPT);
  }

  /** Waits until the output matches {@code end} at its end; returns and consumes it. */
  public String readUntil(Pattern end) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    synchronized (lock) {
      while (true) {
        Matcher m = end.matcher(buffer);
        if (m.find()) {
          String out = buffer.substring(0, m.end());
          buffer.delete(0, m.end());
          return out.replace("\r\n", "\n");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || eof) {
          throw new TimeoutException(
              (eof ? "shell closed" : "no prompt within " + TIMEOUT)
                  + "; output so far: "
                  + buffer);
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /**
   * Sends a line (as a terminal does, with CR) and returns the echoed line, output and next prompt.
   */
  public String send(String line) throws Exception {
    toShell.write((line + "\r").getBytes(StandardCharsets.UTF_8));
    toShell.flush();
    return readUntilPrompt();
  }

  /** Sends raw text and waits for output ending with {@code end}. */
  public String sendRaw(String text, Pattern end) throws Exception {
    toShell.write(text.getBytes(StandardCharsets.UTF_8));
    toShell.flush();
    return readUntil(end);
  }

  /** Sends a line and waits until the shell closes; returns the remaining output. */
  public String sendAndWaitClose(String line) throws Exception {
    toShell.write((line + "\r").getBytes(StandardCharsets.UTF_8));
    toShell.flush();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    synchronized (lock) {
      while (!eof) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("shell did not close; output: " + buffer);
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
      return buffer.toString().replace("\r\n", "\n");
    }
  }

  /** The server's host key as sent (base64 of the SSH public key blob). */
  public String hostKeyBase64() {
    return session.getHostKey().getKey();
  }

  public boolean shellClosed() {
    return shell.isClosed();
  }

  /** Result of an exec channel. */
  public record ExecResult(int status, String out) {}

  /** Runs a command on an exec channel (no PTY) and waits for its exit status. */
  public ExecResult exec(String command) throws Exception {
    ChannelExec ch = (ChannelExec) session.openChannel("exec");
    ch.setCommand(command);
    InputStream in = ch.getInputStream();
    ch.connect((int) TIMEOUT.toMillis());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!ch.isClosed()) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("exec channel not closed");
      }
      Thread.onSpinWait();
    }
    int status = ch.getExitStatus();
    ch.disconnect();
    return new ExecResult(status, out.toString(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    if (shell != null) {
      shell.disconnect();
    }
    session.disconnect();
  }
}
