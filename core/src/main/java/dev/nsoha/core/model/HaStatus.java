package dev.nsoha.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A node's HA state, read from {@code /high-availability} ({@code enabled} and {@code status}).
 *
 * @param enabled whether rule-based HA is enabled ({@code high-availability enabled})
 * @param mode the role held now ({@code status/mode})
 * @param currentId the local node's id, absent while NSO does not report it
 * @param assignedRole the role last ordered by an action, start-up or failover
 * @param beSecondaryResult {@code initialized}, {@code connected} or {@code error (N) - text}, when
 *     present
 * @param primaryId the primary this node follows, when present
 * @param readOnly {@code status/read-only-mode}
 * @param connectedSecondaries on a primary, the secondaries connected to it
 */
public record HaStatus(
    boolean enabled,
    HaMode mode,
    Optional<NodeId> currentId,
    HaMode assignedRole,
    Optional<String> beSecondaryResult,
    Optional<NodeId> primaryId,
    boolean readOnly,
    List<ConnectedSecondary> connectedSecondaries) {

  public HaStatus {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(currentId, "currentId");
    Objects.requireNonNull(assignedRole, "assignedRole");
    Objects.requireNonNull(beSecondaryResult, "beSecondaryResult");
    Objects.requireNonNull(primaryId, "primaryId");
    connectedSecondaries = List.copyOf(connectedSecondaries);
  }

  /** The status of a node whose HA is disabled. */
  public static HaStatus disabled(Optional<NodeId> currentId, boolean readOnly) {
    return new HaStatus(
        false,
        HaMode.NONE,
        currentId,
        HaMode.NONE,
        Optional.empty(),
        Optional.empty(),
        readOnly,
        List.of());
  }

  public boolean isPrimary() {
    return mode == HaMode.PRIMARY;
  }

  public boolean isSecondary() {
    return mode == HaMode.SECONDARY;
  }

  /** Whether {@code id} is among the connected secondaries. */
  public boolean hasConnectedSecondary(NodeId id) {
    return connectedSecondaries.stream().anyMatch(s -> s.id().equals(id));
  }

  /**
   * A one-line summary for progress output and error messages, e.g. {@code enabled primary rw
   * secondaries=[n2,n3]}.
   */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(enabled ? "enabled " : "disabled ").append(mode.nsoName());
    if (assignedRole != mode) {
      sb.append(" (assigned ").append(assignedRole.nsoName()).append(')');
    }
    sb.append(readOnly ? " ro" : " rw");
    primaryId.ifPresent(p -> sb.append(" primary=").append(p));
    beSecondaryResult
        .filter(r -> !r.equals("connected") && !r.equals("initialized"))
        .ifPresent(r -> sb.append(" result=\"").append(r).append('"'));
    if (mode == HaMode.PRIMARY) {
      sb.append(" secondaries=")
          .append(
              connectedSecondaries.stream()
                  .map(s -> s.id().value())
                  .collect(Collectors.joining(",", "[", "]")));
    }
    return sb.toString();
  }
}
