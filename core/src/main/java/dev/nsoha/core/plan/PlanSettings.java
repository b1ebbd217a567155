package dev.nsoha.core.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * Deadlines for a plan's waits.
 *
 * @param haTimeout how long to wait for an HA role change or a secondary to connect; must exceed
 *     the failover time (reconnect-interval × reconnect-attempts) where a step relies on failover
 * @param startTimeout how long a node may take to stop or start
 * @param reloadTimeout how long a package reload or sync may take
 */
public record PlanSettings(Duration haTimeout, Duration startTimeout, Duration reloadTimeout) {
  public PlanSettings {
    Objects.requireNonNull(haTimeout, "haTimeout");
    Objects.requireNonNull(startTimeout, "startTimeout");
    Objects.requireNonNull(reloadTimeout, "reloadTimeout");
  }

  public static PlanSettings defaults() {
    return new PlanSettings(
        Duration.ofSeconds(120), Duration.ofSeconds(120), Duration.ofSeconds(300));
  }
}
