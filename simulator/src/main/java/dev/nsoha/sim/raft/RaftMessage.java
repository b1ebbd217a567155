package dev.nsoha.sim.raft;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A message between two members, one JSON object per line on the member connection. Which fields
 * are set depends on {@code type}:
 *
 * <ul>
 *   <li>{@code hello} (from, to, cluster, version) and its answers {@code welcome} (from) or {@code
 *       refused} (reason): the connection handshake;
 *   <li>{@code tick}: liveness, every tick-timeout on each connection;
 *   <li>{@code vote} / {@code vote-reply} (term, prevote, lastIndex, lastTerm / granted);
 *   <li>{@code append} (term, clusterId, prevIndex, prevTerm, entries, commit) and {@code snapshot}
 *       (term, clusterId, index, lastTerm, members, readOnly, data), both answered by {@code
 *       append-reply} (term, success, index, notMember);
 *   <li>{@code join} (clusterId): invitation to a cluster by create-cluster or adjust-membership;
 *   <li>{@code timeout-now} (term): handover, start an election at once.
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RaftMessage(
    String type,
    String from,
    String to,
    String cluster,
    String version,
    String reason,
    Long term,
    Boolean prevote,
    Long lastIndex,
    Long lastTerm,
    Boolean granted,
    String clusterId,
    Long prevIndex,
    Long prevTerm,
    List<RaftEntry> entries,
    Long commit,
    Long index,
    List<String> members,
    Boolean readOnly,
    JsonNode data,
    Boolean success,
    Boolean notMember) {

  static final ObjectMapper MAPPER = new ObjectMapper();

  static RaftMessage of(String type) {
    return new RaftMessage(
        type, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null);
  }

  static RaftMessage hello(String from, String to, String cluster, String version) {
    return new RaftMessage(
        "hello", from, to, cluster, version, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null);
  }

  static RaftMessage welcome(String from, String cluster, String version) {
    return new RaftMessage(
        "welcome", from, null, cluster, version, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null);
  }

  static RaftMessage refused(String reason) {
    return new RaftMessage(
        "refused", null, null, null, null, reason, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null);
  }

  static RaftMessage vote(long term, boolean prevote, long lastIndex, long lastTerm) {
    return new RaftMessage(
        "vote", null, null, null, null, null, term, prevote, lastIndex, lastTerm, null, null, null,
        null, null, null, null, null, null, null, null, null);
  }

  static RaftMessage voteReply(long term, boolean prevote, boolean granted) {
    return new RaftMessage(
        "vote-reply",
        null,
        null,
        null,
        null,
        null,
        term,
        prevote,
        null,
        null,
        granted,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static RaftMessage append(
      long term,
      String clusterId,
      long prevIndex,
      long prevTerm,
      List<RaftEntry> entries,
      long commit) {
    return new RaftMessage(
        "append", null, null, null, null, null, term, null, null, null, null, clusterId, prevIndex,
        prevTerm, entries, commit, null, null, null, null, null, null);
  }

  static RaftMessage snapshot(
      long term,
      String clusterId,
      long index,
      long lastTerm,
      List<String> members,
      boolean readOnly,
      JsonNode data) {
    return new RaftMessage(
        "snapshot",
        null,
        null,
        null,
        null,
        null,
        term,
        null,
        null,
        lastTerm,
        null,
        clusterId,
        null,
        null,
        null,
        null,
        index,
        members,
        readOnly,
        data,
        null,
        null);
  }

  static RaftMessage appendReply(long term, boolean success, long index, boolean notMember) {
    return new RaftMessage(
        "append-reply",
        null,
        null,
        null,
        null,
        null,
        term,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        index,
        null,
        null,
        null,
        success,
        notMember ? Boolean.TRUE : null);
  }

  static RaftMessage join(String clusterId) {
    return new RaftMessage(
        "join", null, null, null, null, null, null, null, null, null, null, clusterId, null, null,
        null, null, null, null, null, null, null, null);
  }

  static RaftMessage timeoutNow(long term) {
    return new RaftMessage(
        "timeout-now",
        null,
        null,
        null,
        null,
        null,
        term,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** One line of JSON. */
  String encode() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses one line.
   *
   * @throws IOException when the line is not a message
   */
  static RaftMessage decode(String line) throws IOException {
    return MAPPER.readValue(line, RaftMessage.class);
  }

  long termOr0() {
    return term == null ? 0 : term;
  }
}
