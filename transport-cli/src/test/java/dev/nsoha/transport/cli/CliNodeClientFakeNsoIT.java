package dev.nsoha.transport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.error.AuthenticationException;
import dev.nsoha.core.error.InvalidInputException;
import dev.nsoha.core.error.NotFoundException;
import dev.nsoha.core.error.NsoTimeoutException;
import dev.nsoha.core.error.OperationFailedException;
import dev.nsoha.core.error.ReadOnlyException;
import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.core.model.ConfigPath;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.PackageReloadResult;
import dev.nsoha.core.model.ReloadOptions;
import dev.nsoha.core.model.SoftwarePackage;
import dev.nsoha.core.spi.Credentials;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.spi.TransportOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI client over real sockets against {@link FakeNsoCli}, which replays NSO's recorded
 * outputs.
 */
class CliNodeClientFakeNsoIT {
  @TempDir Path dir;
  private FakeNsoCli nso;
  private Path knownHosts;

  @BeforeEach
  void start() throws IOException {
    nso = new FakeNsoCli("127.0.0.1", dir, "n2").start();
    nso.responses.put("show high-availability | display json | nomore", CliTextTest.PRIMARY_JSON);
    nso.responses.put("show ncs-state version | nomore", "ncs-state version 6.4.4");
    knownHosts = dir.resolve("known_hosts");
  }

  @AfterEach
  void stop() throws IOException {
    nso.close();
  }

  private NodeEndpoint endpoint(TransportOptions options, String password) {
    return new NodeEndpoint(
        NodeId.of("n2"),
        "127.0.0.1",
        nso.port(),
        8080,
        new Credentials("admin", password),
        options);
  }

  private NodeClient client() {
    return new CliNodeClientFactory(cli()).create(endpoint(lab(), FakeNsoCli.PASSWORD));
  }

  /** This test's known_hosts; unknown host keys accepted and remembered. */
  private CliOptions cli() {
    return CliOptions.lab(knownHosts);
  }

  /** Host keys checked strictly against this test's known_hosts. */
  private CliOptions strict() {
    return new CliOptions(Optional.of(knownHosts), false);
  }

