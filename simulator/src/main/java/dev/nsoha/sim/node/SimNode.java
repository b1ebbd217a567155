package dev.nsoha.sim.node;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nsoha.sim.alarm.AlarmManager;
import dev.nsoha.sim.alarm.SimAlarm;
import dev.nsoha.sim.conf.NcsConf;
import dev.nsoha.sim.conf.NcsConfException;
import dev.nsoha.sim.data.CdbCompaction;
import dev.nsoha.sim.data.Content;
import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.data.Datastore;
import dev.nsoha.sim.data.Edit;
import dev.nsoha.sim.data.JsonCodec;
import dev.nsoha.sim.data.NodeRefusal;
import dev.nsoha.sim.data.Transaction;
import dev.nsoha.sim.data.Trees;
import dev.nsoha.sim.data.WithDefaults;
import dev.nsoha.sim.ha.HaService;
import dev.nsoha.sim.ha.HaState;
import dev.nsoha.sim.ha.PeerResult;
import dev.nsoha.sim.ha.RuleBasedHa;
import dev.nsoha.sim.pkg.PackageInfo;
import dev.nsoha.sim.pkg.PackageManager;
import dev.nsoha.sim.raft.HaRaft;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated NSO node: datastore, schema, rule-based HA, packages, alarms, and the {@link
 * NorthboundService} plug-ins. This facade is the only thing northbound code uses.
 *
 * <p>Paths are {@link DataPath}s (RESTCONF or keypath form, module names or prefixes where NSO
 * needs them). Reads return detached copies. Refusals are {@link NodeRefusal}s whose message is
 * NSO's text and whose {@link NodeRefusal.Kind} says how to present it. All methods are
 * thread-safe.
 */
