package dev.nsoha.host.ssh;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A private OpenSSH {@code sshd} for tests: its own host key, client key, authorized_keys,
 * known_hosts and config in a directory of the test's, listening on a free port on the given
 * loopback addresses ({@code sshd -D -e -f CONFIG}); {@link #close()} stops it. The login user is
 * the user running the test, with the generated key.
 *
 * <p>Where {@code /usr/sbin/sshd} is missing the test is skipped with one message, except under CI
 * ({@code CI=true}), where it fails.
 */
public final class OpenSshd implements AutoCloseable {
  public static final Path SSHD = Path.of("/usr/sbin/sshd");

  private final Path dir;
  private final int port;
  private final List<String> addresses;
  private final Process process;

  private OpenSshd(Path dir, int port, List<String> addresses, Process process) {
    this.dir = dir;
    this.port = port;
    this.addresses = List.copyOf(addresses);
    this.process = process;
  }

  /** Skips the test (locally) or fails it (CI=true) when OpenSSH's sshd is not installed. */
  public static void requireSshd() {
    if (Files.isExecutable(SSHD) && Files.isExecutable(Path.of("/usr/bin/ssh-keygen"))) {
      return;
    }
    String msg =
        "OpenSSH's sshd is not installed ("
            + SSHD
            + "); install it with: apt-get install openssh-server";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(msg);
    }
    Assumptions.abort(msg + " (skipped)");
  }

  /** Starts sshd in {@code dir} on a free port on every address of {@code addresses}. */
  public static OpenSshd start(Path dir, List<String> addresses) throws IOException {
    requireSshd();
    Files.createDirectories(dir);
    keygen(dir.resolve("ssh_host_ed25519_key"));
    keygen(dir.resolve("id_ed25519"));
    keygen(dir.resolve("other_id_ed25519"));
    Files.copy(dir.resolve("id_ed25519.pub"), dir.resolve("authorized_keys"));
    if (isRoot() && !Files.isDirectory(Path.of("/run/sshd"))) {
      // sshd running as root needs its privilege separation directory (Debian's service makes it).
      Files.createDirectories(Path.of("/run/sshd"));
    }
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      StringBuilder conf = new StringBuilder();
      conf.append("Port ").append(port).append('\n');
      for (String a : addresses) {
        conf.append("ListenAddress ").append(a).append(':').append(port).append('\n');
      }
      conf.append("HostKey ")
          .append(dir.resolve("ssh_host_ed25519_key"))
          .append('\n')
          .append("PidFile ")
          .append(dir.resolve("sshd.pid"))
          .append('\n')
          .append("AuthorizedKeysFile ")
          .append(dir.resolve("authorized_keys"))
          .append('\n')
          .append("PubkeyAuthentication yes\n")
          .append("PasswordAuthentication no\n")
          .append("KbdInteractiveAuthentication no\n")
          .append("PermitRootLogin prohibit-password\n")
          .append("StrictModes no\n")
          .append("UsePAM no\n")
          .append("Subsystem sftp internal-sftp\n")
          .append("LogLevel VERBOSE\n");
      Path config = dir.resolve("sshd_config");
      Files.writeString(config, conf);
      Process p =
          new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("sshd.log").toFile())
              .start();
      OpenSshd d = new OpenSshd(dir, port, addresses, p);
      try {
        d.awaitListening(Duration.ofSeconds(15));
        d.writeKnownHosts();
        return d;
      } catch (IOException e) {
        last = e;
        d.close();
      }
    }
    throw last;
  }

  private void awaitListening(Duration timeout) throws IOException {
    long end = System.nanoTime() + timeout.toNanos();
    String state = "not started";
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IOException(
            "sshd exited with status "
                + process.exitValue()
                + ": "
                + Files.readString(dir.resolve("sshd.log")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(addresses.get(0), port), 200);
        return;
      } catch (IOException e) {
        state = e.toString();
      }
      try {
        process.waitFor(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    throw new IOException(
        "sshd did not listen on "
            + addresses.get(0)
            + ":"
            + port
            + " within "
            + timeout
            + ": "
            + state);
  }

  private void writeKnownHosts() throws IOException {
    String[] pub = Files.readString(dir.resolve("ssh_host_ed25519_key.pub")).strip().split("\\s+");
    StringBuilder sb = new StringBuilder();
    for (String a : addresses) {
      sb.append('[')
          .append(a)
          .append("]:")
          .append(port)
          .append(' ')
          .append(pub[0])
          .append(' ')
          .append(pub[1])
          .append('\n');
    }
    Files.writeString(knownHosts(), sb);
    Files.writeString(dir.resolve("empty_known_hosts"), "");
  }

  private static void keygen(Path file) throws IOException {
    if (Files.exists(file)) {
      return;
    }
    Process p =
        new ProcessBuilder(
                "ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-C",
                "nsoha-test",
                "-f",
                file.toString())
            .redirectErrorStream(true)
            .start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(
            "ssh-keygen failed for " + file + ": " + new String(p.getInputStream().readAllBytes()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  public String user() {
    return System.getProperty("user.name");
  }

  /** The client's private key, authorized by this sshd. */
  public Path clientKey() {
    return dir.resolve("id_ed25519");
  }

  /** A key this sshd does not accept. */
  public Path otherKey() {
    return dir.resolve("other_id_ed25519");
  }

  /** known_hosts with this sshd's host key for each of its addresses. */
  public Path knownHosts() {
    return dir.resolve("known_hosts");
  }

  /** A known_hosts file without this sshd's key. */
  public Path emptyKnownHosts() {
    return dir.resolve("empty_known_hosts");
  }

  /** What sshd logged, for failure messages. */
  public String log() {
    try {
      return Files.readString(dir.resolve("sshd.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