  private TransportOptions lab() {
    return TransportOptions.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  @Test
  void switchesFromTheJStyleLoginAndReadsTheTableLayout() {
    try (NodeClient c = client()) {
      HaStatus s = c.haStatus();
      assertThat(s.mode()).isEqualTo(HaMode.PRIMARY);
      assertThat(s.connectedSecondaries()).hasSize(2);
      assertThat(c.version().text()).isEqualTo("6.4.4");
    }
    assertThat(nso.received).startsWith("switch cli");
  }

  @Test
  void worksWhenTheNodeStartsInCStyle() throws IOException {
    nso.stop();
    nso.startInCStyle(true).start();
    try (NodeClient c = client()) {
      assertThat(c.haStatus().enabled()).isTrue();
    }
    assertThat(nso.received).doesNotContain("switch cli");
  }

  @Test
  void anyPromptTextIsLearned() throws IOException {
    try (FakeNsoCli odd =
        new FakeNsoCli("127.0.0.1", Files.createDirectories(dir.resolve("odd")), "lab-1 (west)")) {
      odd.start();
      odd.responses.putAll(nso.responses);
      NodeEndpoint ep =
          new NodeEndpoint(
              NodeId.of("n2"), "127.0.0.1", odd.port(), 8080, Credentials.exampleAdmin(), lab());
      try (NodeClient c = new CliNodeClient(ep, cli())) {
        c.mergeConfig(dummy("d1", "1.2.3.4"));
        assertThat(c.haStatus().mode()).isEqualTo(HaMode.PRIMARY);
      }
      assertThat(odd.committed).containsExactly("dummies dummy d1 dummy 1.2.3.4");
    }
  }

  @Test
  void oneSessionServesManyCalls() {
    try (NodeClient c = client()) {
      for (int i = 0; i < 5; i++) {
        c.haStatus();
      }
    }
    assertThat(nso.logins.get()).isEqualTo(1);
  }

  @Test
  void asynchronousAlarmLinesAreIgnored() {
    try (NodeClient c = client()) {
      c.haStatus();
      nso.alarm("ha-primary-down: Lost connection to primary due to: Primary closed connection");
      assertThat(c.haStatus()).isEqualTo(CliTextTest.PRIMARY);
      assertThat(c.version().text()).isEqualTo("6.4.4");
    }
  }

  @Test
  void anAlarmDuringACommandDoesNotEndIt() {
    nso.alarmDuring.add("show high-availability | display json | nomore");
    try (NodeClient c = client()) {
      assertThat(c.haStatus()).isEqualTo(CliTextTest.PRIMARY);
      assertThat(c.version().text()).isEqualTo("6.4.4");
    }
  }

  @Test
  void mergeWritesOneQuotedLinePerLeafAndCommits() {
    Map<String, Object> d1 = new LinkedHashMap<>();
    d1.put("name", "d1");
    d1.put("description", "hello world");
    d1.put("dummy", "1.2.3.4");
    try (NodeClient c = client()) {
      c.mergeConfig(
          DataTree.of(Map.of("dummy:dummies", Map.of("dummy", List.of(d1, Map.of("name", "d2"))))));
      c.haStatus(); // back in operational mode
    }
    assertThat(nso.committed)
        .containsExactly(
            "dummies dummy d1 description \"hello world\"",
            "dummies dummy d1 dummy 1.2.3.4",
            "dummies dummy d2");
    assertThat(nso.received).contains("top", "commit", "end");
  }

  @Test
  void mergeOnAReadOnlyNodeIsRefusedWithNsoText() {
    nso.readOnly = true;
    try (NodeClient c = client()) {
      assertThatThrownBy(() -> c.mergeConfig(dummy("d1", "1.2.3.4")))
          .isInstanceOf(ReadOnlyException.class)
          .hasMessage("n2 (127.0.0.1, cli): merge configuration: node is in read-only mode");
      assertThat(c.haStatus().mode()).isEqualTo(HaMode.PRIMARY);
    }
  }

  @Test
  void anInvalidValueAbortsTheConfigSession() {
    try (NodeClient c = client()) {
      assertThatThrownBy(() -> c.mergeConfig(dummy("d1", "not-an-address")))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining(
              "n2 (127.0.0.1, cli): merge configuration: syntax error: \"not-an-address\" is an invalid value.");
      assertThat(nso.received).endsWith("abort");
      assertThat(c.haStatus().mode()).isEqualTo(HaMode.PRIMARY);
      c.mergeConfig(dummy("d2", "1.2.3.5"));
    }
    assertThat(nso.committed).containsExactly("dummies dummy d2 dummy 1.2.3.5");
    assertThat(nso.logins.get()).isEqualTo(1);
  }

  @Test
  void anUnknownElementIsInvalidInput() {
    try (NodeClient c = client()) {
      assertThatThrownBy(
              () ->
                  c.mergeConfig(
                      DataTree.of(
                          Map.of(
                              "dummy:dummies",
                              Map.of(
                                  "dummy", List.of(Map.of("name", "d1", "no-such-leaf", "x")))))))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("element does not exist");
    }
  }

  @Test
  void aRefusedCommitLeavesConfigMode() {
    nso.commitError = "Aborted: the configuration database is locked";
    try (NodeClient c = client()) {
      assertThatThrownBy(() -> c.mergeConfig(dummy("d1", "1.2.3.4")))
          .isInstanceOf(OperationFailedException.class)
          .hasMessageEndingWith("merge configuration: the configuration database is locked");
      assertThat(c.haStatus().mode()).isEqualTo(HaMode.PRIMARY);
    }
    assertThat(nso.committed).isEmpty();
  }

  @Test
  void actionsReturnNsoResultText() {
    nso.responses.put("high-availability enable", "result enabled");
    nso.responses.put(
        "high-availability be-secondary-to node n1",
        "result Attempting to be secondary to node n1");
    nso.responses.put(
        "high-availability be-secondary-to node nope", "Error: no ha-node nope: not found");
    nso.responses.put("high-availability read-only mode true", "");
    try (NodeClient c = client()) {
      assertThat(c.enableHa()).isEqualTo("enabled");
      assertThat(c.beSecondaryTo(NodeId.of("n1")))
          .isEqualTo("Attempting to be secondary to node n1");
      c.setReadOnly(true);
      assertThatThrownBy(() -> c.beSecondaryTo(NodeId.of("nope")))
          .isInstanceOf(NotFoundException.class)
          .hasMessage(
              "n2 (127.0.0.1, cli): make the node a secondary of nope: no ha-node nope: not found");
    }
  }

  @Test
  void packageActions() {
    nso.responses.put(
        "software packages list",
        "package {\n  name dummy-1.0.tar.gz\n  loaded\n}\npackage {\n  name dummy-1.1.tar.gz\n  installable\n}\n");
    nso.responses.put(
        "packages ha sync and-reload { wait-commit-queue-empty }",
        ">>> System upgrade is starting.\n"
            + ">>> System upgrade has completed successfully.\nreload-result {\n    package dummy\n    result true\n}\n");
    nso.responses.put(
        "packages reload", "Error: Failed to load NCS package: demo; requires NCS version 6.9");
    nso.responses.put(
        "software packages install package nothing-9.9", "Error: package nothing-9.9 not found");
    nso.responses.put(
        "show packages package | display json | nomore",
        "{\"data\":{\"tailf-ncs:packages\":{\"package\":[{\"name\":\"dummy\",\"package-version\":\"1.0\","
            + "\"oper-status\":{\"up\":[null]}}]}}}");
    try (NodeClient c = client()) {
      assertThat(c.softwarePackages())
          .extracting(SoftwarePackage::baseName)
          .containsExactly("dummy-1.0", "dummy-1.1");
      assertThat(c.haSyncAndReload(ReloadOptions.waitForCommitQueue()).reloadResults())
          .containsExactly(new PackageReloadResult("dummy", true, Optional.empty()));
      assertThatThrownBy(() -> c.reloadPackages(ReloadOptions.defaults()))
          .isInstanceOf(OperationFailedException.class)
          .hasMessageEndingWith(
              "reload packages: Failed to load NCS package: demo; requires NCS version 6.9");
      assertThatThrownBy(() -> c.installPackage("nothing-9.9", false))
          .isInstanceOf(NotFoundException.class);
      assertThat(c.packages()).singleElement().satisfies(p -> assertThat(p.isUp()).isTrue());
    }
  }

  @Test
  void readingAbsentConfigGivesAnEmptyTree() {
    nso.responses.put(
        "show running-config dummies dummy nope | display json | nomore", "% No entries found.");
    nso.responses.put(
        "show running-config dummies | display json | nomore",
        "{\"data\":{\"dummy:dummies\":{\"dummy\":[{\"name\":\"d1\",\"dummy\":\"1.2.3.4\"}]}}}");
    try (NodeClient c = client()) {
      assertThat(c.readConfig(ConfigPath.parse("/dummy:dummies/dummy=nope")).isEmpty()).isTrue();
      assertThat(
              c.readConfig(ConfigPath.parse("/dummy:dummies"))
                  .entry("name", "d1", "dummy:dummies", "dummy"))
          .isPresent();
    }
  }

  @Test
  void wrongPasswordIsAnAuthenticationErrorWithoutThePassword() {
    try (NodeClient c = new CliNodeClientFactory(cli()).create(endpoint(lab(), "s3cret-wrong"))) {
      assertThatThrownBy(c::haStatus)
          .isInstanceOf(AuthenticationException.class)
          .hasMessageStartingWith("n2 (127.0.0.1, cli): log in: ")
          .hasMessageNotContaining("s3cret-wrong");
    }
  }

  @Test
  void refusedConnectionIsUnreachableAndNamesTheAddress() throws IOException {
    int free;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      free = s.getLocalPort();
    }
    NodeEndpoint dead =
        new NodeEndpoint(
            NodeId.of("n9"), "127.0.0.1", free, 8080, Credentials.exampleAdmin(), lab());
    try (NodeClient c = new CliNodeClient(dead, cli())) {
      assertThatThrownBy(c::haStatus)
          .isInstanceOf(UnreachableException.class)
          .hasMessage("n9 (127.0.0.1, cli): connect: connection refused by 127.0.0.1:" + free);
    }
  }

