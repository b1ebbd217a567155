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

  private Reliability() {}

  /** One fault of {@code kind} injected; {@code converged} when the cluster converged after it. */
  static synchronized void fault(String kind, boolean converged) {
    long[] c = faults.computeIfAbsent(kind, k -> new long[2]);
    c[0]++;
    if (converged) {
      c[1]++;
    }
  }

  /** Every fault of {@code kind} injected so far converged (one rerun after a chain of faults). */
  static synchronized void converged(String kind) {
    long[] c = faults.computeIfAbsent(kind, k -> new long[2]);
    c[1] = c[0];
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
            Boolean.getBoolean("faults.full")
                ? "Matrix: the full one (`make reliability`): orchestrator kills at the start and in"
                    + " the middle of every step of both plans, each continued by a rerun; rollbacks"
                    + " from the start and from the middle of every step, and from a finished"
                    + " upgrade.\n\n"
                : "Matrix: the one `make test` runs: orchestrator kills at the start and in the"
                    + " middle of every step of both plans, each continued by a rerun; rollbacks"
                    + " from the middle of every step and from a finished upgrade.\n\n")
        .append("| Fault | Injected | Converged afterwards |\n")
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
        .append("| acknowledged writes lost | ")
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
