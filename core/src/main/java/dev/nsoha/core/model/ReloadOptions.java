package dev.nsoha.core.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Parameters of {@code packages reload} and of the {@code and-reload} container of {@code packages
 * ha sync}.
 *
 * @param waitCommitQueueEmpty {@code wait-commit-queue-empty}
 * @param maxWaitTime {@code max-wait-time}, whole seconds
 * @param force {@code force}
 */
public record ReloadOptions(
    boolean waitCommitQueueEmpty, Optional<Duration> maxWaitTime, boolean force) {
  public ReloadOptions {
    Objects.requireNonNull(maxWaitTime, "maxWaitTime");
  }

  public static ReloadOptions defaults() {
    return new ReloadOptions(false, Optional.empty(), false);
  }

  /** What the upgrade uses: {@code wait-commit-queue-empty}. */
  public static ReloadOptions waitForCommitQueue() {
    return new ReloadOptions(true, Optional.empty(), false);
  }
}
