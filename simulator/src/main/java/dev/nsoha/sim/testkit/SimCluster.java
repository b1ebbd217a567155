package dev.nsoha.sim.testkit;

import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.ha.HaRole;
import dev.nsoha.sim.ha.HaState;
import dev.nsoha.sim.node.SimNode;
import dev.nsoha.sim.node.SimNodeOptions;
import dev.nsoha.sim.pkg.PackageBuilder;
import dev.nsoha.sim.pkg.PackageInfo;
import dev.nsoha.sim.util.Tar;
import dev.nsoha.sim.util.Versions;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The test fixture every module's tests share: a three-node cluster (n1 nominal primary, n2
 * failover-primary secondary, n3 secondary) started in-process from three NSO-style run directories
 * (ncs.conf, ncs-cdb/init.xml, packages) written below a base directory. It also owns what tests
 * must do alike everywhere: choosing free ports ({@link #freePorts}), restoring the nominal state
 * after a test changed it ({@link #restoreNominal()}), and building package files ({@link
 * #packageFile}). Each node gets its own loopback address {@code 127.<B>.<N>.1} (B random in
 * 100..250, so parallel runs and a running example do not collide) with NSO's default ports (CLI
 * 2024, RESTCONF 8080, HA 4570) and a free IPC port on 127.0.0.1. Not thread-safe; close it to stop
 * every node.
 */
public final class SimCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SimCluster.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration RESTORE = Duration.ofSeconds(60);

  private final Builder b;
  private final int octet;
  private final String token = Long.toHexString(RANDOM.nextLong());
  private final Map<String, NodeSpec> specs = new LinkedHashMap<>();
  private final Map<String, SimNode> nodes = new LinkedHashMap<>();

  /** Where and how one node is set up. */
  public record NodeSpec(
      String id,
      String address,
      Path runDir,
      Path confFile,
      Path ncsDir,
      int ipcPort,
      String version) {}

  /** Builder; every setting has the example's (or a test-friendly) default. */
  public static final class Builder {
    private Path baseDir;
    private final List<String> ids = List.of("n1", "n2", "n3");
    private final Map<String, String> versions = new LinkedHashMap<>();
    private String version = "6.4.4";
    private int reconnectInterval = 1;
    private int reconnectAttempts = 2;
    private Duration tickTimeout = Duration.ofSeconds(2);
    private List<String> packages = List.of("dummy-1.0");
    private boolean systemInstall;
    private boolean enableHa = true;
    private int cliPort = defaultCliPort();
    private int restconfPort = 8080;
    private int haPort = 4570;
    private boolean northbound = true;
    private IntSupplier octets = Loopback::randomOctet;

    /** Base directory for the run dirs (default: a new temp dir). */
    public Builder baseDir(Path p) {
      this.baseDir = p;
      return this;
    }

    /** NSO version of every node (default 6.4.4). */
    public Builder version(String v) {
      this.version = v;
      return this;
    }

    /** NSO version of one node. */
    public Builder version(String id, String v) {
      versions.put(id, v);
      return this;
    }

    /** reconnect-interval in seconds (default 1; the example uses 10). */
    public Builder reconnectInterval(int s) {
      this.reconnectInterval = s;
      return this;
    }

    /** reconnect-attempts (default 2; the example uses 6). */
    public Builder reconnectAttempts(int n) {
      this.reconnectAttempts = n;
      return this;
    }

    /** /ncs-config/ha/tick-timeout (default PT2S). */
    public Builder tickTimeout(Duration d) {
      this.tickTimeout = d;
      return this;
    }

    /** Bundled example packages to install, e.g. {@code dummy-1.0} (default), {@code inert-1.0}. */
    public Builder packages(String... p) {
      this.packages = List.of(p);
      return this;
    }

    /**
     * Lay the nodes out like the example's simulated system install: {@code opt/ncs/current} (the
     * ncs dir), store {@code opt/ncs/packages} with the tarballs, load path {@code
     * var/opt/ncs/packages} with symlinks into the store.
     */
    public Builder systemInstall(boolean on) {
      this.systemInstall = on;
      return this;
    }

    /**
     * Enable HA on n1, n2, n3 in turn after start and wait for 2 connected secondaries (default
     * true).
     */
    public Builder enableHa(boolean on) {
      this.enableHa = on;
      return this;
    }

    /**
     * NSO's 2024, unless a wildcard listener holds it on this host (then binding 127.x.y.1:2024
     * fails for every address): a free port instead.
     */
    private static int defaultCliPort() {
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress("127.0.0.1", 2024));
        return 2024;
      } catch (IOException e) {
        try {
          return freePort();
        } catch (IOException again) {
          return 2024;
        }
      }
    }

    /** Ports (defaults 2024, 8080, 4570). */
    public Builder ports(int cli, int restconf, int ha) {
      this.cliPort = cli;
      this.restconfPort = restconf;
      this.haPort = ha;
      return this;
    }

    /** Whether to start the northbound plug-ins (default true). */
    public Builder northbound(boolean on) {
      this.northbound = on;
      return this;
    }

    /**
     * Where the second octet of each start attempt's addresses comes from (default: random in
     * 100..250). For tests of the retry on another address block.
     */
    public Builder octets(IntSupplier s) {
      this.octets = s;
      return this;
    }

    /** Writes the run dirs and starts the cluster. */
    public SimCluster start() throws IOException {
      IOException last = null;
      for (int i = 0; i < 6; i++) {
        SimCluster c = new SimCluster(this, octets.getAsInt());
        try {
          c.startAll();
          return c;
        } catch (IOException e) {
          c.close();
          c.deleteFiles(); // a retry must not find the CDB written with the old addresses
          last = e;
          if (!(e.getCause() instanceof BindException)
              && !String.valueOf(e.getMessage()).contains("in use")) {
            throw e;
          }
        }
      }
      throw last;
    }
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  private SimCluster(Builder b, int octet) throws IOException {
    this.b = b;
    this.octet = octet;
    Path base = b.baseDir != null ? b.baseDir : Files.createTempDirectory("simcluster");
    int[] ipcPorts = freePorts(b.ids.size());
    int n = 1;
    for (String id : b.ids) {
      String addr = Loopback.address(octet, n);
      String v = b.versions.getOrDefault(id, b.version);
      Path run = base.resolve("nso-node" + n);
      Path ncsDir = b.systemInstall ? run.resolve("opt/ncs/current") : base.resolve("ncs-" + v);
      specs.put(
          id, new NodeSpec(id, addr, run, run.resolve("ncs.conf"), ncsDir, ipcPorts[n - 1], v));
      n++;
    }
    for (NodeSpec s : specs.values()) {
      write(s);
    }
  }

  private static int freePort() throws IOException {
    return freePorts(1)[0];
  }

  /** {@code n} different TCP ports that are free on 127.0.0.1; see {@link Loopback#freePorts}. */
  public static int[] freePorts(int n) throws IOException {
    return Loopback.freePorts(n);
  }

  private void write(NodeSpec s) throws IOException {
    Files.createDirectories(s.ncsDir());
    Files.writeString(s.ncsDir().resolve("VERSION"), s.version() + "\n");
    Files.createDirectories(s.runDir().resolve("ncs-cdb"));
    Files.createDirectories(s.runDir().resolve("logs"));
    String loadPath = b.systemInstall ? "./var/opt/ncs/packages" : "./packages";
    Files.writeString(s.confFile(), ncsConf(s, loadPath));
    Files.writeString(s.runDir().resolve("ncs-cdb/init.xml"), initXml());
    installPackages(s);
  }

  /** Writes the builder's packages into the node's load path (and store, for a system install). */
  private void installPackages(NodeSpec s) throws IOException {
    Path lp = Files.createDirectories(loadPath(s));
    for (String p : b.packages) {
      if (b.systemInstall) {
        Path tar = PackageBuilder.example(store(s), p, s.version(), true);
        Files.createSymbolicLink(lp.resolve(tar.getFileName().toString()), tar.toAbsolutePath());
      } else {
        PackageBuilder.example(lp, p, s.version(), true);
      }
    }
  }

  private String ncsConf(NodeSpec s, String loadPath) {
    String a = s.address();
    return "<!-- -*- nxml -*- -->\n"
        + "<ncs-config xmlns=\"http://tail-f.com/yang/tailf-ncs-config\">\n"
        + "  <ncs-ipc-address>\n    <ip>127.0.0.1</ip>\n    <port>"
        + s.ipcPort()
        + "</port>\n  </ncs-ipc-address>\n"
        + "  <load-path>\n    <dir>"
        + loadPath
        + "</dir>\n  </load-path>\n"
        + "  <state-dir>./state</state-dir>\n"
        + "  <cdb>\n    <db-dir>./ncs-cdb</db-dir>\n  </cdb>\n"
        + "  <cli>\n    <enabled>true</enabled>\n    <ssh>\n      <enabled>true</enabled>\n      <ip>"
        + a
        + "</ip>\n      <port>"
        + b.cliPort
        + "</port>\n    </ssh>\n    <prompt1>\\u@"
        + s.id()
        + "&gt; </prompt1>\n    <prompt2>\\u@"
        + s.id()
        + "% </prompt2>\n    <c-prompt1>\\u@"
        + s.id()
        + "# </c-prompt1>\n    <c-prompt2>\\u@"
        + s.id()
        + "(\\m)# </c-prompt2>\n  </cli>\n"
        + "  <webui>\n    <enabled>true</enabled>\n    <transport>\n      <tcp>\n        <enabled>true</enabled>\n        <ip>"
        + a
        + "</ip>\n        <port>"
        + b.restconfPort
        + "</port>\n      </tcp>\n    </transport>\n  </webui>\n"
        + "  <restconf>\n    <enabled>true</enabled>\n  </restconf>\n"
        + "  <ha>\n    <enabled>true</enabled>\n    <ip>"
        + a
        + "</ip>\n    <port>"
        + b.haPort
        + "</port>\n    <tick-timeout>"
        + b.tickTimeout
        + "</tick-timeout>\n  </ha>\n"
        + "</ncs-config>\n";
  }

  private String initXml() {
    StringBuilder x = new StringBuilder();
    x.append("<config xmlns=\"http://tail-f.com/ns/config/1.0\">\n");
    x.append("  <high-availability xmlns=\"http://tail-f.com/ns/ncs\">\n");
    // The example's token plus a per-cluster part: nodes of two test clusters on one machine
    // (parallel builds,
    // leftovers) then refuse each other with the token check instead of joining the wrong cluster.
    x.append("    <token>").append(token()).append("</token>\n");
    for (NodeSpec s : specs.values()) {
      String role = s.id().equals("n1") ? "primary" : "secondary";
      x.append("    <ha-node>\n      <id>")
          .append(s.id())
          .append("</id>\n      <address>")
          .append(s.address())
          .append("</address>\n      <nominal-role>")
          .append(role)
          .append("</nominal-role>\n");
      if (s.id().equals("n2")) {
        x.append("      <failover-primary>true</failover-primary>\n");
      }
      x.append("    </ha-node>\n");
    }
    x.append(
            "    <settings>\n      <start-up>\n        <assume-nominal-role>true</assume-nominal-role>\n")
        .append(
            "        <join-ha>true</join-ha>\n      </start-up>\n      <enable-failover>true</enable-failover>\n")
        .append("      <reconnect-interval>")
        .append(b.reconnectInterval)
        .append("</reconnect-interval>\n")
        .append("      <reconnect-attempts>")
        .append(b.reconnectAttempts)
        .append("</reconnect-attempts>\n")
        .append("    </settings>\n  </high-availability>\n</config>\n");
    return x.toString();
  }

  private void startAll() throws IOException {
    for (String id : specs.keySet()) {
      start(id);
    }
    if (b.enableHa) {
      for (String id : specs.keySet()) {
        node(id).invokeAction(DataPath.parseKeypath("/high-availability/enable"), null, "admin");
      }
      awaitHa("n1", st -> st.connectedSecondaries().size() == 2, Duration.ofSeconds(30));
    }
  }

  /** Options for a node (also for a restart with other flags). */
  public SimNodeOptions options(String id) {
    NodeSpec s = spec(id);
    return new SimNodeOptions(
        s.ncsDir(),
        s.confFile(),
        s.runDir(),
        Map.of("NCS_DIR", s.ncsDir().toString()),
        false,
        false,
        null,
        b.northbound);
  }

  /** Starts (or restarts) a node with its default options. */
  public SimNode start(String id) throws IOException {
    return start(id, options(id));
  }

  /** Starts (or restarts) a node with the given options. */
  public SimNode start(String id, SimNodeOptions o) throws IOException {
    SimNode old = nodes.get(id);
    if (old != null) {
      old.close();
    }
    SimNode n = SimNode.start(o);
    nodes.put(id, n);
    return n;
  }

  /** Stops a node (it stays stopped until {@link #start(String)}). */
  public void stop(String id) {
    SimNode n = nodes.remove(id);
    if (n != null) {
      n.close();
    }
  }

  /**
   * Switches a node to another NSO version, as an upgrade would: writes a new install dir with that
   * VERSION and rebuilds the node's packages for it (in the load path).
   */
  public void setVersion(String id, String version) throws IOException {
    NodeSpec s = spec(id);
    Path ncsDir = b.systemInstall ? s.ncsDir() : s.runDir().getParent().resolve("ncs-" + version);
    Files.createDirectories(ncsDir);
    Files.writeString(ncsDir.resolve("VERSION"), version + "\n");
    NodeSpec n =
        new NodeSpec(s.id(), s.address(), s.runDir(), s.confFile(), ncsDir, s.ipcPort(), version);
    specs.put(id, n);
  }

  /** Rebuilds the node's bundled packages in its load path for its current version. */
  public void rebuildPackages(String id, String... packages) throws IOException {
    NodeSpec s = spec(id);
    Path lp = s.runDir().resolve(b.systemInstall ? "var/opt/ncs/packages" : "packages");
    for (String p : packages) {
      Path t = lp.resolve(p + ".tar.gz");
      if (Files.isSymbolicLink(t)) {
        Path store = s.ncsDir().resolve("../packages").normalize();
        PackageBuilder.example(store, p, s.version(), true);
      } else {
        Files.deleteIfExists(t);
        PackageBuilder.example(lp, p, s.version(), true);
      }
    }
  }

  /** The node, or an exception when it is not running. */
  public SimNode node(String id) {
    SimNode n = nodes.get(id);
    if (n == null) {
      throw new IllegalStateException(id + " is not running");
    }
    return n;
  }

  /** The running nodes. */
  public Map<String, SimNode> nodes() {
    return Map.copyOf(nodes);
  }

  /** Node ids in order. */
  public List<String> ids() {
    return new ArrayList<>(specs.keySet());
  }

  /** A node's spec (address, run dir, ncs.conf, ncs dir, IPC port, version). */
  public NodeSpec spec(String id) {
    return Objects.requireNonNull(specs.get(id), "no node " + id);
  }

  /** The node's own loopback address, e.g. 127.123.1.1. */
  public String address(String id) {
    return spec(id).address();
  }

  /** The RESTCONF base URL, e.g. {@code http://127.123.1.1:8080/restconf}. */
  public String restconfUrl(String id) {
    return "http://" + address(id) + ":" + b.restconfPort + "/restconf";
  }

  public int restconfPort() {
    return b.restconfPort;
  }

  public int cliPort() {
    return b.cliPort;
  }

  public int haPort() {
    return b.haPort;
  }

  /** The node's IPC port on 127.0.0.1. */
  public int ipcPort(String id) {
    return spec(id).ipcPort();
  }

  /**
   * The HA token in clear, as written to {@code init.xml}: {@code super-secret-<per-cluster part>}.
   */
  public String token() {
    return "super-secret-" + token;
  }

  /** The second octet of the cluster's addresses. */
  public int octet() {
    return octet;
  }

  /**
   * Waits until a node's HA status satisfies {@code cond}.
   *
   * @throws IllegalStateException with the last observed status when the deadline passes
   */
  public HaState awaitHa(String id, Predicate<HaState> cond, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    HaState st = node(id).haStatus();
    while (!cond.test(st)) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException(
            id + ": HA condition not met within " + timeout + "; last status " + st);
      }
      LockSupport.parkNanos(20_000_000L);
      st = node(id).haStatus();
    }
    return st;
  }

  // ---- the nominal state, restored the same way for every module's tests

  /**
   * Brings the cluster back to its nominal state through the nodes' own actions (never through a
   * client under test): the builder's packages loaded on every node (and nothing else in the load
   * paths and stores), HA enabled everywhere, n1 primary read-write with n2 and n3 connected, no
   * admin read-only flag. Cheap when nothing has changed.
   *
   * @throws IllegalStateException with the last observed state when the cluster does not get there
   *     within a minute
   */
  public void restoreNominal() throws IOException {
    restorePackages();
    restoreRoles();
  }

  /** Whether HA roles and flags are nominal (see {@link #restoreNominal()}). */
  public boolean rolesNominal() {
    HaState n1 = node("n1").haStatus();
    if (!(n1.enabled()
        && n1.mode() == HaRole.PRIMARY
        && !n1.readOnly()
        && n1.connectedSecondaries().keySet().equals(Set.copyOf(ids().subList(1, ids().size()))))) {
      return false;
    }
    for (String id : ids().subList(1, ids().size())) {
      HaState s = node(id).haStatus();
      if (!(s.enabled()
          && s.mode() == HaRole.SECONDARY
          && "n1".equals(s.primaryId())
          && !s.adminReadOnly())) {
        return false;
      }
    }
    return true;
  }

  private void restoreRoles() {
    if (rolesNominal()) {
      return;
    }
    List<String> reversed = new ArrayList<>(ids());
    Collections.reverse(reversed);
    for (String id : reversed) {
      tolerantAction(id, "/high-availability/disable", null);
    }
    for (String id : ids()) {
      tolerantAction(id, "/high-availability/read-only", "false");
    }
    action("n1", "/high-availability/enable", null);
    awaitHa("n1", st -> st.mode() == HaRole.PRIMARY, RESTORE);
    for (String id : ids().subList(1, ids().size())) {
      action(id, "/high-availability/enable", null);
    }
    long end = System.nanoTime() + RESTORE.toNanos();
    while (!rolesNominal()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException(
            "the cluster did not return to its nominal roles within "
                + RESTORE
                + "; last status: "
                + haSummary());
      }
      LockSupport.parkNanos(20_000_000L);
    }
  }

  private String haSummary() {
    StringBuilder sb = new StringBuilder();
    for (String id : ids()) {
      sb.append(id).append(": ").append(node(id).haStatus()).append("; ");
    }
    return sb.toString();
  }

  /** Whether every node loads exactly the builder's packages, from exactly those files. */
  public boolean packagesNominal() throws IOException {
    for (String id : ids()) {
      NodeSpec s = spec(id);
      if (!fileNames(loadPath(s)).equals(expectedFiles())
          || (b.systemInstall && !fileNames(store(s)).equals(expectedFiles()))) {
        return false;
      }
      Set<String> loaded = new TreeSet<>();
      for (PackageInfo p : node(id).packages()) {
        if (!p.up()) {
          return false;
        }
        loaded.add(p.name() + "-" + p.version() + ".tar.gz");
      }
      if (!loaded.equals(expectedFiles())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Stops every node, puts the builder's packages back into the load paths and stores, and starts
   * the nodes again with {@code --with-package-reload-force}, as an operator resets a node; {@link
   * #restoreRoles()} then brings HA back. A restart, rather than a reload on running nodes, so that
   * nothing of the packages a test installed survives anywhere.
   */
  private void restorePackages() throws IOException {
    if (packagesNominal()) {
      return;
    }
    log.info("restoring the packages {} on every node", b.packages);
    List<String> reversed = new ArrayList<>(ids());
    Collections.reverse(reversed);
    for (String id : reversed) {
      stop(id);
    }
    for (String id : ids()) {
      NodeSpec s = spec(id);
      clearDir(loadPath(s));
      if (b.systemInstall) {
        clearDir(store(s));
      }
      installPackages(s);
    }
    for (String id : ids()) {
      start(id, options(id).withPackageReload(true, true));
    }
    if (!packagesNominal()) {
      throw new IllegalStateException("the packages could not be restored to " + b.packages);
    }
  }

  private Set<String> expectedFiles() {
    Set<String> out = new TreeSet<>();
    b.packages.forEach(p -> out.add(p + ".tar.gz"));
    return out;
  }

  private Path loadPath(NodeSpec s) {
    return s.runDir().resolve(b.systemInstall ? "var/opt/ncs/packages" : "packages");
  }

  private static Path store(NodeSpec s) {
    return s.ncsDir().resolve("../packages").normalize();
  }

  private static Set<String> fileNames(Path dir) throws IOException {
    Set<String> out = new TreeSet<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> l = Files.list(dir)) {
        l.forEach(p -> out.add(p.getFileName().toString()));
      }
    }
    return out;
  }

  private static void clearDir(Path dir) throws IOException {
    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> l = Files.list(dir)) {
        for (Path p : l.toList()) {
          if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            Tar.deleteTree(p);
          } else {
            Files.delete(p);
          }
        }
      }
    }
  }

  private void action(String id, String path, String mode) {
    SimNode node = node(id);
    DataPath p = DataPath.parseKeypath(path);
    DataNode in = null;
    if (mode != null) {
      in = node.newActionInput(p);
      in.setLeaf("mode", mode);
    }
    node.invokeAction(p, in, "admin");
  }

  /** An action whose failure does not matter here (disabling a disabled node). */
  private void tolerantAction(String id, String path, String mode) {
    try {
      action(id, path, mode);
    } catch (RuntimeException e) {
      log.debug("{}: {} failed: {}", id, path, e.getMessage());
    }
  }

  // ---- addresses, settings and package files

  /** A loopback address of the cluster's own range where no node listens. */
  public String unusedAddress() {
    return "127." + octet + ".9.1";
  }

  /** {@code settings/reconnect-interval} as written to every node's init.xml. */
  public int reconnectInterval() {
    return b.reconnectInterval;
  }

  /** {@code settings/reconnect-attempts} as written to every node's init.xml. */
  public int reconnectAttempts() {
    return b.reconnectAttempts;
  }

  /**
   * The package archive {@code <dir>/<builtFor>/<nameAndVersion>.tar.gz} (written once) of a
   * bundled example such as {@code dummy-1.1}, compiled for NSO {@code builtFor}.
   */
  public static Path packageFile(Path dir, String nameAndVersion, String builtFor)
      throws IOException {
    Path parent = Files.createDirectories(dir.resolve(builtFor));
    Path file = parent.resolve(nameAndVersion + ".tar.gz");
    if (!Files.exists(file)) {
      file = PackageBuilder.example(parent, nameAndVersion, builtFor, true);
    }
    return file.toAbsolutePath();
  }

  /** Stops every node; the run dirs stay (delete them with {@link #deleteFiles()}). */
  @Override
  public void close() {
    List<String> ids = new ArrayList<>(nodes.keySet());
    Collections.reverse(ids);
    for (String id : ids) {
      stop(id);
    }
  }

  /** Deletes the run dirs (after {@link #close()}). */
  public void deleteFiles() throws IOException {
    for (NodeSpec s : specs.values()) {
      Tar.deleteTree(s.runDir());
    }
  }

  /** Deletes a directory tree, symbolic links not followed. */
  public static void deleteTree(Path dir) throws IOException {
    Tar.deleteTree(dir);
  }

  /** The {@code major.minor} of a node's version. */
  public String majorMinor(String id) {
    return Versions.majorMinor(spec(id).version());
  }
}
