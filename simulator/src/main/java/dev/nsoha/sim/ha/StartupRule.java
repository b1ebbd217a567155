package dev.nsoha.sim.ha;

/**
 * The start-up rule table of rule-based HA (reference §2.2): what a node does when HA is enabled,
 * or when it starts with HA enabled, from {@code settings/start-up/assume-nominal-role}, {@code
 * settings/start-up/join-ha} and its own {@code nominal-role}.
 */
enum StartupRule {
  /** Role none. */
  NONE,
  /** Become primary at once. */
  BECOME_PRIMARY,
  /** Try once to join the node whose nominal role is primary; on failure, none. */
  JOIN_NOMINAL_PRIMARY_ONCE,
  /** Ask the group once for a primary: join it if there is one, else become primary. */
  JOIN_PRIMARY_OR_BECOME_PRIMARY,
  /** Look for the current primary and join it, retrying every reconnect-interval for ever. */
  SEEK_FOR_EVER,
  /** Look for the current primary and join it; after reconnect-attempts tries, none. */
  SEEK_THEN_NONE;

  /** The row of the table for these settings. */
  static StartupRule of(boolean assumeNominalRole, boolean joinHa, HaRole nominalRole) {
    if (nominalRole == HaRole.NONE || (!assumeNominalRole && !joinHa)) {
      return NONE;
    }
    if (!joinHa) {
      return nominalRole == HaRole.PRIMARY ? BECOME_PRIMARY : JOIN_NOMINAL_PRIMARY_ONCE;
    }
    if (nominalRole == HaRole.PRIMARY) {
      return assumeNominalRole ? JOIN_PRIMARY_OR_BECOME_PRIMARY : SEEK_FOR_EVER;
    }
    return SEEK_THEN_NONE;
  }
}
