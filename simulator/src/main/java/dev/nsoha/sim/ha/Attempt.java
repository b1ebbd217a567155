package dev.nsoha.sim.ha;

/**
 * The find or join a {@link RoleMachine} waits for, and what a failure of it leads to.
 *
 * @param purpose what it is for
 * @param target the node to join (FAILOVER: the lost primary), or null while looking for one
 * @param attemptsLeft SEEK: tries left, {@link Integer#MAX_VALUE} for ever
 * @param tries the number of this try
 */
record Attempt(Attempt.Purpose purpose, String target, int attemptsLeft, int tries) {

  /** What an attempt is for. */
  enum Purpose {
    /** Start-up, assume-nominal-role only, nominal secondary: one try, then none. */
    STARTUP_ONCE,
    /** Start-up, both flags, nominal primary: join a primary if one exists, else be primary. */
    STARTUP_PRIMARY,
    /** Start-up with join-ha: look for the primary every reconnect-interval. */
    SEEK,
    /** The {@code be-secondary-to} action: one try. */
    BE_SECONDARY_TO,
    /** The failover-primary retries the lost primary, then takes over. */
    FAILOVER,
    /** A plain secondary looks for the new primary, for ever. */
    REHOME
  }

  /** A first try. */
  static Attempt first(Purpose purpose, String target, int attemptsLeft) {
    return new Attempt(purpose, target, attemptsLeft, 1);
  }

  /** The same attempt aimed at {@code t}. */
  Attempt withTarget(String t) {
    return new Attempt(purpose, t, attemptsLeft, tries);
  }

  /** The next try, with one try less left (unless for ever). */
  Attempt next() {
    int left = attemptsLeft == Integer.MAX_VALUE ? attemptsLeft : attemptsLeft - 1;
    return new Attempt(purpose, target, left, tries + 1);
  }
}
