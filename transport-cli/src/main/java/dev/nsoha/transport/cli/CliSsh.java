package dev.nsoha.transport.cli;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchHostKeyException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UIKeyboardInteractive;
import com.jcraft.jsch.UserInfo;
import dev.nsoha.core.error.AuthenticationException;
import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.core.io.PrivateFiles;
import dev.nsoha.core.spi.NodeEndpoint;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH half of a CLI session: connecting and authenticating with jsch (host keys checked against
 * the known_hosts file, password or key login), and mapping jsch's failures into the core hierarchy
 * with the fix in the message. {@link CliSession} opens its shell on the session this returns.
 * Stateless.
 */
final class CliSsh {
  private static final Logger log = LoggerFactory.getLogger(CliSsh.class);

  private CliSsh() {}

  /**
   * Connects and authenticates to the node's CLI port.
   *
   * @throws AuthenticationException when the node refuses the credentials
   * @throws UnreachableException when the node cannot be reached, or its host key is not trusted
   */
  static Session connect(NodeEndpoint ep, CliOptions options) {
    String where = ep.where(CliNodeClient.TRANSPORT);
    String hostPort = ep.address() + ":" + ep.cliPort();
    int connectMs = (int) Math.min(Integer.MAX_VALUE, ep.options().connectTimeout().toMillis());
    JSch jsch = new JSch();
    jsch.setInstanceLogger(new JschLogger());
    Path knownHosts = options.knownHostsFile();
    Session session = null;
    try {
      if (options.acceptUnknownHostKeys() && !Files.exists(knownHosts)) {
        // "Accept and remember" needs a file to remember in; jsch only writes to an existing one.
        PrivateFiles.touch(knownHosts);
      }
      if (Files.exists(knownHosts)) {
        jsch.setKnownHosts(knownHosts.toString());
      }
      if (options.sshKey().isPresent()) {
        Path key = options.sshKey().get();
        try {
          jsch.addIdentity(
              key.toString(),
              options.sshKeyPassphrase().map(p -> p.getBytes(StandardCharsets.UTF_8)).orElse(null));
        } catch (JSchException e) {
          throw new AuthenticationException(
              where,
              "load the SSH key",
              "cannot use the private key "
                  + key
                  + " ("
                  + firstLine(String.valueOf(e.getMessage()))
                  + "); is it an OpenSSH private key, and is its passphrase right?",
              e);
        }
      }
      session = jsch.getSession(ep.credentials().username(), ep.address(), ep.cliPort());
      if (options.sshKey().isEmpty()) {
        session.setPassword(ep.credentials().password().getBytes(StandardCharsets.UTF_8));
        session.setUserInfo(new PasswordOnly(ep.credentials().password()));
      }
      session.setConfig("StrictHostKeyChecking", options.acceptUnknownHostKeys() ? "no" : "yes");
      session.setConfig(
          "PreferredAuthentications",
          options.sshKey().isPresent() ? "publickey" : "password,keyboard-interactive");
      session.setServerAliveInterval(
          (int) Math.max(1000, Math.min(15_000L, ep.options().requestTimeout().toMillis())));
      session.setServerAliveCountMax(3);
      session.connect(connectMs);
    } catch (JSchException e) {
      String fingerprint = null;
      if (session != null) {
        HostKey offered = session.getHostKey();
        if (offered != null) {
          fingerprint = offered.getType() + " " + offered.getFingerPrint(jsch);
        }
        session.disconnect();
      }
      throw connectFailure(ep, options, where, hostPort, knownHosts, fingerprint, e);
    } catch (UncheckedIOException e) {
      throw new UnreachableException(
          where,
          "connect",
          "cannot prepare known_hosts file " + knownHosts + ": " + e.getMessage(),
          e);
    }

    return session;
  }

