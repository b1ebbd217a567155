package dev.nsoha.scenarios.cli;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.spi.Credentials;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.spi.TransportOptions;
import dev.nsoha.scenarios.Transports;
import dev.nsoha.scenarios.console.Secrets;
import dev.nsoha.scenarios.input.UsageException;
import dev.nsoha.transport.cli.CliOptions;
import dev.nsoha.transport.restconf.RestconfOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * How to reach the nodes: transport, user, ports, TLS and SSH host keys. The password is never
 * taken from the command line, where {@code ps} would show it: it comes from a file or the
 * environment.
 */
public final class ConnectionOptions {
  public static final String PASSWORD_ENV = "NSO_PASSWORD";
  public static final String SSH_KEY_PASSPHRASE_ENV = "NSO_SSH_KEY_PASSPHRASE";

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
      description =
          "File whose first line is the password (default: the password in $"
              + PASSWORD_ENV
              + ", and without that 'admin', the NSO example's).")
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

  @Option(
      names = "--https",
      description =
          "Use RESTCONF over TLS, on --restconf-tls-port. The nodes' certificates must be signed by"
              + " a CA in --trust-store (or the JVM's trust) and name the node's address; there is no"
              + " option to trust every certificate. With the example, a CA is made for the run and"
              + " the nodes serve RESTCONF over TLS only (default: off, plain HTTP).")
  public boolean https;

  @Option(
      names = "--restconf-tls-port",
      paramLabel = "PORT",
      description = "RESTCONF over TLS port, used with --https (default: ${DEFAULT-VALUE}, NSO's).")
  public int restconfTlsPort = 8888;

  @Option(
      names = "--trust-store",
      paramLabel = "FILE",
      description =
          "The CA certificates trusted for HTTPS: a PEM file, or a PKCS12 or JKS trust store"
              + " (default: the Java runtime's).")
  Path trustStore;

  @Option(
      names = "--trust-store-password-file",
      paramLabel = "FILE",
      description = "File holding the trust store's password (default: none).")
  Path trustStorePasswordFile;

  @Option(
      names = "--tls-pin",
      paramLabel = "sha256/BASE64",
      description =
          "Accept this certificate (the SHA-256 of its public key, as a refusal prints it) for a"
              + " node whose certificate names another host. The certificate must still be signed"
              + " by a trusted CA and be valid. May be repeated (default: none).")
  List<String> tlsPins = new ArrayList<>();

  @Option(
      names = "--ssh-key",
      paramLabel = "FILE",
      description =
          "Log in to the CLI with this private key (OpenSSH format, ed25519 or RSA) instead of a"
              + " password. Its passphrase, if any, comes from --ssh-key-passphrase-file or $"
              + SSH_KEY_PASSPHRASE_ENV
              + ", never from the command line. The file must be readable by you only (default: none,"
              + " password login).")
  Path sshKey;

  @Option(
      names = "--ssh-key-passphrase-file",
      paramLabel = "FILE",
      description = "File whose first line is the SSH key's passphrase (default: none).")
  Path sshKeyPassphraseFile;

  @Option(
      names = {"--cli-known-hosts", "--known-hosts"},
      paramLabel = "FILE",
      description =
          "The known_hosts file for the SSH keys of the nodes' own CLI (--transport cli, port"
              + " --cli-port); not the hosts', whose keys are in --host-known-hosts. --known-hosts"
              + " is the old name (default: ~/.ssh/known_hosts; for the example,"
              + " <run-root>/known_hosts).")
  Path knownHosts;

  @Option(
      names = "--accept-unknown-host-keys",
      description =
          "Lab use: accept and remember SSH host keys not yet known (default: off; on for the"
              + " example's own nodes).")
  Boolean acceptUnknownHostKeys;

  @Option(
      names = "--request-timeout",
      paramLabel = "SECONDS",
      description =
          "Deadline in seconds for one request or CLI command (default: ${DEFAULT-VALUE}).")
  int requestTimeout = 60;

  @Option(
      names = TransportOptions.MAX_REPLY_OPTION,
      paramLabel = "MIB",
      description =
          "The largest reply read whole, in MiB: HA status, packages, a subtree (default:"
              + " ${DEFAULT-VALUE}). The whole running configuration streams and has no limit.")
  int maxReplyMib = (int) (TransportOptions.DEFAULT_MAX_REPLY_BYTES / (1024 * 1024));

  /**
   * Uses {@code file} as the known_hosts file unless {@code --known-hosts} names one: the example
   * keeps the host keys of the nodes it creates next to them, not in the user's own known_hosts.
   */
  void defaultKnownHosts(Path file) {
    if (knownHosts == null) {
      knownHosts = file;
    }
  }

  /**
   * Trusts the CA certificate in {@code pemFile} for HTTPS unless {@code --trust-store} names a
   * trust store: the example trusts the CA it made for the run, and nothing else.
   */
  public void defaultTrustStore(Path pemFile) {
    if (trustStore == null) {
      trustStore = pemFile;
    }
  }

  /** The credentials, password from file or environment. */
  Credentials credentials() {
    String password;
    if (passwordFile != null) {
      SecretFiles.requirePrivate(passwordFile, "password file");
      password = firstLine(passwordFile, "password file");
    } else {
      password = System.getenv().getOrDefault(PASSWORD_ENV, "admin");
    }
    Secrets.register(password);
    return new Credentials(user, password);
  }

  private static String secret(String value) {
    Secrets.register(value);
    return value;
  }

  static String firstLine(Path file, String what) {
    try {
      return Files.readAllLines(file).stream().findFirst().orElse("");
    } catch (IOException e) {
      throw new UsageException("cannot read the " + what + " " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The CLI transport's options; {@code labDefault} decides whether unknown SSH host keys are
   * accepted when the flag was not given (true for the embedded example, false against real nodes).
   */
  CliOptions cliOptions(boolean labDefault) {
    CliOptions o =
        new CliOptions(
            Optional.ofNullable(knownHosts),
            acceptUnknownHostKeys != null ? acceptUnknownHostKeys : labDefault);
    if (sshKey != null) {
      SecretFiles.requirePrivate(sshKey, "SSH key");
      String passphrase;
      if (sshKeyPassphraseFile != null) {
        SecretFiles.requirePrivate(sshKeyPassphraseFile, "passphrase file");
        passphrase = secret(firstLine(sshKeyPassphraseFile, "passphrase file"));
      } else {
        passphrase = System.getenv(SSH_KEY_PASSPHRASE_ENV);
        if (passphrase != null) {
          secret(passphrase);
        }
      }
      o = o.withSshKey(sshKey.toAbsolutePath(), passphrase);
    }
    return o;
  }

  /** The RESTCONF transport's options: HTTPS, its trust store and pinned certificates. */
  RestconfOptions restconfOptions() {
    for (String pin : tlsPins) {
      if (!pin.matches("sha256/[A-Za-z0-9+/]{43}=")) {
        throw new UsageException(
            "--tls-pin " + pin + ": expected sha256/ and 44 base64 characters");
      }
    }
    if (https || trustStore != null) {
      return RestconfOptions.https(
              trustStore,
              trustStorePasswordFile == null
                  ? null
                  : secret(firstLine(trustStorePasswordFile, "trust store password file")))
          .withPinnedCertificates(Set.copyOf(tlsPins));
    }
    return RestconfOptions.defaults().withPinnedCertificates(Set.copyOf(tlsPins));
  }

  /**
   * The factory of the chosen transport with that transport's own options, from the one injector of
   * this process.
   */
  public NodeClient.Factory factory(boolean labDefault) {
    return Transports.shared().factory(transport, cliOptions(labDefault), restconfOptions());
  }

  /** The deadlines every transport keeps. */
  TransportOptions transportOptions() {
    return TransportOptions.defaults()
        .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(requestTimeout))
        .withMaxReplyBytes((long) maxReplyMib * 1024 * 1024);
  }

  /** The endpoint of one node of {@code spec}. */
  public NodeEndpoint endpoint(ClusterSpec.NodeSpec node) {
    return new NodeEndpoint(
        node.id(),
        node.address(),
        cliPort,
        https ? restconfTlsPort : restconfPort,
        credentials(),
        transportOptions());
  }
}
