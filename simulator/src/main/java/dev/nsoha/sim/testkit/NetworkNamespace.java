package dev.nsoha.sim.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace ({@code ip netns}) of a test's own, with only its loopback interface up, in
 * which a test runs a driver JVM: the simulated nodes it starts there, and the nftables rules it
 * adds there to cut a link, touch nothing of the host's network. The fault suite's HA link cut and
 * the HA Raft partition test use it. Needs root, iproute2's {@code ip} and {@code nft}; {@link
 * #unavailable()} says which is missing. Closing it kills what still runs inside and deletes it.
 * Not thread-safe.
 */
public final class NetworkNamespace implements AutoCloseable {
  private final String name;

  private NetworkNamespace(String name) {
    this.name = name;
  }

  /** Why this process cannot make network namespaces with nftables rules; empty when it can. */
  public static Optional<String> unavailable() {
    List<String> missing = new ArrayList<>();
    if (!ProcessHandle.current().info().user().map("root"::equals).orElse(false)) {
      missing.add("root");
    }
    if (!executable("ip")) {
      missing.add("iproute2's ip");
    }
    if (!executable("nft")) {
      missing.add("nft");
    }
    return missing.isEmpty()
        ? Optional.empty()
        : Optional.of("it needs " + String.join(", ", missing));
  }

  private static boolean executable(String tool) {
    return Files.isExecutable(Path.of("/usr/sbin", tool))
        || Files.isExecutable(Path.of("/sbin", tool));
  }

  /**
   * Creates the namespace {@code name} (unique on this host: put the test's pid in it) and brings
   * its loopback interface up; on a failure it deletes it again.
   */
  public static NetworkNamespace create(String name) throws IOException {
    run("ip", "netns", "add", name);
    NetworkNamespace ns = new NetworkNamespace(name);
    try {
      run("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
    } catch (IOException e) {
      ns.close();
      throw e;
    }
    return ns;
  }

  /** The namespace's name. */
  public String name() {
    return name;
  }

  /**
   * Runs {@code main} in a new JVM inside the namespace, on this JVM's class path, with its output
   * in {@code log}, and waits for it.
   *
   * @return the driver's exit code
   * @throws IOException naming the driver and quoting its output when it has not ended within
   *     {@code timeout} (it is then killed)
   */
  public int runJava(
      Class<?> main, List<String> jvmOptions, List<String> args, Path log, Duration timeout)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    cmd.addAll(args);
    Process p =
        new ProcessBuilder(cmd)
            .directory(Path.of("").toAbsolutePath().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly().waitFor();
      throw new IOException(
          main.getSimpleName() + " in " + name + " ran longer than " + timeout + ":\n" + read(log));
    }
    return p.exitValue();
  }

  /** A log file's text, or why it cannot be read. */
  public static String read(Path log) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(" + log + " cannot be read: " + e.getMessage() + ")";
    }
  }

  /** Kills whatever still runs in the namespace and deletes it. */
  @Override
  public void close() throws IOException {
    try {
      for (String pid : run("ip", "netns", "pids", name).split("\\s+")) {
        if (!pid.isBlank()) {
          new ProcessBuilder("kill", "-KILL", pid).start().waitFor();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      run("ip", "netns", "del", name);
    }
  }

  private static String run(String... cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code;
    try {
      code = p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(String.join(" ", cmd) + ": interrupted", e);
    }
    if (code != 0) {
      throw new IOException(String.join(" ", cmd) + ": exit " + code + ": " + out);
    }
    return out;
  }
}
