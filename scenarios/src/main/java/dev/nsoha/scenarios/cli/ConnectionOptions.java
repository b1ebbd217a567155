package dev.nsoha.scenarios.cli;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.spi.Credentials;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.spi.TransportOptions;
import dev.nsoha.scenarios.Transports;
import dev.nsoha.transport.cli.CliOptions;
import dev.nsoha.transport.restconf.RestconfOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How to reach the nodes: transport, user, ports, TLS and SSH host keys. The password is never
 * taken from the command line, where {@code ps} would show it: it comes from a file or the
 * environment.
 */
public final class ConnectionOptions {
  public static final String PASSWORD_ENV = "NSO_PASSWORD";

  @Option(
      names = {"-t", "--transport"},
      paramLabel = "NAME",
      description =
          "Northbound interface: cli (NSO's CLI over SSH) or restconf (default: ${DEFAULT-VALUE}).")
  public String transport = "cli";

  @Option(
      names = {"-u", "--user"},
      paramLabel = "USER",
      description = "User on every node (default: ${DEFAULT-VALUE}).")
  String user = "admin";

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = {
        "File whose first line is the password. Without it the password comes from $"
            + PASSWORD_ENV
            + ",",
        "and without that it is 'admin', the NSO example's."
      })
  Path passwordFile;

  @Option(
      names = "--cli-port",
      paramLabel = "PORT",
      description = "NSO CLI SSH port (default: ${DEFAULT-VALUE}).")
  int cliPort = NodeEndpoint.DEFAULT_CLI_PORT;

  @Option(
      names = "--restconf-port",
      paramLabel = "PORT",
      description = "RESTCONF port (default: ${DEFAULT-VALUE}).")
  int restconfPort = NodeEndpoint.DEFAULT_RESTCONF_PORT;

  @Option(names = "--https", description = "Use HTTPS for RESTCONF.")
  boolean https;

  @Option(
      names = "--trust-store",
      paramLabel = "FILE",
      description = "PKCS12 or JKS trust store for HTTPS.")
  Path trustStore;

  @Option(
      names = "--trust-store-password-file",
      paramLabel = "FILE",
      description = "File holding the trust store's password.")
  Path trustStorePasswordFile;

  @Option(
      names = "--known-hosts",
      paramLabel = "FILE",
      description = "OpenSSH known_hosts file for the CLI transport (default: ~/.ssh/known_hosts).")
  Path knownHosts;

  @Option(
      names = "--accept-unknown-host-keys",
      description = "Lab use: accept and remember SSH host keys not yet known.")
  Boolean acceptUnknownHostKeys;

  @Option(
      names = "--request-timeout",
      paramLabel = "SECONDS",
      description = "Deadline for one request or CLI command (default: ${DEFAULT-VALUE}).")
  int requestTimeout = 60;

  /**
   * Uses {@code file} as the known_hosts file unless {@code --known-hosts} names one: the example
   * keeps the host keys of the nodes it creates next to them, not in the user's own known_hosts.
   */
  void defaultKnownHosts(Path file) {
    if (knownHosts == null) {
      knownHosts = file;
    }
  }

  /** The credentials, password from file or environment. */
  Credentials credentials() {
    String password;
    if (passwordFile != null) {
      password = firstLine(passwordFile, "password file");
    } else {
      password = System.getenv().getOrDefault(PASSWORD_ENV, "admin");
    }
    return new Credentials(user, password);
  }

  private static String firstLine(Path file, String what) {
    try {
      return Files.readAllLines(file).stream().findFirst().orElse("");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the " + what + " " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The CLI transport's options; {@code labDefault} decides whether unknown SSH host keys are
   * accepted when the flag was not given (true for the embedded example, false against real nodes).
   */
  CliOptions cliOptions(boolean labDefault) {
    return new CliOptions(
        Optional.ofNullable(knownHosts),
        acceptUnknownHostKeys != null ? acceptUnknownHostKeys : labDefault);
  }

  /** The RESTCONF transport's options: HTTPS and its trust store, when asked for. */
  RestconfOptions restconfOptions() {
    if (https || trustStore != null) {
      return RestconfOptions.https(
          trustStore,
          trustStorePasswordFile == null
              ? null
              : firstLine(trustStorePasswordFile, "trust store password file"));
    }
    return RestconfOptions.defaults();
  }

  /** The factory of the chosen transport, bound with that transport's own options. */
  public NodeClient.Factory factory(boolean labDefault) {
    return Transports.create(cliOptions(labDefault), restconfOptions()).factory(transport);
  }

  /** The deadlines every transport keeps. */
  TransportOptions transportOptions() {
    return TransportOptions.defaults()
        .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(requestTimeout));
  }

  /** The endpoint of one node of {@code spec}. */
  public NodeEndpoint endpoint(ClusterSpec.NodeSpec node) {
    return new NodeEndpoint(
        node.id(), node.address(), cliPort, restconfPort, credentials(), transportOptions());
  }
}
