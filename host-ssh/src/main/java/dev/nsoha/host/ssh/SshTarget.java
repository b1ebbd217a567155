package dev.nsoha.host.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to reach a node's host over SSH: {@code user@address:port}, the private key to log in with
 * (key authentication only), and the known_hosts file its host key must be in.
 *
 * @param user the login user
 * @param address the host's address
 * @param port the SSH port
 * @param key the private key; empty: {@code ~/.ssh/id_ed25519}, {@code id_ecdsa} or {@code id_rsa},
 *     whichever exist
 * @param knownHosts the known_hosts file the host key is checked against
 * @param connectTimeout deadline for connecting and logging in
 */
public record SshTarget(
    String user,
    String address,
    int port,
    Optional<Path> key,
    Path knownHosts,
    Duration connectTimeout) {
  private static final Pattern SPEC =
      Pattern.compile("(?:([^@]+)@)?(\\[[^\\]]+\\]|[^:@]+)(?::(\\d+))?");

  public SshTarget {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(address, "address");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("SSH port " + port + " is out of range");
    }
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(knownHosts, "knownHosts");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
  }

  /**
   * Parses {@code [user@]address[:port]} (user defaults to the current user, port to 22).
   *
   * @throws IllegalArgumentException when the text is not of that form
   */
  public static SshTarget parse(
      String spec, Optional<Path> key, Path knownHosts, Duration connectTimeout) {
    Matcher m = SPEC.matcher(spec.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "SSH target '" + spec + "' is not user@address:port (e.g. admin@10.0.0.1:22)");
    }
    String user = m.group(1) != null ? m.group(1) : System.getProperty("user.name");
    String address = m.group(2).replaceAll("^\\[|\\]$", "");
    int port = m.group(3) != null ? Integer.parseInt(m.group(3)) : 22;
    return new SshTarget(user, address, port, key, knownHosts, connectTimeout);
  }

  /** The default known_hosts file, {@code ~/.ssh/known_hosts}. */
  public static Path defaultKnownHosts() {
    return Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
  }

  @Override
  public String toString() {
    return user + "@" + address + ":" + port;
  }
}
