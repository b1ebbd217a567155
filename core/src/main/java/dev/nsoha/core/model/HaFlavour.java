package dev.nsoha.core.model;

import java.util.Locale;

/**
 * Which of NSO's two HA mechanisms a node runs: rule-based HA ({@code /high-availability}), HA Raft
 * ({@code /ha-raft}), or neither. NSO runs at most one at a time. Not to be confused with {@link
 * HaMode}, the role a node holds inside rule-based HA.
 */
public enum HaFlavour {
  /** Rule-based HA is enabled: primary, secondaries, failover. */
  RULE_BASED,
  /** HA Raft is enabled: a leader and followers with majority commit. */
  RAFT,
  /** Neither HA mechanism is enabled. */
  NONE;

  /**
   * The name used in messages and on the command line: {@code rule-based}, {@code raft}, {@code
   * none}.
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