  @Test
  void unknownHostKeysAreRefusedUnlessAcceptedThenRemembered() throws IOException {
    Files.writeString(knownHosts, "");
    try (NodeClient c = new CliNodeClient(endpoint(lab(), FakeNsoCli.PASSWORD), strict())) {
      assertThatThrownBy(c::haStatus)
          .isInstanceOf(UnreachableException.class)
          .hasMessageContaining("host key");
    }
    try (NodeClient c = client()) {
      c.haStatus();
    }
    assertThat(Files.readString(knownHosts)).contains("[127.0.0.1]:" + nso.port());
    try (NodeClient c = new CliNodeClient(endpoint(lab(), FakeNsoCli.PASSWORD), strict())) {
      assertThat(c.haStatus().mode()).isEqualTo(HaMode.PRIMARY);
    }
  }

  @Test
  void aChangedHostKeyIsRefused() throws IOException {
    try (NodeClient c = client()) {
      c.haStatus(); // remembers the key
    }
    int port = nso.port();
    nso.stop();
    try (FakeNsoCli other =
        new FakeNsoCli("127.0.0.1", Files.createDirectories(dir.resolve("other")), "n2")) {
      other.usePort(port).start();
      other.responses.putAll(nso.responses);
      try (NodeClient c = new CliNodeClient(endpoint(lab(), FakeNsoCli.PASSWORD), strict())) {
        assertThatThrownBy(c::haStatus)
            .isInstanceOf(UnreachableException.class)
            .hasMessageContaining("host key of 127.0.0.1:" + port + " is not trusted");
      }
    }
    nso.start();
  }

