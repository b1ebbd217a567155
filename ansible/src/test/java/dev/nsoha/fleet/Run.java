package dev.nsoha.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One command run to its end within a deadline, its output (both streams) kept in a file. */
record Run(List<String> command, int exitCode, String output, Path log) {

  /**
   * Runs {@code command} in {@code dir} with {@code env} added, calling {@code whileRunning} about
   * every 50 ms until it ends (a condition poll on the process, not a fixed sleep).
   */
  static Run of(
      List<String> command,
      Path dir,
      Map<String, String> env,
      Path log,
      Duration deadline,
      Consumer<Process> whileRunning)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process p = pb.start();
    long end = System.nanoTime() + deadline.toNanos();
    while (!p.waitFor(50, TimeUnit.MILLISECONDS)) {
      if (System.nanoTime() > end) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError(
            String.join(" ", command)
                + ": still running after "
                + deadline.toSeconds()
                + " s; its output so far:\n"
                + tail(Files.readString(log, StandardCharsets.UTF_8)));
      }
      whileRunning.accept(p);
    }
    return new Run(
        List.copyOf(command), p.exitValue(), Files.readString(log, StandardCharsets.UTF_8), log);
  }

  static Run of(List<String> command, Path dir, Map<String, String> env, Path log, Duration d)
      throws IOException, InterruptedException {
    return of(command, dir, env, log, d, p -> {});
  }

  /** The last 60 lines of {@code text}. */
  static String tail(String text) {
    String[] lines = text.split("\n");
    int from = Math.max(0, lines.length - 60);
    return String.join("\n", List.of(lines).subList(from, lines.length));
  }

  /** Fails with the output's tail unless the command exited with {@code expected}. */
  Run expect(int expected) {
    if (exitCode != expected) {
      throw new AssertionError(
          String.join(" ", command)
              + ": exit "
              + exitCode
              + ", expected "
              + expected
              + " (output: "
              + log
              + "):\n"
              + tail(output));
    }
    return this;
  }
}
