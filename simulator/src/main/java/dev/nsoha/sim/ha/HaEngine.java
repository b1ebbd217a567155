package dev.nsoha.sim.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.sim.alarm.AlarmManager;
import dev.nsoha.sim.conf.NcsConf;
import dev.nsoha.sim.data.Datastore;
import dev.nsoha.sim.data.JsonCodec;
import dev.nsoha.sim.data.NodeRefusal;
import dev.nsoha.sim.util.AtomicFiles;
import dev.nsoha.sim.util.Crypto;
import dev.nsoha.sim.util.Versions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NSO's rule-based HA for one node: roles, the start-up rule table, the token, version and fxs
 * checks, failover after reconnect-interval x reconnect-attempts, re-homing of plain secondaries,
 * the consensus read-only rules, and replication over TCP on the node's HA address (a full copy on
 * join unless the transaction ids match, then every commit pushed synchronously).
 *
 * <p>State changes run under this object's lock and are logged at info with the node label; timed
 * steps (retries, failover) run on one scheduler thread. Thread-safe.
 */
public final class HaEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HaEngine.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int CONNECT_TIMEOUT_MS = 2000;

  /** What the engine needs from its node. */
  public interface Host {
    /** A label for logs (the node's run dir name). */
    String label();

    /** The node's NSO version, e.g. 6.4.4. */
    String version();

    /** The datastore (config, commits, full copies). */
    Datastore datastore();

    /** The node's alarms. */
    AlarmManager alarms();

    /** Digests of the loaded package schemas (compared on join: error 27 when different). */
    List<String> fxs();

    /** Handles a request a primary sent to this secondary (package sync and reload). */
    ObjectNode handleRequest(String type, ObjectNode payload);
  }

  private final Host host;
  private final NcsConf.Ha conf;
  private final String ownIp;
  private final Path stateFile;
  private final ScheduledExecutorService control;
  private final ScheduledExecutorService ticker;
  private final ExecutorService io;
  private final AtomicLong rids = new AtomicLong();
  private ServerSocket server;
  private Thread acceptor;

  private boolean enabled;
  private String mode = "none";
  private String assigned = "none";
  private String primaryId;
  private String result;
  private boolean adminReadOnly;
  private boolean autoClearReadOnly;
  private long epoch;
  private HaLink primaryLink;
  private final Map<String, Secondary> secondaries = new LinkedHashMap<>();
  private volatile boolean closed;

  private static final class Secondary {
    final HaLink link;
    final String address;
    final Map<Long, CompletableFuture<ObjectNode>> pending = new ConcurrentHashMap<>();

    Secondary(HaLink link, String address) {
      this.link = link;
      this.address = address;
    }
  }

  /**
   * @param host the node
   * @param conf {@code /ncs-config/ha}
   * @param stateFile where the enabled flag is kept across restarts
   */
  public HaEngine(Host host, NcsConf.Ha conf, Path stateFile) {
    this.host = host;
    this.conf = conf;
    this.ownIp = conf.ip().equals("0.0.0.0") ? "127.0.0.1" : conf.ip();
    this.stateFile = stateFile;
    this.control = Executors.newSingleThreadScheduledExecutor(daemon("ha-control-" + host.label()));
    this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("ha-tick-" + host.label()));
    this.io = Executors.newCachedThreadPool(daemon("ha-io-" + host.label()));
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Binds the HA listener (when ncs.conf enables HA) and, if HA was enabled before the last stop,
   * applies the start-up rules.
   *
   * @throws IOException when the HA port cannot be bound
   */
  public void start() throws IOException {
    if (conf.enabled()) {
      dev.nsoha.sim.util.Loopback.bindAddress("ha: /ncs-config/ha/ip", ownIp);
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      try {
        s.bind(new InetSocketAddress(ownIp, conf.port()));
      } catch (IOException e) {
        s.close();
        throw new IOException(
            "cannot bind the HA listener " + ownIp + ":" + conf.port() + ": " + e.getMessage(), e);
      }
      server = s;
      acceptor = new Thread(this::acceptLoop, "ha-accept-" + host.label());
      acceptor.setDaemon(true);
      acceptor.start();
      long tick = conf.tickTimeout().toMillis();
      if (tick > 0) {
        ticker.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
      }
    }
    boolean wasEnabled = false;
    if (Files.exists(stateFile)) {
      wasEnabled = JsonCodec.MAPPER.readTree(stateFile.toFile()).path("enabled").asBoolean(false);
    }
    if (wasEnabled && conf.enabled()) {
      long e;
      synchronized (this) {
        enabled = true;
        e = ++epoch;
      }
      LOG.info("{}: HA was enabled before the stop; applying the start-up rules", host.label());
      awaitQuietly(control.submit(() -> startup(e)));
    }
  }

  // ---------------------------------------------------------------- status

  /** A consistent snapshot of the HA state. */
  public synchronized HaStatus status() {
    Map<String, String> cs = new LinkedHashMap<>();
    secondaries.forEach((id, s) -> cs.put(id, s.address));
    String cur = enabled && !mode.equals("none") ? localIdOrNull() : null;
    return new HaStatus(
        enabled, mode, cur, assigned, result, primaryId, isReadOnly(), adminReadOnly, cs);
  }

  /** Whether writes are refused now (admin read-only flag, or HA secondary). */
  public synchronized boolean isReadOnly() {
    return adminReadOnly || mode.equals("secondary");
  }

  /** The local ha-node id (the ha-node whose address is this node's HA ip), or null. */
  public String localIdOrNull() {
    return settings().localId(ownIp);
  }

  private HaSettings settings() {
    return HaSettings.from(host.datastore().snapshot());
  }

  // ---------------------------------------------------------------- actions

  /**
   * {@code enable}: enables HA (if disabled) and applies the start-up rules; returns {@code
   * enabled}.
   */
  public String enable() {
    requireConf();
    HaSettings s = settings();
    if (s.localId(ownIp) == null) {
      throw new NodeRefusal(
          NodeRefusal.Kind.OPERATION_FAILED,
          "no ha-node has this node's HA address "
              + ownIp
              + "; cannot determine the local HA node id");
    }
    long e;
    synchronized (this) {
      if (enabled) {
        return "enabled";
      }
      enabled = true;
      e = ++epoch;
      persist();
    }
    LOG.info("{}: HA enabled", label());
    awaitQuietly(control.submit(() -> startup(e)));
    return "enabled";
  }

  /** {@code disable}: leaves the group, role none, clears the admin read-only flag. */
  public String disable() {
    synchronized (this) {
      enabled = false;
      epoch++;
      persist();
      dropAllLinks();
      adminReadOnly = false;
      autoClearReadOnly = false;
      primaryId = null;
      result = null;
      setRole("none", "none", "HA disabled");
    }
    return "NSO Built-in HA disabled";
  }

  /** {@code be-primary}: returns {@code ok}. */
  public String bePrimary() {
    synchronized (this) {
      requireEnabled();
      epoch++;
      becomePrimary(false, "be-primary action");
    }
    return "ok";
  }

  /** {@code be-none}: returns {@code ok}. */
  public String beNone() {
    synchronized (this) {
      requireEnabled();
      epoch++;
      dropAllLinks();
      primaryId = null;
      result = null;
      setRole("none", "none", "be-none action");
    }
    return "ok";
  }

  /** {@code be-secondary-to node}: starts an attempt; the outcome shows in be-secondary-result. */
  public String beSecondaryTo(String node) {
    HaSettings s = settings();
    long e;
    synchronized (this) {
      requireEnabled();
      if (s.member(node) == null) {
        throw new NodeRefusal(NodeRefusal.Kind.INVALID_VALUE, "no such ha-node: " + node);
      }
      if (node.equals(s.localId(ownIp))) {
        throw new NodeRefusal(
            NodeRefusal.Kind.OPERATION_FAILED, "cannot be secondary to the local node " + node);
      }
      e = ++epoch;
      dropAllLinks();
      primaryId = node;
      result = null;
      setRole("none", "secondary", "be-secondary-to " + node);
    }
    Future<?> f =
        control.submit(
            () -> {
              if (current(e)) {
                String err = join(node, e);
                if (err != null) {
                  synchronized (this) {
                    if (epoch == e) {
                      result = err;
                      setRole("none", "secondary", "be-secondary-to " + node + " failed: " + err);
                    }
                  }
                }
              }
            });
    awaitQuietly(f);
    return "Attempting to be secondary to node " + node;
  }

  /** {@code local-node-id}: the local ha-node id. */
  public String localNodeId() {
    String id = localIdOrNull();
    if (id == null) {
      throw new NodeRefusal(
          NodeRefusal.Kind.OPERATION_FAILED, "no ha-node has this node's HA address " + ownIp);
    }
    return id;
  }

  /** {@code read-only mode} / {@code /ncs-state/set-read-only mode}: the admin flag. */
  public synchronized void setReadOnly(boolean on) {
    adminReadOnly = on;
    autoClearReadOnly = false;
    LOG.info("{}: admin read-only mode {}", label(), on);
  }

  private void requireConf() {
    if (!conf.enabled()) {
      throw new NodeRefusal(
          NodeRefusal.Kind.OPERATION_FAILED,
          "High availability is not enabled in ncs.conf (/ncs-config/ha/enabled)");
    }
  }

  private void requireEnabled() {
    requireConf();
    if (!enabled) {
      throw new NodeRefusal(NodeRefusal.Kind.OPERATION_FAILED, "NSO Built-in HA is not enabled");
    }
  }

  // ---------------------------------------------------------------- role changes (hold the lock)

  private void setRole(String newMode, String newAssigned, String why) {
    if (!newMode.equals(mode) || !newAssigned.equals(assigned)) {
      LOG.info(
          "{}: HA mode {} -> {}, assigned-role {} -> {} ({})",
          label(),
          mode,
          newMode,
          assigned,
          newAssigned,
          why);
    } else {
      LOG.info("{}: HA mode {}, assigned-role {} ({})", label(), mode, assigned, why);
    }
    mode = newMode;
    assigned = newAssigned;
  }

  private void becomePrimary(boolean readOnly, String why) {
    if (primaryLink != null) {
      primaryLink.close();
      primaryLink = null;
    }
    primaryId = null;
    result = null;
    if (readOnly) {
      adminReadOnly = true;
      autoClearReadOnly = true;
    }
    setRole("primary", "primary", why + (readOnly ? ", read-only until a secondary connects" : ""));
  }

  private void dropAllLinks() {
    if (primaryLink != null) {
      primaryLink.close();
      primaryLink = null;
    }
    for (Secondary s : secondaries.values()) {
      s.link.close();
      s.pending.values().forEach(f -> f.completeExceptionally(new IOException("link closed")));
    }
    secondaries.clear();
  }

  private synchronized boolean current(long e) {
    return enabled && epoch == e && !closed;
  }

  private String label() {
    String id = null;
    try {
      id = localIdOrNull();
    } catch (RuntimeException e) {
      // no config yet
    }
    return id == null ? host.label() : host.label() + "/" + id;
  }

  private void persist() {
    try {
      AtomicFiles.write(
          stateFile, ("{\"enabled\":" + enabled + "}").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      LOG.warn("{}: cannot persist the HA state: {}", host.label(), e.toString());
    }
  }

  // ---------------------------------------------------------------- start-up rules (control
  // thread)

  private void startup(long e) {
    if (!current(e)) {
      return;
    }
    HaSettings s = settings();
    String me = s.localId(ownIp);
    HaSettings.Member self = me == null ? null : s.member(me);
    if (self == null) {
      synchronized (this) {
        setRole("none", "none", "no ha-node matches " + ownIp);
      }
      return;
    }
    String role = self.nominalRole();
    if ((!s.assumeNominalRole() && !s.joinHa()) || role.equals("none")) {
      synchronized (this) {
        setRole(
            "none",
            "none",
            "start-up rules (assume-nominal-role "
                + s.assumeNominalRole()
                + ", join-ha "
                + s.joinHa()
                + ", nominal-role "
                + role
                + ")");
      }
      return;
    }
    if (s.assumeNominalRole() && !s.joinHa()) {
      if (role.equals("primary")) {
        synchronized (this) {
          if (epoch == e) {
            becomePrimary(false, "start-up: assume nominal role primary");
          }
        }
      } else {
        HaSettings.Member p = s.nominalPrimary();
        String err = p == null ? "error (25) - could not connect to primary" : join(p.id(), e);
        if (err != null) {
          synchronized (this) {
            if (epoch == e) {
              result = err;
              setRole("none", "none", "start-up: could not join the nominal primary");
            }
          }
        }
      }
      return;
    }
    if (role.equals("primary") && s.assumeNominalRole()) {
      String p = findPrimary(s, me);
      if (p == null) {
        synchronized (this) {
          if (epoch == e) {
            becomePrimary(false, "start-up: no other primary found, assuming nominal role");
          }
        }
      } else {
        String err = join(p, e);
        if (err != null) {
          synchronized (this) {
            if (epoch == e) {
              result = err;
              setRole("none", "secondary", "start-up: could not join primary " + p);
            }
          }
        }
      }
      return;
    }
    synchronized (this) {
      setRole("none", "secondary", "start-up: looking for the current primary");
    }
    seek(e, role.equals("primary") ? Integer.MAX_VALUE : s.reconnectAttempts(), "start-up");
  }

  /** One attempt to find and join the current primary; reschedules until attempts are used up. */
  private void seek(long e, int attemptsLeft, String why) {
    if (!current(e)) {
      return;
    }
    HaSettings s = settings();
    String me = s.localId(ownIp);
    String p = findPrimary(s, me);
    String err = p == null ? "error (25) - could not connect to primary" : join(p, e);
    if (err == null) {
      return;
    }
    synchronized (this) {
      if (epoch != e) {
        return;
      }
      result = err;
      if (attemptsLeft <= 1) {
        primaryId = null;
        setRole("none", "none", why + ": no primary to join after all attempts");
        return;
      }
    }
    int left = attemptsLeft == Integer.MAX_VALUE ? attemptsLeft : attemptsLeft - 1;
    control.schedule(() -> seek(e, left, why), s.reconnectInterval(), TimeUnit.SECONDS);
  }

  /** Asks every other ha-node for its mode; returns the id of one in mode primary, or null. */
  private String findPrimary(HaSettings s, String me) {
    for (HaSettings.Member m : s.nodes()) {
      if (m.id().equals(me) || m.address() == null) {
        continue;
      }
      try (HaLink l = HaLink.connect(ownIp, m.address(), conf.port(), CONNECT_TIMEOUT_MS)) {
        l.socket.setSoTimeout(CONNECT_TIMEOUT_MS);
        l.read();
        ObjectNode q = JsonCodec.MAPPER.createObjectNode().put("type", "query");
        l.send(q);
        ObjectNode st = l.read();
        if ("primary".equals(st.path("mode").asText()) && m.id().equals(st.path("id").asText())) {
          return m.id();
        }
      } catch (IOException ex) {
        LOG.debug("{}: query of {} failed: {}", label(), m.id(), ex.toString());
      }
    }
    return null;
  }

  /**
   * Connects to {@code target} and joins it as secondary.
   *
   * @return null on success, else the be-secondary-result error text
   */
  private String join(String target, long e) {
    HaSettings s = settings();
    HaSettings.Member m = s.member(target);
    String me = s.localId(ownIp);
    if (m == null || m.address() == null) {
      return "error (25) - could not connect to primary";
    }
    HaLink link;
    try {
      link = HaLink.connect(ownIp, m.address(), conf.port(), CONNECT_TIMEOUT_MS);
    } catch (IOException ex) {
      LOG.info(
          "{}: cannot connect to {} ({}:{}): {}",
          label(),
          target,
          m.address(),
          conf.port(),
          ex.getMessage());
      return "error (25) - could not connect to primary";
    }
    try {
      link.socket.setSoTimeout(60_000);
      ObjectNode hello = link.read();
      ObjectNode j = JsonCodec.MAPPER.createObjectNode();
      j.put("type", "join");
      j.put("id", me);
      j.put("version", host.version());
      j.set("fxs", JsonCodec.MAPPER.valueToTree(host.fxs()));
      j.put("txid", host.datastore().txid());
      j.put("proof", Crypto.hmac(s.token(), hello.path("nonce").asText()));
      link.send(j);
      ObjectNode w = link.read();
      if (!"welcome".equals(w.path("type").asText())) {
        link.close();
        String err =
            "error ("
                + w.path("code").asInt(25)
                + ") - "
                + w.path("text").asText("could not connect to primary");
        LOG.info("{}: primary {} refused us: {}", label(), target, err);
        return err;
      }
      if (w.has("data")) {
        host.datastore().importJson(w.get("data"));
        LOG.info(
            "{}: full copy of the config received from {} (txid {})",
            label(),
            target,
            w.path("txid").asText());
      } else {
        LOG.info(
            "{}: transaction ids match ({}); no copy needed", label(), w.path("txid").asText());
      }
      link.socket.setSoTimeout(0);
      link.peerId = target;
      synchronized (this) {
        if (epoch != e || !enabled) {
          link.close();
          return null;
        }
        primaryLink = link;
        primaryId = target;
        result = "initialized";
        setRole("secondary", "secondary", "joined primary " + target);
      }
      host.alarms().clearAll("ha-primary-down");
      io.execute(() -> secondaryReadLoop(link));
      return null;
    } catch (IOException ex) {
      link.close();
      LOG.info("{}: join of {} failed: {}", label(), target, ex.toString());
      return "error (26) - could not connect to primary";
    }
  }

  // ---------------------------------------------------------------- secondary side

  private void secondaryReadLoop(HaLink link) {
    String reason = "Primary closed connection";
    try {
      while (true) {
        ObjectNode msg = link.read();
        String type = msg.path("type").asText();
        switch (type) {
          case "tick" -> {}
          case "commit" -> {
            host.datastore().importJson(msg.get("data"));
            link.send(reply(msg, true));
          }
          default ->
              io.execute(
                  () -> {
                    ObjectNode r;
                    try {
                      r = host.handleRequest(type, msg);
                    } catch (RuntimeException ex) {
                      r =
                          JsonCodec.MAPPER
                              .createObjectNode()
                              .put("ok", false)
                              .put("info", String.valueOf(ex.getMessage()));
                    }
                    r.put("type", "reply");
                    r.put("rid", msg.path("rid").asLong());
                    try {
                      link.send(r);
                    } catch (IOException ex) {
                      link.close();
                    }
                  });
        }
      }
    } catch (IOException ex) {
      if (link.lossReason != null) {
        reason = link.lossReason;
      }
    }
    onPrimaryLost(link, reason);
  }

  private static ObjectNode reply(ObjectNode req, boolean ok) {
    return JsonCodec.MAPPER
        .createObjectNode()
        .put("type", "reply")
        .put("rid", req.path("rid").asLong())
        .put("ok", ok);
  }

  private void onPrimaryLost(HaLink link, String reason) {
    long e;
    String lost;
    HaSettings s = settings();
    synchronized (this) {
      if (primaryLink != link || closed) {
        return;
      }
      primaryLink = null;
      if (link.closedByUs && link.lossReason == null) {
        return;
      }
      e = ++epoch;
      lost = primaryId;
    }
    // The alarm is raised before the role changes, so whoever sees mode none also sees the alarm.
    host.alarms()
        .raise(
            "ha-primary-down",
            memberPath(lost),
            "critical",
            "Lost connection to primary due to: " + reason);
    synchronized (this) {
      if (epoch != e) {
        return;
      }
      result = "error (25) - could not connect to primary";
      setRole("none", "secondary", "lost primary " + lost + ": " + reason);
    }
    String me = s.localId(ownIp);
    HaSettings.Member self = s.member(me);
    boolean mayTakeOver =
        self != null
            && s.enableFailover()
            && (self.failoverPrimary() || self.nominalRole().equals("primary"));
    if (mayTakeOver) {
      LOG.info(
          "{}: will retry primary {} {} times every {} s, then take over",
          label(),
          lost,
          s.reconnectAttempts(),
          s.reconnectInterval());
      control.schedule(() -> retryPrimary(e, lost, 1), s.reconnectInterval(), TimeUnit.SECONDS);
    } else if (s.reconnectSecondaries()) {
      LOG.info("{}: looking for a new primary every {} s", label(), s.reconnectInterval());
      control.schedule(() -> rehome(e), s.reconnectInterval(), TimeUnit.SECONDS);
    } else {
      synchronized (this) {
        if (epoch == e) {
          primaryId = null;
          setRole("none", "none", "reconnect-secondaries is false");
        }
      }
    }
  }

  private void retryPrimary(long e, String lost, int attempt) {
    if (!current(e)) {
      return;
    }
    HaSettings s = settings();
    String err = join(lost, e);
    if (err == null) {
      return;
    }
    synchronized (this) {
      if (epoch != e) {
        return;
      }
      result = "error (25) - could not connect to primary";
      LOG.info(
          "{}: reconnect attempt {}/{} to {} failed",
          label(),
          attempt,
          s.reconnectAttempts(),
          lost);
      if (attempt >= s.reconnectAttempts()) {
        becomePrimary(s.consensus(), "failover: primary " + lost + " did not come back");
        return;
      }
    }
    control.schedule(
        () -> retryPrimary(e, lost, attempt + 1), s.reconnectInterval(), TimeUnit.SECONDS);
  }

  private void rehome(long e) {
    if (!current(e)) {
      return;
    }
    HaSettings s = settings();
    String p = findPrimary(s, s.localId(ownIp));
    if (p != null && join(p, e) == null) {
      LOG.info("{}: re-homed to primary {}", label(), p);
      return;
    }
    control.schedule(() -> rehome(e), s.reconnectInterval(), TimeUnit.SECONDS);
  }

  // ---------------------------------------------------------------- primary side

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket sock = server.accept();
        io.execute(() -> serve(sock));
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("{}: HA accept failed: {}", host.label(), e.toString());
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
      sock.setSoTimeout(30_000);
      byte[] nb = new byte[16];
      RANDOM.nextBytes(nb);
      String nonce = HexFormat.of().formatHex(nb);
      HaStatus st = status();
      ObjectNode hello =
          JsonCodec.MAPPER
              .createObjectNode()
              .put("type", "hello")
              .put("nonce", nonce)
              .put("mode", st.mode());
      hello.put("id", localIdOrNull());
      link.send(hello);
      ObjectNode msg = link.read();
      if ("query".equals(msg.path("type").asText())) {
        ObjectNode r =
            JsonCodec.MAPPER.createObjectNode().put("type", "status").put("mode", st.mode());
        r.put("id", localIdOrNull());
        link.send(r);
        link.close();
        return;
      }
      if (!"join".equals(msg.path("type").asText())) {
        link.close();
        return;
      }
      String refusal = checkJoin(msg, nonce);
      if (refusal != null) {
        int code = Integer.parseInt(refusal.substring(0, refusal.indexOf(' ')));
        String text = refusal.substring(refusal.indexOf(' ') + 1);
        LOG.info(
            "{}: refused secondary {} from {}: {}",
            label(),
            msg.path("id").asText(),
            link.remoteIp(),
            text);
        link.send(
            JsonCodec.MAPPER
                .createObjectNode()
                .put("type", "reject")
                .put("code", code)
                .put("text", text));
        link.close();
        return;
      }
      String id = msg.path("id").asText();
      String theirTxid = msg.path("txid").asText();
      sock.setSoTimeout(0);
      link.peerId = id;
      Secondary sec = new Secondary(link, link.remoteIp());
      boolean ok =
          host.datastore()
              .exclusive(
                  () -> {
                    ObjectNode p = host.datastore().exportJson();
                    ObjectNode w =
                        JsonCodec.MAPPER
                            .createObjectNode()
                            .put("type", "welcome")
                            .put("txid", p.path("txid").asText());
                    if (!theirTxid.equals(p.path("txid").asText())) {
                      w.set("data", p);
                    }
                    synchronized (this) {
                      if (!enabled || !mode.equals("primary")) {
                        return false;
                      }
                      try {
                        link.send(w);
                      } catch (IOException ex) {
                        return false;
                      }
                      Secondary old = secondaries.put(id, sec);
                      if (old != null) {
                        old.link.close();
                      }
                      LOG.info(
                          "{}: secondary {} connected from {}{}",
                          label(),
                          id,
                          sec.address,
                          w.has("data") ? " (full copy sent)" : "");
                      if (autoClearReadOnly && adminReadOnly) {
                        adminReadOnly = false;
                        autoClearReadOnly = false;
                        LOG.info("{}: read-only mode cleared: a secondary connected", label());
                      }
                      return true;
                    }
                  });
      if (!ok) {
        link.close();
        return;
      }
      host.alarms().clear("ha-secondary-down", memberPath(id));
      primaryReadLoop(id, sec);
    } catch (IOException e) {
      link.close();
    }
  }

  private String checkJoin(ObjectNode msg, String nonce) {
    HaSettings s = settings();
    String id = msg.path("id").asText();
    synchronized (this) {
      if (!enabled || !mode.equals("primary")) {
        LOG.info("{}: join from {} refused: this node is not primary (mode {})", label(), id, mode);
        return "25 could not connect to primary";
      }
    }
    String theirs = Versions.majorMinor(msg.path("version").asText());
    String mine = Versions.majorMinor(host.version());
    if (!theirs.equals(mine)) {
      return "52 Incompatible HA version ("
          + theirs
          + ", expected "
          + mine
          + "), secondary is not allowed";
    }
    if (!Crypto.hmac(s.token(), nonce).equals(msg.path("proof").asText())) {
      return "28 Token mismatch, secondary is not allowed";
    }
    if (s.member(id) == null || id.equals(s.localId(ownIp))) {
      return "29 Nodeid " + id + " is not a known ha-node, secondary is not allowed";
    }
    List<String> fx = new ArrayList<>();
    msg.path("fxs").forEach(n -> fx.add(n.asText()));
    if (!fx.equals(host.fxs())) {
      return "27 Fxs mismatch, secondary is not allowed";
    }
    return null;
  }

  private void primaryReadLoop(String id, Secondary sec) {
    try {
      while (true) {
        ObjectNode msg = sec.link.read();
        if ("reply".equals(msg.path("type").asText())) {
          CompletableFuture<ObjectNode> f = sec.pending.remove(msg.path("rid").asLong());
          if (f != null) {
            f.complete(msg);
          }
        }
      }
    } catch (IOException e) {
      // closed
    }
    onSecondaryLost(id, sec);
  }

  private void onSecondaryLost(String id, Secondary sec) {
    sec.pending
        .values()
        .forEach(f -> f.completeExceptionally(new IOException("secondary " + id + " lost")));
    boolean alarm;
    synchronized (this) {
      if (secondaries.get(id) != sec) {
        return;
      }
      alarm = !(sec.link.closedByUs && sec.link.lossReason == null);
    }
    // The alarm is raised before the secondary leaves the status, so whoever sees it gone also sees
    // the alarm.
    if (alarm) {
      host.alarms()
          .raise("ha-secondary-down", memberPath(id), "critical", "Lost connection to secondary");
    }
    synchronized (this) {
      if (secondaries.get(id) != sec) {
        return;
      }
      secondaries.remove(id);
      LOG.info(
          "{}: secondary {} disconnected{}",
          label(),
          id,
          sec.link.lossReason == null ? "" : " (" + sec.link.lossReason + ")");
      if (alarm && settings().consensus() && mode.equals("primary") && secondaries.isEmpty()) {
        epoch++;
        adminReadOnly = false;
        autoClearReadOnly = false;
        setRole("none", "none", "consensus: lost all secondaries");
      }
    }
  }

  private static String memberPath(String id) {
    return "/ncs:high-availability/ncs:ha-node[ncs:id='" + id + "']";
  }

  /**
   * Pushes a committed config to every connected secondary and waits for each to store it. A
   * secondary that fails or does not answer in time is dropped; the commit still succeeds.
   */
  public void replicate(ObjectNode persisted, String txid) {
    List<Map.Entry<String, Secondary>> targets;
    synchronized (this) {
      if (!mode.equals("primary") || secondaries.isEmpty()) {
        return;
      }
      targets = new ArrayList<>(secondaries.entrySet());
    }
    ObjectNode msg = JsonCodec.MAPPER.createObjectNode().put("type", "commit").put("txid", txid);
    msg.set("data", persisted);
    List<CompletableFuture<ObjectNode>> fs = new ArrayList<>();
    for (Map.Entry<String, Secondary> t : targets) {
      long rid = rids.incrementAndGet();
      CompletableFuture<ObjectNode> f = new CompletableFuture<>();
      t.getValue().pending.put(rid, f);
      fs.add(f);
      try {
        t.getValue().link.send(msg.deepCopy().put("rid", rid));
      } catch (IOException e) {
        f.completeExceptionally(e);
      }
    }
    long deadline = System.nanoTime() + replicationTimeout().toNanos();
    for (int i = 0; i < targets.size(); i++) {
      try {
        fs.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException | TimeoutException e) {
        HaLink l = targets.get(i).getValue().link;
        l.lossReason = "replication failed: " + e;
        LOG.warn(
            "{}: dropping secondary {}: commit {} not acknowledged ({})",
            label(),
            targets.get(i).getKey(),
            txid,
            e.toString());
        l.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private Duration replicationTimeout() {
    Duration t = conf.tickTimeout().multipliedBy(3);
    return t.isZero() ? Duration.ofSeconds(60) : t;
  }

  /**
   * Sends a request to every connected secondary and waits for the replies (package sync and
   * reload). A secondary that fails maps to {@code {"ok":false,"info":...}}.
   *
   * @return secondary id to reply, in connection order
   */
  public Map<String, ObjectNode> requestAll(String type, ObjectNode payload, Duration timeout) {
    List<Map.Entry<String, Secondary>> targets;
    synchronized (this) {
      targets = new ArrayList<>(secondaries.entrySet());
    }
    Map<String, CompletableFuture<ObjectNode>> fs = new LinkedHashMap<>();
    for (Map.Entry<String, Secondary> t : targets) {
      long rid = rids.incrementAndGet();
      CompletableFuture<ObjectNode> f = new CompletableFuture<>();
      t.getValue().pending.put(rid, f);
      fs.put(t.getKey(), f);
      try {
        t.getValue().link.send(payload.deepCopy().put("type", type).put("rid", rid));
      } catch (IOException e) {
        f.completeExceptionally(e);
      }
    }
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Map.Entry<String, CompletableFuture<ObjectNode>> f : fs.entrySet()) {
      try {
        out.put(
            f.getKey(),
            f.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (ExecutionException | TimeoutException e) {
        out.put(
            f.getKey(),
            JsonCodec.MAPPER
                .createObjectNode()
                .put("ok", false)
                .put("info", "no answer from " + f.getKey() + ": " + e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- ticks

  private void tick() {
    long dead = conf.tickTimeout().multipliedBy(3).toNanos();
    List<HaLink> links = new ArrayList<>();
    synchronized (this) {
      if (primaryLink != null) {
        links.add(primaryLink);
      }
      secondaries.values().forEach(s -> links.add(s.link));
    }
    JsonNode t = JsonCodec.MAPPER.createObjectNode().put("type", "tick");
    for (HaLink l : links) {
      if (System.nanoTime() - l.lastSeen > dead) {
        LOG.info("{}: no ticks from {} for 3 x tick-timeout", label(), l.peerId);
        l.lossReason = "Tick timeout";
        l.close();
        continue;
      }
      try {
        l.send(t);
      } catch (IOException e) {
        l.close();
      }
    }
  }

  // ---------------------------------------------------------------- lifecycle

  private static void awaitQuietly(Future<?> f) {
    try {
      f.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("HA step did not complete: {}", e.toString());
    }
  }

  /** Stops the engine: closes the listener and every link (peers see the node go away). */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      epoch++;
      for (Secondary s : secondaries.values()) {
        s.link.closedByUs = true;
        try {
          s.link.socket.close();
        } catch (IOException e) {
          // ignore
        }
      }
      if (primaryLink != null) {
        try {
          primaryLink.socket.close();
        } catch (IOException e) {
          // ignore
        }
      }
    }
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        // ignore
      }
    }
    if (acceptor != null) {
      // The port is released only when the accepting thread has left accept().
      try {
        acceptor.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    control.shutdownNow();
    ticker.shutdownNow();
    io.shutdownNow();
    try {
      control.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
