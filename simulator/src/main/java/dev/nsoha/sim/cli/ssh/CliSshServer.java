package dev.nsoha.sim.cli.ssh;

import dev.nsoha.sim.cli.interpreter.CliBackend;
import dev.nsoha.sim.cli.interpreter.CliStyle;
import dev.nsoha.sim.cli.interpreter.Prompts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.RejectAllPublickeyAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NSO's CLI over SSH (Apache MINA SSHD): password authentication through the backend, public keys
 * from per-user {@code authorized_keys} files ({@link PublicKeyLogin}), an interactive shell
 * channel ({@link CliShell}) and an exec channel that runs the commands given on the ssh command
 * line ({@link CliExec}).
 *
 * <p>The host key is read from {@code ssh_host_rsa_key} or {@code ssh_host_ecdsa_key} in the
 * configured key directory if one is there and loadable; otherwise a key is generated once and kept
 * in {@code hostKeyFile}, so the key stays the same across restarts.
 */
public final class CliSshServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CliSshServer.class);

  /**
   * Server settings.
   *
   * @param host address to bind (loopback in tests and examples)
   * @param port TCP port (NSO default 2024); 0 picks a free port
   * @param style the style new sessions start in
   * @param prompts the prompt templates
   * @param hostKeyFile where the generated host key is kept
   * @param keyDir ncs.conf {@code /ncs-config/aaa/ssh-server-key-dir}, or null
   * @param idleTimeout ncs.conf {@code /ncs-config/cli/idle-timeout} (NSO default 30 minutes); zero
   *     disables it
   * @param userKeyDirs a user's SSH key directory (NSO's {@code ssh_keydir}, holding {@code
   *     authorized_keys}), null for a user without one; null turns public-key login off
   */
  public record Settings(
      String host,
      int port,
      CliStyle style,
      Prompts prompts,
      Path hostKeyFile,
      Path keyDir,
      Duration idleTimeout,
      Function<String, Path> userKeyDirs) {
    /** NSO's default CLI idle timeout. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);

    public Settings {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(style, "style");
      Objects.requireNonNull(prompts, "prompts");
      Objects.requireNonNull(hostKeyFile, "hostKeyFile");
      Objects.requireNonNull(idleTimeout, "idleTimeout");
    }

    /** Settings with the default idle timeout, without public-key login. */
    public Settings(
        String host, int port, CliStyle style, Prompts prompts, Path hostKeyFile, Path keyDir) {
      this(host, port, style, prompts, hostKeyFile, keyDir, DEFAULT_IDLE_TIMEOUT, null);
    }

    /** These settings with public-key login from the given key directories. */
    public Settings withUserKeyDirs(Function<String, Path> dirs) {
      return new Settings(host, port, style, prompts, hostKeyFile, keyDir, idleTimeout, dirs);
    }
  }

  private final SshServer sshd;
  private final Settings settings;

  private CliSshServer(SshServer sshd, Settings settings) {
    this.sshd = sshd;
    this.settings = settings;
  }

  /**
   * Starts the server.
   *
   * @throws IOException if the address cannot be bound (message names address and port)
   */
  public static CliSshServer start(Settings settings, CliBackend backend) throws IOException {
    SshServer sshd = SshServer.setUpDefaultServer();
    sshd.setHost(settings.host());
    sshd.setPort(settings.port());
    sshd.setKeyPairProvider(hostKeys(settings));
    // The shell echoes every typed character; without TCP_NODELAY each small write waits for the
    // client's
    // delayed ACK, about 40 ms per command.
    CoreModuleProperties.TCP_NODELAY.set(sshd, true);
    // MINA's own default (10 minutes) would cut a client's long-lived session; zero = never.
    CoreModuleProperties.IDLE_TIMEOUT.set(
        sshd, settings.idleTimeout().isZero() ? Duration.ofDays(3650) : settings.idleTimeout());
    sshd.setPasswordAuthenticator(
        (user, password, session) -> backend.authenticate(user, password));
    // MINA offers public keys by default (accepting none): set it explicitly either way.
    sshd.setPublickeyAuthenticator(
        settings.userKeyDirs() == null
            ? RejectAllPublickeyAuthenticator.INSTANCE
            : new PublicKeyLogin(settings.userKeyDirs()));
    Map<String, String> lastLogins = new ConcurrentHashMap<>();
    sshd.setShellFactory(
        channel -> new CliShell(backend, settings.style(), settings.prompts(), lastLogins));
    sshd.setCommandFactory(
        (channel, command) -> new CliExec(backend, settings.style(), settings.prompts(), command));
    try {
      sshd.start();
    } catch (IOException e) {
      try {
        sshd.stop(true);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IOException(
          "cannot start the CLI SSH server on "
              + settings.host()
              + ":"
              + settings.port()
              + ": "
              + e.getMessage(),
          e);
    }
    log.info("CLI SSH server listening on {}:{}", settings.host(), sshd.getPort());
    return new CliSshServer(sshd, settings);
  }

  private static KeyPairProvider hostKeys(Settings s) throws IOException {
    if (s.keyDir() != null) {
      List<Path> candidates = new ArrayList<>();
      for (String name : List.of("ssh_host_ecdsa_key", "ssh_host_rsa_key")) {
        Path p = s.keyDir().resolve(name);
        if (Files.isRegularFile(p)) {
          candidates.add(p);
        }
      }
      for (Path p : candidates) {
        try {
          FileKeyPairProvider provider = new FileKeyPairProvider(p);
          Iterable<KeyPair> keys = provider.loadKeys(null);
          if (keys.iterator().hasNext()) {
            log.debug("using host key {}", p);
            return provider;
          }
        } catch (Exception e) {
          log.warn("cannot use host key {} ({}); using a generated key", p, e.toString());
        }
      }
    }
    Path parent = s.hostKeyFile().toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    SimpleGeneratorHostKeyProvider gen = new SimpleGeneratorHostKeyProvider(s.hostKeyFile());
    gen.setAlgorithm("EC");
    gen.setKeySize(256);
    return gen;
  }

  /** The bound port. */
  public int port() {
    return sshd.getPort();
  }

  /** The bound address. */
  public SocketAddress address() {
    return new InetSocketAddress(settings.host(), sshd.getPort());
  }

  @Override
  public void close() throws IOException {
    sshd.stop(true);
  }
}
