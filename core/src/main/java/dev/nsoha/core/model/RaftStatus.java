package dev.nsoha.core.model;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A node's HA Raft state, read from {@code /ha-raft/status} (module {@code
 * tailf-ncs-high-availability-raft}). Member names are NSO's node names, {@code ncsd1@127.0.1.1},
 * as the node prints them.
 *
 * @param role the node's role now
 * @param leader the leader's name, absent while the node knows none
 * @param members the voting members, the node itself included ({@code member})
 * @param connectedNodes the nodes with a live connection to this one, itself excluded ({@code
 *     connected-node})
 * @param localNode the node's own name ({@code local-node})
 * @param disableReason why the node is {@code disabled}, when it is
 * @param currentIndex {@code log/current-index}
 * @param appliedIndex {@code log/applied-index}
 * @param numEntries {@code log/num-entries}
 * @param replications on the leader, one entry per follower ({@code log/replications}); empty
 *     elsewhere
 * @param passive whether the node is a passive member (never candidate or leader)
 * @param certificates the node's own certificate and its CA ({@code certificates})
 */
public record RaftStatus(
    Role role,
    Optional<String> leader,
    List<String> members,
    List<String> connectedNodes,
    String localNode,
    Optional<String> disableReason,
    long currentIndex,
    long appliedIndex,
    long numEntries,
    List<Replication> replications,
    boolean passive,
    List<Certificate> certificates) {

  public RaftStatus {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(leader, "leader");
    Objects.requireNonNull(localNode, "localNode");
    Objects.requireNonNull(disableReason, "disableReason");
    members = List.copyOf(members);
    connectedNodes = List.copyOf(connectedNodes);
    replications = List.copyOf(replications);
    certificates = List.copyOf(certificates);
  }

  /** A Raft role as NSO names it in {@code status/role}. */
  public enum Role {
    LEADER,
    FOLLOWER,
    CANDIDATE,
    /**
     * HA Raft enabled but not in a working cluster: before {@code create-cluster}, or leader lost.
     */
    STALLED,
    /** Terminal until {@code ha-raft reset}. */
    DISABLED;

    /** NSO's name: {@code leader}, {@code follower}, ... */
    public String nsoName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses NSO's name for a role, with or without a module prefix.
     *
     * @throws IllegalArgumentException for any other text
     */
    public static Role fromNso(String text) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      int colon = t.indexOf(':');
      if (colon >= 0) {
        t = t.substring(colon + 1);
      }
      for (Role r : values()) {
        if (r.nsoName().equals(t)) {
          return r;
        }
      }
      throw new IllegalArgumentException("unknown HA Raft role '" + text + "'");
    }
  }

  /**
   * One follower as its leader sees it ({@code log/replications}).
   *
   * @param node the follower's name
   * @param state {@code in-sync}, {@code behind}, {@code unreachable} or {@code requires-snapshot}
   * @param index the last log index the follower has
   * @param lag how many entries it is behind
   */
  public record Replication(String node, String state, long index, long lag) {
    /** NSO's state of a follower that has every entry. */
    public static final String IN_SYNC = "in-sync";

    public Replication {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(state, "state");
    }

    public boolean inSync() {
      return IN_SYNC.equals(state);
    }
  }

  /**
   * A certificate HA Raft uses ({@code certificates/certificate} or {@code certificate-authority}).
   *
   * @param authority whether this is the CA's certificate
   * @param serialNumber the serial number as NSO prints it
   * @param expirationDate {@code expiration-date} as NSO prints it, when present
   * @param filePath the file it was read from
   */
  public record Certificate(
      boolean authority, String serialNumber, Optional<String> expirationDate, String filePath) {
    public Certificate {
      Objects.requireNonNull(serialNumber, "serialNumber");
      Objects.requireNonNull(expirationDate, "expirationDate");
      Objects.requireNonNull(filePath, "filePath");
    }

    /** The expiry as a time, when the node gave one in ISO 8601 form. */
    public Optional<OffsetDateTime> expires() {
      try {
        return expirationDate.map(OffsetDateTime::parse);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
  }

  /**
   * Whether two member names are the same member: NSO may print a name with its port ({@code
   * ncsd1@127.0.1.1:4570}) where it was given without one.
   */
  public static boolean sameMember(String a, String b) {
    return withoutPort(a).equals(withoutPort(b));
  }

  private static String withoutPort(String name) {
    int at = name.indexOf('@');
    int colon = name.lastIndexOf(':');
    return colon > at && name.indexOf(':', at + 1) == colon ? name.substring(0, colon) : name;
  }

  public boolean isLeader() {
    return role == Role.LEADER;
  }

  /** The replication entry of {@code node}, on a leader. */
  public Optional<Replication> replication(String node) {
    return replications.stream().filter(r -> r.node().equals(node)).findFirst();
  }

  /**
   * On a leader: whether every other member is connected and has an {@code in-sync} replication.
   */
  public boolean allInSync() {
    if (!isLeader()) {
      return false;
    }
    for (String m : members) {
      if (m.equals(localNode)) {
        continue;
      }
      if (!connectedNodes.contains(m) || replication(m).map(r -> !r.inSync()).orElse(true)) {
        return false;
      }
    }
    return true;
  }

  /** One line for waits, messages and the status command. */
  public String summary() {
    StringBuilder b = new StringBuilder("role ").append(role.nsoName());
    leader.ifPresent(l -> b.append(", leader ").append(l));
    b.append(", member ").append(members);
    b.append(", connected-node ").append(connectedNodes);
    b.append(", log ").append(currentIndex).append('/').append(appliedIndex);
    for (Replication r : replications) {
      b.append(", ").append(r.node()).append(' ').append(r.state());
      if (r.lag() != 0) {
        b.append(" lag ").append(r.lag());
      }
    }
    return b.toString();
  }
}
