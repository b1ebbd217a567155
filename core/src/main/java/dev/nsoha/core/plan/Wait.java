package dev.nsoha.core.plan;

import dev.nsoha.core.error.NodeUnresponsiveException;
import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.error.NsoTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition on live state: probe, test, and probe again after a short pause that grows
 * from {@link #firstPoll} to {@link #maxPoll}, until the condition holds or the deadline passes.
 * There are no fixed sleeps: the pause is only the poll interval between two observations. A probe
 * that throws counts as an observation (a restarting node is unreachable for a while), except a
 * {@link NodeUnresponsiveException}, which ends the wait at once (a hung node answers no later
 * probe); the timeout error names what was awaited and the last observed state.
 *
 * <pre>{@code
 * HaStatus s = Wait.until("n1 is primary with 2 connected secondaries", "n1", n1::haStatus,
 *     st -> st.isPrimary() && st.connectedSecondaries().size() == 2, HaStatus::summary, Duration.ofSeconds(60));
 * }</pre>
 */
public final class Wait {
  /**
   * The first pause between two probes. Short: most conditions a step waits for (a role taken, a
   * flag set) hold a few milliseconds after the command, and every step pays this pause once.
   */
  public static final Duration firstPoll = Duration.ofMillis(10);

  /** The longest pause between two probes. */
  public static final Duration maxPoll = Duration.ofMillis(250);

  private Wait() {}

  /** Listener for the observations a wait makes, e.g. to show progress. */
  public interface Observer {
    void observed(String condition, String state);
  }

  /**
   * Waits until {@code done} holds for what {@code probe} returns.
   *
   * @param condition the awaited condition in words, for messages
   * @param where the node (or nodes) the condition is about, for messages
   * @param probe reads the live state; may throw {@link NsoException} while the state is not
   *     readable
   * @param done the condition
   * @param describe renders an observation for the timeout message
   * @param timeout the deadline, from now
   * @return the first observation for which {@code done} holds
   * @throws NsoTimeoutException when the deadline passes, naming the condition and the last
   *     observation
   */
  public static <T> T until(
      String condition,
      String where,
      Supplier<T> probe,
      Predicate<? super T> done,
      Function<? super T, String> describe,
      Duration timeout) {
    return until(condition, where, probe, done, describe, timeout, null);
  }

  /**
   * As {@link #until(String, String, Supplier, Predicate, Function, Duration)}, reporting each
   * observation.
   */
  @SuppressWarnings("try") // the span only measures the wait
  public static <T> T until(
      String condition,
      String where,
      Supplier<T> probe,
      Predicate<? super T> done,
      Function<? super T, String> describe,
      Duration timeout,
      Observer observer) {
    Objects.requireNonNull(probe, "probe");
    try (NodeTime.Span span = NodeTime.enter()) {
      return poll(condition, where, probe, done, describe, timeout, observer);
    }
  }

  private static <T> T poll(
      String condition,
      String where,
      Supplier<T> probe,
      Predicate<? super T> done,
      Function<? super T, String> describe,
      Duration timeout,
      Observer observer) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = firstPoll.toNanos();
    String last = "nothing observed yet";
    while (true) {
      try {
        T value = probe.get();
        last = describe.apply(value);
        if (done.test(value)) {
          return value;
        }
      } catch (NodeUnresponsiveException e) {
        // A hung node does not answer the next probe either: no point in waiting it out.
        throw e;
      } catch (NsoException e) {
        last = e.code().name().toLowerCase(Locale.ROOT) + ": " + e.getMessage();
      }
      if (observer != null) {
        observer.observed(condition, last);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new NsoTimeoutException(
            where,
            "wait until " + condition,
            "not reached within " + format(timeout) + "; last observed: " + last);
      }
      LockSupport.parkNanos(Math.min(pause, left));
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new NsoTimeoutException(
            where, "wait until " + condition, "interrupted; last observed: " + last);
      }
      pause = Math.min(pause * 2, maxPoll.toNanos());
    }
  }

  static String format(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
  }
}