public final class SimNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SimNode.class);

  private final SimNodeOptions options;
  private final String version;
  private final NcsConf conf;
  private final String label;
  private final AlarmManager alarms;
  private final PackageManager packages;
  private final Datastore datastore;
  private final RuleBasedHa ruleBasedHa;
  private final HaService ha;
  private final HaRaft haRaft;
  private final OperationalData operational;
  private final NodeActions actions;
  private final List<NorthboundService> services = new CopyOnWriteArrayList<>();
  private final Map<NodeEventListener, Consumer<SimAlarm>> listeners = new ConcurrentHashMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch started = new CountDownLatch(1);
  private volatile String status = "starting";

  private SimNode(SimNodeOptions options) throws IOException {
    this.options = options;
    this.version =
        options.version() != null
            ? options.version()
            : Files.readString(options.ncsDir().resolve("VERSION"), StandardCharsets.UTF_8).trim();
    try {
      this.conf = NcsConf.load(options.conf(), options.runDir(), options.env());
    } catch (NcsConfException e) {
      throw new IOException(e.getMessage(), e);
    }
    Path rd = conf.runDir();
    this.label = rd.getFileName() == null ? rd.toString() : rd.getFileName().toString();
    Files.createDirectories(conf.stateDir());
    Files.createDirectories(conf.cdbDir());
    this.alarms = new AlarmManager(label);
    this.packages = new PackageManager(label, version, conf, options.ncsDir(), alarms);
    String envReload = options.env().getOrDefault("NCS_RELOAD_PACKAGES", "");
    boolean reload =
        options.packageReload()
            || options.packageReloadForce()
            || envReload.equals("true")
            || envReload.equals("force");
    Schema schema = packages.start(reload);
    this.datastore = new Datastore(conf.cdbDir(), schema);
    Aaa.configureStorage(conf, datastore);
    if (!datastore.load()) {
      List<Path> init = new ArrayList<>();
      try (Stream<Path> s = Files.list(conf.cdbDir())) {
        s.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().forEach(init::add);
      }
      log.info("{}: empty CDB; loading init files {}", label, init);
      datastore.loadInitFiles(init);
    }
    this.ruleBasedHa =
        new RuleBasedHa(new HaHost(), conf.ha(), conf.cdbDir().resolve("sim-ha.json"));
    this.haRaft =
        conf.haRaft().enabled()
            ? new HaRaft(new HaHost(), conf.haRaft(), conf.stateDir().resolve("raft"))
            : null;
    this.ha = haRaft != null ? haRaft : ruleBasedHa;
    this.operational =
        new OperationalData(ruleBasedHa, haRaft, version, () -> status, packages, alarms);
    this.actions =
        new NodeActions(
            ruleBasedHa,
            haRaft,
            packages,
            new NodeActions.Reloader() {
              @Override
              public PackageManager.ReloadOutcome reload(boolean force, boolean dryRun) {
                return reloadPackages(force, dryRun);
              }

              @Override
              public PackageManager.ReloadOutcome reloadFrom(
                  Map<String, byte[]> archives, boolean force, boolean dryRun) {
                return applySchema(
                    packages.reloadFrom(archives, force, dryRun, datastore.modulesWithData()));
              }
            });
  }

  /**
   * Starts a node: reads ncs.conf, loads packages (from the private copy, or from the load path on
   * first start or when a package reload is requested), loads the datastore (or the {@code
   * ncs-cdb/*.xml} init files into an empty one), starts HA (binding the HA port) and, unless
   * disabled in the options, the northbound plug-ins.
   *
   * @throws IOException with a one-line reason (bad ncs.conf, port in use, package needing a newer
   *     NSO, ...); nothing is left running then
   */
  public static SimNode start(SimNodeOptions options) throws IOException {
    Duration cost = StartCost.of(options.env());
    SimNode n = new SimNode(options);
    try {
      List<NorthboundService> found = new ArrayList<>();
      if (options.northbound()) {
        ServiceLoader.load(NorthboundService.class, SimNode.class.getClassLoader())
            .forEach(found::add);
        found.sort(Comparator.comparingInt(NorthboundService::order));
      }
      if (!cost.isZero()) {
        // The start-up cost model: the services that answer during the start phases (IPC: ncs
        // --status, ncs --stop, ncs_cmd get_phase and wait-start) come up first, then the node
        // spends the cost in phase 1, as NSO does while it loads packages. A stop ends the wait.
        n.status = "phase0";
        for (NorthboundService s : found) {
          if (s.servesStartPhases()) {
            n.startService(s);
          }
        }
        n.status = "phase1";
        log.info("{}: start phase 1 for {} ms ({})", n.label, cost.toMillis(), StartCost.ENV);
        try {
          if (n.stopped.await(cost.toMillis(), TimeUnit.MILLISECONDS)) {
            return n;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted in start phase 1", e);
        }
        synchronized (n) {
          if (!n.status.equals("phase1")) {
            return n;
          }
        }
      }
      n.ha.start();
      for (NorthboundService s : found) {
        if (!n.services.contains(s)) {
          n.startService(s);
        }
      }
    } catch (IOException | RuntimeException e) {
      n.close();
      throw e;
    }
    n.status = "started";
    n.started.countDown();
    CdbCompaction.holdLock(n.conf.cdbDir());
    log.info("{}: NSO simulator {} started (run dir {})", n.label, n.version, n.conf.runDir());
    return n;
  }

  private void startService(NorthboundService s) throws IOException {
    try {
      s.start(new NodeContext(this, conf));
    } catch (IOException | RuntimeException e) {
      s.close();
      throw new IOException(s.name() + ": " + e.getMessage(), e);
    }
    services.add(s);
    log.info("{}: northbound {} started", label, s.name());
  }

  /**
   * Waits until the node has started, at most {@code timeout}; returns whether it has (false when
   * it stopped instead, or is still in a start phase).
   */
  public boolean awaitStarted(Duration timeout) throws InterruptedException {
    started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return status.equals("started");
  }

  // ------------------------------------------------------------------ identity

  /** The NSO version this node reports, e.g. {@code 6.4.4}. */
  public String version() {
    return version;
  }

  /** The parsed ncs.conf. */
  public NcsConf conf() {
    return conf;
  }

  /** The options the node was started with. */
  public SimNodeOptions options() {
    return options;
  }

  /** The run directory (absolute). */
  public Path runDir() {
    return conf.runDir();
  }

  /** The install dir ({@code NCS_DIR}) or null for an in-process node without one. */
  public Path ncsDir() {
    return options.ncsDir();
  }

  /** A short label for logs (the run dir name). */
  public String label() {
    return label;
  }

  /**
   * Daemon status: {@code starting}, {@code phase0} and {@code phase1} (only with a start cost,
   * {@link StartCost}), {@code started}, {@code stopping}, {@code stopped}.
   */
  public String status() {
    return status;
  }

  /** The local HA node id (the ha-node whose address is this node's HA ip), or null. */
  public String haNodeId() {
    return ruleBasedHa.localIdOrNull();
  }

  /** The current schema (built-in modules plus loaded packages). */
  public Schema schema() {
    return datastore.schema();
  }

  /** Checks a login against the local users of {@code /aaa:aaa} ({@link Aaa}). */
  public boolean authenticate(String user, String password) {
    return Aaa.of(this).authenticate(user, password);
  }

  /** A local user's {@code ssh_keydir}, if any ({@link Aaa}). */
  public Optional<Path> sshKeyDir(String user) {
    return Aaa.of(this).sshKeyDir(user);
  }

  // ------------------------------------------------------------------ reads

  /**
   * Reads the data at {@code path}.
   *
   * @param content config, nonconfig (operational) or all
   * @param withDefaults how to treat default values (basic mode explicit)
   * @return a detached copy: the root for {@link DataPath#ROOT}, an entry for a keyed list step,
   *     the list for an unkeyed one; null when there is no such data
   * @throws NodeRefusal NOT_FOUND ({@code uri keypath not found}) when the path is not in the
   *     schema
   */
  public DataNode read(DataPath path, Content content, WithDefaults withDefaults) {
    Schema schema = schema();
    List<SchemaNode> resolved = path.resolve(schema);
    if (!resolved.isEmpty() && resolved.get(resolved.size() - 1).kind() == SchemaNode.Kind.ACTION) {
      throw NodeRefusal.notFound();
    }
    // A read below one top-level node copies only that one, not the whole database.
    DataNode view = resolved.isEmpty() ? datastore.snapshot() : datastore.snapshot(resolved.get(0));
    if (content != Content.CONFIG) {
      operational.fill(view, schema);
    }
    if (withDefaults == WithDefaults.REPORT_ALL || withDefaults == WithDefaults.REPORT_ALL_TAGGED) {
      Trees.addDefaults(view, schema);
    }
    DataNode n = Trees.find(view, path, resolved);
    if (n == null) {
      return null;
    }
    if (n.kind() == DataNode.Kind.LEAF_LIST && path.last().keys() != null) {
      DataNode one = DataNode.of(n.schema());
      one.addValue(path.last().keys().get(0));
      n = one;
    }
    if (content != Content.ALL) {
      n = Trees.filter(n, content == Content.CONFIG);
      if (n == null) {
        return null;
      }
    }
    if (withDefaults == WithDefaults.TRIM) {
      Trees.trimDefaults(n);
    }
    if (n.kind() != DataNode.Kind.LEAF
        && n.kind() != DataNode.Kind.ROOT
        && n.isEmpty()
        && !(n.kind() == DataNode.Kind.CONTAINER && n.schema().isPresence())
        && n.kind() != DataNode.Kind.ENTRY) {
      return null;
    }
    return n;
  }

  /**
   * Whether {@link #read} of {@code path} with {@link Content#CONFIG} would find data, without
   * copying it: costs the path, not the size of the subtree.
   */
  public boolean hasConfig(DataPath path) {
    List<SchemaNode> resolved = path.resolve(schema());
    if (resolved.isEmpty()) {
      return true;
    }
    SchemaNode t = resolved.get(resolved.size() - 1);
    if (t.kind() == SchemaNode.Kind.ACTION) {
      throw NodeRefusal.notFound();
    }
    DataNode n = Trees.find(datastore.snapshot(resolved.get(0)), path, resolved);
    if (n != null && n.kind() == DataNode.Kind.LEAF_LIST && path.last().keys() != null) {
      return n.schema().isConfig();
    }
    return n != null && hasConfig(n);
  }

  private static boolean hasConfig(DataNode n) {
    if (n.schema() != null && !n.schema().isConfig()) {
      return false;
    }
    return switch (n.kind()) {
      case LEAF, ENTRY -> true;
      case LEAF_LIST, LIST -> !n.isEmpty();
      case ROOT -> true;
      case CONTAINER ->
          n.schema().isPresence() || n.children().stream().anyMatch(SimNode::hasConfig);
    };
  }

  /** The whole running config (a copy). */
  public DataNode runningConfig() {
    return datastore.snapshot();
  }

  /** The id of the last committed transaction (equal on a primary and its synced secondaries). */
  public String transactionId() {
    return datastore.txid();
  }

  /** A snapshot of the HA state. */
  public HaState haStatus() {
    return ruleBasedHa.status();
  }

  /** Whether writes are refused now (admin read-only flag, or HA secondary). */
  public boolean isReadOnly() {
    return ha.isReadOnly();
  }

  /** The packages (loaded or failed). */
  public List<PackageInfo> packages() {
    return packages.packages();
  }

  /** All alarms, cleared ones included. */
  public List<SimAlarm> alarms() {
    return alarms.list();
  }

  /** Registers a listener for node events (raised alarms). */
  public void addEventListener(NodeEventListener l) {
    Consumer<SimAlarm> c = l::alarmRaised;
    listeners.put(l, c);
    alarms.addListener(c);
  }

  /** Removes a listener. */
  public void removeEventListener(NodeEventListener l) {
    Consumer<SimAlarm> c = listeners.remove(l);
    if (c != null) {
      alarms.removeListener(c);
    }
  }

  // ------------------------------------------------------------------ writes

  /**
   * Opens a write transaction on the running config.
   *
   * @param user the user, for logs
   * @throws NodeRefusal READ_ONLY ({@code node is in read-only mode}) on an HA secondary or in
   *     read-only mode
   */
  public Transaction newTransaction(String user) {
    if (ha.isReadOnly()) {
      throw NodeRefusal.readOnly();
    }
    return new Transaction(schema(), datastore.snapshot(), this::commit);
  }

  private String commit(List<Edit> edits) {
    String id =
        datastore.commit(
            edits,
            new Datastore.CommitHook() {
              @Override
              public void check() {
                if (ha.isReadOnly()) {
                  throw NodeRefusal.readOnly();
                }
              }

              @Override
              public void agree(Datastore.Change c) {
                if (ha.needsPersisted()) {
                  ha.agree(c.persisted(), c.txid());
                }
              }

              @Override
              public void replicate(Datastore.Change c) {
                if (ha.needsPersisted()) {
                  ha.replicate(c.persisted(), c.txid());
                } else if (c.delta() != null) {
                  ha.replicateDelta(c.delta(), c.txid());
                } else {
                  ha.replicate(c.persisted(), c.txid());
                }
              }
            });
    log.debug("{}: commit {} ({} edits)", label, id, edits.size());
    return id;
  }

  // ------------------------------------------------------------------ actions

  /** An empty input tree for an action (to fill and pass to {@link #invokeAction}). */
  public DataNode newActionInput(DataPath actionPath) {
    return DataNode.of(action(actionPath).child("input"));
  }

  private SchemaNode action(DataPath path) {
    List<SchemaNode> r = path.resolve(schema());
    if (r.isEmpty() || r.get(r.size() - 1).kind() != SchemaNode.Kind.ACTION) {
      throw NodeRefusal.notFound();
    }
    return r.get(r.size() - 1);
  }

  /** Whether {@code path} names an action. */
  public boolean isAction(DataPath path) {
    try {
      action(path);
      return true;
    } catch (NodeRefusal e) {
      return false;
    }
  }

  /**
   * Invokes an action such as {@code /high-availability/enable}, {@code /packages/reload}, {@code
   * /software/packages/install} or {@code /ncs-state/set-read-only}.
   *
   * @param input the input tree (from {@link #newActionInput}); null for none
   * @return the output tree (empty when the action has no output)
   * @throws NodeRefusal NOT_FOUND for an unknown action or missing list entry, OPERATION_FAILED
   *     with NSO's text when the action fails
   */
  public DataNode invokeAction(DataPath path, DataNode input, String user) {
    SchemaNode a = action(path);
    DataNode in = input != null ? input : DataNode.of(a.child("input"));
    for (SchemaNode c : a.child("input").children()) {
      if (c.kind() == SchemaNode.Kind.LEAF && c.isMandatory() && in.child(c) == null) {
        throw new NodeRefusal(NodeRefusal.Kind.MALFORMED, "missing element: " + c.name());
      }
    }
    if (path.steps().size() > 1) {
      DataPath parent = path.parent();
      if (read(parent, Content.ALL, WithDefaults.EXPLICIT) == null
          && parent.steps().stream().anyMatch(s -> s.keys() != null)) {
        throw NodeRefusal.notFound();
      }
    }
    DataNode out = DataNode.of(a.child("output"));
    ActionCall call = new ActionCall(path, a, in, out, user);
    log.info("{}: action {} by {}", label, a.module().name() + ":" + a.path(), user);
    actions.dispatch(call);
    return out;
  }

  /** {@code packages reload} on this node only; swaps the schema when applied. */
  PackageManager.ReloadOutcome reloadPackages(boolean force, boolean dryRun) {
    return applySchema(packages.reload(force, dryRun, datastore.modulesWithData()));
  }

  private PackageManager.ReloadOutcome applySchema(PackageManager.ReloadOutcome o) {
    if (o.applied()) {
      try {
        datastore.setSchema(o.schema(), o.droppedModules());
      } catch (IOException e) {
        throw new NodeRefusal(
            NodeRefusal.Kind.OPERATION_FAILED, "failed to write the database: " + e.getMessage());
      }
    }
    return o;
  }

  /** HA Raft on this node, or null when {@code /ncs-config/ha-raft} is not enabled. */
  public HaRaft haRaft() {
    return haRaft;
  }

  // ------------------------------------------------------------------ HA host

  /** What either HA flavour needs of this node; only one of them runs at a time. */
  private final class HaHost implements RuleBasedHa.Host, HaRaft.Host {
    @Override
    public String label() {
      return label;
    }

    @Override
    public String version() {
      return version;
    }

    @Override
    public Datastore datastore() {
      return datastore;
    }

    @Override
    public AlarmManager alarms() {
      return alarms;
    }

    @Override
    public List<String> fxs() {
      return packages.fxs();
    }

    @Override
    public PeerResult receivePackages(Map<String, byte[]> archives) {
      return actions.receiveSync(archives);
    }

    @Override
    public PeerResult reloadPackages(boolean force, boolean dryRun) {
      return actions.reloadForPrimary(force, dryRun);
    }

    @Override
    public PeerResult loadPackages(Map<String, byte[]> archives, boolean force, boolean dryRun) {
      return actions.loadForLeader(archives, force, dryRun);
    }
  }

  // ------------------------------------------------------------------ lifecycle

  /** Asks the node to stop (e.g. {@code ncs --stop}); returns at once. */
  public void requestStop() {
    Thread t = new Thread(this::close, "stop-" + label);
    t.setDaemon(false);
    t.start();
  }

  /** Waits until the node has stopped. */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  /** Waits until the node has stopped, at most {@code timeout}; returns whether it has. */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops the northbound services, HA and the node. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (status.equals("stopped") || status.equals("stopping")) {
        return;
      }
      status = "stopping";
    }
    List<NorthboundService> rev = new ArrayList<>(services);
    Collections.reverse(rev);
    for (NorthboundService s : rev) {
      try {
        s.close();
      } catch (RuntimeException e) {
        log.warn("{}: closing {} failed: {}", label, s.name(), e.toString());
      }
    }
    ha.close();
    try {
      datastore.compact();
    } catch (IOException e) {
      log.warn("{}: folding the commit journal into the database failed: {}", label, e.toString());
    }
    CdbCompaction.releaseLock(conf.cdbDir());
    status = "stopped";
    log.info("{}: stopped", label);
    stopped.countDown();
    started.countDown();
  }

  @Override
  public String toString() {
    return "SimNode[" + label + ", " + version + "]";
  }

  /** For tests and tools: the JSON (RFC 7951) of a node read, or {@code {}} when null. */
  public static JsonNode json(DataNode n) {
    return n == null ? JsonCodec.MAPPER.createObjectNode() : JsonCodec.encode(n);
  }
}
