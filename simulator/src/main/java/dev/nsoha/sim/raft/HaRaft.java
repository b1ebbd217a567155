package dev.nsoha.sim.raft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.sim.alarm.AlarmManager;
import dev.nsoha.sim.conf.NcsConf;
import dev.nsoha.sim.data.Datastore;
import dev.nsoha.sim.data.NodeRefusal;
import dev.nsoha.sim.ha.HaService;
import dev.nsoha.sim.ha.PeerResult;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NSO's HA Raft on a simulated node: the {@link RaftCore} engine on one thread, the member
 * connections ({@link RaftTransport}), the persistent state in {@code state/raft/}, the commit hook
 * (a commit is applied only once a majority stored it), the alarms, {@code /ha-raft/status} and the
 * {@code /ha-raft} actions. Thread-safe.
 */
public final class HaRaft implements HaService {
  private static final Logger logger = LoggerFactory.getLogger(HaRaft.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What HA Raft needs from its node. */
  public interface Host extends RaftPackages.Host {
    String label();

    String version();

    Datastore datastore();

    AlarmManager alarms();
  }

  private final Host host;
  private final NcsConf.HaRaft cfg;
  private final Path stateDir;
  private final NodeName self;
  private final long tick;
  private final RaftEventLog events;
  private final ScheduledExecutorService raft;
  private final ExecutorService applier;
  private RaftCore core;
  private RaftTransport transport;
  private RaftTls tls;
  private RaftPackages packages;
  private volatile String leaderNow;
  private volatile RaftCore.Role role = RaftCore.Role.STALLED;
  private volatile boolean clusterReadOnly;
  private volatile boolean writable;
  private final AtomicInteger pendingApplies = new AtomicInteger();
  private volatile boolean closed;
  private RaftAlarms alarms;
  private final Set<String> extraWanted = new LinkedHashSet<>();

  public HaRaft(Host host, NcsConf.HaRaft cfg, Path stateDir) {
    this.host = host;
    this.cfg = cfg;
    this.stateDir = stateDir;
    this.self = NodeName.parse(cfg.nodeAddress());
    this.tick = Math.max(20, cfg.tickTimeout().toMillis());
    this.events = new RaftEventLog(cfg.raftLogFile().orElse(null), host.label());
    this.alarms = new RaftAlarms(host.alarms(), events, self.key());
    this.raft =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "raft-" + host.label());
              t.setDaemon(true);
              return t;
            });
    this.applier =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "raft-apply-" + host.label());
              t.setDaemon(true);
              return t;
            });
  }

  /** This member's name, {@code ID@ADDRESS}. */
  public String localNode() {
    return self.key();
  }

  @Override
  public void start() throws IOException {
    if (cfg.sslEnabled()) {
      if (cfg.keyFile().isEmpty() || cfg.certFile().isEmpty() || cfg.caCertFile().isEmpty()) {
        throw new IOException(
            "Bad configuration: /ncs-config/ha-raft/ssl is enabled but key-file, cert-file and"
                + " ca-cert-file are not all set");
      }
      tls = RaftTls.load(cfg.keyFile().get(), cfg.certFile().get(), cfg.caCertFile().get());
    }
    RaftLog log = RaftLog.open(stateDir);
    transport =
        new RaftTransport(
            self,
            cfg.clusterName(),
            host.version(),
            tls,
            cfg.port(),
            cfg.minPort(),
            cfg.maxPort(),
            tick,
            new Net());
    packages = new RaftPackages(host, transport, () -> leaderNow, events, host.label());
    core =
        new RaftCore(
            self.key(),
            cfg.passive(),
            tick,
            cfg.followerMaxLag(),
            cfg.logMaxEntries(),
            log,
            new CoreEnv(),
            now());
    for (String s : cfg.seedNodes()) {
      transport.hint(NodeName.parse(s));
    }
    transport.start();
    events.info(
        "started as "
            + self.key()
            + " on port "
            + transport.port()
            + " ("
            + (log.joined() ? "rejoining cluster " + log.clusterId() : "no Raft log")
            + ")");
    updateWanted();
    publish();
    long period = Math.max(10, tick / 10);
    raft.scheduleWithFixedDelay(
        () -> run(() -> core.tick(now())), period, period, TimeUnit.MILLISECONDS);
  }

  private static long now() {
    return System.nanoTime() / 1_000_000;
  }

  /** Runs a task on the Raft thread and refreshes the published state. */
  private void run(Runnable r) {
    try {
      r.run();
      publish();
      updateWanted();
    } catch (RuntimeException e) {
      logger.warn("{}: raft task failed", host.label(), e);
    }
  }

  /** Queues a task for the Raft thread (dropped once closed). */
  private void post(Runnable r) {
    if (closed) {
      return;
    }
    try {
      raft.execute(() -> run(r));
    } catch (RejectedExecutionException e) {
      // stopping
    }
  }

  private <T> T call(Callable<T> c) {
    try {
      return raft.submit(
              () -> {
                T v = c.call();
                publish();
                updateWanted();
                return v;
              })
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeRefusal(NodeRefusal.Kind.OPERATION_FAILED, "interrupted");
    } catch (TimeoutException e) {
      throw new NodeRefusal(NodeRefusal.Kind.OPERATION_FAILED, "HA Raft is not answering");
    }
  }

  private void publish() {
    alarms.leaderSeen(core.leader());
    leaderNow = core.leader();
    role = core.role();
    clusterReadOnly = core.readOnly();
    writable = core.writable();
  }

  private void updateWanted() {
    Set<String> w = new LinkedHashSet<>();
    for (String s : cfg.seedNodes()) {
      w.add(NodeName.parse(s).key());
    }
    w.addAll(core.members());
    w.addAll(extraWanted);
    transport.want(w);
  }

  // ------------------------------------------------------------------ HaService

  @Override
  public boolean isReadOnly() {
    // A new leader takes writes once the commits of earlier terms are applied here.
    return !writable || pendingApplies.get() > 0 || clusterReadOnly;
  }

  @Override
  public void setReadOnly(boolean on) {
    if (role != RaftCore.Role.LEADER) {
      throw new NodeRefusal(
          NodeRefusal.Kind.OPERATION_FAILED,
          "HA Raft read-only mode is set on the leader ("
              + (core == null || core.leader() == null ? "no leader now" : core.leader())
              + "); this node is "
              + role.yang());
    }
    long[] it = call(() -> new long[] {core.proposeReadOnly(on), core.term()});
    await(it[0], it[1]);
  }

  @Override
  public void agree(ObjectNode persisted, String txid) {
    if (isReadOnly()) {
      throw NodeRefusal.readOnly();
    }
    long[] it;
    try {
      it = call(() -> new long[] {core.propose(persisted, true), core.term()});
    } catch (IllegalStateException e) {
      throw NodeRefusal.readOnly();
    }
    try {
      await(it[0], it[1]);
    } finally {
      post(() -> core.localDone(it[0]));
    }
  }

  /** Waits until entry (index, term) is committed by a majority. */
  private void await(long index, long term) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(5000, 10 * tick));
    while (true) {
      Boolean o = call(() -> core.outcome(index, term));
      if (Boolean.TRUE.equals(o)) {
        return;
      }
      if (Boolean.FALSE.equals(o) || System.nanoTime() > end) {
        throw new NodeRefusal(
            NodeRefusal.Kind.OPERATION_FAILED,
            "HA Raft: the commit was not confirmed by a majority of the cluster (role "
                + role.yang()
                + ", "
                + transport.connectedNodes().size()
                + " of "
                + Math.max(0, core.members().size() - 1)
                + " other members connected)");
      }
      synchronized (this) {
        try {
          wait(Math.max(2, tick / 50));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new NodeRefusal(NodeRefusal.Kind.OPERATION_FAILED, "interrupted");
        }
      }
    }
  }

  @Override
  public void replicate(ObjectNode persisted, String txid) {
    // Replication happened before the commit was applied (agree).
  }

  /** Whether this node is the leader now. */
  public boolean isLeader() {
    return role == RaftCore.Role.LEADER;
  }

  /** The cluster-wide read-only flag ({@code ha-raft read-only}, {@code set-read-only}). */
  public boolean adminReadOnly() {
    return clusterReadOnly;
  }

  /** The other members, in member order. */
  private List<String> followers() {
    return call(() -> core.members().stream().filter(m -> !m.equals(self.key())).toList());
  }

  /** {@code packages ha sync}: the leader's archives to every other member (leader only). */
  @Override
  public Map<String, PeerResult> syncPackages(Map<String, byte[]> archives, Duration timeout) {
    requireLeader("packages ha sync");
    return packages.sync(followers(), archives, timeout);
  }

  /** {@code packages ha sync and-reload}: every other member reloads its load path. */
  @Override
  public Map<String, PeerResult> reloadPackages(boolean force, boolean dryRun, Duration timeout) {
    requireLeader("packages ha sync");
    return packages.reload(followers(), force, dryRun, timeout);
  }

  /**
   * {@code packages reload} on the leader: every other member loads the leader's archives, but its
   * load path keeps the old packages.
   */
  public Map<String, PeerResult> loadPackages(
      Map<String, byte[]> archives, boolean force, Duration timeout) {
    return packages.load(followers(), archives, force, timeout);
  }

  // ------------------------------------------------------------------ status

  /** {@code /ha-raft/status} now. */
  public RaftStatusSnapshot status() {
    return call(
        () -> {
          List<RaftStatusSnapshot.Replication> reps = new ArrayList<>();
          core.replicationIndices()
              .forEach(
                  (n, il) ->
                      reps.add(
                          new RaftStatusSnapshot.Replication(
                              n, core.replicationState(n), il[0], il[1])));
          List<RaftStatusSnapshot.Certificate> own = new ArrayList<>();
          List<RaftStatusSnapshot.Certificate> cas = new ArrayList<>();
          if (tls != null) {
            tls.own()
                .forEach(
                    c ->
                        own.add(
                            new RaftStatusSnapshot.Certificate(
                                c.serial(), c.expiration(), c.file())));
            tls.cas()
                .forEach(
                    c ->
                        cas.add(
                            new RaftStatusSnapshot.Certificate(
                                c.serial(), c.expiration(), c.file())));
          }
          return new RaftStatusSnapshot(
              core.role().yang(),
              core.leader(),
              core.members(),
              transport.connectedNodes(),
              self.key(),
              null,
              own,
              cas,
              core.currentIndex(),
              core.appliedIndex(),
              core.numEntries(),
              reps,
              cfg.passive(),
              core.readOnly());
        });
  }

  // ------------------------------------------------------------------ actions

  /**
   * {@code create-cluster member [...]}: checks every member is reachable, then makes this node the
   * leader of a new cluster with them.
   */
  public void createCluster(List<String> members) {
    List<String> keys = new ArrayList<>();
    for (String m : members) {
      NodeName n = parseMember(m);
      transport.hint(n);
      if (!n.key().equals(self.key())) {
        keys.add(n.key());
      }
    }
    if (call(() -> core.joined() && core.currentIndex() > 0)) {
      throw new NodeRefusal(
          NodeRefusal.Kind.OPERATION_FAILED,
          "HA Raft cluster already exists (this node is a member); use adjust-membership, or"
              + " remove state/raft on every node first");
    }
    for (String k : keys) {
      if (!reach(k)) {
        String why = transport.lastRefusal(k);
        events.error(
            "create-cluster: can't reach member node " + k + (why == null ? "" : ": " + why));
        throw new NodeRefusal(
            NodeRefusal.Kind.OPERATION_FAILED, "NSO can't reach member node '" + k + "'.");
      }
    }
    JsonNode data = host.datastore().exportJson();
    call(
        () -> {
          core.createCluster(keys, data, now());
          return null;
        });
    events.info("created cluster with members " + core.members());
    awaitQuietly(() -> core.commitIndex() >= 2);
  }

  private boolean reach(String k) {
    synchronized (extraWanted) {
      extraWanted.add(k);
    }
    try {
      return transport.reach(k, Math.max(5000, 5 * tick));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@code adjust-membership add-node X | remove-node X} (leader). */
  public void adjustMembership(String add, String remove) {
    requireLeader("adjust-membership");
    if (add != null) {
      NodeName n = parseMember(add);
      transport.hint(n);
      if (!reach(n.key())) {
        throw new NodeRefusal(
            NodeRefusal.Kind.OPERATION_FAILED, "NSO can't reach member node '" + n.key() + "'.");
      }
      long[] it = call(() -> new long[] {core.addMember(n.key()), core.term()});
      events.info("added member " + n.key());
      await(it[0], it[1]);
    }
    if (remove != null) {
      String k = parseMember(remove).key();
      if (!call(() -> core.members().contains(k))) {
        throw new NodeRefusal(
            NodeRefusal.Kind.OPERATION_FAILED, "'" + k + "' is not a member of the cluster");
      }
      long[] it = call(() -> new long[] {core.removeMember(k), core.term()});
      synchronized (extraWanted) {
        extraWanted.remove(k);
      }
      events.info("removed member " + k);
      await(it[0], it[1]);
    }
  }

  /** {@code handover [to-member X]} (leader). */
  public void handover(String to) {
    requireLeader("handover");
    String k = to == null ? null : parseMember(to).key();
    if (k != null && !call(() -> core.members().contains(k))) {
      throw new NodeRefusal(
          NodeRefusal.Kind.OPERATION_FAILED, "'" + k + "' is not a member of the cluster");
    }
    String target = call(() -> core.handover(k, now()));
    events.info("handover to " + target);
  }

  /** {@code reset}. */
  public void reset() {
    call(
        () -> {
          core.reset(now());
          return null;
        });
    events.info("reset");
  }

  /** {@code disconnect node X}. */
  public void disconnect(String node) {
    String k = parseMember(node).key();
    transport.disconnect(k);
    events.info("disconnected " + k + " by request");
  }

  /** The {@code /ha-raft/network} actions. */
  public RaftNetwork network() {
    return new RaftNetwork(transport, tick);
  }

  private void requireLeader(String what) {
    if (role != RaftCore.Role.LEADER) {
      String leader = call(() -> core.leader());
      throw new NodeRefusal(
          NodeRefusal.Kind.OPERATION_FAILED,
          what
              + " must be invoked on the leader"
              + (leader == null ? " (no leader now)" : " (" + leader + ")"));
    }
  }

  static NodeName parseMember(String m) {
    try {
      return NodeName.parse(m);
    } catch (IllegalArgumentException e) {
      throw new NodeRefusal(NodeRefusal.Kind.MALFORMED, e.getMessage());
    }
  }

  private void awaitQuietly(Callable<Boolean> c) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(5000, 5 * tick));
    while (System.nanoTime() < end && !Boolean.TRUE.equals(call(c))) {
      synchronized (this) {
        try {
          wait(Math.max(2, tick / 50));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  // ------------------------------------------------------------------ engine and network glue

  private final class CoreEnv implements RaftCore.Env {
    @Override
    public void send(String to, RaftMessage m) {
      transport.send(to, m);
    }

    @Override
    public boolean connected(String node) {
      return transport.connected(node);
    }

    @Override
    public void apply(JsonNode data) {
      pendingApplies.incrementAndGet();
      applier.execute(
          () -> {
            try {
              host.datastore().importJson(data);
            } catch (IOException | RuntimeException e) {
              events.error("cannot apply the replicated configuration: " + e.getMessage());
            } finally {
              pendingApplies.decrementAndGet();
            }
          });
    }

    @Override
    public long random(long max) {
      return max <= 0 ? 0 : RANDOM.nextLong(max);
    }

    @Override
    public void event(RaftCore.Event e, String node, String text) {
      alarms.event(e, node, text, core.members(), transport::connected);
    }
  }

  private final class Net implements RaftTransport.Listener {
    @Override
    public void up(String peer) {
      events.info("connected to " + peer);
      post(
          () -> {
            alarms.up(peer);
            core.connectedTo(peer);
          });
    }

    @Override
    public void down(String peer, String reason) {
      events.error("connection to " + peer + " lost: " + reason);
      post(() -> alarms.down(peer, reason, core.role() == RaftCore.Role.LEADER, core.members()));
    }

    @Override
    public void message(String peer, RaftMessage m) {
      if (RaftPackages.isPackageMessage(m)) {
        packages.receive(peer, m);
        return;
      }
      post(() -> core.receive(peer, m, now()));
    }

    @Override
    public void refused(String peer, String reason) {
      events.error((peer == null ? "" : "connection with " + peer + " refused: ") + reason);
    }
  }

  @Override
  public void close() {
    closed = true;
    if (packages != null) {
      packages.close();
    }
    if (transport != null) {
      transport.close();
    }
    raft.shutdownNow();
    applier.shutdown();
    try {
      applier.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
