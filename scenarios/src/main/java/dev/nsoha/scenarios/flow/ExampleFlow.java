package dev.nsoha.scenarios.flow;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.io.PrivateFiles;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.ConfigPath;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaConfig;
import dev.nsoha.core.model.HaNodeConfig;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.Parallel;
import dev.nsoha.core.plan.Wait;
import dev.nsoha.core.spi.Install;
import dev.nsoha.host.install.LocalInstallHost;
import dev.nsoha.host.install.ProcessRunner;
import dev.nsoha.scenarios.Bundle;
import dev.nsoha.scenarios.ClusterRuntime;
import dev.nsoha.scenarios.console.Secrets;
import dev.nsoha.scenarios.tls.RaftCertificates;
import dev.nsoha.scenarios.tls.RunCa;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Steps 1 and 2 of NSO's upgrade example, and what it shows after the upgrade: reset, set up and
 * start the nodes (three in the example, 2 to 9 with {@code --nodes}) in parallel from an NSO
 * install with NSO's own tools ({@code ncs-setup}, the example's ncs.conf edits, {@code make} of
 * the packages, {@code ncs}), enable HA with the start-up settings, add the dummy config on node 1
 * and show it replicated. Works with the bundled simulator installs and with real NSO local
 * installs alike.
 */
public final class ExampleFlow {
  /** The seed's HA settings: failover after 10 s × 6 attempts, start-up rules on. */
  static final int RECONNECT_INTERVAL = 10;

  static final int RECONNECT_ATTEMPTS = 6;
  private static final ConfigPath DUMMIES = ConfigPath.parse("/dummy:dummies");
  private static final ConfigPath D1 = ConfigPath.parse("/dummy:dummies/dummy=d1");
  private static final ConfigPath INERTS = ConfigPath.parse("/inert:inerts");

  private final ClusterSpec spec;
  private final Path runRoot;
  private final Install install;
  private final Bundle bundle;
  private final boolean systemInstall;
  private final Map<NodeId, LocalInstallHost> hosts;
  private final PrintWriter out;
  private final Duration timeout;
  private final int cliPort;
  private final int restconfPort;
  private RunCa tls;
  private int tlsPort;
  private String user;
  private String password;
  private String haToken = HA_TOKEN;
  private String raftCluster;
  private RaftCertificates raftCerts;
  private int dummies;

  /**
   * @param hosts the nodes' hosts, whose layouts give each node's run directory and IPC port
   * @param systemInstall lay the nodes out as the simulated system install of the package example
   * @param cliPort the nodes' CLI SSH port (NSO's default 2024)
   * @param restconfPort the nodes' RESTCONF port (NSO's default 8080)
   */
  public ExampleFlow(
      ClusterSpec spec,
      Path runRoot,
      Install install,
      Bundle bundle,
      boolean systemInstall,
      Map<NodeId, LocalInstallHost> hosts,
      PrintWriter out,
      Duration timeout,
      int cliPort,
      int restconfPort) {
    this.cliPort = cliPort;
    this.restconfPort = restconfPort;
    this.spec = spec;
    this.runRoot = runRoot.toAbsolutePath().normalize();
    this.install = install;
    this.bundle = bundle;
    this.systemInstall = systemInstall;
    this.hosts = Map.copyOf(hosts);
    this.out = out;
    this.timeout = timeout;
  }

  private void step(int n, String text) {
    out.printf("%n##### Step %d: %s%n", n, text);
    out.flush();
  }

