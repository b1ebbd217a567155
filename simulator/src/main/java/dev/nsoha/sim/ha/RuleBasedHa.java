package dev.nsoha.sim.ha;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.sim.alarm.AlarmManager;
import dev.nsoha.sim.conf.NcsConf;
import dev.nsoha.sim.data.Datastore;
import dev.nsoha.sim.data.JsonCodec;
import dev.nsoha.sim.util.AtomicFiles;
import dev.nsoha.sim.util.Crypto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NSO's rule-based HA for one node: the {@link RoleMachine} (the rules) driven over real TCP by a
 * {@link PrimaryEndpoint} (the listener and the connected secondaries) and a {@link SecondaryLink}
 * (the connection to the primary), with ticks and retries on timers.
 *
 * <p>Role state and the set of connected secondaries change only under this object's lock. Finding
 * and joining a primary run on one control thread; an action that starts them ({@code enable},
 * {@code be-secondary-to}) returns after the first attempt. Thread-safe.
 */
public final class RuleBasedHa implements HaService {
  private static final Logger log = LoggerFactory.getLogger(RuleBasedHa.class);
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

  /** What rule-based HA needs from its node. */
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

    /** Stores package archives a primary sent (file name to bytes) in the load path. */
    PeerResult receivePackages(Map<String, byte[]> archives);

