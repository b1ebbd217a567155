package dev.nsoha.transport.cli;

import java.util.Arrays;
import java.util.Locale;

/**
 * Measures a call's round trip: the first call (login included), then the median and 95th
 * percentile of 50 more.
 */
final class Latency {
  static final int RUNS = 50;

  private Latency() {}

  static String measure(String what, Runnable call) {
    long t0 = System.nanoTime();
    call.run();
    long first = System.nanoTime() - t0;
    long[] ns = new long[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long s = System.nanoTime();
      call.run();
      ns[i] = System.nanoTime() - s;
    }
    Arrays.sort(ns);
    return String.format(
        Locale.ROOT,
        "LATENCY haStatus over cli (%s): first call incl. login %.1f ms; then median %.2f ms, p95 %.2f ms, max %.2f ms"
            + " over %d calls",
        what,
        first / 1e6,
        ns[RUNS / 2] / 1e6,
        ns[RUNS * 95 / 100] / 1e6,
        ns[RUNS - 1] / 1e6,
        RUNS);
  }
}