  @Test
  void concurrentCallsShareTheOneSession() throws Exception {
    try (NodeClient c = client()) {
      List<Future<HaStatus>> results = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        for (int i = 0; i < 20; i++) {
          results.add(pool.submit(c::haStatus));
        }
        for (Future<HaStatus> f : results) {
          assertThat(f.get().connectedSecondaries()).hasSize(2);
        }
      } finally {
        pool.shutdownNow();
      }
    }
    assertThat(nso.logins.get()).isEqualTo(1);
  }

  @Test
  void aCommandWithoutPromptTimesOutAndTheNextCallReconnects() {
    nso.hangOn.add("high-availability be-primary");
    nso.responses.put("high-availability be-primary", "result ok");
    TransportOptions quick = lab().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(700));
    try (NodeClient c = new CliNodeClient(endpoint(quick, FakeNsoCli.PASSWORD), cli())) {
      c.haStatus();
      assertThatThrownBy(c::bePrimary)
          .isInstanceOf(NsoTimeoutException.class)
          .hasMessageContaining("make the node primary")
          .hasMessageContaining("700 ms");
      assertThat(c.haStatus().mode()).isEqualTo(HaMode.PRIMARY);
    }
    assertThat(nso.logins.get()).isEqualTo(2);
  }

  @Test
  void aSessionLostMidCommandIsUnreachable() {
    nso.dropOn.add("high-availability disable");
    try (NodeClient c = client()) {
      c.haStatus();
      assertThatThrownBy(c::disableHa)
          .isInstanceOf(UnreachableException.class)
          .hasMessageContaining(
              "n2 (127.0.0.1, cli): disable high availability: the CLI session ended");
      assertThat(c.haStatus().mode()).isEqualTo(HaMode.PRIMARY);
    }
  }

  @Test
  void closeIsIdempotentAndACloseClientRefusesCalls() {
    NodeClient c = client();
    c.haStatus();
    c.close();
    c.close();
    assertThatThrownBy(c::haStatus)
        .isInstanceOf(UnreachableException.class)
        .hasMessageContaining("closed");
  }

  private static DataTree dummy(String name, String ip) {
    return DataTree.of(
        Map.of("dummy:dummies", Map.of("dummy", List.of(Map.of("name", name, "dummy", ip)))));
  }
}
