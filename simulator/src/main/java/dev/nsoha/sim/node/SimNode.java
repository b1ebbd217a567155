package dev.nsoha.sim.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.sim.alarm.Alarm;
import dev.nsoha.sim.alarm.AlarmManager;
import dev.nsoha.sim.conf.NcsConf;
import dev.nsoha.sim.conf.NcsConfException;
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
import dev.nsoha.sim.ha.HaEngine;
import dev.nsoha.sim.ha.HaStatus;
import dev.nsoha.sim.pkg.PackageInfo;
import dev.nsoha.sim.pkg.PackageManager;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
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
  private static final Logger LOG = LoggerFactory.getLogger(SimNode.class);

  private final SimNodeOptions options;
  private final String version;
  private final NcsConf conf;
  private final String label;
  private final AlarmManager alarms;
  private final PackageManager packages;
  private final Datastore datastore;
  private final HaEngine ha;
  private final List<NorthboundService> services = new ArrayList<>();
  private final Map<NodeEventListener, Consumer<Alarm>> listeners = new ConcurrentHashMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
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
    if (!datastore.load()) {
      List<Path> init = new ArrayList<>();
      try (Stream<Path> s = Files.list(conf.cdbDir())) {
        s.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().forEach(init::add);
      }
      LOG.info("{}: empty CDB; loading init files {}", label, init);
      datastore.loadInitFiles(init);
    }
    this.ha = new HaEngine(new HaHost(), conf.ha(), conf.cdbDir().resolve("sim-ha.json"));
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
    SimNode n = new SimNode(options);
    try {
      n.ha.start();
      if (options.northbound()) {
        List<NorthboundService> found = new ArrayList<>();
        ServiceLoader.load(NorthboundService.class, SimNode.class.getClassLoader())
            .forEach(found::add);
        found.sort(Comparator.comparingInt(NorthboundService::order));
        for (NorthboundService s : found) {
          try {
            s.start(new NodeContext(n, n.conf));
          } catch (IOException | RuntimeException e) {
            s.close();
            throw new IOException(s.name() + ": " + e.getMessage(), e);
          }
          n.services.add(s);
          LOG.info("{}: northbound {} started", n.label, s.name());
        }
      }
    } catch (IOException | RuntimeException e) {
      n.close();
      throw e;
    }
    n.status = "started";
    LOG.info("{}: NSO simulator {} started (run dir {})", n.label, n.version, n.conf.runDir());
    return n;
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

  /** Daemon status: {@code starting}, {@code started}, {@code stopping}, {@code stopped}. */
  public String status() {
    return status;
  }

  /** The local HA node id (the ha-node whose address is this node's HA ip), or null. */
  public String haNodeId() {
    return ha.localIdOrNull();
  }

  /** The current schema (built-in modules plus loaded packages). */
  public Schema schema() {
    return datastore.schema();
  }

  /** Checks credentials (the example's {@code admin}/{@code admin}). */
  public boolean authenticate(String user, String password) {
    return "admin".equals(user) && "admin".equals(password);
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
    DataNode view = datastore.snapshot();
    if (content != Content.CONFIG) {
      fillOper(view, schema);
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

  /** The whole running config (a copy). */
  public DataNode runningConfig() {
    return datastore.snapshot();
  }

  /** The id of the last committed transaction (equal on a primary and its synced secondaries). */
  public String transactionId() {
    return datastore.txid();
  }

  /** A snapshot of the HA state. */
  public HaStatus haStatus() {
    return ha.status();
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
  public List<Alarm> alarms() {
    return alarms.list();
  }

  /** Registers a listener for node events (raised alarms). */
  public void addEventListener(NodeEventListener l) {
    Consumer<Alarm> c = l::alarmRaised;
    listeners.put(l, c);
    alarms.addListener(c);
  }

  /** Removes a listener. */
  public void removeEventListener(NodeEventListener l) {
    Consumer<Alarm> c = listeners.remove(l);
    if (c != null) {
      alarms.removeListener(c);
    }
  }

  private void fillOper(DataNode view, Schema schema) {
    HaStatus st = ha.status();
    SchemaNode haS = schema.top("tailf-ncs", "high-availability");
    DataNode haN = view.getOrCreate(haS);
    if (st.enabled()) {
      haN.setLeaf("enabled", "");
    }
    DataNode s = haN.getOrCreate(haS.child("status"));
    s.setLeaf("mode", st.mode());
    if (st.currentId() != null) {
      s.setLeaf("current-id", st.currentId());
    }
    s.setLeaf("assigned-role", st.assignedRole());
    if (st.beSecondaryResult() != null) {
      s.setLeaf("be-secondary-result", st.beSecondaryResult());
    }
    if (st.primaryId() != null) {
      s.setLeaf("primary-id", st.primaryId());
    }
    s.setLeaf("read-only-mode", Boolean.toString(st.readOnly()));
    if (!st.connectedSecondaries().isEmpty()) {
      DataNode cs = s.getOrCreate(haS.child("status").child("connected-secondary"));
      st.connectedSecondaries()
          .forEach((id, addr) -> cs.getOrCreateEntry(List.of(id)).setLeaf("address", addr));
    }
    SchemaNode nsS = schema.top("tailf-ncs-monitoring", "ncs-state");
    DataNode ns = view.getOrCreate(nsS);
    ns.setLeaf("version", version);
    ns.setLeaf("daemon-status", status.equals("stopped") ? "stopping" : status);
    if (st.readOnly()) {
      ns.setLeaf("read-only-mode", "");
    }
    if (st.adminReadOnly()) {
      ns.setLeaf("admin-configured-read-only-mode", "");
    }
    DataNode nha = ns.getOrCreate(nsS.child("ha"));
    nha.setLeaf("mode", st.mode());
    if (st.currentId() != null) {
      nha.setLeaf("node-id", st.currentId());
    }
    if (st.primaryId() != null && st.mode().equals("secondary")) {
      nha.setLeaf("primary-node-id", st.primaryId());
    }
    if (!st.connectedSecondaries().isEmpty()) {
      DataNode ids = nha.getOrCreate(nsS.child("ha").child("connected-secondary-id"));
      st.connectedSecondaries().keySet().forEach(ids::addValue);
    }
    ns.getOrCreate(nsS.child("smp"))
        .setLeaf("number-of-threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
    ns.setLeaf("epoll", "true");
    packages.fill(view, schema);
    alarms.fill(view, schema);
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
              public void replicate(ObjectNode persisted, String txid) {
                ha.replicate(persisted, txid);
              }
            });
    LOG.debug("{}: commit {} ({} edits)", label, id, edits.size());
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
    LOG.info("{}: action {} by {}", label, a.module().name() + ":" + a.path(), user);
    dispatch(call);
    return out;
  }

  private void dispatch(ActionCall c) {
    String key = c.action().module().name() + ":" + c.action().path();
    DataNode out = c.output();
    switch (key) {
      case "tailf-ncs:/high-availability/enable" -> out.setLeaf("result", ha.enable());
      case "tailf-ncs:/high-availability/disable" -> out.setLeaf("result", ha.disable());
      case "tailf-ncs:/high-availability/be-primary" -> out.setLeaf("result", ha.bePrimary());
      case "tailf-ncs:/high-availability/be-none" -> out.setLeaf("result", ha.beNone());
      case "tailf-ncs:/high-availability/be-secondary-to" ->
          out.setLeaf("result", ha.beSecondaryTo(c.in("node")));
      case "tailf-ncs:/high-availability/local-node-id" -> out.setLeaf("id", ha.localNodeId());
      case "tailf-ncs:/high-availability/read-only",
          "tailf-ncs-monitoring:/ncs-state/set-read-only" ->
          ha.setReadOnly(!"false".equals(c.in("mode")));
      case "tailf-ncs:/packages/reload" -> {
        PackageManager.ReloadOutcome o = reloadPackages(c.flag("force"), c.flag("dry-run"));
        results(out, o.results());
      }
      case "tailf-ncs:/packages/package/redeploy" -> out.setLeaf("result", "true");
      case "tailf-ncs:/packages/ha/sync" -> haSync(c);
      case "tailf-ncs:/software/packages/list" -> {
        SchemaNode ls = out.schema().child("package");
        List<PackageManager.SoftwarePackage> l = packages.softwareList();
        if (!l.isEmpty()) {
          DataNode list = out.getOrCreate(ls);
          for (PackageManager.SoftwarePackage p : l) {
            list.getOrCreateEntry(List.of(p.name())).setLeaf(p.state(), "");
          }
        }
      }
      case "tailf-ncs:/software/packages/fetch" -> packages.fetch(c.in("package-from-file"));
      case "tailf-ncs:/software/packages/install" ->
          out.setLeaf("installed", packages.install(c.in("package"), c.flag("replace-existing")));
      case "tailf-ncs:/software/packages/deinstall" -> packages.deinstall(c.in("package"));
      default -> {
        if (c.action().name().equals("check-sync")) {
          out.setLeaf("in-sync", "true");
        } else if (!c.action().name().equals("re-deploy")) {
          throw new NodeRefusal(
              NodeRefusal.Kind.OPERATION_FAILED, "no registration found for action " + key);
        }
      }
    }
  }

  private static void results(DataNode out, List<PackageManager.Result> rs) {
    if (rs.isEmpty()) {
      return;
    }
    DataNode list = out.getOrCreate(out.schema().child("reload-result"));
    for (PackageManager.Result r : rs) {
      DataNode e = list.getOrCreateEntry(List.of(r.pkg()));
      e.setLeaf("result", Boolean.toString(r.result()));
      if (r.info() != null) {
        e.setLeaf("info", r.info());
      }
    }
  }

  /** {@code packages reload} on this node only; swaps the schema when applied. */
  private PackageManager.ReloadOutcome reloadPackages(boolean force, boolean dryRun) {
    PackageManager.ReloadOutcome o = packages.reload(force, dryRun, datastore.modulesWithData());
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

  private void haSync(ActionCall c) {
    HaStatus st = ha.status();
    if (!st.mode().equals("primary")) {
      throw new NodeRefusal(
          NodeRefusal.Kind.OPERATION_FAILED,
          "packages ha sync can only run on the HA primary (mode is " + st.mode() + ")");
    }
    DataNode reloadOpts = c.inContainer("and-reload");
    if (reloadOpts == null) {
      reloadOpts = c.inContainer("and-add");
    }
    boolean reload = reloadOpts != null;
    boolean force = reload && reloadOpts.child("force") != null;
    boolean dryRun = reload && reloadOpts.child("dry-run") != null;
    boolean prevRo = st.adminReadOnly();
    if (reload) {
      ha.setReadOnly(true);
    }
    boolean ok = false;
    try {
      ObjectNode payload = JsonCodec.MAPPER.createObjectNode();
      ObjectNode arch = payload.putObject("archives");
      try {
        packages.archives().forEach((n, b) -> arch.put(n, Base64.getEncoder().encodeToString(b)));
      } catch (IOException e) {
        throw new NodeRefusal(
            NodeRefusal.Kind.OPERATION_FAILED, "cannot pack the packages: " + e.getMessage());
      }
      Map<String, ObjectNode> synced = ha.requestAll("pkg-sync", payload, Duration.ofMinutes(2));
      Map<String, ObjectNode> reloaded = new LinkedHashMap<>();
      if (reload) {
        ObjectNode opts =
            JsonCodec.MAPPER.createObjectNode().put("force", force).put("dry-run", dryRun);
        reloaded = ha.requestAll("pkg-reload", opts, Duration.ofMinutes(2));
      }
      ok = true;
      DataNode sr = null;
      for (Map.Entry<String, ObjectNode> e : synced.entrySet()) {
        ObjectNode r = e.getValue();
        ObjectNode rr = reloaded.get(e.getKey());
        boolean good = r.path("ok").asBoolean() && (rr == null || rr.path("ok").asBoolean());
        String info =
            !r.path("ok").asBoolean()
                ? r.path("info").asText(null)
                : rr != null && !rr.path("ok").asBoolean() ? rr.path("info").asText(null) : null;
        ok &= good;
        if (sr == null) {
          sr = c.output().getOrCreate(c.output().schema().child("sync-result"));
        }
        DataNode en = sr.getOrCreateEntry(List.of(e.getKey()));
        en.setLeaf("result", Boolean.toString(good));
        if (info != null) {
          en.setLeaf("info", info);
        }
      }
      if (reload) {
        PackageManager.ReloadOutcome o = reloadPackages(force, dryRun);
        results(c.output(), o.results());
        ok &= o.results().stream().allMatch(PackageManager.Result::result);
      }
    } finally {
      if (reload) {
        ha.setReadOnly(ok && prevRo);
      }
    }
  }

  // ------------------------------------------------------------------ HA host

  private final class HaHost implements HaEngine.Host {
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
    public ObjectNode handleRequest(String type, ObjectNode payload) {
      ObjectNode r = JsonCodec.MAPPER.createObjectNode();
      switch (type) {
        case "pkg-sync" -> {
          Map<String, byte[]> m = new LinkedHashMap<>();
          payload
              .path("archives")
              .properties()
              .forEach(e -> m.put(e.getKey(), Base64.getDecoder().decode(e.getValue().asText())));
          try {
            packages.receive(m);
            r.put("ok", true);
          } catch (IOException e) {
            r.put("ok", false).put("info", "cannot store the packages: " + e.getMessage());
          }
        }
        case "pkg-reload" -> {
          try {
            PackageManager.ReloadOutcome o =
                reloadPackages(
                    payload.path("force").asBoolean(), payload.path("dry-run").asBoolean());
            List<String> bad = new ArrayList<>();
            o.results().stream()
                .filter(x -> !x.result())
                .forEach(x -> bad.add(x.pkg() + ": " + x.info()));
            r.put("ok", bad.isEmpty());
            if (!bad.isEmpty()) {
              r.put("info", String.join("; ", bad));
            }
          } catch (NodeRefusal e) {
            r.put("ok", false).put("info", e.getMessage());
          }
        }
        default -> r.put("ok", false).put("info", "unknown request " + type);
      }
      return r;
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
    java.util.Collections.reverse(rev);
    for (NorthboundService s : rev) {
      try {
        s.close();
      } catch (RuntimeException e) {
        LOG.warn("{}: closing {} failed: {}", label, s.name(), e.toString());
      }
    }
    ha.close();
    status = "stopped";
    LOG.info("{}: stopped", label);
    stopped.countDown();
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
