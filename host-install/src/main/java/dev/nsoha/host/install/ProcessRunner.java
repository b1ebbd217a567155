package dev.nsoha.host.install;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.error.NsoTimeoutException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a local tool with a deadline and captures its output. Output goes to a temporary file rather
 * than a pipe, so a daemon that a tool leaves running (as {@code ncs} does) cannot hold the caller
 * up by keeping a pipe open.
 */
public final class ProcessRunner {
  private static final Logger log = LoggerFactory.getLogger(ProcessRunner.class);

  private ProcessRunner() {}

  /** A finished run: exit status and the combined standard output and error. */
  public record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** The last {@code n} lines of output, for error messages. */
    public String tail(int n) {
      List<String> lines = output.strip().lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
  }

  /**
   * Runs {@code command} in {@code dir} with {@code env} added to this process's environment.
   *
   * @param where the node, for messages
   * @param what the operation, for messages
   * @throws HostException when the tool cannot be started
   * @throws NsoTimeoutException when it does not finish within {@code timeout} (it is then killed)
   */
  public static Result run(
      String where,
      String what,
      List<String> command,
      Path dir,
      Map<String, String> env,
      Duration timeout) {
    return run(where, what, command, dir, env, null, timeout);
  }

  /**
   * Runs {@code command} as {@link #run(String, String, List, Path, Map, Duration)} does, with
   * {@code stdin} (may be null: none) written to its standard input and then closed. Standard input
   * is how a secret such as a sudo password reaches a tool: never its arguments.
   */
  public static Result run(
      String where,
      String what,
      List<String> command,
      Path dir,
      Map<String, String> env,
      byte[] stdin,
      Duration timeout) {
    Path out = null;
    try {
      out = Files.createTempFile("nsoha-tool-", ".out");
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .redirectInput(
                  stdin == null
                      ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                      : ProcessBuilder.Redirect.PIPE);
      pb.environment().putAll(env);
      log.debug("{}: running {} in {}", where, command, dir);
      Process p = pb.start();
      if (stdin != null) {
        try (OutputStream in = p.getOutputStream()) {
          in.write(stdin);
        } catch (IOException e) {
          log.debug("{}: {} closed its standard input early", where, command.get(0), e);
        }
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        String sofar = Files.readString(out, StandardCharsets.UTF_8);
        throw new NsoTimeoutException(
            where,
            what,
            String.join(" ", command)
                + " did not finish within "
                + timeout.toSeconds()
                + " s; its output so far: "
                + lastLines(sofar));
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      log.debug("{}: {} exited {}", where, command.get(0), p.exitValue());
      return new Result(p.exitValue(), text);
    } catch (IOException e) {
      throw new HostException(
          where, what, "cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostException(where, what, "interrupted while running " + command.get(0), e);
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          log.debug("cannot delete {}", out, e);
        }
      }
    }
  }

  private static String lastLines(String text) {
    List<String> lines = text.strip().lines().toList();
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }
}
