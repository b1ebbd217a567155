package dev.nsoha.sim.ha;

import java.util.Map;

/**
 * A consistent snapshot of a node's rule-based HA state ({@code /high-availability/status}). Named
 * apart from the client library's {@code HaState}: this is what a simulated node holds, not what a
 * client reads.
 *
 * @param enabled whether built-in HA is enabled
 * @param mode the role held now
 * @param currentId the local ha-node id, or null
 * @param assignedRole the role last ordered (by an action, the start-up rules or failover)
 * @param beSecondaryResult {@code initialized}, {@code error (N) - text}, or null
 * @param primaryId the primary this node follows (or tries to), or null
 * @param readOnly overall read-only mode (admin flag or HA secondary)
 * @param adminReadOnly the administrator-configured read-only flag
 * @param connectedSecondaries id to source address of connected secondaries (primary only)
 */
public record HaState(
    boolean enabled,
    HaRole mode,
    String currentId,
    HaRole assignedRole,
    String beSecondaryResult,
    String primaryId,
    boolean readOnly,
    boolean adminReadOnly,
    Map<String, String> connectedSecondaries) {
  public HaState {
    connectedSecondaries = Map.copyOf(connectedSecondaries);
  }

  /** Whether the node is primary now. */
  public boolean isPrimary() {
    return mode == HaRole.PRIMARY;
  }

  /** Whether the node is a connected secondary now. */
  public boolean isSecondary() {
    return mode == HaRole.SECONDARY;
  }
}
