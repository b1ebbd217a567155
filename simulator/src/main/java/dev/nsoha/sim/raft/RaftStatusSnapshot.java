package dev.nsoha.sim.raft;

import java.util.List;
import java.util.Objects;

/** A snapshot of {@code /ha-raft/status}. Replications are listed on the leader only. */
public record RaftStatusSnapshot(
    String role,
    String leader,
    List<String> members,
    List<String> connectedNodes,
    String localNode,
    String disableReason,
    List<Certificate> certificates,
    List<Certificate> authorities,
    long currentIndex,
    long appliedIndex,
    long numEntries,
    List<Replication> replications,
    boolean passive,
    boolean readOnly) {
  public RaftStatusSnapshot {
    Objects.requireNonNull(role, "role");
    members = List.copyOf(members);
    connectedNodes = List.copyOf(connectedNodes);
    certificates = List.copyOf(certificates);
    authorities = List.copyOf(authorities);
    replications = List.copyOf(replications);
  }

  /** One certificate: serial number (hex), expiration date, file. */
  public record Certificate(String serialNumber, String expirationDate, String filePath) {}

  /** {@code replications{node}} on the leader. */
  public record Replication(String node, String state, long index, long lag) {}
}
