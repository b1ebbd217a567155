package dev.nsoha.host.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchHostKeyException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import dev.nsoha.core.error.AuthenticationException;
import dev.nsoha.core.error.HostException;
import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.error.NsoTimeoutException;
import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.host.install.Checksums;
import dev.nsoha.host.install.CommandRunner;
import dev.nsoha.host.install.ProcessRunner.Result;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands on a host over SSH with jsch: one session per host, opened on first use and kept,
 * an exec channel per command, SFTP for files. Only key authentication is offered; the host key
 * must be in the target's known_hosts file (StrictHostKeyChecking yes).
 *
 * <p>A command is sent as one shell line, {@code cd DIR && exec env K=V ... ARGV}, every word
 * single-quoted, so that arguments reach the host unchanged. Secrets (a sudo password) travel on
 * standard input, which is sent and then closed; they are never part of the line or the log.
 *
 * <p>Thread-safe: commands may run concurrently on the one session.
 */
public final class JschRunner implements CommandRunner {
  private static final Logger log = LoggerFactory.getLogger(JschRunner.class);
  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ssh-command-deadline");
            t.setDaemon(true);
            return t;
          });

  private final SshTarget target;
  private Session session;

  public JschRunner(SshTarget target) {
    this.target = target;
  }

  public SshTarget target() {
    return target;
  }

  @Override
  public String where() {
    return target.toString();
  }

  @Override
  public boolean isLocal() {
    return false;
  }

  /**
   * Connects now (if not connected yet), so that an unreachable host, a refused key or an unknown
   * host key surface before anything else.
   */
  public synchronized Session connect() {
    if (session != null && session.isConnected()) {
      return session;
    }
    JSch jsch = new JSch();
    jsch.setInstanceLogger(new JschLogger());
    Path known = target.knownHosts();
    Session s = null;
    try {
      if (!Files.isRegularFile(known)) {
        throw new UnreachableException(
            where(),
            "connect",
            "the SSH host key of "
                + target.address()
                + ":"
                + target.port()
                + " cannot be checked: no known_hosts file "
                + known
                + " for the hosts' SSH (--host-known-hosts); add the key, after checking its"
                + " fingerprint, with: "
                + keyscan(known));
      }
      jsch.setKnownHosts(known.toString());
      List<Path> keys = new ArrayList<>();
      if (target.key().isPresent()) {
        if (!Files.isRegularFile(target.key().get())) {
          throw new AuthenticationException(
              where(), "log in", "no private key file " + target.key().get());
        }
        keys.add(target.key().get());
      } else {
        for (String name : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
          Path p = Path.of(System.getProperty("user.home"), ".ssh", name);
          if (Files.isRegularFile(p)) {
            keys.add(p);
          }
        }
      }
      for (Path k : keys) {
        jsch.addIdentity(k.toString());
      }
      s = jsch.getSession(target.user(), target.address(), target.port());
      s.setConfig("StrictHostKeyChecking", "yes");
      s.setConfig("PreferredAuthentications", "publickey");
      preferKnownKeyTypes(jsch, s);
      s.setServerAliveInterval(10_000);
      s.setServerAliveCountMax(3);
      s.setDaemonThread(true);
      s.connect((int) Math.min(Integer.MAX_VALUE, target.connectTimeout().toMillis()));
      session = s;
      return s;
    } catch (JSchException e) {
      if (s != null) {
        s.disconnect();
      }
      throw connectFailure(e);
    }
  }

  /**
   * Puts the host key types that known_hosts holds for this host first, so that the server shows a
   * key that can be checked rather than another of its keys.
   */
  private void preferKnownKeyTypes(JSch jsch, Session s) {
    HostKeyRepository repo = jsch.getHostKeyRepository();
    String host =
        target.port() == 22 ? target.address() : "[" + target.address() + "]:" + target.port();
    HostKey[] known = repo.getHostKey(host, null);
    if (known == null || known.length == 0) {
      return;
    }
    Set<String> order = new LinkedHashSet<>();
    for (HostKey k : known) {
      order.add(k.getType());
    }
    String current = s.getConfig("server_host_key");
    if (current != null) {
      for (String t : current.split(",")) {
        order.add(t);
      }
    }
    s.setConfig("server_host_key", String.join(",", order));
  }

  private NsoException connectFailure(JSchException e) {
    String msg = String.valueOf(e.getMessage());
    String hostPort = target.address() + ":" + target.port();
    if (msg.startsWith("Auth fail") || msg.startsWith("Auth cancel")) {
      return new AuthenticationException(
          where(),
          "log in",
          hostPort
              + " refused the key of user "
              + target.user()
              + target.key().map(k -> " (" + k + ")").orElse(" (default keys in ~/.ssh)"),
          e);
    }
    if (e instanceof JSchHostKeyException) {
      return new UnreachableException(
          where(),
          "connect",
          "the SSH host key of "
              + hostPort
              + " is not in "
              + target.knownHosts()
              + " or does not match it ("
              + firstLine(msg)
              + ", the hosts' SSH known_hosts file (--host-known-hosts); check its fingerprint and"
              + " add it: "
              + keyscan(target.knownHosts())
              + ")",
          e);
    }
    Throwable c = e.getCause();
    if (c instanceof ConnectException || msg.contains("Connection refused")) {
      return new UnreachableException(where(), "connect", "connection refused by " + hostPort, e);
    }
    if (c instanceof SocketTimeoutException || msg.toLowerCase(Locale.ROOT).contains("timeout")) {
      return new UnreachableException(
          where(),
          "connect",
          "no answer from " + hostPort + " within " + target.connectTimeout().toMillis() + " ms",
          e);
    }
    if (c instanceof UnknownHostException) {
      return new UnreachableException(where(), "connect", "unknown host " + target.address(), e);
    }
    if (c instanceof NoRouteToHostException) {
      return new UnreachableException(where(), "connect", "no route to " + hostPort, e);
    }
    return new UnreachableException(where(), "connect", hostPort + ": " + firstLine(msg), e);
  }

  /** The shell line for an argument vector: {@code cd DIR && exec env K=V ... ARGV}. */
  static String commandLine(List<String> command, Path dir, Map<String, String> env) {
    StringBuilder sb = new StringBuilder();
    if (dir != null) {
      sb.append("cd ").append(quote(dir.toString())).append(" && ");
    }
    sb.append("exec ");
    if (!env.isEmpty()) {
      sb.append("env ");
      env.forEach(
          (k, v) -> {
            if (v.endsWith(HOST_PATH)) {
              sb.append(quote(k + "=" + v.substring(0, v.length() - HOST_PATH.length())))
                  .append("\":$PATH\" ");
            } else {
              sb.append(quote(k + "=" + v)).append(' ');
            }
          });
    }
    for (int i = 0; i < command.size(); i++) {
      sb.append(i == 0 ? "" : " ").append(quote(command.get(i)));
    }
    return sb.toString();
  }

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  @Override
  public Result run(
      String what,
      List<String> command,
      Path dir,
      Map<String, String> env,
      byte[] stdin,
      Duration timeout) {
    String line = commandLine(command, dir, env);
    log.debug("{}: {}", where(), line);
    Session s = connect();
    ChannelExec ch = null;
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> deadline = null;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OutputStream sink = new SynchronizedOutput(out);
    try {
      ch = (ChannelExec) s.openChannel("exec");
      ch.setCommand(line);
      ch.setInputStream(new ByteArrayInputStream(stdin == null ? new byte[0] : stdin));
      ch.setErrStream(sink, true);
      InputStream fromHost = ch.getInputStream();
      ch.connect((int) Math.min(Integer.MAX_VALUE, target.connectTimeout().toMillis()));
      ChannelExec channel = ch;
      deadline =
          WATCHDOG.schedule(
              () -> {
                timedOut.set(true);
                channel.disconnect();
              },
              timeout.toMillis(),
              TimeUnit.MILLISECONDS);
      byte[] buf = new byte[8192];
      int n;
      while ((n = fromHost.read(buf)) >= 0) {
        sink.write(buf, 0, n);
      }
      long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!ch.isClosed() && !timedOut.get() && System.nanoTime() < end) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
      }
      String text;
      synchronized (out) {
        text = out.toString(StandardCharsets.UTF_8);
      }
      if (timedOut.get()) {
        throw new NsoTimeoutException(
            where(),
            what,
            String.join(" ", command)
                + " did not finish within "
                + timeout.toSeconds()
                + " s; its output so far: "
                + lastLines(text));
      }
      int code = ch.isClosed() ? ch.getExitStatus() : -1;
      log.debug("{}: {} exited {}", where(), command.get(0), code);
      return new Result(code, text);
    } catch (JSchException | IOException e) {
      if (timedOut.get()) {
        throw new NsoTimeoutException(
            where(),
            what,
            String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
      }
      throw new HostException(
          where(), what, "cannot run " + command.get(0) + " over SSH: " + e.getMessage(), e);
    } finally {
      if (deadline != null) {
        deadline.cancel(false);
      }
      if (ch != null) {
        ch.disconnect();
      }
    }
  }

  @Override
  public void upload(Path local, Path remote) {
    String what = "copy " + local + " to " + remote;
    ChannelSftp sftp = sftp(what);
    String part = remote + ".part";
    try {
      sftp.put(local.toString(), part, ChannelSftp.OVERWRITE);
      try {
        sftp.rm(remote.toString());
      } catch (SftpException e) {
        // there was none
      }
      sftp.rename(part, remote.toString());
    } catch (SftpException e) {
      throw new HostException(where(), what, "SFTP: " + e.getMessage(), e);
    } finally {
      sftp.disconnect();
    }
  }

  @Override
  public String download(Path remote, Path local) {
    String what = "copy " + remote + " from the host to " + local;
    ChannelSftp sftp = sftp(what);
    Path part = local.resolveSibling(local.getFileName() + ".part");
    try {
      String sum;
      try (InputStream in = sftp.get(remote.toString());
          OutputStream out = Files.newOutputStream(part)) {
        sum = Checksums.copyWithSha256(in, out);
      }
      Files.move(part, local, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return sum;
    } catch (SftpException | IOException e) {
      throw new HostException(where(), what, "SFTP: " + e.getMessage(), e);
    } finally {
      sftp.disconnect();
    }
  }

  private ChannelSftp sftp(String what) {
    try {
      ChannelSftp c = (ChannelSftp) connect().openChannel("sftp");
      c.connect((int) Math.min(Integer.MAX_VALUE, target.connectTimeout().toMillis()));
      return c;
    } catch (JSchException e) {
      throw new HostException(where(), what, "cannot open SFTP: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (session != null) {
      session.disconnect();
      session = null;
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String lastLines(String text) {
    List<String> lines = text.strip().lines().toList();
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }

  /** Serialises writes of stdout (this thread) and stderr (jsch's thread) into one buffer. */
  private static final class SynchronizedOutput extends OutputStream {
    private final ByteArrayOutputStream out;

    SynchronizedOutput(ByteArrayOutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) {
      synchronized (out) {
        out.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      synchronized (out) {
        out.write(b, off, len);
      }
    }
  }

  /** jsch's own log, at debug (errors at warn). */
  private static final class JschLogger implements com.jcraft.jsch.Logger {
    @Override
    public boolean isEnabled(int level) {
      return level >= WARN ? log.isWarnEnabled() : log.isDebugEnabled();
    }

    @Override
    public void log(int level, String message) {
      if (level >= ERROR) {
        log.warn("jsch: {}", message);
      } else {
        log.debug("jsch: {}", message);
      }
    }
  }

  /**
   * The command that adds the host's key to {@code known}, creating its directory first (a new user
   * has no {@code ~/.ssh}).
   */
  private String keyscan(Path known) {
    Path parent = known.toAbsolutePath().getParent();
    return "mkdir -p "
        + parent
        + " && ssh-keyscan -p "
        + target.port()
        + " "
        + target.address()
        + " >> "
        + known;
  }
}
