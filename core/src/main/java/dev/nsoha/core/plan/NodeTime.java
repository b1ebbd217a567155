package dev.nsoha.core.plan;

import java.time.Duration;

/**
 * The time this process spends on the nodes: inside a request to a node, a command on a node's
 * host, or a wait for a node's state. Intervals that overlap (nodes worked on in parallel) count
 * once, so {@code wall time - total()} is the orchestrator's own overhead: start-up, planning,
 * journal, report and output.
 *
 * <pre>{@code
 * try (NodeTime.Span s = NodeTime.enter()) {
 *   return client.haStatus();
 * }
 * }</pre>
 */
public final class NodeTime {
  private static final Object lock = new Object();
  private static int active;
  private static long since;
  private static long total;

  private NodeTime() {}

  /** An interval spent on the nodes; close it when the call returns. */
  public interface Span extends AutoCloseable {
    @Override
    void close();
  }

  /** Starts an interval; nested and parallel intervals count once. */
  public static Span enter() {
    synchronized (lock) {
      if (active++ == 0) {
        since = System.nanoTime();
      }
    }
    return NodeTime::exit;
  }

  private static void exit() {
    synchronized (lock) {
      if (--active == 0) {
        total += System.nanoTime() - since;
      }
    }
  }

  /** Starts counting from zero (a new run in the same process). */
  public static void reset() {
    synchronized (lock) {
      total = 0;
      if (active > 0) {
        since = System.nanoTime();
      }
    }
  }

  /** The time spent on the nodes so far, including an interval still open. */
  public static Duration total() {
    synchronized (lock) {
      return Duration.ofNanos(total + (active > 0 ? System.nanoTime() - since : 0));
    }
  }
}
