package dev.nsoha.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fault-injection suite's figures: faults injected per kind, runs that converged afterwards,
 * acknowledged writes of the write probe and how many of them were lost, and the longest
 * write-unavailable window. Written as a Markdown table to {@code target/reliability.md}; {@code
 * make reliability} copies it into {@code docs/reliability.md}.
 */
final class Reliability {
  private static final Map<String, long[]> faults = new TreeMap<>();
  private static long acked;
  private static long lost;
  private static Duration longestGap = Duration.ZERO;
  private static String longestGapWhere = "n/a";
  private static final long started = System.nanoTime();
  private static long judgements;

  private Reliability() {}

  /** One fault of {@code kind} injected. */
  static synchronized void fault(String kind) {
    faults.computeIfAbsent(kind, k -> new long[2])[0]++;
  }

  /**
   * {@code n} more faults of {@code kind} converged: the independent {@link ClusterReader} judged
   * the cluster after them and found it whole. Nothing else counts a fault as converged.
   */
  static synchronized void converged(String kind, int n) {
    long[] c = faults.computeIfAbsent(kind, k -> new long[2]);
    c[1] = Math.min(c[0], c[1] + n);
  }

  /** {@code n} more judgements of the reader passed (after kills, reruns and rollbacks). */
  static synchronized void judged(int n) {
    judgements += n;
  }

  /** A write probe's result over one part of the suite. */
  static synchronized void probe(String where, long acknowledged, long missing, Duration gap) {
    acked += acknowledged;
    lost += missing;
    if (gap.compareTo(longestGap) > 0) {
      longestGap = gap;
      longestGapWhere = where;
    }
  }

  /** The 1, 5 and 15 minute load averages of this machine, or {@code n/a}. */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
      return f[0] + " / " + f[1] + " / " + f[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  /** Writes the table to {@code target/reliability.md} of the module. */
  static synchronized void write() {
    StringBuilder b = new StringBuilder();
    b.append("# Reliability figures\n\n")
        .append(
            "Produced by the fault-injection suite (`scenarios/src/test/java/dev/nsoha/scenarios/")
        .append("FaultIT.java`) against simulated three-node clusters; regenerate with ")
        .append("`make reliability`. See `docs/fault-injection.md` for what each fault is and ")
        .append("how it is injected.\n\n")
        .append("Last run: ")
        .append(Instant.now().toString(), 0, 19)
        .append("Z, suite time ")
        .append(String.format("%.0f s", (System.nanoTime() - started) / 1e9))
        .append(", load average at the end ")
        .append(loadAverage())
        .append(".\n\n")
        .append(
            System.getProperty("faults.steps") != null
                    || System.getProperty("faults.rollback") != null
                ? "Matrix: a partial one, chosen with -Dfaults.steps="
                    + System.getProperty("faults.steps", "(all)")
                    + " -Dfaults.rollback="
                    + System.getProperty("faults.rollback", "(default)")
                    + " (not a figure to publish).\n\n"
                : Boolean.getBoolean("faults.full")
                    ? "Matrix: the full one (`make reliability`): orchestrator kills at the start and in"
                        + " the middle of every step of both plans, each continued by a rerun; rollbacks"
                        + " from the start and from the middle of every step, and from a finished"
                        + " upgrade.\n\n"
                    : "Matrix: the one `make test` runs: orchestrator kills at the start and in the"
                        + " middle of every step of both plans, each continued by a rerun; rollbacks"
                        + " from representative steps (see `docs/fault-injection.md`) and from a"
                        + " finished upgrade.\n\n")
        .append("Judge: a fault counts as converged only when the independent reader ")
        .append(ClusterReader.NAME)
        .append(" read every node afterwards and found nominal roles, every secondary connected,")
        .append(
            " the primary writable and no node in read-only mode, the expected version and packages up, and every node's")
        .append(" configuration holding the original one and every acknowledged write. The reader")
        .append(" shares no code with the program's own verification. Judgements passed: ")
        .append(judgements)
        .append(".\n\n")
        .append("| Fault | Injected | Converged afterwards (judged by the reader) |\n")
        .append("|---|---:|---:|\n");
    long total = 0;
    long conv = 0;
    for (Map.Entry<String, long[]> e : faults.entrySet()) {
      b.append("| ")
          .append(e.getKey())
          .append(" | ")
          .append(e.getValue()[0])
          .append(" | ")
          .append(e.getValue()[1])
          .append(" |\n");
      total += e.getValue()[0];
      conv += e.getValue()[1];
    }
    b.append("| **all** | **")
        .append(total)
        .append("** | **")
        .append(conv)
        .append("** |\n\n")
        .append("| Write probe | Value |\n")
        .append("|---|---:|\n")
        .append("| acknowledged writes | ")
        .append(acked)
        .append(" |\n")
        .append("| acknowledged writes lost (read back from every node by the reader) | ")
        .append(lost)
        .append(" |\n")
        .append("| longest write-unavailable window | ")
        .append(String.format("%.2f s (%s)", longestGap.toMillis() / 1000.0, longestGapWhere))
        .append(" |\n");
    try {
      Path out = Path.of("target/reliability.md");
      Files.createDirectories(out.getParent());
      Files.writeString(out, b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
