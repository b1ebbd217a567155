package dev.nsoha.sim.raft;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One Raft log entry. {@code kind} is {@code config} (the member list, which takes effect when
 * appended), {@code data} (a full copy of the committed configuration, the datastore's persisted
 * form), {@code read-only} (the cluster-wide read-only flag) or {@code noop} (appended by a new
 * leader to commit the entries of earlier terms).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RaftEntry(
    long index, long term, String kind, List<String> members, Boolean readOnly, JsonNode data) {
  public RaftEntry {
    members = members == null ? null : List.copyOf(members);
  }

  static RaftEntry config(long index, long term, List<String> members) {
    return new RaftEntry(index, term, "config", members, null, null);
  }

  static RaftEntry data(long index, long term, JsonNode data) {
    return new RaftEntry(index, term, "data", null, null, data);
  }

  static RaftEntry readOnly(long index, long term, boolean on) {
    return new RaftEntry(index, term, "read-only", null, on, null);
  }

  static RaftEntry noop(long index, long term) {
    return new RaftEntry(index, term, "noop", null, null, null);
  }
}
