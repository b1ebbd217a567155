package dev.nsoha.sim.ha;

import java.util.Map;

/**
 * A consistent snapshot of a node's rule-based HA state ({@code /high-availability/status}).
 *
 * @param enabled whether built-in HA is enabled
 * @param mode {@code primary|secondary|none}
 * @param currentId the local ha-node id, or null
 * @param assignedRole {@code primary|secondary|none}
 * @param beSecondaryResult {@code initialized}, {@code error (N) - text}, or null
 * @param primaryId the primary this node follows (or tries to), or null
 * @param readOnly overall read-only mode (admin flag or HA secondary)
 * @param adminReadOnly the administrator-configured read-only flag
 * @param connectedSecondaries id to source address of connected secondaries (primary only)
 */
public record HaStatus(
    boolean enabled,
    String mode,
    String currentId,
    String assignedRole,
    String beSecondaryResult,
    String primaryId,
    boolean readOnly,
    boolean adminReadOnly,
    Map<String, String> connectedSecondaries) {
  public HaStatus {
    connectedSecondaries = Map.copyOf(connectedSecondaries);
  }
}
