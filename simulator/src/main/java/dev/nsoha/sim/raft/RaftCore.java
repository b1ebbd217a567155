package dev.nsoha.sim.raft;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The Raft consensus of one member as a pure state machine: terms, (pre-)votes, majority commit,
 * log replication and snapshots, membership by config entries, leader heartbeats and the quorum
 * check. Time comes in as {@code now} (milliseconds of any monotonic clock) and everything leaves
 * through the {@link Env}, so tests drive it with a fake clock and network.
 *
 * <p>Not thread-safe: one thread (the member's Raft thread) calls it.
 */
public final class RaftCore {
  /** {@code /ha-raft/status/role}. */
  public enum Role {
    DISABLED,
    STALLED,
    CANDIDATE,
    FOLLOWER,
    LEADER;

    /** The YANG enum name. */
    public String yang() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Where the engine's effects go. */
  public interface Env {
    /** Sends a message to a member (dropped when not connected). */
    void send(String to, RaftMessage m);

    /** Whether there is a live connection to {@code node}. */
    boolean connected(String node);

    /** A committed configuration to make the running one (followers, and a new leader). */
    void apply(JsonNode data);

    /** Random extra delay for the election timeout, in [0, max). */
    long random(long max);

    /** Something worth a line in the raft log and maybe an alarm (see {@link RaftCore}). */
    void event(Event e, String node, String text);
  }

  /** Events for the raft log and the alarms. */
  public enum Event {
    BECAME_LEADER,
    BECAME_FOLLOWER,
    LOST_LEADER,
    QUORUM_LOST,
    ELECTION,
    JOINED,
    REFUSED
  }

  /** Per-follower replication state on the leader. */
  static final class Peer {
    long nextIndex;
    long matchIndex;
    long lastAck = Long.MIN_VALUE / 2;
    boolean snapshotting;
    boolean notMember;
  }

  private final String self;
  private final boolean passive;
  private final long tick;
  private final long followerMaxLag;
  private final long logMaxEntries;
  private final RaftLog log;
  private final Env env;

  private Role role;
  private String leader;
  private long commitIndex;
  private long lastApplied;
  private long lastLeaderContact = Long.MIN_VALUE / 2;
  private long electionDeadline;
  private long nextHeartbeat;
  private long leaderSince;
  private boolean prevoting;
  private long prevoteTerm;
  private final Set<String> votes = new HashSet<>();
  private final Map<String, Peer> peers = new LinkedHashMap<>();
  private final Set<String> invited = new HashSet<>();
  private long localPending = -1;
  private long readyIndex = Long.MAX_VALUE;
  private boolean wasLeader;

  /**
   * @param self this member's name ({@code ID@ADDRESS})
   * @param tick tick-timeout in milliseconds; 3 missed ticks count as a failure
   */
  public RaftCore(
      String self,
      boolean passive,
      long tick,
      long followerMaxLag,
      long logMaxEntries,
      RaftLog log,
      Env env,
      long now) {
    this.self = self;
    this.passive = passive;
    this.tick = tick;
    this.followerMaxLag = followerMaxLag;
    this.logMaxEntries = logMaxEntries;
    this.log = log;
    this.env = env;
    this.lastApplied = log.snapshotIndex();
    this.commitIndex = log.snapshotIndex();
    this.role = log.joined() ? Role.FOLLOWER : Role.STALLED;
    if (log.joined() && !log.members().contains(self)) {
      role = Role.STALLED;
    }
    resetElection(now);
  }

  // ------------------------------------------------------------------ queries

  public Role role() {
    return role;
  }

  public String leader() {
    return leader;
  }

  public List<String> members() {
    return log.joined() ? log.members() : List.of();
  }

  public long term() {
    return log.term();
  }

  public long currentIndex() {
    return log.lastIndex();
  }

  public long appliedIndex() {
    return lastApplied;
  }

  public long commitIndex() {
    return commitIndex;
  }

  public int numEntries() {
    return log.size();
  }

  public boolean joined() {
    return log.joined();
  }

  /**
   * Whether this node takes writes: it leads, and everything committed before its term (up to its
   * first entry) is committed and handed to {@link Env#apply}.
   */
  public boolean writable() {
    return role == Role.LEADER && commitIndex >= readyIndex;
  }

  /** The cluster-wide read-only flag, as committed. */
  public boolean readOnly() {
    return log.readOnlyAt(commitIndex);
  }

  /** Replication per follower on the leader: state, index, lag (empty elsewhere). */
  public Map<String, long[]> replicationIndices() {
    Map<String, long[]> out = new LinkedHashMap<>();
    if (role != Role.LEADER) {
      return out;
    }
    for (String m : log.members()) {
      if (!m.equals(self)) {
        Peer p = peers.get(m);
        long idx = p == null ? 0 : p.matchIndex;
        out.put(m, new long[] {idx, Math.max(0, log.lastIndex() - idx)});
      }
    }
    return out;
  }

  /** {@code in-sync}, {@code behind}, {@code unreachable} or {@code requires-snapshot}. */
  public String replicationState(String m) {
    Peer p = peers.get(m);
    if (p == null || !env.connected(m) || p.notMember) {
      return "unreachable";
    }
    if (p.snapshotting) {
      return "requires-snapshot";
    }
    return p.matchIndex >= log.lastIndex() ? "in-sync" : "behind";
  }

  // ------------------------------------------------------------------ inputs

  /** Advances time: heartbeats, the quorum check on a leader, elections elsewhere. */
  public void tick(long now) {
    if (role == Role.LEADER) {
      if (now >= nextHeartbeat) {
        nextHeartbeat = now + tick;
        for (String m : log.members()) {
          if (!m.equals(self)) {
            sendAppend(m);
          }
        }
      }
      int live = 1;
      for (String m : log.members()) {
        Peer p = peers.get(m);
        if (!m.equals(self) && p != null && now - p.lastAck <= 3 * tick) {
          live++;
        }
      }
      if (live < majority() && now - leaderSince > 3 * tick) {
        env.event(
            Event.QUORUM_LOST, self, "HA Raft quorum lost: Leader cannot reach majority of nodes.");
        stepDown(log.term(), now, Role.STALLED);
      }
      return;
    }
    if (role == Role.FOLLOWER && leader != null && now - lastLeaderContact > 3 * tick) {
      String old = leader;
      leader = null;
      role = Role.STALLED;
      env.event(Event.LOST_LEADER, old, "Tick timeout");
    }
    if (role != Role.DISABLED
        && log.joined()
        && !passive
        && log.members().contains(self)
        && now >= electionDeadline) {
      startPrevote(now);
    }
  }

  /** A message from a connected member. */
  public void receive(String from, RaftMessage m, long now) {
    switch (m.type()) {
      case "vote" -> onVote(from, m, now);
      case "vote-reply" -> onVoteReply(from, m, now);
      case "append" -> onAppend(from, m, now);
      case "snapshot" -> onSnapshot(from, m, now);
      case "append-reply" -> onAppendReply(from, m, now);
      case "join" -> onJoin(from, m, now);
      case "timeout-now" -> {
        if (!passive && m.termOr0() >= log.term() && log.members().contains(self)) {
          startElection(now);
        }
      }
      default -> {}
    }
  }

  /** A connection to {@code node} came up: a leader replicates at once. */
  public void connectedTo(String node) {
    if (role == Role.LEADER && log.members().contains(node)) {
      Peer p = peer(node);
      p.notMember = false;
      if (invited.contains(node)) {
        env.send(node, RaftMessage.join(log.clusterId()));
      }
      sendAppend(node);
    }
  }

  /**
   * Creates a cluster with this node as leader: a new cluster id, the member list, and the current
   * configuration as the first data entry.
   *
   * @throws IllegalStateException when a Raft log exists
   */
  public void createCluster(List<String> others, JsonNode data, long now) {
    if (log.joined() && log.lastIndex() > 0) {
      throw new IllegalStateException("exists");
    }
    log.setClusterId(UUID.randomUUID().toString());
    log.setTermAndVote(log.term() + 1, self);
    List<String> members = new ArrayList<>();
    members.add(self);
    others.stream().filter(o -> !members.contains(o)).forEach(members::add);
    log.append(RaftEntry.config(log.lastIndex() + 1, log.term(), members));
    log.append(RaftEntry.data(log.lastIndex() + 1, log.term(), data));
    becomeLeader(now, false);
    for (String o : others) {
      invited.add(o);
      env.send(o, RaftMessage.join(log.clusterId()));
    }
    broadcast();
  }

  /** Adds a member (leader only): invites it and appends the new member list. */
  public long addMember(String node) {
    requireLeader();
    invited.add(node);
    env.send(node, RaftMessage.join(log.clusterId()));
    List<String> ms = new ArrayList<>(log.members());
    if (!ms.contains(node)) {
      ms.add(node);
      log.append(RaftEntry.config(log.lastIndex() + 1, log.term(), ms));
    }
    Peer p = peer(node);
    p.notMember = false;
    p.nextIndex = Math.min(p.nextIndex, log.lastIndex());
    broadcast();
    return log.lastIndex();
  }

  /** Removes a member (leader only). */
  public long removeMember(String node) {
    requireLeader();
    List<String> ms = new ArrayList<>(log.members());
    ms.remove(node);
    log.append(RaftEntry.config(log.lastIndex() + 1, log.term(), ms));
    peers.remove(node);
    broadcast();
    return log.lastIndex();
  }

  /**
   * Appends a configuration change (leader only).
   *
   * @param local whether the node's own commit path applies it (so the engine does not)
   * @return its index, committed once {@link #commitIndex()} reaches it in the same term
   */
  public long propose(JsonNode data, boolean local) {
    requireLeader();
    log.append(RaftEntry.data(log.lastIndex() + 1, log.term(), data));
    if (local) {
      localPending = log.lastIndex();
    }
    broadcast();
    return log.lastIndex();
  }

  /** Appends a change of the cluster-wide read-only flag (leader only). */
  public long proposeReadOnly(boolean on) {
    requireLeader();
    log.append(RaftEntry.readOnly(log.lastIndex() + 1, log.term(), on));
    broadcast();
    return log.lastIndex();
  }

  /** Hands leadership over: to {@code to}, or to the most up-to-date connected member. */
  public String handover(String to, long now) {
    requireLeader();
    String target = to;
    if (target == null) {
      long best = -1;
      for (String m : log.members()) {
        Peer p = peers.get(m);
        if (!m.equals(self) && p != null && env.connected(m) && p.matchIndex > best) {
          best = p.matchIndex;
          target = m;
        }
      }
    }
    if (target == null) {
      throw new IllegalStateException("no member to hand over to");
    }
    env.send(target, RaftMessage.timeoutNow(log.term()));
    return target;
  }

  /** {@code reset}: re-enables a disabled node; a leader steps down. */
  public void reset(long now) {
    if (role == Role.LEADER) {
      stepDown(log.term(), now, Role.FOLLOWER);
    } else if (role == Role.DISABLED) {
      role = log.joined() ? Role.FOLLOWER : Role.STALLED;
      resetElection(now);
    }
  }

  /** Marks the node disabled (terminal until {@link #reset}). */
  public void disable(long now) {
    if (role == Role.LEADER) {
      stepDown(log.term(), now, Role.DISABLED);
    }
    role = Role.DISABLED;
  }

  /**
   * The outcome of entry {@code index} proposed in {@code term}: true once committed, false when it
   * can no longer be confirmed to the client (replaced, or this node stopped leading: it may still
   * commit later through another leader), null while pending.
   */
  public Boolean outcome(long index, long term) {
    if (index <= log.snapshotIndex()) {
      return index <= commitIndex;
    }
    if (log.termAt(index) != term) {
      return Boolean.FALSE;
    }
    if (index <= commitIndex) {
      return Boolean.TRUE;
    }
    if (role != Role.LEADER || log.term() != term) {
      return Boolean.FALSE;
    }
    return null;
  }

  /** The local commit of entry {@code index} is over (applied or failed). */
  public void localDone(long index) {
    if (localPending == index) {
      localPending = -1;
    }
  }

  // ------------------------------------------------------------------ elections

  private int majority() {
    return log.members().size() / 2 + 1;
  }

  private void resetElection(long now) {
    electionDeadline = now + 3 * tick + env.random(3 * tick);
  }

  private void startPrevote(long now) {
    resetElection(now);
    if (role != Role.CANDIDATE) {
      role = Role.CANDIDATE;
    }
    prevoting = true;
    prevoteTerm = log.term() + 1;
    votes.clear();
    votes.add(self);
    if (votes.size() >= majority()) {
      startElection(now);
      return;
    }
    for (String m : log.members()) {
      if (!m.equals(self)) {
        env.send(m, RaftMessage.vote(prevoteTerm, true, log.lastIndex(), log.lastTerm()));
      }
    }
  }

  private void startElection(long now) {
    resetElection(now);
    prevoting = false;
    role = Role.CANDIDATE;
    leader = null;
    log.setTermAndVote(log.term() + 1, self);
    votes.clear();
    votes.add(self);
    env.event(Event.ELECTION, self, "term " + log.term());
    if (votes.size() >= majority()) {
      becomeLeader(now, true);
      return;
    }
    for (String m : log.members()) {
      if (!m.equals(self)) {
        env.send(m, RaftMessage.vote(log.term(), false, log.lastIndex(), log.lastTerm()));
      }
    }
  }

  private boolean upToDate(RaftMessage m) {
    return m.lastTerm() > log.lastTerm()
        || (m.lastTerm() == log.lastTerm() && m.lastIndex() >= log.lastIndex());
  }

  private void onVote(String from, RaftMessage m, long now) {
    if (!log.joined() || !log.members().contains(from)) {
      env.send(from, RaftMessage.voteReply(log.term(), Boolean.TRUE.equals(m.prevote()), false));
      return;
    }
    if (Boolean.TRUE.equals(m.prevote())) {
      boolean leaderAlive =
          (role == Role.LEADER) || (leader != null && now - lastLeaderContact <= 3 * tick);
      boolean grant = m.term() > log.term() && upToDate(m) && !leaderAlive;
      env.send(from, RaftMessage.voteReply(m.term(), true, grant));
      return;
    }
    if (m.term() > log.term()) {
      stepDown(m.term(), now, Role.FOLLOWER);
    }
    boolean grant =
        m.term() == log.term()
            && (log.votedFor() == null || log.votedFor().equals(from))
            && upToDate(m);
    if (grant) {
      log.setTermAndVote(log.term(), from);
      resetElection(now);
    }
    env.send(from, RaftMessage.voteReply(log.term(), false, grant));
  }

  private void onVoteReply(String from, RaftMessage m, long now) {
    if (role != Role.CANDIDATE) {
      return;
    }
    if (Boolean.TRUE.equals(m.prevote())) {
      if (prevoting && m.termOr0() == prevoteTerm && Boolean.TRUE.equals(m.granted())) {
        votes.add(from);
        if (votes.size() >= majority()) {
          startElection(now);
        }
      }
      return;
    }
    if (m.termOr0() > log.term()) {
      stepDown(m.termOr0(), now, Role.FOLLOWER);
      return;
    }
    if (!prevoting && m.termOr0() == log.term() && Boolean.TRUE.equals(m.granted())) {
      votes.add(from);
      if (votes.size() >= majority()) {
        becomeLeader(now, true);
      }
    }
  }

  private void becomeLeader(long now, boolean noop) {
    role = Role.LEADER;
    leader = self;
    leaderSince = now;
    nextHeartbeat = now;
    peers.clear();
    for (String m : log.members()) {
      if (!m.equals(self)) {
        Peer p = peer(m);
        p.nextIndex = log.lastIndex() + 1;
        p.lastAck = now;
      }
    }
    if (noop) {
      log.append(RaftEntry.noop(log.lastIndex() + 1, log.term()));
    }
    readyIndex = log.lastIndex();
    wasLeader = true;
    env.event(Event.BECAME_LEADER, self, "term " + log.term());
    advanceCommit();
    tick(now);
  }

  private void stepDown(long term, long now, Role to) {
    boolean wasLead = role == Role.LEADER;
    if (term > log.term()) {
      log.setTermAndVote(term, null);
    }
    role = log.members().contains(self) ? to : Role.STALLED;
    prevoting = false;
    if (wasLead) {
      leader = null;
      peers.clear();
      invited.clear();
      env.event(Event.BECAME_FOLLOWER, self, "stepped down in term " + log.term());
    }
    resetElection(now);
  }

  // ------------------------------------------------------------------ replication

  private void requireLeader() {
    if (role != Role.LEADER) {
      throw new IllegalStateException("not leader");
    }
  }

  private Peer peer(String m) {
    return peers.computeIfAbsent(
        m,
        k -> {
          Peer p = new Peer();
          p.nextIndex = log.lastIndex() + 1;
          return p;
        });
  }

  private void broadcast() {
    for (String m : log.members()) {
      if (!m.equals(self)) {
        sendAppend(m);
      }
    }
    advanceCommit();
  }

  private void sendAppend(String m) {
    Peer p = peer(m);
    if (p.nextIndex <= log.snapshotIndex()
        || (p.matchIndex > 0 || p.nextIndex > 1)
            && log.lastIndex() - p.matchIndex > followerMaxLag
            && commitIndex > p.matchIndex) {
      if (!p.snapshotting || p.matchIndex < commitIndex) {
        p.snapshotting = true;
        long idx = commitIndex;
        env.send(
            m,
            RaftMessage.snapshot(
                log.term(),
                log.clusterId(),
                idx,
                log.termAt(idx),
                log.membersAt(idx),
                log.readOnlyAt(idx),
                log.dataAt(idx)));
      }
      return;
    }
    long prev = p.nextIndex - 1;
    env.send(
        m,
        RaftMessage.append(
            log.term(),
            log.clusterId(),
            prev,
            log.termAt(prev),
            log.from(p.nextIndex, 64),
            commitIndex));
  }

  private void onAppendReply(String from, RaftMessage m, long now) {
    if (m.termOr0() > log.term()) {
      stepDown(m.termOr0(), now, Role.FOLLOWER);
      return;
    }
    if (role != Role.LEADER || m.termOr0() != log.term()) {
      return;
    }
    Peer p = peer(from);
    p.lastAck = now;
    if (Boolean.TRUE.equals(m.notMember())) {
      p.notMember = true;
      if (invited.contains(from)) {
        env.send(from, RaftMessage.join(log.clusterId()));
        sendAppend(from);
      }
      return;
    }
    p.notMember = false;
    invited.remove(from);
    long idx = m.index() == null ? 0 : m.index();
    if (Boolean.TRUE.equals(m.success())) {
      p.snapshotting = false;
      p.matchIndex = Math.max(p.matchIndex, idx);
      p.nextIndex = Math.max(p.nextIndex, idx + 1);
      advanceCommit();
      if (p.nextIndex <= log.lastIndex()) {
        sendAppend(from);
      }
    } else {
      p.nextIndex = Math.max(1, Math.min(p.nextIndex - 1, idx + 1));
      sendAppend(from);
    }
  }

  private void advanceCommit() {
    if (role != Role.LEADER) {
      return;
    }
    List<String> ms = log.members();
    for (long n = log.lastIndex(); n > commitIndex; n--) {
      if (log.termAt(n) != log.term()) {
        break;
      }
      int count = ms.contains(self) ? 1 : 0;
      for (String x : ms) {
        Peer p = peers.get(x);
        if (!x.equals(self) && p != null && p.matchIndex >= n) {
          count++;
        }
      }
      if (count >= majority()) {
        commitIndex = n;
        applyCommitted();
        break;
      }
    }
  }

  private void applyCommitted() {
    if (commitIndex <= lastApplied) {
      return;
    }
    JsonNode latest = null;
    for (long i = lastApplied + 1; i <= commitIndex; i++) {
      RaftEntry e = log.termAt(i) == -1 ? null : log.get(i);
      if (e != null && "data".equals(e.kind())) {
        latest = i == localPending ? null : e.data();
      }
    }
    lastApplied = commitIndex;
    if (latest != null) {
      env.apply(latest);
    }
    if (log.size() > logMaxEntries) {
      log.compact(lastApplied);
    }
  }

  private void onJoin(String from, RaftMessage m, long now) {
    if (log.joined() && log.clusterId().equals(m.clusterId())) {
      return;
    }
    if (log.joined() && log.lastIndex() > 0 && log.members().contains(self)) {
      env.event(
          Event.REFUSED,
          from,
          "join refused: already a member of another cluster (" + log.clusterId() + ")");
      return;
    }
    log.installSnapshot(0, 0, List.of(), false, null);
    log.setClusterId(m.clusterId());
    commitIndex = 0;
    lastApplied = 0;
    role = Role.FOLLOWER;
    leader = from;
    lastLeaderContact = now;
    env.event(Event.JOINED, from, "joined cluster " + m.clusterId());
  }

  private boolean acceptLeader(String from, RaftMessage m, long now) {
    if (m.termOr0() < log.term()) {
      env.send(from, RaftMessage.appendReply(log.term(), false, log.lastIndex(), false));
      return false;
    }
    if (!log.joined() || !log.clusterId().equals(m.clusterId())) {
      env.send(from, RaftMessage.appendReply(m.termOr0(), false, 0, true));
      return false;
    }
    if (m.termOr0() > log.term() || role != Role.FOLLOWER || !from.equals(leader)) {
      String old = leader;
      stepDown(m.termOr0(), now, Role.FOLLOWER);
      role = Role.FOLLOWER;
      leader = from;
      if (!from.equals(old)) {
        env.event(Event.BECAME_FOLLOWER, from, "following " + from + " in term " + log.term());
      }
    }
    lastLeaderContact = now;
    resetElection(now);
    return true;
  }

  private void onAppend(String from, RaftMessage m, long now) {
    if (!acceptLeader(from, m, now)) {
      return;
    }
    long prev = m.prevIndex();
    if (prev > log.lastIndex()) {
      env.send(from, RaftMessage.appendReply(log.term(), false, log.lastIndex(), false));
      return;
    }
    if (prev >= log.snapshotIndex() && log.termAt(prev) != m.prevTerm()) {
      env.send(from, RaftMessage.appendReply(log.term(), false, Math.max(0, prev - 1), false));
      return;
    }
    long last = prev;
    for (RaftEntry e : m.entries()) {
      last = e.index();
      if (e.index() <= log.snapshotIndex()) {
        continue;
      }
      long t = log.termAt(e.index());
      if (t == e.term()) {
        continue;
      }
      if (t != -1) {
        log.truncateFrom(e.index());
      }
      log.append(e);
    }
    if (m.commit() > commitIndex) {
      commitIndex = Math.min(m.commit(), last);
      applyCommitted();
    }
    env.send(from, RaftMessage.appendReply(log.term(), true, last, false));
  }

  private void onSnapshot(String from, RaftMessage m, long now) {
    if (!acceptLeader(from, m, now)) {
      return;
    }
    long idx = m.index();
    if (idx > commitIndex) {
      log.installSnapshot(
          idx, m.lastTerm(), m.members(), Boolean.TRUE.equals(m.readOnly()), m.data());
      commitIndex = idx;
      lastApplied = idx;
      if (m.data() != null) {
        env.apply(m.data());
      }
    }
    env.send(from, RaftMessage.appendReply(log.term(), true, idx, false));
  }

  /** Whether this node has been leader since it started (for the primary-down alarm). */
  boolean wasLeader() {
    return wasLeader;
  }
}