  /**
   * Step 1 up to starting the nodes: stop what runs, wipe the run root, lay out three nodes, start
   * them.
   */
  public void resetAndStart() {
    step(
        1,
        raftCluster == null
            ? "Reset, setup, start node 1-3, and enable HA with start-up settings"
            : "Reset, make the HA Raft certificates, setup and start the nodes, create the cluster");
    Parallel.forEach(List.copyOf(hosts.values()), 0, LocalInstallHost::stop);
    deleteTree(runRoot);
    Path shared = runRoot.resolve("packages");
    Path store = runRoot.resolve("package-store");
    Path cdbInit = runRoot.resolve("cdb-init");
    try {
      Files.createDirectories(shared);
      Files.createDirectories(store);
      Files.createDirectories(cdbInit);
      buildArchive("dummy-1.0", shared);
      if (systemInstall) {
        buildArchive("dummy-1.1", store);
        buildArchive("inert-1.0", store);
      }
      Files.writeString(cdbInit.resolve("init.xml"), raftCluster == null ? initXml() : EMPTY_INIT);
      if (raftCluster != null) {
        raftCerts = new RaftCertificates(runRoot.resolve("raft-ca"), 365);
        raftCerts.makeCa("nso-ha-upgrade example Raft CA");
      }
      if (tls != null) {
        tls.writeCertificate(caCertificate());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot lay out the example under " + runRoot + ": " + e.getMessage(), e);
    }
    // Every node is set up and started at the same time: each is its own process, and starting
    // one does not depend on another (HA is enabled afterwards).
    List<ClusterSpec.NodeSpec> nodes = spec.nodes();
    Parallel.forEach(
        nodes,
        0,
        n -> {
          try {
            setUpNode(n, nodes.indexOf(n) + 1, shared, cdbInit);
          } catch (IOException e) {
            throw new UncheckedIOException(
                "cannot lay out node " + n.id() + " under " + runRoot + ": " + e.getMessage(), e);
          }
          hosts.get(n.id()).start(install, false);
        });
    for (ClusterSpec.NodeSpec n : nodes) {
      out.printf(
          "Started %s on %s with NSO %s (IPC port %d)%n",
          n.id(), n.address(), install.version(), hosts.get(n.id()).layout().ipcPort());
    }
    out.flush();
  }

  /**
   * The rest of step 1: enable HA on every node, wait until the nominal primary has every
   * secondary.
   */
  public void enableHa(ClusterRuntime rt, Duration haTimeout) {
    // The token goes to each node over its northbound interface, never through a file or the
    // command line; the node stores it encrypted.
    DataTree token = DataTree.of(Map.of("tailf-ncs:high-availability", Map.of("token", haToken)));
    for (ClusterSpec.NodeSpec n : spec.nodes()) {
      rt.client(n.id()).mergeConfig(token);
    }
    for (ClusterSpec.NodeSpec n : spec.nodes()) {
      rt.client(n.id()).enableHa();
    }
    NodeId p = spec.primary().id();
    int want = spec.secondaries().size();
    Wait.until(
        p + " is primary with " + want + " connected secondaries",
        spec.primary().label(),
        rt.client(p)::haStatus,
        st -> st.isPrimary() && st.connectedSecondaries().size() == want,
        HaStatus::summary,
        haTimeout);
    HaConfig cfg = rt.client(p).haConfig();
    out.println("HA configuration of " + p + ":");
    for (HaNodeConfig hn : cfg.nodes()) {
      out.printf(
          "  ha-node %s address %s nominal-role %s%s%n",
          hn.id(),
          hn.address(),
          hn.nominalRole().nsoName(),
          hn.failoverPrimary() ? " failover-primary" : "");
    }
    out.printf(
        "  settings enable-failover %s reconnect-interval %d reconnect-attempts %d start-up assume-nominal-role %s join-ha %s%n",
        cfg.settings().enableFailover(),
        cfg.settings().reconnectInterval(),
        cfg.settings().reconnectAttempts(),
        cfg.settings().assumeNominalRole(),
        cfg.settings().joinHa());
    out.flush();
  }

  /** Step 2: the dummy config on node 1, shown replicated on the others. */
  public void addDummyConfig(ClusterRuntime rt, Duration haTimeout) {
    step(2, "Add some dummy config to node 1, replicated to secondary nodes 2 and 3");
    NodeId p = spec.primary().id();
    rt.client(p)
        .mergeConfig(
            DataTree.of(
                Map.of(
                    "dummy:dummies",
                    Map.of("dummy", List.of(Map.of("name", "d1", "dummy", "1.2.3.4"))))));
    awaitEverywhere(rt, DUMMIES, "dummy", "d1", "dummy", "1.2.3.4", haTimeout);
    if (dummies > 0) {
      loadDummies(rt, haTimeout);
    }
    out.flush();
  }

  /**
   * Loads {@code n} more dummy entries into node 1 after d1 ({@code bulk-1} ... {@code bulk-<n>}),
   * so that the example runs on a loaded cluster; call before {@link #addDummyConfig}. 0 (the
   * default) loads none.
   */
  public void useDummies(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("a number of entries is not negative: " + n);
    }
    this.dummies = n;
  }

