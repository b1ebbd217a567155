package dev.nsoha.sim.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.data.Transaction;
import dev.nsoha.sim.testkit.SimCluster;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures commit latency on a primary with two synchronous secondaries (printed, not asserted).
 */
class LatencyIT {
  @TempDir Path tmp;

  @Test
  void commitLatencyWithTwoSynchronousSecondaries() throws Exception {
    try (SimCluster c = SimCluster.builder().baseDir(tmp).start()) {
      int n = 200;
      long[] ns = new long[n];
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        try (Transaction t = c.node("n1").newTransaction("admin")) {
          t.setLeaf(
              DataPath.parseKeypath("/dummy:dummies/dummy{lat" + (i % 20) + "}/dummy"),
              "10.0." + (i / 250) + "." + (i % 250));
          t.commit();
        }
        ns[i] = System.nanoTime() - t0;
      }
      Arrays.sort(ns);
      double avg = Arrays.stream(ns).average().orElse(0) / 1e6;
      System.out.printf(
          "COMMIT LATENCY (2 synchronous secondaries, %d commits): avg %.2f ms, p50 %.2f ms, p95 %.2f ms, max %.2f ms%n",
          n, avg, ns[n / 2] / 1e6, ns[n * 95 / 100] / 1e6, ns[n - 1] / 1e6);
      assertThat(c.node("n3").transactionId()).isEqualTo(c.node("n1").transactionId());
    }
  }
}
