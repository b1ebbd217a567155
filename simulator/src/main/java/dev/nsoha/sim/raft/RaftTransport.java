package dev.nsoha.sim.raft;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The connections between members: one listener on the node address, and a connection to every node
 * this member wants to reach (seeds, members, invited nodes). Each connection starts with a hello
 * that carries the sender's name, cluster name and NSO version; a different cluster name or
 * version, or (with TLS) a certificate that does not chain to the CA or does not name the peer's
 * address, is refused and logged. Every connection carries a tick each tick-timeout; three missed
 * ticks close it.
 *
 * <p>Finding a node by name without a port (the pre-6.7 form {@code ID@ADDRESS}): the listener
 * takes the first free port in {@code min-port..max-port} on its address, and a dialer tries those
 * ports in order, asking each listener for the wanted name; a listener with another name answers
 * {@code wrong-node}. The port found is remembered. This replaces NSO's epmd name service (port
 * 4369): it needs no process of its own, so no member's death takes name resolution down, and
 * several members can share one address with different ids.
 *
 * <p>Thread-safe.
 */
final class RaftTransport implements Closeable {
  /** What the transport reports. Called from transport threads. */
  interface Listener {
    void up(String peer);

    void down(String peer, String reason);

    void message(String peer, RaftMessage m);

    void refused(String peer, String reason);
  }

  private final NodeName self;
  private final String cluster;
  private final String version;
  private final RaftTls tls;
  private final int fixedPort;
  private final int minPort;
  private final int maxPort;
  private final long tick;
  private final Listener listener;
  private final ScheduledExecutorService timer;
  private ServerSocket server;
  private volatile boolean closed;
  private final Map<String, List<RaftConnection>> conns = new ConcurrentHashMap<>();
  private final Set<String> wanted = ConcurrentHashMap.newKeySet();
  private final Set<String> dialing = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> ports = new ConcurrentHashMap<>();
  private final Map<String, String> lastRefusal = new ConcurrentHashMap<>();