  /** The name of bulk entry {@code i} (1-based). */
  public static String bulkName(int i) {
    return "bulk-" + i;
  }

  /** The address of bulk entry {@code i}. */
  public static String bulkAddress(int i) {
    return "10." + ((i >> 16) & 0xff) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff);
  }

  /**
   * Writes the bulk entries as an XML file in the run root, one entry at a time, and loads it into
   * node 1 with the install's {@code ncs_load -l -m}, as an operator loads a large configuration;
   * then waits until the last entry is on every node.
   */
  private void loadDummies(ClusterRuntime rt, Duration haTimeout) {
    ClusterSpec.NodeSpec p = spec.primary();
    Path xml = runRoot.resolve("dummies-" + dummies + ".xml");
    try (BufferedWriter w = Files.newBufferedWriter(xml, StandardCharsets.UTF_8)) {
      w.write("<config xmlns=\"http://tail-f.com/ns/config/1.0\">\n");
      w.write("  <dummies xmlns=\"http://com/example/dummy\">\n");
      for (int i = 1; i <= dummies; i++) {
        w.write("    <dummy><name>");
        w.write(bulkName(i));
        w.write("</name><dummy>");
        w.write(bulkAddress(i));
        w.write("</dummy></dummy>\n");
      }
      w.write("  </dummies>\n</config>\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + xml + ": " + e.getMessage(), e);
    }
    long started = System.nanoTime();
    LocalInstallHost host = hosts.get(p.id());
    Map<String, String> env = new LinkedHashMap<>(install.environment());
    env.put("NCS_IPC_ADDR", host.layout().ipcAddress());
    env.put("NCS_IPC_PORT", Integer.toString(host.layout().ipcPort()));
    env.putAll(host.layout().extraEnv());
    // The tool timeout, and a millisecond per entry: the load takes time in proportion to it.
    List<String> cmd =
        List.of(install.ncsDir().resolve("bin/ncs_load").toString(), "-l", "-m", xml.toString());
    String what = "load " + dummies + " dummy entries";
    ProcessRunner.Result r =
        ProcessRunner.run(p.label(), what, cmd, runRoot, env, timeout.plusMillis(dummies));
    if (!r.ok()) {
      throw new HostException(
          p.label(),
          what,
          String.join(" ", cmd) + " exited with status " + r.exitCode() + ": " + r.tail(8));
    }
    out.printf(
        "%s: loaded %d more dummy entries (%s) with ncs_load in %d ms%n",
        p.id(),
        dummies,
        xml.getFileName(),
        Duration.ofNanos(System.nanoTime() - started).toMillis());
    ConfigPath last = ConfigPath.parse("/dummy:dummies/dummy=" + bulkName(dummies));
    for (ClusterSpec.NodeSpec n : spec.nodes()) {
      Wait.until(
          last + " dummy = " + bulkAddress(dummies),
          n.label(),
          () -> rt.client(n.id()).readConfig(last),
          tr ->
              // A GET of one entry answers with the entry in its list ({"dummy:dummy": [...]}).
              tr.entry("name", bulkName(dummies), "dummy:dummy")
                  .map(e -> bulkAddress(dummies).equals(String.valueOf(e.get("dummy"))))
                  .orElse(false),
          DataTree::toJson,
          haTimeout);
      out.printf("%s %s: %s is there%n", n.id(), n.address(), bulkName(dummies));
    }
  }

  /** Step 5 of the package example: new config through node 1, using the new packages. */
  public void addNewConfig(ClusterRuntime rt, Duration haTimeout) {
    out.printf("%n##### Add some new config through node 1%n");
    NodeId p = spec.primary().id();
    rt.client(p)
        .mergeConfig(
            DataTree.of(
                Map.of(
                    "dummy:dummies",
                        Map.of(
                            "dummy", List.of(Map.of("name", "d1", "description", "hello world"))),
                    "inert:inerts",
                        Map.of("inert", List.of(Map.of("name", "i1", "dummy", "4.3.2.1"))))));
    awaitEverywhere(rt, DUMMIES, "dummy", "d1", "description", "hello world", haTimeout);
    awaitEverywhere(rt, INERTS, "inert", "i1", "dummy", "4.3.2.1", haTimeout);
  }

  /** Shows each node's HA status, config and packages. */
  public void show(ClusterRuntime rt, boolean withInerts) {
    out.printf("%n##### Final state%n");
    for (ClusterSpec.NodeSpec n : spec.nodes()) {
      var c = rt.client(n.id());
      HaStatus st = c.haStatus();
      String ha =
          st.enabled()
              ? "HA " + st.summary()
              : c.raftStatus().map(r -> "HA Raft " + r.summary()).orElse("HA " + st.summary());
      out.printf("%s %s: NSO %s, %s%n", n.id(), n.address(), c.version(), ha);
      out.printf(
          "  config: %s%s%s%n",
          dummies == 0 ? c.readConfig(DUMMIES).toJson() : c.readConfig(D1).toJson(),
          dummies == 0 ? "" : " and the " + dummies + " entries of --dummies",
          withInerts ? " " + c.readConfig(INERTS).toJson() : "");
      out.printf(
          "  packages: %s%n",
          String.join(
              ", ",
              c.packages().stream()
                  .map(p -> p.name() + " " + p.version() + " " + p.operStatus())
                  .toList()));
    }
    out.flush();
  }

  private void awaitEverywhere(
      ClusterRuntime rt,
      ConfigPath path,
      String list,
      String key,
      String leaf,
      String value,
      Duration t) {
    for (ClusterSpec.NodeSpec n : spec.nodes()) {
      DataTree tree =
          Wait.until(
              path + " " + key + " " + leaf + " = " + value,
              n.label(),
              () -> rt.client(n.id()).readConfig(path),
              tr ->
                  tr.entry("name", key, path.segments().get(0).qualifiedName(), list)
                      .map(e -> value.equals(String.valueOf(e.get(leaf))))
                      .orElse(false),
              DataTree::toJson,
              t);
      out.printf("%s %s: %s%n", n.id(), n.address(), tree.toJson());
    }
  }

  /**
   * Serves RESTCONF over TLS only, on {@code port}, with a certificate for each node's address
   * issued by {@code ca}; call before {@link #resetAndStart()}.
   */
  public void useTls(RunCa ca, int port) {
    this.tls = ca;
    this.tlsPort = port;
  }

  /**
   * Sets up every node with {@code user} and {@code password} as its only local user (the nodes'
   * {@code ncs-cdb/aaa_init.xml}, the password stored hashed); call before {@link
   * #resetAndStart()}. Without it the nodes keep the users their {@code ncs-setup} made.
   */
  public void useCredentials(String user, String password) {
    AaaInit.xml(user, password); // checks the user name
    this.user = user;
    this.password = password;
  }

  /** A fresh {@code aaa_init.xml} for the user of {@link #useCredentials}, if one was given. */
  public Optional<String> aaaInitXml() {
    return user == null ? Optional.empty() : Optional.of(AaaInit.xml(user, password));
  }

  /**
   * The HA token the nodes share (default: NSO's example's); given to the nodes over their
   * northbound interface by {@link #enableHa}, and masked in every log.
   */
  public void useHaToken(String token) {
    Secrets.register(token);
    this.haToken = token;
  }

  /** Where the run's CA certificate is, with {@link #useTls}: {@code <run-root>/ca.cert}. */
  public Path caCertificate() {
    return runRoot.toAbsolutePath().normalize().resolve("ca.cert");
  }

  private void setUpNode(ClusterSpec.NodeSpec node, int number, Path shared, Path cdbInit)
      throws IOException {
    LocalInstallHost host = hosts.get(node.id());
    Path dir = host.layout().runDir();
    run(
        node,
        "set up the run directory",
        List.of(install.ncsDir().resolve("bin/ncs-setup").toString(), "--dest", dir.toString()),
        runRoot,
        install.environment());
    Path conf = dir.resolve("ncs.conf");
    String edited =
        NcsConfEdits.ports(
            raftCluster == null
                ? NcsConfEdits.forNode(
                    Files.readString(conf), node.address(), host.layout().ipcPort(), number)
                : NcsConfEdits.forRaftNode(
                    Files.readString(conf),
                    node.address(),
                    host.layout().ipcPort(),
                    number,
                    raftCluster,
                    raftMembers()),
            cliPort,
            restconfPort);
    if (raftCerts != null) {
      raftCerts.issue(node.address(), dir.resolve("ha-tls"), "ncsd" + number);
    }
    if (systemInstall) {
      edited = NcsConfEdits.systemInstallLoadPath(edited);
    }
    if (tls != null) {
      tls.issue(node.address(), Duration.ofDays(30)).write(dir.resolve("ssl/cert"), "host");
      tls.writeCertificate(dir.resolve("ssl/cert/ca.cert"));
      edited =
          NcsConfEdits.tlsOnly(
              edited, tlsPort, "./ssl/cert/host.key", "./ssl/cert/host.cert", "./ssl/cert/ca.cert");
    }
    Files.writeString(conf, edited);
    Files.copy(
        cdbInit.resolve("init.xml"),
        dir.resolve("ncs-cdb/init.xml"),
        StandardCopyOption.REPLACE_EXISTING);
    if (user != null) {
      PrivateFiles.writeString(dir.resolve("ncs-cdb/aaa_init.xml"), aaaInitXml().orElseThrow());
    }
    if (systemInstall) {
      Path nodeStore = SystemInstall.store(dir);
      Path active = SystemInstall.loadPath(dir);
      Files.createDirectories(nodeStore);
      Files.createDirectories(active);
      Files.createDirectories(SystemInstall.ncsDir(dir).getParent());
      Files.createSymbolicLink(SystemInstall.ncsDir(dir), install.ncsDir());
      Path archive = nodeStore.resolve("dummy-1.0.tar.gz");
      Files.copy(shared.resolve("dummy-1.0.tar.gz"), archive);
      Files.createSymbolicLink(active.resolve("dummy-1.0.tar.gz"), active.relativize(archive));
    } else {
      try (Stream<Path> s = Files.list(shared)) {
        for (Path pkg : s.toList()) {
          Files.createSymbolicLink(
              dir.resolve("packages").resolve(pkg.getFileName()),
              dir.resolve("packages").relativize(pkg));
        }
      }
    }
  }

  /**
   * Builds an example package from the bundled sources with the install's make and ncsc, as a
   * .tar.gz.
   */
  private void buildArchive(String nameAndVersion, Path into) throws IOException {
    Path work = runRoot.resolve("package-build");
    Path src = work.resolve(nameAndVersion);
    copyTree(bundle.packageSource(nameAndVersion), src);
    String where = "package " + nameAndVersion;
    ProcessRunner.Result r =
        ProcessRunner.run(
            where,
            "build with NSO " + install.version(),
            List.of("make", "-C", src.resolve("src").toString(), "clean", "all"),
            work,
            install.environment(),
            timeout);
    if (!r.ok()) {
      throw new HostException(
          where, "build with NSO " + install.version(), "make failed: " + r.tail(8));
    }
    r =
        ProcessRunner.run(
            where,
            "pack",
            List.of(
                "tar",
                "-czf",
                into.resolve(nameAndVersion + ".tar.gz").toString(),
                "-C",
                work.toString(),
                nameAndVersion),
            work,
            Map.of(),
            timeout);
    if (!r.ok()) {
      throw new HostException(where, "pack", "tar failed: " + r.tail(5));
    }
  }

  private void run(
      ClusterSpec.NodeSpec node, String what, List<String> cmd, Path dir, Map<String, String> env) {
    ProcessRunner.Result r = ProcessRunner.run(node.label(), what, cmd, dir, env, timeout);
    if (!r.ok()) {
      throw new HostException(
          node.label(),
          what,
          String.join(" ", cmd) + " exited with status " + r.exitCode() + ": " + r.tail(8));
    }
  }

  /** The init.xml of a Raft example: no rule-based HA configuration. */
  private static final String EMPTY_INIT = "<config xmlns=\"http://tail-f.com/ns/config/1.0\"/>\n";

  /**
   * Sets the nodes up for HA Raft instead of rule-based HA (see {@link RaftSetup}); call before
   * {@link #resetAndStart()}.
   */
  public void useRaft(String clusterName) {
    this.raftCluster = clusterName;
  }

  /** The Raft members' names, {@code ncsdN@ADDRESS}, in node order. */
  public List<String> raftMembers() {
    List<String> names = new ArrayList<>();
    List<ClusterSpec.NodeSpec> nodes = spec.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      names.add(NcsConfEdits.raftNodeName(i + 1, nodes.get(i).address()));
    }
    return names;
  }

  /** The example's default HA token, as in NSO's example; masked in every log. */
  static final String HA_TOKEN = "super-secret";

  /**
   * The example's init.xml: the HA configuration of the cluster's nodes with the start-up settings.
   * The token is not in it: {@link #enableHa} gives it to the nodes.
   */
  public String initXml() {
    Secrets.register(haToken);
    StringBuilder nodes = new StringBuilder();
    for (ClusterSpec.NodeSpec n : spec.nodes()) {
      nodes
          .append("    <ha-node>\n")
          .append("      <id>")
          .append(n.id())
          .append("</id>\n")
          .append("      <address>")
          .append(n.address())
          .append("</address>\n")
          .append("      <nominal-role>")
          .append(n.nominalRole().nsoName())
          .append("</nominal-role>\n");
      if (n.failoverPrimary()) {
        nodes.append("      <failover-primary>true</failover-primary>\n");
      }
      nodes.append("    </ha-node>\n");
    }
    return "<config xmlns=\"http://tail-f.com/ns/config/1.0\">\n"
        + "  <high-availability xmlns=\"http://tail-f.com/ns/ncs\">\n"
        + nodes
        + "    <settings>\n"
        + "      <start-up>\n"
        + "        <assume-nominal-role>true</assume-nominal-role>\n"
        + "        <join-ha>true</join-ha>\n"
        + "      </start-up>\n"
        + "      <enable-failover>true</enable-failover>\n"
        + "      <reconnect-interval>"
        + RECONNECT_INTERVAL
        + "</reconnect-interval>\n"
        + "      <reconnect-attempts>"
        + RECONNECT_ATTEMPTS
        + "</reconnect-attempts>\n"
        + "    </settings>\n"
        + "  </high-availability>\n"
        + "</config>\n";
  }

  static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(d).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            Files.copy(
                f,
                to.resolve(from.relativize(f).toString()),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.COPY_ATTRIBUTES);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Deletes {@code root} and everything below it, without following links. */
  public static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
              Files.delete(f);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + root + ": " + e.getMessage(), e);
    }
  }
}
