package dev.nsoha.scenarios;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the program in the test's JVM as a user runs it from a shell: {@link Main#run} with standard
 * output and standard error captured. The end-to-end tests share it, so that every one of them runs
 * the program the same way and reports a failed run the same way ({@link Outcome#toString()}).
 */
final class ProgramRun {
  /** What one run gave: the exit code and everything written to the two streams. */
  record Outcome(int code, String out, String err) {
    /** The exit code and both streams, for an assertion's description. */
    @Override
    public String toString() {
      return "exit code "
          + code
          + "\n--- standard output ---\n"
          + out
          + "--- standard error ---\n"
          + err;
    }
  }

  private ProgramRun() {}

  /** Runs the program with exactly {@code args}. */
  static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Outcome(code, out.toString(), err.toString());
  }

  /**
   * Runs the program with {@code args} followed by the example cluster's node options ({@link
   * ExampleCluster#nodeArgs}: addresses, IPC ports, installs, run root).
   */
  static Outcome on(ExampleCluster cluster, Path runRoot, String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(cluster.nodeArgs(runRoot));
    return run(all.toArray(String[]::new));
  }
}
