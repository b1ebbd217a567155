package dev.nsoha.transport.restconf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.testkit.SimLiveCluster;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Round-trip latency of the HA status read ({@code GET
 * .../tailf-ncs:high-availability?content=nonconfig}) over RESTCONF against a simulator node, on
 * one pooled connection. The figures are printed, not asserted; what the calls return is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestconfLatencyIT {
  private static final int WARM_UP = 20;
  private static final int SAMPLES = 200;

  private SimLiveCluster cluster;

  @BeforeAll
  void start() throws Exception {
    cluster = SimLiveCluster.start();
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void haStatusRoundTrip() {
    try (NodeClient n1 =
        new RestconfNodeClientFactory().create(cluster.endpoint(NodeId.of("n1")))) {
      for (int i = 0; i < WARM_UP; i++) {
        n1.haStatus();
      }
      long[] micros = new long[SAMPLES];
      HaStatus last = null;
      for (int i = 0; i < SAMPLES; i++) {
        long t0 = System.nanoTime();
        last = n1.haStatus();
        micros[i] = (System.nanoTime() - t0) / 1_000;
      }
      assertThat(last.isPrimary()).isTrue();
      Arrays.sort(micros);
      double mean = Arrays.stream(micros).average().orElse(0);
      System.out.printf(
          Locale.ROOT,
          "RESTCONF HA status round trip over the simulator (%d calls after %d warm-up, one connection): "
              + "mean %.2f ms, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          SAMPLES,
          WARM_UP,
          mean / 1000.0,
          pct(micros, 50),
          pct(micros, 95),
          pct(micros, 99),
          micros[micros.length - 1] / 1000.0);
    }
  }

  @Test
  void actionWithABodyRoundTrip() {
    // The read-only action with a JSON body, switched on and off in turn: each call must take
    // effect on the node (read back after the samples), and its round trip is printed.
    try (NodeClient n1 =
        new RestconfNodeClientFactory().create(cluster.endpoint(NodeId.of("n1")))) {
      for (int i = 0; i < WARM_UP; i++) {
        n1.setReadOnly(false);
      }
      long[] micros = new long[SAMPLES];
      for (int i = 0; i < SAMPLES; i++) {
        boolean on = i % 2 == 0;
        long t0 = System.nanoTime();
        n1.setReadOnly(on);
        micros[i] = (System.nanoTime() - t0) / 1_000;
        if (i == SAMPLES - 2 || i == SAMPLES - 1) {
          assertThat(n1.haStatus().readOnly())
              .as("read-only after set-read-only %s", on)
              .isEqualTo(on);
        }
      }
      n1.setReadOnly(false);
      assertThat(n1.haStatus().readOnly()).isFalse();
      Arrays.sort(micros);
      double mean = Arrays.stream(micros).average().orElse(0);
      System.out.printf(
          Locale.ROOT,
          "RESTCONF read-only action (POST with body) round trip: mean %.2f ms, p50 %.2f ms, p95 %.2f ms%n",
          mean / 1000.0,
          pct(micros, 50),
          pct(micros, 95));
    }
  }

  private static double pct(long[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
  }
}