    /** Reloads the packages, as the primary asked. */
    PeerResult reloadPackages(boolean force, boolean dryRun);
  }

  private final Host host;
  private final NcsConf.Ha conf;
  private final String ownIp;
  private final Path stateFile;
  private final InstantSource clock;
  private final RoleMachine machine;
  private final ScheduledExecutorService control;
  private final ScheduledExecutorService ticker;
  private final ExecutorService io;
  private PrimaryEndpoint endpoint;
  private SecondaryLink primaryLink;
  private Instant wakeScheduled;
  private boolean closed;

  /**
   * @param host the node
   * @param conf {@code /ncs-config/ha}
   * @param stateFile where the enabled flag is kept across restarts
   */
  public RuleBasedHa(Host host, NcsConf.Ha conf, Path stateFile) {
    this.host = host;
    this.conf = conf;
    this.ownIp = conf.ip().equals("0.0.0.0") ? "127.0.0.1" : conf.ip();
    this.stateFile = stateFile;
    this.clock = InstantSource.system();
    this.machine = new RoleMachine(host.label(), ownIp, conf.enabled(), clock, this::config);
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

  private RuleBasedHaConfig config() {
    return RuleBasedHaConfig.from(host.datastore().snapshot());
  }

  /**
   * Binds the HA listener (when ncs.conf enables HA) and, if HA was enabled before the last stop,
   * applies the start-up rules.
   *
   * @throws IOException when the HA port cannot be bound
   */
  @Override
  public void start() throws IOException {
    if (conf.enabled()) {
      endpoint =
          PrimaryEndpoint.start(
              ownIp, conf.port(), this, new EndpointNode(), host.datastore(), host.alarms(), io);
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
      List<RoleCommand> next;
      synchronized (this) {
        next = local(machine.resume());
      }
      runAndWait(next);
    }
  }

  // ---------------------------------------------------------------- status

  /** A consistent snapshot of the HA state. */
  public synchronized HaState status() {
    return machine.state();
  }

  @Override
  public synchronized boolean isReadOnly() {
    return machine.isReadOnly();
  }

  /** The local ha-node id (the ha-node whose address is this node's HA ip), or null. */
  public String localIdOrNull() {
    return machine.localId();
  }

  // ---------------------------------------------------------------- actions

  /** {@code enable}: enables HA (if disabled) and applies the start-up rules. */
  public String enable() {
    List<RoleCommand> next;
    synchronized (this) {
      boolean was = machine.enabled();
      next = local(machine.enable());
      if (!was) {
        persist();
      }
    }
    runAndWait(next);
    return "enabled";
  }

  /** {@code disable}: leaves the group, role none, clears the admin read-only flag. */
  public synchronized String disable() {
    local(machine.disable());
    persist();
    return "NSO Built-in HA disabled";
  }

  /** {@code be-primary}. */
  public synchronized String bePrimary() {
    local(machine.bePrimary());
    return "ok";
  }

  /** {@code be-none}. */
  public synchronized String beNone() {
    local(machine.beNone());
    return "ok";
  }

  /** {@code be-secondary-to node}: one attempt; the outcome shows in be-secondary-result. */
  public String beSecondaryTo(String node) {
    List<RoleCommand> next;
    synchronized (this) {
      next = local(machine.beSecondaryTo(node));
    }
    runAndWait(next);
    return "Attempting to be secondary to node " + node;
  }

  /** {@code local-node-id}. */
  public String localNodeId() {
    return machine.localNodeId();
  }

  @Override
  public synchronized void setReadOnly(boolean on) {
    machine.setReadOnly(on);
  }

  // ---------------------------------------------------------------- commands

  /** Carries out the link commands at once (the caller holds the lock); returns the others. */
  private List<RoleCommand> local(List<RoleCommand> commands) {
    List<RoleCommand> later = new ArrayList<>();
    for (RoleCommand c : commands) {
      if (c instanceof RoleCommand.DropLinks) {
        closePrimaryLink();
        if (endpoint != null) {
          endpoint.dropAll();
        }
      } else if (c instanceof RoleCommand.ClosePrimaryLink) {
        closePrimaryLink();
      } else {
        later.add(c);
      }
    }
    return later;
  }

  private void closePrimaryLink() {
    if (primaryLink != null) {
      primaryLink.close();
      primaryLink = null;
    }
  }

  private void runAndWait(List<RoleCommand> commands) {
    if (commands.isEmpty()) {
      scheduleWake();
      return;
    }
    Future<?> f = control.submit(() -> execute(commands));
    try {
      f.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("{}: HA step did not complete: {}", machine.label(), e.toString());
    }
  }

  /** Finds and joins as the machine asks, until it asks for nothing more (control thread). */
  private void execute(List<RoleCommand> commands) {
    Deque<RoleCommand> queue = new ArrayDeque<>(commands);
    while (!queue.isEmpty()) {
      RoleCommand c = queue.poll();
      if (c instanceof RoleCommand.FindPrimary f) {
        RuleBasedHaConfig s = config();
        String p =
            SecondaryLink.findPrimary(
                machine.label(), ownIp, conf.port(), s.nodes(), s.localId(ownIp));
        synchronized (this) {
          queue.addAll(local(machine.found(f.attempt(), p)));
        }
      } else if (c instanceof RoleCommand.Join j) {
        queue.addAll(join(j));
      }
    }
    scheduleWake();
  }

  private List<RoleCommand> join(RoleCommand.Join j) {
    RuleBasedHaConfig s = config();
    RuleBasedHaConfig.Member m = s.member(j.target());
    SecondaryLink.Joined r;
    if (m == null || m.address() == null) {
      r = new SecondaryLink.Joined(null, HaRefusal.cannotConnect());
    } else {
      String me = s.localId(ownIp);
      r =
          SecondaryLink.join(
              machine.label(),
              ownIp,
              j.target(),
              m.address(),
              conf.port(),
              nonce ->
                  new HaMessage.Join(
                      me,
                      host.version(),
                      host.fxs(),
                      host.datastore().txid(),
                      Crypto.hmac(s.token(), nonce)),
              host.datastore());
    }
    SecondaryLink link = r.link();
    synchronized (this) {
      if (link == null) {
        return local(machine.joinFailed(j.attempt(), j.target(), r.refusal()));
      }
      if (!machine.joined(j.attempt(), j.target())) {
        link.close();
        return List.of();
      }
      primaryLink = link;
    }
    host.alarms().clearAll("ha-primary-down");
    link.start(io, host.datastore(), this::handle, reason -> onPrimaryLost(link, reason));
    return List.of();
  }

  private PeerResult handle(HaMessage.Request r) {
    if (r instanceof HaMessage.SyncPackages s) {
      return host.receivePackages(s.archives());
    }
    if (r instanceof HaMessage.ReloadPackages p) {
      return host.reloadPackages(p.force(), p.dryRun());
    }
    return PeerResult.failure("unknown request " + r);
  }

  private void onPrimaryLost(SecondaryLink link, String reason) {
    long attempt;
    String lost;
    synchronized (this) {
      if (primaryLink != link || closed) {
        return;
      }
      primaryLink = null;
      if (link.link().closedByUs && link.link().lossReason == null) {
        return;
      }
      attempt = machine.attempt();
      lost = link.primary();
    }
    // The alarm is raised before the role changes, so whoever sees mode none also sees the alarm.
    host.alarms()
        .raise(
            "ha-primary-down",
            HaAlarms.memberPath(lost),
            "critical",
            "Lost connection to primary due to: " + reason);
    synchronized (this) {
      local(machine.primaryLost(attempt, reason));
    }
    scheduleWake();
  }

  /** Arranges a {@link RoleMachine#wake} when the machine has a retry due. */
  private void scheduleWake() {
    Optional<Instant> at;
    synchronized (this) {
      at = machine.nextWakeup();
      if (closed || at.isEmpty() || at.get().equals(wakeScheduled)) {
        return;
      }
      wakeScheduled = at.get();
    }
    long ms = Math.max(0, Duration.between(clock.instant(), at.get()).toMillis());
    control.schedule(this::wake, ms, TimeUnit.MILLISECONDS);
  }

  private void wake() {
    List<RoleCommand> next;
    synchronized (this) {
      wakeScheduled = null;
      next = local(machine.wake());
    }
    execute(next);
  }

  // ---------------------------------------------------------------- replication and requests

  @Override
  public void replicate(ObjectNode persisted, String txid) {
    replicateDelta(persisted, txid);
  }

  @Override
  public boolean needsPersisted() {
    return false;
  }

  /**
   * Sends the commit to the secondaries: a delta they apply on top of the previous transaction (or,
   * from {@link #replicate}, a whole persisted config they take as it is).
   */
  @Override
  public void replicateDelta(ObjectNode data, String txid) {
    synchronized (this) {
      if (machine.mode() != HaRole.PRIMARY || endpoint == null) {
        return;
      }
    }
    endpoint.replicate(data, txid, replicationTimeout().plus(transferAllowance(data)));
  }

  /**
   * Extra time a secondary gets to store a large commit (a bulk load, a full config): one second
   * per megabyte of it, on top of the tick-based timeout that suits ordinary commits.
   */
  private static Duration transferAllowance(ObjectNode data) {
    if (data.has("ops") && data.path("ops").size() < 100) {
      return Duration.ZERO;
    }
    try {
      return Duration.ofMillis(JsonCodec.MAPPER.writeValueAsBytes(data).length / 1000);
    } catch (IOException e) {
      return Duration.ZERO;
    }
  }

  private Duration replicationTimeout() {
    Duration t = conf.tickTimeout().multipliedBy(3);
    return t.isZero() ? Duration.ofSeconds(60) : t;
  }

  @Override
  public Map<String, PeerResult> syncPackages(Map<String, byte[]> archives, Duration timeout) {
    return endpoint == null
        ? Map.of()
        : endpoint.request(rid -> new HaMessage.SyncPackages(rid, archives), timeout);
  }

  @Override
  public Map<String, PeerResult> reloadPackages(boolean force, boolean dryRun, Duration timeout) {
    return endpoint == null
        ? Map.of()
        : endpoint.request(rid -> new HaMessage.ReloadPackages(rid, force, dryRun), timeout);
  }

  // ---------------------------------------------------------------- ticks

  private void tick() {
    List<HaLink> links = new ArrayList<>();
    synchronized (this) {
      if (primaryLink != null) {
        links.add(primaryLink.link());
      }
    }
    if (endpoint != null) {
      links.addAll(endpoint.links());
    }
    HaLink.tick(links, conf.tickTimeout(), machine.label());
  }

  // ---------------------------------------------------------------- lifecycle

  private void persist() {
    try {
      AtomicFiles.write(
          stateFile, ("{\"enabled\":" + machine.enabled() + "}").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      log.warn("{}: cannot persist the HA state: {}", host.label(), e.toString());
    }
  }

  /** Stops: closes the listener and every link (peers see the node go away). */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      machine.close();
      if (primaryLink != null) {
        primaryLink.link().abort();
      }
    }
    if (endpoint != null) {
      endpoint.close();
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

  /** The endpoint's view of this node (called with this object's lock held unless noted). */
  private final class EndpointNode implements PrimaryEndpoint.Node {
    @Override
    public String label() {
      return machine.label();
    }

    @Override
    public HaRole mode() {
      return machine.mode();
    }

    @Override
    public String localId() {
      return machine.localId();
    }

    @Override
    public HaRefusal admit(HaMessage.Join join, String nonce) {
      List<String> fxs = host.fxs();
      synchronized (RuleBasedHa.this) {
        return machine.admit(join, nonce, host.version(), fxs);
      }
    }

    @Override
    public boolean accepting() {
      return machine.enabled() && machine.mode() == HaRole.PRIMARY;
    }

    @Override
    public void connected(String id, String address, boolean fullCopy) {
      machine.secondaryConnected(id, address, fullCopy);
    }

    @Override
    public void lost(String id, boolean unexpected, String reason) {
      machine.secondaryLost(id, unexpected, reason);
    }
  }
}