  RaftTransport(
      NodeName self,
      String cluster,
      String version,
      RaftTls tls,
      int fixedPort,
      int minPort,
      int maxPort,
      long tick,
      Listener listener) {
    this.self = self;
    this.cluster = cluster;
    this.version = version;
    this.tls = tls;
    this.fixedPort = fixedPort;
    this.minPort = minPort;
    this.maxPort = maxPort;
    this.tick = tick;
    this.listener = listener;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "raft-net-" + self.key());
              t.setDaemon(true);
              return t;
            });
  }

  /** Binds the listener and starts ticking and dialing. */
  void start() throws IOException {
    InetAddress addr = InetAddress.getByName(self.address());
    IOException last = null;
    int from = fixedPort > 0 ? fixedPort : minPort;
    int to = fixedPort > 0 ? fixedPort : maxPort;
    for (int p = from; p <= to && server == null; p++) {
      ServerSocket s =
          tls != null
              ? tls.context().getServerSocketFactory().createServerSocket()
              : new ServerSocket();
      try {
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(addr, p), 50);
        if (s instanceof SSLServerSocket ss) {
          ss.setNeedClientAuth(true);
        }
        server = s;
      } catch (IOException e) {
        s.close();
        last = e;
      }
    }
    if (server == null) {
      throw new IOException(
          "HA Raft cannot listen on "
              + self.address()
              + " port "
              + (from == to ? from : from + ".." + to)
              + ": "
              + (last == null ? "no port" : last.getMessage()));
    }
    Thread a = new Thread(this::acceptLoop, "raft-accept-" + self.key());
    a.setDaemon(true);
    a.start();
    timer.scheduleWithFixedDelay(this::tickAll, tick, tick, TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(this::dialAll, 0, Math.max(100, tick / 2), TimeUnit.MILLISECONDS);
  }

  /** The port the listener is bound to. */
  int port() {
    return server.getLocalPort();
  }

  /** Sets the nodes to keep connections to. */
  void want(Set<String> nodes) {
    wanted.retainAll(nodes);
    wanted.addAll(nodes);
    wanted.remove(self.key());
  }

  /** Remembers where a node listens (from a {@code :PORT} in its name). */
  void hint(NodeName n) {
    if (n.port() > 0) {
      ports.put(n.key(), n.port());
    }
  }

  /** Whether a connection to {@code node} is up. */
  boolean connected(String node) {
    List<RaftConnection> l = conns.get(node);
    return l != null && !l.isEmpty();
  }

  /** Nodes with a live connection. */
  List<String> connectedNodes() {
    List<String> out = new ArrayList<>();
    conns.forEach(
        (k, v) -> {
          if (!v.isEmpty()) {
            out.add(k);
          }
        });
    out.sort(null);
    return out;
  }

  /** The last refusal seen for a node, or null. */
  String lastRefusal(String node) {
    return lastRefusal.get(node);
  }

  /** Sends a message; dropped when there is no connection. */
  void send(String to, RaftMessage m) {
    List<RaftConnection> l = conns.get(to);
    if (l == null) {
      return;
    }
    for (RaftConnection c : l) {
      if (c.send(m.encode())) {
        return;
      }
    }
  }

  /** Drops every connection to {@code node} (it may connect again). */
  void disconnect(String node) {
    List<RaftConnection> l = conns.get(node);
    if (l != null) {
      for (RaftConnection c : List.copyOf(l)) {
        c.close("disconnected by request");
      }
    }
  }

  /**
   * Connects to {@code node} now if needed and waits up to {@code millis} for the connection.
   *
   * @return whether it is connected
   */
  boolean reach(String node, long millis) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    wanted.add(node);
    while (!connected(node) && System.nanoTime() < end) {
      if (dialing.add(node)) {
        String n = node;
        Thread t =
            new Thread(
                () -> {
                  try {
                    dial(n);
                  } finally {
                    dialing.remove(n);
                  }
                },
                "raft-dial-" + node);
        t.setDaemon(true);
        t.start();
      }
      synchronized (this) {
        wait(50);
      }
    }
    return connected(node);
  }

  // ------------------------------------------------------------------ accept

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (!closed) {
          listener.refused(null, "accept failed: " + e.getMessage());
        }
        return;
      }
      Thread t = new Thread(() -> serve(s), "raft-in-" + self.key());
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket s) {
    String where = s.getRemoteSocketAddress().toString();
    try {
      s.setSoTimeout((int) Math.max(1000, 3 * tick));
      s.setTcpNoDelay(true);
      if (s instanceof SSLSocket ss) {
        ss.startHandshake();
      }
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      String line = in.readLine();
      if (line == null) {
        s.close();
        return;
      }
      RaftMessage h = RaftMessage.decode(line);
      if (!"hello".equals(h.type()) || h.from() == null) {
        refuse(s, null, "connection from " + where + ": no hello");
        return;
      }
      String from = NodeName.parse(h.from()).key();
      if (!self.key().equals(h.to())) {
        write(s, RaftMessage.refused("wrong-node " + self.key()));
        s.close();
        return;
      }
      String why = check(h.cluster(), h.version());
      if (why == null && s instanceof SSLSocket ss) {
        why = RaftTls.checkNames(ss.getSession(), NodeName.parse(h.from()).address());
      }
      if (why != null) {
        refuse(s, from, why);
        return;
      }
      write(s, RaftMessage.welcome(self.key(), cluster, version));
      lastRefusal.remove(from);
      register(from, s, in, "in");
    } catch (IOException | RuntimeException e) {
      String ip = s.getInetAddress().getHostAddress();
      report("from " + ip, "connection from " + ip + " refused: " + e.getMessage());
      closeQuietly(s);
    }
  }

  /** Logs a refusal once per node and reason (dialers retry every half tick). */
  private void report(String key, String why) {
    if (!why.equals(lastRefusal.put(key, why))) {
      listener.refused(key.startsWith("from ") ? null : key, why);
    }
  }

  private String check(String theirCluster, String theirVersion) {
    if (!cluster.equals(theirCluster)) {
      return "cluster-name '" + theirCluster + "' differs from the local '" + cluster + "'";
    }
    if (!version.equals(theirVersion)) {
      return "NSO version " + theirVersion + " differs from the local NSO version " + version;
    }
    return null;
  }

  private void refuse(Socket s, String from, String why) {
    report(from == null ? "from " + s.getInetAddress().getHostAddress() : from, why);
    try {
      write(s, RaftMessage.refused(why));
    } catch (IOException e) {
      // the peer is told when it can be
    }
    closeQuietly(s);
  }

  // ------------------------------------------------------------------ dial

  private void dialAll() {
    for (String n : wanted) {
      if (closed) {
        return;
      }
      if (hasOutgoing(n) || !dialing.add(n)) {
        continue;
      }
      Thread t =
          new Thread(
              () -> {
                try {
                  dial(n);
                } finally {
                  dialing.remove(n);
                }
              },
              "raft-dial-" + n);
      t.setDaemon(true);
      t.start();
    }
  }

  private boolean hasOutgoing(String n) {
    List<RaftConnection> l = conns.get(n);
    return l != null && l.stream().anyMatch(c -> c.outgoing);
  }

  private void dial(String node) {
    NodeName n;
    try {
      n = NodeName.parse(node);
    } catch (IllegalArgumentException e) {
      return;
    }
    List<Integer> candidates = new ArrayList<>();
    Integer known = ports.get(n.key());
    if (known != null) {
      candidates.add(known);
    } else if (n.port() > 0) {
      candidates.add(n.port());
    } else if (fixedPort > 0) {
      candidates.add(4570);
    } else {
      for (int p = minPort; p <= maxPort; p++) {
        candidates.add(p);
      }
    }
    for (int p : candidates) {
      if (closed) {
        return;
      }
      if (n.address().equals(self.address()) && server != null && p == port()) {
        continue;
      }
      String r = tryPort(n, p);
      if (r == null) {
        ports.put(n.key(), p);
        return;
      }
      if (!r.startsWith("wrong-node") && !r.startsWith("no listener")) {
        return;
      }
    }
    if (known != null) {
      ports.remove(n.key());
    }
  }

  /**
   * The ports where this node would look for {@code n}: the port found before, the name's port,
   * 4570 with a fixed listen port (6.7 form), else the whole min-port..max-port range.
   */
  List<Integer> portsFor(NodeName n) {
    List<Integer> out = new ArrayList<>();
    Integer known = ports.get(n.key());
    if (known != null) {
      out.add(known);
    } else if (n.port() > 0) {
      out.add(n.port());
    } else if (fixedPort > 0) {
      out.add(4570);
    } else {
      for (int p = minPort; p <= maxPort; p++) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * Whether a TCP connection from this node's address to {@code address:port} opens within the
   * timeout; the connection is closed at once, before any TLS handshake.
   */
  boolean portOpen(InetAddress address, int port, int timeoutMillis) {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(self.address()), 0));
      s.connect(new InetSocketAddress(address, port), timeoutMillis);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Null when connected, else why not. */
  private String tryPort(NodeName n, int port) {
    Socket s = null;
    try {
      s = tls != null ? tls.context().getSocketFactory().createSocket() : new Socket();
      // From the node address, so that peers and firewalls see the member's own address.
      s.bind(new InetSocketAddress(InetAddress.getByName(self.address()), 0));
      s.connect(new InetSocketAddress(n.address(), port), 1000);
    } catch (IOException e) {
      closeQuietly(s);
      return "no listener";
    }
    try {
      s.setSoTimeout((int) Math.max(1000, 3 * tick));
      s.setTcpNoDelay(true);
      if (s instanceof SSLSocket ss) {
        ss.startHandshake();
        String why = RaftTls.checkNames(ss.getSession(), n.address());
        if (why != null) {
          report(n.key(), why);
          s.close();
          return why;
        }
      }
      write(s, RaftMessage.hello(self.key(), n.key(), cluster, version));
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      String line = in.readLine();
      if (line == null) {
        s.close();
        return "closed";
      }
      RaftMessage r = RaftMessage.decode(line);
      if ("refused".equals(r.type())) {
        s.close();
        if (r.reason() != null && r.reason().startsWith("wrong-node")) {
          return r.reason();
        }
        String why = n.key() + " refused the connection: " + r.reason();
        report(n.key(), why);
        return why;
      }
      String why = check(r.cluster(), r.version());
      if (why != null) {
        report(n.key(), why);
        s.close();
        return why;
      }
      lastRefusal.remove(n.key());
      register(n.key(), s, in, "out");
      return null;
    } catch (IOException | RuntimeException e) {
      closeQuietly(s);
      String why = "TLS or handshake with " + n.key() + " port " + port + " failed: " + e;
      if (s instanceof SSLSocket) {
        report(n.key(), "TLS or handshake with " + n.key() + " failed: " + e.getMessage());
      }
      return why;
    }
  }

  // ------------------------------------------------------------------ connections

  private void register(String peer, Socket s, BufferedReader in, String dir) throws IOException {
    if (closed) {
      s.close();
      return;
    }
    RaftConnection c =
        new RaftConnection(peer, s, in, dir.equals("out"), listener::message, this::closed);
    boolean first;
    synchronized (conns) {
      List<RaftConnection> l = conns.computeIfAbsent(peer, k -> new CopyOnWriteArrayList<>());
      first = l.isEmpty();
      l.add(c);
    }
    if (first) {
      listener.up(peer);
    }
    Thread t = new Thread(c::readLoop, "raft-" + dir + "-" + peer);
    t.setDaemon(true);
    t.start();
  }

  /** A connection closed: forgets it, and reports the peer down when it was the last one. */
  private void closed(RaftConnection c, String reason) {
    boolean last;
    synchronized (conns) {
      List<RaftConnection> l = conns.get(c.peer);
      if (l != null) {
        l.remove(c);
      }
      last = l == null || l.isEmpty();
    }
    if (last && !closed) {
      listener.down(c.peer, reason);
    }
  }

  private void tickAll() {
    String t = RaftMessage.of("tick").encode();
    conns.values().forEach(l -> l.forEach(c -> c.send(t)));
  }

  private static void write(Socket s, RaftMessage m) throws IOException {
    OutputStream o = s.getOutputStream();
    o.write((m.encode() + "\n").getBytes(StandardCharsets.UTF_8));
    o.flush();
  }

  static void closeQuietly(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    for (List<RaftConnection> l : conns.values()) {
      for (RaftConnection c : List.copyOf(l)) {
        c.close("closed");
      }
    }
  }
}
