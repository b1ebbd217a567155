package dev.nsoha.sim.ha;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.sim.alarm.AlarmManager;
import dev.nsoha.sim.data.Datastore;
import dev.nsoha.sim.util.BindAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accepting side of HA: the listener on the node's HA address, the handshake with nodes that
 * ask who is primary or want to join, and the connected secondaries (replication of commits,
 * requests and their replies, loss).
 *
 * <p>Shares its node's lock ({@code lock}): the set of connected secondaries changes only under it,
 * together with the node's role state. Thread-safe.
 */
final class PrimaryEndpoint implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PrimaryEndpoint.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int HANDSHAKE_TIMEOUT_MS = 30_000;

  /** What the endpoint asks of its node; called with the lock held unless noted. */
  interface Node {
    /** A label for logs. */
    String label();

    /** The role now (told to nodes that ask). */
    HaRole mode();

    /** The local ha-node id, or null. */
    String localId();

    /** Null when the node admits {@code join}, else why not. Called without the lock. */
    HaRefusal admit(HaMessage.Join join, String nonce);

    /** Whether the node takes a secondary now (it is still primary). */
    boolean accepting();

    /** An admitted secondary is connected. */
    void connected(String id, String address, boolean fullCopy);

    /** A secondary is gone; {@code unexpected} is false when this node closed the connection. */
    void lost(String id, boolean unexpected, String reason);
  }

  private static final class Secondary {
    final String id;
    final HaLink link;
    final String address;
    final Map<Long, CompletableFuture<HaMessage.Reply>> pending = new ConcurrentHashMap<>();

    Secondary(String id, HaLink link, String address) {
      this.id = id;
      this.link = link;
      this.address = address;
    }

    void failPending(String why) {
      pending.values().forEach(f -> f.completeExceptionally(new IOException(why)));
    }
  }

  private final Object lock;
  private final Node node;
  private final Datastore datastore;
  private final AlarmManager alarms;
  private final ExecutorService io;
  private final ServerSocket server;
  private final Thread acceptor;
  private final AtomicLong rids = new AtomicLong();
  private final Map<String, Secondary> secondaries = new LinkedHashMap<>();
  private volatile boolean closed;

  private PrimaryEndpoint(
      Object lock,
      Node node,
      Datastore datastore,
      AlarmManager alarms,
      ExecutorService io,
      ServerSocket server) {
    this.lock = lock;
    this.node = node;
    this.datastore = datastore;
    this.alarms = alarms;
    this.io = io;
    this.server = server;
    this.acceptor = new Thread(this::acceptLoop, "ha-accept-" + node.label());
    acceptor.setDaemon(true);
  }

  /**
   * Binds {@code ip:port} and starts accepting.
   *
   * @throws IOException when the address cannot be bound
   */
  static PrimaryEndpoint start(
      String ip,
      int port,
      Object lock,
      Node node,
      Datastore datastore,
      AlarmManager alarms,
      ExecutorService io)
      throws IOException {
    BindAddress.bindAddress("ha: /ncs-config/ha/ip", ip);
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    try {
      s.bind(new InetSocketAddress(ip, port));
    } catch (IOException e) {
      s.close();
      throw new IOException(
          "cannot bind the HA listener " + ip + ":" + port + ": " + e.getMessage(), e);
    }
    PrimaryEndpoint p = new PrimaryEndpoint(lock, node, datastore, alarms, io, s);
    p.acceptor.start();
    return p;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket sock = server.accept();
        io.execute(() -> serve(sock));
      } catch (IOException e) {
        if (!closed) {
          log.warn("{}: HA accept failed: {}", node.label(), e.toString());
        }
        if (server.isClosed()) {
          return;
        }
      }
    }
  }

  private void serve(Socket sock) {
    HaLink link;
    try {
      link = new HaLink(sock);
    } catch (IOException e) {
      return;
    }
    try {
      sock.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
      byte[] nb = new byte[16];
      RANDOM.nextBytes(nb);
      String nonce = HexFormat.of().formatHex(nb);
      HaRole mode;
      synchronized (lock) {
        mode = node.mode();
      }
      link.send(new HaMessage.Hello(nonce, mode, node.localId()));
      HaMessage msg = link.read();
      if (msg instanceof HaMessage.Query) {
        link.send(new HaMessage.Status(mode, node.localId()));
        link.close();
        return;
      }
      if (!(msg instanceof HaMessage.Join join)) {
        link.close();
        return;
      }
      HaRefusal refusal = node.admit(join, nonce);
      if (refusal != null) {
        log.info(
            "{}: refused secondary {} from {}: {}",
            node.label(),
            join.id(),
            link.remoteIp(),
            refusal.text());
        link.send(new HaMessage.Reject(refusal));
        link.close();
        return;
      }
      sock.setSoTimeout(0);
      link.peerId = join.id();
      Secondary sec = new Secondary(join.id(), link, link.remoteIp());
      boolean ok = datastore.exclusive(() -> welcome(sec, join.txid()));
      if (!ok) {
        link.close();
        return;
      }
      alarms.clear("ha-secondary-down", HaAlarms.memberPath(sec.id));
      readLoop(sec);
    } catch (IOException e) {
      link.close();
    }
  }

  /** Sends the welcome (with a full copy unless the txids match) and registers the secondary. */
  private boolean welcome(Secondary sec, String theirTxid) {
    ObjectNode p = datastore.exportJson();
    String txid = p.path("txid").asText();
    boolean full = !theirTxid.equals(txid);
    synchronized (lock) {
      if (!node.accepting()) {
        return false;
      }
      try {
        sec.link.send(new HaMessage.Welcome(txid, full ? p : null));
      } catch (IOException ex) {
        return false;
      }
      Secondary old = secondaries.put(sec.id, sec);
      if (old != null) {
        old.link.close();
      }
      node.connected(sec.id, sec.address, full);
      return true;
    }
  }

  private void readLoop(Secondary sec) {
    try {
      while (true) {
        if (sec.link.read() instanceof HaMessage.Reply r) {
          CompletableFuture<HaMessage.Reply> f = sec.pending.remove(r.rid());
          if (f != null) {
            f.complete(r);
          }
        }
      }
    } catch (IOException e) {
      // closed
    }
    onLost(sec);
  }

  private void onLost(Secondary sec) {
    sec.failPending("secondary " + sec.id + " lost");
    boolean unexpected;
    synchronized (lock) {
      if (secondaries.get(sec.id) != sec) {
        return;
      }
      unexpected = !(sec.link.closedByUs && sec.link.lossReason == null);
    }
    // The alarm is raised before the secondary leaves the status, so whoever sees it gone also sees
    // the alarm.
    if (unexpected) {
      alarms.raise(
          "ha-secondary-down",
          HaAlarms.memberPath(sec.id),
          "critical",
          "Lost connection to secondary");
    }
    synchronized (lock) {
      if (secondaries.get(sec.id) != sec) {
        return;
      }
      secondaries.remove(sec.id);
      node.lost(sec.id, unexpected, sec.link.lossReason);
    }
  }

  // ---------------------------------------------------------------- replication and requests

  /**
   * Sends a commit to every connected secondary and waits for each acknowledgement until {@code
   * timeout}; a secondary that fails or is late is dropped.
   */
  void replicate(ObjectNode persisted, String txid, Duration timeout) {
    Map<String, Secondary> targets = targets();
    Map<String, CompletableFuture<HaMessage.Reply>> fs =
        send(targets, rid -> new HaMessage.Commit(rid, txid, persisted));
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Map.Entry<String, CompletableFuture<HaMessage.Reply>> f : fs.entrySet()) {
      try {
        f.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException | TimeoutException e) {
        Secondary s = targets.get(f.getKey());
        if (s == null) {
          continue;
        }
        s.link.lossReason = "replication failed: " + e;
        log.warn(
            "{}: dropping secondary {}: commit {} not acknowledged ({})",
            node.label(),
            f.getKey(),
            txid,
            e.toString());
        s.link.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Sends a request to every connected secondary and waits for the replies until {@code timeout}.
   *
   * @return per secondary id, in connection order; a secondary that fails or is late maps to a
   *     failure
   */
  Map<String, PeerResult> request(LongFunction<HaMessage.Request> make, Duration timeout) {
    Map<String, CompletableFuture<HaMessage.Reply>> fs = send(targets(), make);
    Map<String, PeerResult> out = new LinkedHashMap<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Map.Entry<String, CompletableFuture<HaMessage.Reply>> f : fs.entrySet()) {
      try {
        HaMessage.Reply r =
            f.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        out.put(f.getKey(), new PeerResult(r.ok(), r.info()));
      } catch (ExecutionException | TimeoutException e) {
        out.put(f.getKey(), PeerResult.failure("no answer from " + f.getKey() + ": " + e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return out;
  }

  private Map<String, Secondary> targets() {
    synchronized (lock) {
      return new LinkedHashMap<>(secondaries);
    }
  }

  private Map<String, CompletableFuture<HaMessage.Reply>> send(
      Map<String, Secondary> targets, LongFunction<HaMessage.Request> make) {
    Map<String, CompletableFuture<HaMessage.Reply>> fs = new LinkedHashMap<>();
    for (Secondary s : targets.values()) {
      long rid = rids.incrementAndGet();
      CompletableFuture<HaMessage.Reply> f = new CompletableFuture<>();
      s.pending.put(rid, f);
      fs.put(s.id, f);
      try {
        s.link.send(make.apply(rid));
      } catch (IOException e) {
        f.completeExceptionally(e);
      }
    }
    return fs;
  }

  // ---------------------------------------------------------------- links

  /** The connections of the connected secondaries (for ticks). */
  List<HaLink> links() {
    List<HaLink> out = new ArrayList<>();
    targets().values().forEach(s -> out.add(s.link));
    return out;
  }

  /** Closes every secondary's connection quietly (no alarm, no consensus). Hold the lock. */
  void dropAll() {
    for (Secondary s : secondaries.values()) {
      s.link.close();
      s.failPending("link closed");
    }
    secondaries.clear();
  }

  /** Closes the listener and every connection; waits until the port is released. */
  @Override
  public void close() {
    closed = true;
    synchronized (lock) {
      for (Secondary s : secondaries.values()) {
        s.link.close();
      }
    }
    try {
      server.close();
    } catch (IOException e) {
      log.debug("{}: closing the HA listener: {}", node.label(), e.toString());
    }
    // The port is released only when the accepting thread has left accept().
    try {
      acceptor.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
