package dev.nsoha.sim.cli;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the OpenSSH client ({@code /usr/bin/ssh}) non-interactively with password authentication:
 * the password comes from an {@code SSH_ASKPASS} helper script ({@code SSH_ASKPASS_REQUIRE=force}),
 * so it appears neither in arguments nor on a terminal.
 */
public final class OpenSsh {

  /** Result of one ssh run. */
  public record Result(int status, String out, String err) {}

  private final Path dir;

  public OpenSsh(Path dir) throws Exception {
    this.dir = dir;
    Files.createDirectories(dir);
    Path askpass = dir.resolve("askpass.sh");
    Files.writeString(
        askpass, "#!/bin/sh\nprintf '%s\\n' \"$CLI_TEST_PASSWORD\"\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
  }

  public static boolean available() {
    return new File("/usr/bin/ssh").canExecute();
  }

  /**
   * Makes an OpenSSH key pair without a passphrase with {@code ssh-keygen} ({@code type} {@code
   * ed25519} or {@code rsa}); returns the private key file ({@code .pub} beside it).
   */
  public static Path keygen(Path dir, String type, String name) throws Exception {
    Files.createDirectories(dir);
    Path key = dir.resolve(name);
    Process p =
        new ProcessBuilder(
                "/usr/bin/ssh-keygen", "-q", "-t", type, "-N", "", "-C", name, "-f", key.toString())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("ssh-keygen -t " + type + " failed: " + out);
    }
    return key;
  }

  /**
   * Runs {@code ssh -p port user@host command} with strict host key checking against our
   * known_hosts.
   */
  public Result run(
      String host, int port, String user, String password, boolean acceptNewHostKey, String command)
      throws Exception {
    return run(host, port, user, password, acceptNewHostKey, command, null);
  }

  /**
   * Runs {@code ssh -i key -p port user@host command} with public-key authentication only (no
   * password prompt, no agent) and strict host key checking against our known_hosts.
   */
  public Result runWithKey(
      String host, int port, String user, Path key, boolean acceptNewHostKey, String command)
      throws Exception {
    List<String> cmd =
        List.of(
            "/usr/bin/ssh",
            "-F",
            "/dev/null",
            "-i",
            key.toString(),
            "-p",
            String.valueOf(port),
            "-o",
            "UserKnownHostsFile=" + dir.resolve("known_hosts"),
            "-o",
            "StrictHostKeyChecking=" + (acceptNewHostKey ? "accept-new" : "yes"),
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "IdentityAgent=none",
            "-o",
            "PreferredAuthentications=publickey",
            "-o",
            "BatchMode=yes",
            "-o",
            "ConnectTimeout=10",
            "-T",
            user + "@" + host,
            command);
    return exec(new ProcessBuilder(cmd), null);
  }

  /**
   * As {@link #run(String, int, String, String, boolean, String)}; with {@code command} null, opens
   * the shell channel (no PTY) and feeds it {@code stdin}.
   */
  public Result run(
      String host,
      int port,
      String user,
      String password,
      boolean acceptNewHostKey,
      String command,
      String stdin)
      throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "/usr/bin/ssh",
                "-F",
                "/dev/null",
                "-p",
                String.valueOf(port),
                "-o",
                "UserKnownHostsFile=" + dir.resolve("known_hosts"),
                "-o",
                "StrictHostKeyChecking=" + (acceptNewHostKey ? "accept-new" : "yes"),
                "-o",
                "PubkeyAuthentication=no",
                "-o",
                "GSSAPIAuthentication=no",
                "-o",
                "PreferredAuthentications=password,keyboard-interactive",
                "-o",
                "NumberOfPasswordPrompts=1",
                "-o",
                "ConnectTimeout=10",
                "-T",
                user + "@" + host));
    if (command != null) {
      cmd.add(command);
    }
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("SSH_ASKPASS", dir.resolve("askpass.sh").toString());
    pb.environment().put("SSH_ASKPASS_REQUIRE", "force");
    pb.environment().put("DISPLAY", "none:0");
    pb.environment().put("CLI_TEST_PASSWORD", password);
    return exec(pb, stdin);
  }

  private Result exec(ProcessBuilder pb, String stdin) throws Exception {
    if (stdin == null) {
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    } else {
      Path in = dir.resolve("in.txt");
      Files.writeString(in, stdin);
      pb.redirectInput(in.toFile());
    }
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new TimeoutException("ssh did not finish; stderr: " + Files.readString(err));
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
