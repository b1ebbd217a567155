package dev.nsoha.sim.cli;

import dev.nsoha.sim.cli.ssh.CliSshServer;
import dev.nsoha.sim.cli.ssh.PublicKeyLogin;
import dev.nsoha.sim.conf.NcsConf;
import dev.nsoha.sim.node.NodeContext;
import dev.nsoha.sim.node.NorthboundService;
import dev.nsoha.sim.node.SimNode;
import dev.nsoha.sim.util.BindAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The node's SSH CLI as a {@link NorthboundService}: listens on {@code /ncs-config/cli/ssh}
 * (default port 2024) when enabled, in the style of {@code /ncs-config/cli/style} (J unless {@code
 * c}), with the prompts of {@code /ncs-config/cli/*prompt*}. The host key comes from {@code
 * /ncs-config/aaa/ssh-server-key-dir} when it holds one, otherwise from {@code
 * <state-dir>/cli-ssh/ssh_host_ecdsa_key} (generated once). Users may log in with a password or
 * with a key from {@code <run-dir>/homes/<user>/.ssh/authorized_keys} ({@link #userKeyDirs}).
 */
public final class CliNorthboundService implements NorthboundService {

  private CliSshServer server;

  /** For {@code ServiceLoader}. */
  public CliNorthboundService() {}

  @Override
  public String name() {
    return "cli";
  }

  @Override
  public void start(NodeContext ctx) throws IOException {
    NcsConf conf = ctx.conf();
    NcsConf.Listener l = conf.cliSsh();
    if (!l.enabled()) {
      return;
    }
    Optional<String> keyDir = conf.value("/ncs-config/aaa/ssh-server-key-dir");
    Path keys =
        keyDir
            .filter(s -> !s.isBlank() && !s.contains("${"))
            .map(s -> conf.runDir().resolve(s))
            .orElse(null);
    Duration idle = CliSshServer.Settings.DEFAULT_IDLE_TIMEOUT;
    Optional<String> idleText = conf.value("/ncs-config/cli/idle-timeout");
    if (idleText.isPresent()) {
      try {
        idle = Duration.parse(idleText.get());
      } catch (DateTimeParseException e) {
        throw new IOException("cli: bad /ncs-config/cli/idle-timeout: " + idleText.get(), e);
      }
    }
    SimNodeCliBackend backend = SimNodeCliBackend.of(ctx.node());
    server =
        CliSshServer.start(
            new CliSshServer.Settings(
                BindAddress.bindAddress("cli: /ncs-config/cli/ssh/ip", l.ip()),
                l.port(),
                CliConf.style(conf),
                CliConf.prompts(conf),
                conf.stateDir().resolve("cli-ssh").resolve("ssh_host_ecdsa_key"),
                keys,
                idle,
                userKeyDirs(conf, ctx.node())),
            backend);
  }

  /**
   * Where users' public keys are: the {@code ssh_keydir} of the user in the node's {@code /aaa:aaa}
   * users, else as {@link #userKeyDirs(NcsConf)} says; null when public-key login is off.
   */
  static Function<String, Path> userKeyDirs(NcsConf conf, SimNode node) throws IOException {
    Function<String, Path> fallback = userKeyDirs(conf);
    return fallback == null
        ? null
        : user -> node.sshKeyDir(user).orElseGet(() -> fallback.apply(user));
  }

  /**
   * Where users' public keys are, per ncs.conf {@code /ncs-config/aaa/ssh-pubkey-authentication}
   * ({@code none}, {@code local}, {@code system}; NSO's default {@code system}): null for {@code
   * none}, else, for a user without an {@code ssh_keydir} in AAA, {@code
   * <run-dir>/homes/<user>/.ssh}, the layout of NSO's {@code aaa_init.xml}.
   */
  static Function<String, Path> userKeyDirs(NcsConf conf) throws IOException {
    String text = conf.value("/ncs-config/aaa/ssh-pubkey-authentication").orElse("system");
    PublicKeyLogin.Mode mode;
    try {
      mode = PublicKeyLogin.Mode.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IOException(
          "cli: bad /ncs-config/aaa/ssh-pubkey-authentication: " + e.getMessage(), e);
    }
    if (mode == PublicKeyLogin.Mode.NONE) {
      return null;
    }
    Path homes = conf.runDir().resolve("homes");
    return user -> homes.resolve(user).resolve(".ssh");
  }

  /** The bound port, or -1 when not listening. */
  public int port() {
    return server == null ? -1 : server.port();
  }

  @Override
  public void close() {
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        // already stopped
      }
      server = null;
    }
  }
}