  private static NsoException connectFailure(
      NodeEndpoint ep,
      CliOptions options,
      String where,
      String hostPort,
      Path knownHosts,
      String fingerprint,
      JSchException e) {
    String msg = String.valueOf(e.getMessage());
    if (msg.startsWith("Auth fail") || msg.startsWith("Auth cancel")) {
      return new AuthenticationException(
          where,
          "log in",
          options.sshKey().isPresent()
              ? "the node refused the key "
                  + options.sshKey().get()
                  + " for user "
                  + ep.credentials().username()
              : "the node refused the password of user " + ep.credentials().username(),
          e);
    }
    if (e instanceof JSchHostKeyException) {
      return new UnreachableException(
          where,
          "connect",
          "the SSH host key of "
              + hostPort
              + " is not trusted by "
              + knownHosts
              + " ("
              + firstLine(msg)
              + (fingerprint == null ? "" : "; it offered " + fingerprint)
              + "), the nodes' CLI known_hosts file (--cli-known-hosts); check the fingerprint with"
              + " the node's administrator, then add the key with 'mkdir -p "
              + knownHosts.toAbsolutePath().getParent()
              + " && ssh-keyscan -p "
              + ep.cliPort()
              + " "
              + ep.address()
              + " >> "
              + knownHosts
              + "' (or accept unknown host keys for lab use)",
          e);
    }
    Throwable c = e.getCause();
    if (c instanceof ConnectException || msg.contains("Connection refused")) {
      return new UnreachableException(where, "connect", "connection refused by " + hostPort, e);
    }
    if (c instanceof SocketTimeoutException || msg.toLowerCase(Locale.ROOT).contains("timeout")) {
      return new UnreachableException(
          where,
          "connect",
          "no answer from "
              + hostPort
              + " within "
              + ep.options().connectTimeout().toMillis()
              + " ms",
          e);
    }
    if (c instanceof UnknownHostException) {
      return new UnreachableException(where, "connect", "unknown host " + ep.address(), e);
    }
    if (c instanceof NoRouteToHostException) {
      return new UnreachableException(where, "connect", "no route to " + hostPort, e);
    }
    if (msg.toLowerCase(Locale.ROOT).contains("connection reset")
        || msg.contains("connection is closed by foreign host")) {
      return new UnreachableException(
          where,
          "connect",
          hostPort
              + ": "
              + firstLine(msg)
              + ". The connection was dropped before SSH began: something other than NSO's CLI"
              + " may own that port (see 'ss -ltnp' on the node's host); give the nodes' CLI port"
              + " with --cli-port",
          e);
    }
    return new UnreachableException(where, "connect", hostPort + ": " + firstLine(msg), e);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /**
   * Answers password and keyboard-interactive prompts with the password; refuses every yes/no
   * question.
   */
  private static final class PasswordOnly implements UserInfo, UIKeyboardInteractive {
    private final String password;

    PasswordOnly(String password) {
      this.password = password;
    }

    @Override
    public String getPassphrase() {
      return null;
    }

    @Override
    public String getPassword() {
      return password;
    }

    @Override
    public boolean promptPassword(String message) {
      return true;
    }

    @Override
    public boolean promptPassphrase(String message) {
      return false;
    }

    @Override
    public boolean promptYesNo(String message) {
      return false;
    }

    @Override
    public void showMessage(String message) {
      log.debug("SSH server message: {}", message);
    }

    @Override
    public String[] promptKeyboardInteractive(
        String destination, String name, String instruction, String[] prompt, boolean[] echo) {
      String[] answers = new String[prompt.length];
      for (int i = 0; i < prompt.length; i++) {
        answers[i] = echo[i] ? "" : password;
      }
      return answers;
    }

    @Override
    public String toString() {
      return "PasswordOnly[***]";
    }
  }

  /** jsch's own log, at debug (errors at warn). */
  private static final class JschLogger implements com.jcraft.jsch.Logger {
    @Override
    public boolean isEnabled(int level) {
      return level >= ERROR ? log.isWarnEnabled() : log.isDebugEnabled();
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
}
