package dev.nsoha.sim.ha;

/**
 * What the {@link RoleMachine} asks its driver to do. Outcomes come back with {@link
 * RoleMachine#attempt}: {@link FindPrimary} through {@link RoleMachine#found}, {@link Join} through
 * {@link RoleMachine#joined} or {@link RoleMachine#joinFailed}.
 */
sealed interface RoleCommand {
  /** Ask every other ha-node whether it is primary now. */
  record FindPrimary(long attempt) implements RoleCommand {}

  /** Connect to {@code target} and join it as secondary. */
  record Join(long attempt, String target) implements RoleCommand {}

  /** Close every HA connection (to the primary and from secondaries) without alarms. */
  record DropLinks() implements RoleCommand {}

  /** Close the connection to the primary without alarms. */
  record ClosePrimaryLink() implements RoleCommand {}
}
