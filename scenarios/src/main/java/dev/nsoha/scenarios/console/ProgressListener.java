package dev.nsoha.scenarios.console;

import dev.nsoha.core.plan.PlanEvent;
import dev.nsoha.core.plan.PlanListener;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Shows a running wait: what it waits for, how long it has run against its deadline, and the last
 * observed state, e.g. {@code waiting until n2 is primary: 0.8 s of 120 s, enabled secondary ro}.
 *
 * <p>On a terminal it is one line, drawn when the wait starts, redrawn every {@link #TICK} with the
 * time running (also while a probe blocks, for example on a node that is still starting) and erased
 * when the wait ends or anything else is printed, so the step list reads as without it. On anything
 * else (a CI log, a file) it is a plain line, first once a wait has run {@link #PLAIN_FIRST}, then
 * at most every {@link #PLAIN_EVERY}; short waits print nothing.
 *
 * <p>Register it before the listener that prints the steps, so that the line is erased before
 * anything else is printed. Thread-safe: the runner calls it from its thread, a daemon ticker from
 * another; {@link #close} stops the ticker.
 */
public final class ProgressListener implements PlanListener, AutoCloseable {
  /** How often the line is brought up to date. */
  public static final Duration TICK = Duration.ofMillis(100);

  /** How long a wait runs before a plain progress line is printed. */
  public static final Duration PLAIN_FIRST = Duration.ofSeconds(2);

  /** How often a plain progress line is printed at most. */
  public static final Duration PLAIN_EVERY = Duration.ofSeconds(5);

  private static final String INDENT = "        ";
  private static final String ERASE = "\r\u001B[K";

  private final Output output;
  private final int columns;
  private final LongSupplier nanos;
  private ScheduledExecutorService ticker;

  /** The wait in progress, or null. */
  private PlanEvent.WaitProgress current;

  /** {@link #nanos} when {@link #current} arrived. */
  private long currentAt;

  /** Whether another listener is printing a line now, so that the wait line must stay off. */
  private boolean suppressed;

  private boolean lineShown;
  private long lastPlainNanos = -1;

  /**
   * @param output where to print, and whether it is a terminal
   * @param columns the terminal's width, to keep the line on one row
   */
  public ProgressListener(Output output, int columns) {
    this(output, columns, System::nanoTime, true);
  }

  /** For tests: a clock of its own, and no ticker when {@code tick} is false ({@link #tick}). */
  ProgressListener(Output output, int columns, LongSupplier nanos, boolean tick) {
    this.output = output;
    this.columns = Math.max(20, columns);
    this.nanos = nanos;
    if (tick) {
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "progress");
                t.setDaemon(true);
                return t;
              });
      ticker.scheduleAtFixedRate(
          this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public synchronized void on(PlanEvent event) {
    if (event instanceof PlanEvent.WaitProgress e) {
      if (current == null || e.elapsed().isZero()) {
        lastPlainNanos = -1;
      }
      current = e;
      currentAt = nanos.getAsLong();
      suppressed = false;
      show();
    } else if (event instanceof PlanEvent.WaitEnded) {
      erase();
      current = null;
    } else if (event instanceof PlanEvent.PlanFinished) {
      erase();
      current = null;
      close();
    } else {
      // another listener prints a line now (a verbose "waiting until", a note, a step): keep out
      // of its way until the wait reports again
      erase();
      suppressed = true;
    }
  }

  /** Brings the line up to date; called by the ticker. */
  synchronized void tick() {
    if (current != null && !suppressed) {
      show();
    }
  }

  private void show() {
    Duration elapsed = current.elapsed().plusNanos(nanos.getAsLong() - currentAt);
    String text = text(current, elapsed);
    if (output.terminal()) {
      text = INDENT + text;
      if (text.length() > columns - 1) {
        text = text.substring(0, columns - 2) + "…";
      }
      output.out().print(ERASE + output.dim(text));
      output.out().flush();
      lineShown = true;
    } else if (elapsed.compareTo(PLAIN_FIRST) >= 0
        && (lastPlainNanos < 0 || nanos.getAsLong() - lastPlainNanos >= PLAIN_EVERY.toNanos())) {
      lastPlainNanos = nanos.getAsLong();
      output.out().println(INDENT + text);
      output.out().flush();
    }
  }

  /** The progress text of {@code e} after {@code elapsed}, without indentation or colour. */
  public static String text(PlanEvent.WaitProgress e, Duration elapsed) {
    return String.format(
        Locale.ROOT,
        "waiting until %s: %s of %s, %s",
        e.condition(),
        seconds(elapsed),
        seconds(e.timeout()),
        e.observed());
  }

  private void erase() {
    if (lineShown) {
      output.out().print(ERASE);
      output.out().flush();
      lineShown = false;
    }
  }

  /** {@code 0.8 s}, {@code 12.0 s}, {@code 120 s} (whole seconds from 100 s on). */
  static String seconds(Duration d) {
    double s = d.toMillis() / 1000.0;
    return s >= 100
        ? String.format(Locale.ROOT, "%.0f s", s)
        : String.format(Locale.ROOT, "%.1f s", s);
  }

  /** Stops the ticker. */
  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
      ticker = null;
    }
  }
}
