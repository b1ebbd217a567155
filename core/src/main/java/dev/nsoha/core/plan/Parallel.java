package dev.nsoha.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs one action per item at the same time, at most {@code maxParallel} at once, and returns when
 * all have finished. The first failure (in item order) is rethrown with the others added as
 * suppressed; the items that did not fail have completed by then, so the caller sees one consistent
 * end state rather than work still running in the background.
 */
public final class Parallel {
  private Parallel() {}

  /**
   * Applies {@code action} to every item, {@code maxParallel} at a time (all at once when it is 0
   * or at least the number of items).
   *
   * @throws RuntimeException the first failure, in item order
   */
  public static <T> void forEach(List<T> items, int maxParallel, Consumer<? super T> action) {
    if (items.isEmpty()) {
      return;
    }
    if (items.size() == 1) {
      action.accept(items.get(0));
      return;
    }
    int threads = maxParallel <= 0 ? items.size() : Math.min(maxParallel, items.size());
    ExecutorService exec =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "parallel-step");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(exec.submit(() -> action.accept(item)));
      }
      RuntimeException first = null;
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          RuntimeException r =
              e.getCause() instanceof RuntimeException re
                  ? re
                  : new IllegalStateException(e.getCause());
          if (e.getCause() instanceof Error err) {
            throw err;
          }
          if (first == null) {
            first = r;
          } else {
            first.addSuppressed(r);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          futures.forEach(x -> x.cancel(true));
          throw new IllegalStateException("interrupted while waiting for parallel work", e);
        }
      }
      if (first != null) {
        throw first;
      }
    } finally {
      exec.shutdownNow();
    }
  }
}
