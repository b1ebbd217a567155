package dev.nsoha.sim.raft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.sim.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A member's persistent Raft state: cluster id, current term and vote ({@code meta.json}), the
 * snapshot ({@code snapshot.json}) and the entries after it ({@code log.ndjson}, one entry a line,
 * appended), all in {@code state/raft/} under the run directory. Without a directory the state is
 * kept in memory only (unit tests). Not thread-safe: the engine owns it.
 */
final class RaftLog {
  private final Path dir;
  private String clusterId;
  private long term;
  private String votedFor;
  private long snapshotIndex;
  private long snapshotTerm;
  private List<String> snapshotMembers = List.of();
  private boolean snapshotReadOnly;
  private JsonNode snapshotData;
  private final List<RaftEntry> entries = new ArrayList<>();

  private RaftLog(Path dir) {
    this.dir = dir;
  }

  /** An in-memory log. */
  static RaftLog inMemory() {
    return new RaftLog(null);
  }

  /** Opens (or starts empty when absent) the state in {@code dir}. */
  static RaftLog open(Path dir) throws IOException {
    RaftLog l = new RaftLog(dir);
    Path meta = dir.resolve("meta.json");
    if (Files.exists(meta)) {
      JsonNode m = RaftMessage.MAPPER.readTree(meta.toFile());
      l.clusterId = m.path("clusterId").isTextual() ? m.get("clusterId").asText() : null;
      l.term = m.path("term").asLong();
      l.votedFor = m.path("votedFor").isTextual() ? m.get("votedFor").asText() : null;
    }
    Path snap = dir.resolve("snapshot.json");
    if (Files.exists(snap)) {
      JsonNode s = RaftMessage.MAPPER.readTree(snap.toFile());
      l.snapshotIndex = s.path("index").asLong();
      l.snapshotTerm = s.path("term").asLong();
      List<String> ms = new ArrayList<>();
      s.path("members").forEach(x -> ms.add(x.asText()));
      l.snapshotMembers = List.copyOf(ms);
      l.snapshotReadOnly = s.path("readOnly").asBoolean();
      l.snapshotData = s.get("data");
    }
    Path log = dir.resolve("log.ndjson");
    if (Files.exists(log)) {
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        RaftEntry e;
        try {
          e = RaftMessage.MAPPER.readValue(line, RaftEntry.class);
        } catch (IOException ex) {
          break; // a line cut short by a crash: the entries before it stand
        }
        if (e.index() <= l.snapshotIndex) {
          continue;
        }
        if (e.index() <= l.lastIndex()) {
          l.entries.subList((int) (e.index() - l.snapshotIndex - 1), l.entries.size()).clear();
        }
        if (e.index() == l.lastIndex() + 1) {
          l.entries.add(e);
        }
      }
    }
    return l;
  }

  /** Whether this member holds any Raft state (a cluster it joined or created). */
  boolean joined() {
    return clusterId != null;
  }

  String clusterId() {
    return clusterId;
  }

  long term() {
    return term;
  }

  String votedFor() {
    return votedFor;
  }

  void setClusterId(String id) {
    clusterId = id;
    writeMeta();
  }

  void setTermAndVote(long t, String vote) {
    term = t;
    votedFor = vote;
    writeMeta();
  }

  long snapshotIndex() {
    return snapshotIndex;
  }

  long snapshotTerm() {
    return snapshotTerm;
  }

  JsonNode snapshotData() {
    return snapshotData;
  }

  boolean snapshotReadOnly() {
    return snapshotReadOnly;
  }

  long lastIndex() {
    return snapshotIndex + entries.size();
  }

  long lastTerm() {
    return entries.isEmpty() ? snapshotTerm : entries.get(entries.size() - 1).term();
  }

  /** Entries held after the snapshot. */
  int size() {
    return entries.size();
  }

  /** The term of entry {@code i}, or -1 when it is not held (compacted or beyond the end). */
  long termAt(long i) {
    if (i == snapshotIndex) {
      return snapshotTerm;
    }
    if (i < snapshotIndex || i > lastIndex()) {
      return -1;
    }
    return entries.get((int) (i - snapshotIndex - 1)).term();
  }

  RaftEntry get(long i) {
    return entries.get((int) (i - snapshotIndex - 1));
  }

  /** Up to {@code max} entries starting at {@code from} (which must be after the snapshot). */
  List<RaftEntry> from(long from, int max) {
    int a = (int) (from - snapshotIndex - 1);
    int b = Math.min(entries.size(), a + max);
    return a >= b ? List.of() : List.copyOf(entries.subList(a, b));
  }

  void append(RaftEntry e) {
    if (e.index() != lastIndex() + 1) {
      throw new IllegalStateException("append " + e.index() + " after " + lastIndex());
    }
    entries.add(e);
    if (dir != null) {
      try {
        Files.createDirectories(dir);
        Files.writeString(
            dir.resolve("log.ndjson"),
            RaftMessage.MAPPER.writeValueAsString(e) + "\n",
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
  }

  /** Drops entry {@code i} and all after it (a conflict with the leader's log). */
  void truncateFrom(long i) {
    entries.subList((int) (i - snapshotIndex - 1), entries.size()).clear();
    rewriteLog();
  }

  /** The member list in effect at the end of the log. */
  List<String> members() {
    for (int k = entries.size() - 1; k >= 0; k--) {
      if ("config".equals(entries.get(k).kind())) {
        return entries.get(k).members();
      }
    }
    return snapshotMembers;
  }

  /** The member list in effect at entry {@code i} (i at or after the snapshot). */
  List<String> membersAt(long i) {
    for (long k = Math.min(i, lastIndex()); k > snapshotIndex; k--) {
      if ("config".equals(get(k).kind())) {
        return get(k).members();
      }
    }
    return snapshotMembers;
  }

  /** The configuration data in effect at entry {@code i}: the last data entry up to it. */
  JsonNode dataAt(long i) {
    for (long k = Math.min(i, lastIndex()); k > snapshotIndex; k--) {
      if ("data".equals(get(k).kind())) {
        return get(k).data();
      }
    }
    return snapshotData;
  }

  /** The read-only flag in effect at entry {@code i}. */
  boolean readOnlyAt(long i) {
    for (long k = Math.min(i, lastIndex()); k > snapshotIndex; k--) {
      if ("read-only".equals(get(k).kind())) {
        return get(k).readOnly();
      }
    }
    return snapshotReadOnly;
  }

  /**
   * Replaces everything up to {@code index} by a snapshot. Entries after it are kept when the log
   * agrees on {@code index}'s term, otherwise all entries go.
   */
  void installSnapshot(
      long index, long lastTerm, List<String> members, boolean readOnly, JsonNode data) {
    List<RaftEntry> keep = new ArrayList<>();
    if (termAt(index) == lastTerm && index < lastIndex()) {
      keep.addAll(from(index + 1, Integer.MAX_VALUE));
    }
    snapshotIndex = index;
    snapshotTerm = lastTerm;
    snapshotMembers = List.copyOf(members);
    snapshotReadOnly = readOnly;
    snapshotData = data;
    entries.clear();
    entries.addAll(keep);
    writeSnapshot();
    rewriteLog();
  }

  /** Compacts the log up to {@code index} (applied), keeping the state at that point. */
  void compact(long index) {
    if (index <= snapshotIndex) {
      return;
    }
    installSnapshot(index, termAt(index), membersAt(index), readOnlyAt(index), dataAt(index));
  }

  private void writeMeta() {
    if (dir == null) {
      return;
    }
    ObjectNode m = RaftMessage.MAPPER.createObjectNode();
    m.put("clusterId", clusterId);
    m.put("term", term);
    m.put("votedFor", votedFor);
    write("meta.json", m);
  }

  private void writeSnapshot() {
    if (dir == null) {
      return;
    }
    ObjectNode s = RaftMessage.MAPPER.createObjectNode();
    s.put("index", snapshotIndex);
    s.put("term", snapshotTerm);
    s.set("members", RaftMessage.MAPPER.valueToTree(snapshotMembers));
    s.put("readOnly", snapshotReadOnly);
    s.set("data", snapshotData);
    write("snapshot.json", s);
  }

  private void rewriteLog() {
    if (dir == null) {
      return;
    }
    StringBuilder b = new StringBuilder();
    try {
      for (RaftEntry e : entries) {
        b.append(RaftMessage.MAPPER.writeValueAsString(e)).append('\n');
      }
      Files.createDirectories(dir);
      AtomicFiles.write(dir.resolve("log.ndjson"), b.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(String name, JsonNode n) {
    try {
      Files.createDirectories(dir);
      AtomicFiles.write(dir.resolve(name), RaftMessage.MAPPER.writeValueAsBytes(n));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
