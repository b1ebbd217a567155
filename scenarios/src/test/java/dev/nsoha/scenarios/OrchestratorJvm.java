package dev.nsoha.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The program as its own JVM, with test hooks in its environment, so that it can be SIGKILLed. */
final class OrchestratorJvm {
  private static final Duration RUN_BOUND = Duration.ofMinutes(5);
  private static final Pattern STEP = Pattern.compile("^\\[\\s*\\d+/\\d+\\] (.+)$");

  private OrchestratorJvm() {}

  /** How one run ended. */
  record Outcome(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit "
          + code
          + "\n--- standard output ---\n"
          + out
          + "--- standard error ---\n"
          + err;
    }

    /** The titles of the steps this run reported done, or skipped because already in place. */
    Set<String> finishedSteps() {
      Set<String> out = new LinkedHashSet<>();
      String current = null;
      for (String line : out().lines().toList()) {
        Matcher m = STEP.matcher(line);
        if (m.matches()) {
          current = m.group(1);
        } else if (current != null
            && (line.startsWith("        done in ")
                || line.startsWith("        skipped, already in place"))) {
          out.add(current);
        }
      }
      return out;
    }
  }

  /**
   * Runs the program with {@code args} and the example cluster's node options, with {@code env}
   * added to its environment, and waits for it to end (at most five minutes).
   */
  static Outcome run(ExampleCluster cluster, Path dir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return run(cluster, dir, env, List.of(), RUN_BOUND, args);
  }

  /**
   * As above, with {@code jvmArgs} (a heap limit, say) given to the JVM, waiting at most {@code
   * bound}.
   */
  static Outcome run(
      ExampleCluster cluster,
      Path dir,
      Map<String, String> env,
      List<String> jvmArgs,
      Duration bound,
      String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    cmd.addAll(cluster.nodeArgs(dir.resolve("run")));
    Path out = Files.createTempFile(dir, "orchestrator", ".out");
    Path err = Files.createTempFile(dir, "orchestrator", ".err");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().remove(KillHook.ENV);
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError(
          "the orchestrator did not end within " + bound + ":\n" + Files.readString(out));
    }
    return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
