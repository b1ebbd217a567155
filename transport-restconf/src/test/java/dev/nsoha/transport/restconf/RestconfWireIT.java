package dev.nsoha.transport.restconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.nsoha.core.error.NsoTimeoutException;
import dev.nsoha.core.model.ConfigPath;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.PackageReloadResult;
import dev.nsoha.core.model.ReloadOptions;
import dev.nsoha.core.model.SoftwarePackage;
import dev.nsoha.core.model.SyncResult;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.TransportOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The exact requests of docs/nso-interface.md ("RESTCONF"), as a node sees them on the wire. */
class RestconfWireIT {
  private static final String JSON = "application/yang-data+json";

  private MockNode node;
  private NodeClient client;

  @BeforeEach
  void start() {
    node = new MockNode();
    client = new RestconfNodeClientFactory().create(node.endpoint());
  }

  @AfterEach
  void stop() {
    client.close();
    node.close();
  }

  private RecordedRequest taken() throws InterruptedException {
    RecordedRequest r = node.server.takeRequest();
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("admin:" + MockNode.PASSWORD).getBytes(StandardCharsets.UTF_8));
    assertThat(r.getHeaders().get("Authorization")).isEqualTo(basic);
    assertThat(r.getHeaders().get("Accept")).isEqualTo(JSON);
    return r;
  }

  private static String body(RecordedRequest r) {
    return r.getBody() == null ? "" : r.getBody().utf8();
  }

  private void assertAction(RecordedRequest r, String path, String body) {
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getTarget()).isEqualTo("/restconf/operations/" + path);
    assertThat(r.getHeaders().get("Content-Type")).startsWith(JSON);
    assertThat(body(r)).isEqualTo(body);
  }

  @Test
  void haStatusReadsTheOperationalTree() throws Exception {
    node.reply(
        200,
        """
        {"tailf-ncs:high-availability":{"enabled":[null],"status":{"mode":"primary","current-id":"n1",
          "assigned-role":"primary","read-only-mode":false,"connected-secondary":[{"id":"n2","address":"127.0.0.1"}]}}}""");
    assertThat(client.haStatus().mode()).isEqualTo(HaMode.PRIMARY);
    RecordedRequest r = taken();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getTarget())
        .isEqualTo("/restconf/data/tailf-ncs:high-availability?content=nonconfig");
  }

  @Test
  void haConfigReadsConfigWithDefaults() throws Exception {
    node.reply(
        200,
        "{\"tailf-ncs:high-availability\":{\"ha-node\":[{\"id\":\"n1\",\"nominal-role\":\"primary\"}]}}");
    assertThat(client.haConfig().nodes()).hasSize(1);
    assertThat(taken().getTarget())
        .isEqualTo(
            "/restconf/data/tailf-ncs:high-availability?content=config&with-defaults=report-all");
  }

  @Test
  void haActions() throws Exception {
    node.reply(200, "{\"tailf-ncs:output\":{\"result\":\"enabled\"}}");
    assertThat(client.enableHa()).isEqualTo("enabled");
    assertAction(taken(), "high-availability/enable", "");

    node.reply(200, "{\"tailf-ncs:output\":{\"result\":\"NSO Built-in HA disabled\"}}");
    assertThat(client.disableHa()).isEqualTo("NSO Built-in HA disabled");
    assertAction(taken(), "high-availability/disable", "");

    node.reply(200, "{\"tailf-ncs:output\":{\"result\":\"ok\"}}");
    assertThat(client.bePrimary()).isEqualTo("ok");
    assertAction(taken(), "high-availability/be-primary", "");

    node.reply(
        200, "{\"tailf-ncs:output\":{\"result\":\"Attempting to be secondary to node n1\"}}");
    assertThat(client.beSecondaryTo(NodeId.of("n1")))
        .isEqualTo("Attempting to be secondary to node n1");
    assertAction(taken(), "high-availability/be-secondary-to", "{\"input\":{\"node\":\"n1\"}}");

    node.reply(204, null);
    assertThat(client.beNone()).isEmpty();
    assertAction(taken(), "high-availability/be-none", "");

    node.reply(204, null);
    client.setReadOnly(true);
    assertAction(taken(), "high-availability/read-only", "{\"input\":{\"mode\":\"true\"}}");

    node.reply(204, null);
    client.setReadOnly(false);
    assertAction(taken(), "high-availability/read-only", "{\"input\":{\"mode\":\"false\"}}");
  }

  @Test
  void configReadsAndMerge() throws Exception {
    node.reply(200, "{\"dummy:dummy\":[{\"name\":\"a b/c\",\"dummy\":\"1.2.3.4\"}]}");
    ConfigPath withOddKey =
        new ConfigPath(
            List.of(
                new ConfigPath.Segment(Optional.of("dummy"), "dummies", List.of()),
                new ConfigPath.Segment(Optional.empty(), "dummy", List.of("a b/c"))));
    DataTree one = client.readConfig(withOddKey);
    assertThat(one.get("dummy:dummy")).isPresent();
    RecordedRequest r = taken();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getTarget())
        .isEqualTo("/restconf/data/dummy:dummies/dummy=a%20b%2Fc?content=config");

    node.reply(200, "{\"ietf-restconf:data\":{\"dummy:dummies\":{\"dummy\":[]}}}");
    assertThat(client.readRunningConfig().asMap()).containsOnlyKeys("dummy:dummies");
    assertThat(taken().getTarget()).isEqualTo("/restconf/data?content=config");

    node.reply(204, null);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", "d1");
    entry.put("dummy", "1.2.3.4");
    DataTree d = DataTree.of(Map.of("dummy:dummies", Map.of("dummy", List.of(entry))));
    client.mergeConfig(d);
    r = taken();
    assertThat(r.getMethod()).isEqualTo("PATCH");
    assertThat(r.getTarget()).isEqualTo("/restconf/data");
    assertThat(r.getHeaders().get("Content-Type")).startsWith(JSON);
    assertThat(body(r))
        .isEqualTo("{\"dummy:dummies\":{\"dummy\":[{\"name\":\"d1\",\"dummy\":\"1.2.3.4\"}]}}");
  }

  @Test
  void packageOperations() throws Exception {
    node.reply(
        200,
        "{\"tailf-ncs:packages\":{\"package\":[{\"name\":\"dummy\",\"package-version\":\"1.0\","
            + "\"oper-status\":{\"up\":[null]}}]}}");
    assertThat(client.packages()).singleElement().satisfies(p -> assertThat(p.isUp()).isTrue());
    RecordedRequest r = taken();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getTarget()).isEqualTo("/restconf/data/tailf-ncs:packages");

    node.reply(
        200,
        "{\"tailf-ncs:output\":{\"package\":[{\"name\":\"dummy-1.0.tar.gz\",\"loaded\":[null]}]}}");
    assertThat(client.softwarePackages())
        .containsExactly(new SoftwarePackage("dummy-1.0.tar.gz", SoftwarePackage.State.LOADED));
    assertAction(taken(), "software/packages/list", "");

    node.reply(204, null);
    assertThat(client.fetchPackage("/abs/dummy-1.1.tar.gz")).isEmpty();
    assertAction(
        taken(),
        "software/packages/fetch",
        "{\"input\":{\"package-from-file\":\"/abs/dummy-1.1.tar.gz\"}}");

    node.reply(200, "{\"tailf-ncs:output\":{\"installed\":\"dummy-1.1\"}}");
    assertThat(client.installPackage("dummy-1.1", true)).isEqualTo("installed dummy-1.1");
    assertAction(
        taken(),
        "software/packages/install",
        "{\"input\":{\"package\":\"dummy-1.1\",\"replace-existing\":\"\"}}");

    node.reply(204, null);
    client.installPackage("inert-1.0", false);
    assertAction(taken(), "software/packages/install", "{\"input\":{\"package\":\"inert-1.0\"}}");

    String reloaded =
        "{\"tailf-ncs:output\":{\"reload-result\":[{\"package\":\"dummy\",\"result\":true}]}}";
    node.reply(200, reloaded);
    assertThat(client.reloadPackages(ReloadOptions.defaults()))
        .containsExactly(new PackageReloadResult("dummy", true, Optional.empty()));
    assertAction(taken(), "packages/reload", "");

    node.reply(200, reloaded);
    client.reloadPackages(new ReloadOptions(false, Optional.of(Duration.ofSeconds(30)), true));
    assertAction(taken(), "packages/reload", "{\"input\":{\"force\":\"\",\"max-wait-time\":30}}");

    node.reply(200, reloaded);
    assertThat(client.haSyncAndReload(ReloadOptions.waitForCommitQueue()).reloadResults())
        .hasSize(1);
    assertAction(
        taken(),
        "packages/ha/sync",
        "{\"input\":{\"and-reload\":{\"wait-commit-queue-empty\":\"\"}}}");

    node.reply(200, reloaded);
    client.haSyncAndReload(new ReloadOptions(true, Optional.of(Duration.ofSeconds(3)), false));
    assertAction(
        taken(),
        "packages/ha/sync",
        "{\"input\":{\"and-reload\":{\"wait-commit-queue-empty\":\"\",\"max-wait-time\":3}}}");
  }

  @Test
  void aFailedSyncToASecondaryIsReportedWithNsosReason() {
    node.reply(
        200,
        "{\"tailf-ncs:output\":{\"sync-result\":[{\"node\":\"n2\",\"result\":false,"
            + "\"info\":\"not connected\"},{\"node\":\"n3\",\"result\":true}]}}");
    SyncResult r = client.haSyncAndReload(ReloadOptions.defaults());
    assertThat(r.ok()).isFalse();
    assertThat(r.secondaries())
        .containsExactly(
            new SyncResult.SecondarySync(NodeId.of("n2"), false, Optional.of("not connected")),
            new SyncResult.SecondarySync(NodeId.of("n3"), true, Optional.empty()));
  }

  @Test
  void versionReadsNcsState() throws Exception {
    node.reply(200, "{\"tailf-ncs-monitoring:version\":\"6.4.4\"}");
    assertThat(client.version().text()).isEqualTo("6.4.4");
    assertThat(taken().getTarget())
        .isEqualTo("/restconf/data/tailf-ncs-monitoring:ncs-state/version");
  }

  @Test
  void oneClientReusesItsConnection() throws Exception {
    String status = "{\"tailf-ncs:high-availability\":{\"status\":{\"mode\":\"none\"}}}";
    node.reply(200, status);
    node.reply(200, status);
    client.haStatus();
    client.haStatus();
    RecordedRequest first = taken();
    RecordedRequest second = taken();
    assertThat(second.getConnectionIndex()).isEqualTo(first.getConnectionIndex());
    assertThat(second.getExchangeIndex()).isEqualTo(first.getExchangeIndex() + 1);
  }

  @Test
  void concurrentCallsOnOneClient() throws Exception {
    String status = "{\"tailf-ncs:high-availability\":{\"status\":{\"mode\":\"primary\"}}}";
    int n = 16;
    for (int i = 0; i < n; i++) {
      node.reply(200, status);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<HaMode>> modes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        modes.add(pool.submit(() -> client.haStatus().mode()));
      }
      for (Future<HaMode> m : modes) {
        assertThat(m.get(10, TimeUnit.SECONDS)).isEqualTo(HaMode.PRIMARY);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(node.server.getRequestCount()).isEqualTo(n);
  }

  @Test
  void longActionsGetALongerDeadlineThanReads() {
    // The request timeout is 300 ms; the node takes 600 ms to answer. A read times out, a reload
    // does not.
    TransportOptions quick =
        TransportOptions.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300));
    try (NodeClient c = new RestconfNodeClientFactory().create(node.endpoint(quick))) {
      node.enqueue(
          new MockResponse.Builder()
              .code(200)
              .headersDelay(600, TimeUnit.MILLISECONDS)
              .body(
                  "{\"tailf-ncs:output\":{\"reload-result\":[{\"package\":\"dummy\",\"result\":true}]}}")
              .build());
      assertThat(c.reloadPackages(ReloadOptions.defaults())).hasSize(1);
      node.enqueue(
          new MockResponse.Builder()
              .code(200)
              .headersDelay(600, TimeUnit.MILLISECONDS)
              .body("{}")
              .build());
      assertThatThrownBy(c::haStatus).isInstanceOf(NsoTimeoutException.class);
    }
  }

  @Test
  void requestsAreLoggedAtDebugWithTheAuthorizationRedacted() {
    Logger logger = (Logger) LoggerFactory.getLogger(WireLog.class);
    Level before = logger.getLevel();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.DEBUG);
    try {
      node.reply(204, null);
      client.mergeConfig(
          DataTree.of(Map.of("tailf-ncs:high-availability", Map.of("token", "clear-token-xyz"))));
      node.reply(401, null);
      try {
        client.haStatus();
      } catch (RuntimeException expected) {
        // the 401 is mapped elsewhere; here only the log matters
      }
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(before);
    }
    String basic =
        Base64.getEncoder()
            .encodeToString(("admin:" + MockNode.PASSWORD).getBytes(StandardCharsets.UTF_8));
    List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("--> PATCH http://127.0.0.1:")
                    .contains("Authorization: <redacted>"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("<-- 401 GET "));
    assertThat(lines)
        .allSatisfy(
            l ->
                assertThat(l)
                    .doesNotContain(MockNode.PASSWORD)
                    .doesNotContain(basic)
                    .doesNotContain("clear-token-xyz"));
  }
}
