package dev.nsoha.sim.raft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.sim.ha.PeerResult;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Packages over the member connections of HA Raft. The leader asks, each follower answers:
 *
 * <ul>
 *   <li>{@code packages-sync} ({@code packages ha sync}): the leader's load-path archives replace
 *       the packages of the follower's load path;
 *   <li>{@code packages-reload} ({@code packages ha sync and-reload}): the follower reloads its
 *       load path;
 *   <li>{@code packages-load} ({@code packages reload} on the leader): the follower loads the
 *       leader's archives without writing them to its load path, which stays stale.
 * </ul>
 *
 * A request carries its id in {@code index} and its arguments in {@code data}; the answer is a
 * {@code packages-reply} with the same {@code index}, {@code success} and {@code reason}. A
 * follower takes requests from its leader only. Thread-safe.
 */
final class RaftPackages implements AutoCloseable {
  static final String SYNC = "packages-sync";
  static final String RELOAD = "packages-reload";
  static final String LOAD = "packages-load";
  static final String REPLY = "packages-reply";

  /** What a follower does with the leader's requests. */
  interface Host {
    /** Stores the archives (file name to bytes) in the load path. */
    PeerResult receivePackages(Map<String, byte[]> archives);

    /** Reloads the packages from the load path. */
    PeerResult reloadPackages(boolean force, boolean dryRun);

    /** Loads the archives without writing them to the load path. */
    PeerResult loadPackages(Map<String, byte[]> archives, boolean force, boolean dryRun);
  }

  private final Host host;
  private final RaftTransport transport;
  private final Supplier<String> leader;
  private final RaftEventLog events;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<PeerResult>> pending = new ConcurrentHashMap<>();
  private final ExecutorService worker;

  RaftPackages(
      Host host,
      RaftTransport transport,
      Supplier<String> leader,
      RaftEventLog events,
      String label) {
    this.host = host;
    this.transport = transport;
    this.leader = leader;
    this.events = events;
    this.worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "raft-packages-" + label);
              t.setDaemon(true);
              return t;
            });
  }

  static boolean isPackageMessage(RaftMessage m) {
    return m.type() != null && m.type().startsWith("packages-");
  }

  // ------------------------------------------------------------------ leader side

  /** Sends the archives to every other member; per member, in the given order. */
  Map<String, PeerResult> sync(List<String> members, Map<String, byte[]> archives, Duration t) {
    ObjectNode d = RaftMessage.MAPPER.createObjectNode();
    d.set("archives", encode(archives));
    return request(members, SYNC, d, t);
  }

  /** Asks every other member to reload its load path. */
  Map<String, PeerResult> reload(List<String> members, boolean force, boolean dryRun, Duration t) {
    ObjectNode d = RaftMessage.MAPPER.createObjectNode();
    d.put("force", force).put("dry-run", dryRun);
    return request(members, RELOAD, d, t);
  }

  /** Asks every other member to load the archives (not into its load path). */
  Map<String, PeerResult> load(
      List<String> members, Map<String, byte[]> archives, boolean force, Duration t) {
    ObjectNode d = RaftMessage.MAPPER.createObjectNode();
    d.set("archives", encode(archives));
    d.put("force", force).put("dry-run", false);
    return request(members, LOAD, d, t);
  }

  private Map<String, PeerResult> request(
      List<String> members, String type, ObjectNode data, Duration timeout) {
    Map<String, CompletableFuture<PeerResult>> sent = new LinkedHashMap<>();
    Map<String, PeerResult> out = new LinkedHashMap<>();
    for (String m : members) {
      if (!transport.connected(m)) {
        out.put(m, PeerResult.failure("not connected"));
        continue;
      }
      long id = ids.incrementAndGet();
      CompletableFuture<PeerResult> f = new CompletableFuture<>();
      pending.put(id, f);
      sent.put(m, f);
      transport.send(m, message(type, id, data, null, null));
    }
    long end = System.nanoTime() + timeout.toNanos();
    for (Map.Entry<String, CompletableFuture<PeerResult>> e : sent.entrySet()) {
      PeerResult r;
      try {
        r = e.getValue().get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException ex) {
        r = PeerResult.failure("no answer within " + timeout.toSeconds() + " s");
      } catch (ExecutionException ex) {
        r = PeerResult.failure(String.valueOf(ex.getCause()));
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        r = PeerResult.failure("interrupted");
      }
      out.put(e.getKey(), r);
      if (!r.ok()) {
        events.error(type + " on " + e.getKey() + " failed: " + r.info());
      }
    }
    pending.values().removeAll(sent.values());
    // Keep the member order of the caller.
    Map<String, PeerResult> ordered = new LinkedHashMap<>();
    for (String m : members) {
      ordered.put(m, out.get(m));
    }
    return ordered;
  }

  // ------------------------------------------------------------------ both sides

  /** Handles a package message from {@code peer} (a transport thread). */
  void receive(String peer, RaftMessage m) {
    if (REPLY.equals(m.type())) {
      CompletableFuture<PeerResult> f = m.index() == null ? null : pending.remove(m.index());
      if (f != null) {
        f.complete(
            Boolean.TRUE.equals(m.success())
                ? PeerResult.success()
                : PeerResult.failure(m.reason()));
      }
      return;
    }
    try {
      worker.execute(() -> serve(peer, m));
    } catch (RejectedExecutionException e) {
      // stopping
    }
  }

  private void serve(String peer, RaftMessage m) {
    PeerResult r;
    if (!peer.equals(leader.get())) {
      r =
          PeerResult.failure(
              "package request from "
                  + peer
                  + ", which is not this node's leader ("
                  + leader.get()
                  + ")");
    } else {
      JsonNode d = m.data() == null ? RaftMessage.MAPPER.createObjectNode() : m.data();
      boolean force = d.path("force").asBoolean();
      boolean dryRun = d.path("dry-run").asBoolean();
      try {
        r =
            switch (m.type()) {
              case SYNC -> host.receivePackages(decode(d.path("archives")));
              case RELOAD -> host.reloadPackages(force, dryRun);
              case LOAD -> host.loadPackages(decode(d.path("archives")), force, dryRun);
              default -> PeerResult.failure("unknown request " + m.type());
            };
      } catch (RuntimeException e) {
        r = PeerResult.failure(e.getMessage());
      }
      if (r.ok()) {
        events.info(m.type() + " from the leader " + peer + " done");
      } else {
        events.error(m.type() + " from the leader " + peer + " failed: " + r.info());
      }
    }
    transport.send(peer, message(REPLY, m.index() == null ? 0 : m.index(), null, r.ok(), r.info()));
  }

  private static ObjectNode encode(Map<String, byte[]> archives) {
    ObjectNode a = RaftMessage.MAPPER.createObjectNode();
    archives.forEach((k, v) -> a.put(k, Base64.getEncoder().encodeToString(v)));
    return a;
  }

  private static Map<String, byte[]> decode(JsonNode a) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    a.properties()
        .forEach(e -> out.put(e.getKey(), Base64.getDecoder().decode(e.getValue().asText())));
    return out;
  }

  private static RaftMessage message(
      String type, long id, JsonNode data, Boolean success, String reason) {
    return new RaftMessage(
        type, null, null, null, null, reason, null, null, null, null, null, null, null, null, null,
        null, id, null, null, data, success, null);
  }

  @Override
  public void close() {
    worker.shutdownNow();
    pending.values().forEach(f -> f.complete(PeerResult.failure("node stopping")));
  }
}
