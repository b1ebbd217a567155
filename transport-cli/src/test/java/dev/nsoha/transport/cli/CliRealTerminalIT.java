package dev.nsoha.transport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.error.OperationFailedException;
import dev.nsoha.core.model.HaConfig;
import dev.nsoha.core.model.HaSettings;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.ReloadOptions;
import dev.nsoha.core.model.SyncResult;
import dev.nsoha.core.spi.Credentials;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.spi.TransportOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real NSO terminal does beyond the simulator's (issue 27, item 7), played by {@link
 * FakeNsoCli} over real SSH: the session settings sent after login (a refused one does no harm),
 * messages printed into the middle of an output, the HA configuration read with its defaults, and a
 * {@code packages ha sync} reply of an unexpected shape.
 */
class CliRealTerminalIT {
  private static final String SYNC = "packages ha sync and-reload { wait-commit-queue-empty }";
  private static final String HA_CONFIG =
      "show running-config high-availability | details | display json | nomore";

  @TempDir Path dir;
  private FakeNsoCli nso;

  @BeforeEach
  void start() throws IOException {
    nso = new FakeNsoCli("127.0.0.1", dir, "n1").start();
    nso.responses.put("show high-availability | display json | nomore", CliTextTest.PRIMARY_JSON);
    nso.responses.put("show ncs-state version | nomore", "ncs-state version 6.4.4");
  }

  @AfterEach
  void stop() throws IOException {
    nso.close();
  }

  private NodeClient client() {
    NodeEndpoint ep =
        new NodeEndpoint(
            NodeId.of("n1"),
            "127.0.0.1",
            nso.port(),
            8080,
            new Credentials(FakeNsoCli.USER, FakeNsoCli.PASSWORD),
            TransportOptions.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)));
    return new CliNodeClientFactory(CliOptions.lab(dir.resolve("known_hosts"))).create(ep);
  }

  @Test
  void sessionSetupTurnsOffCompleteOnSpaceAndCommitPromptAndSurvivesARefusal() {
    // The fake refuses 'commit-prompt false' with a syntax error, as a release without it does.
    try (NodeClient c = client()) {
      assertThat(c.version().text()).isEqualTo("6.4.4");
    }
    assertThat(nso.received)
        .containsSubsequence(
            "switch cli",
            "screen-length 0",
            "screen-width 0",
            "autowizard false",
            "complete-on-space false",
            "commit-prompt false",
            "show ncs-state version | nomore");
  }

  @Test
  void aSystemMessageInTheMiddleOfAnOutputIsFilteredOut() {
    String json =
        "{\n  \"data\": {\n    \"tailf-ncs:high-availability\": {\"enabled\":[null],\"status\":{"
            + "\"mode\":\"primary\",\"current-id\":\"n1\",\"assigned-role\":\"primary\","
            + "\"read-only-mode\":false,\"connected-secondary\":["
            + "{\"id\":\"n2\",\"address\":\"127.0.0.1\"},{\"id\":\"n3\",\"address\":\"127.0.3.1\"}]}}\n"
            + "  }\n}";
    nso.responses.put("show high-availability | display json | nomore", json);
    nso.noticeDuring.put(
        "show high-availability | display json | nomore",
        "System message at 2026-12-07 23:40:12...\nCommit performed by admin via ssh using cli.");
    nso.noticeDuring.put(
        "show ncs-state version | nomore",
        "Message from oper at 2026-12-07 23:40:13...\nmaintenance starts in 10 minutes");
    try (NodeClient c = client()) {
      assertThat(c.haStatus()).isEqualTo(CliTextTest.PRIMARY);
      assertThat(c.version().text()).isEqualTo("6.4.4");
    }
  }

  @Test
  void anAlarmInTheMiddleOfAnOutputIsFilteredOut() {
    nso.responses.put("show ncs-state version | nomore", "\nncs-state version 6.4.4");
    nso.noticeDuring.put(
        "show ncs-state version | nomore",
        "*** ALARM ha-secondary-down: Lost connection to secondary n3");
    try (NodeClient c = client()) {
      assertThat(c.version().text()).isEqualTo("6.4.4");
    }
  }

  @Test
  void theHaConfigurationIsReadWithNsosDefaultsNotAssumedOnes() {
    // The node reports every setting (as '| details' does); none of these is core's default.
    nso.responses.put(
        HA_CONFIG,
        "{\"data\":{\"tailf-ncs:high-availability\":{\"token\":\"$9$x\","
            + "\"ha-node\":[{\"id\":\"n1\",\"address\":\"127.0.1.1\",\"nominal-role\":\"primary\"},"
            + "{\"id\":\"n2\",\"address\":\"127.0.2.1\",\"nominal-role\":\"secondary\","
            + "\"failover-primary\":true}],"
            + "\"settings\":{\"enable-failover\":true,\"start-up\":{\"assume-nominal-role\":true,"
            + "\"join-ha\":true},\"reconnect-interval\":7,\"reconnect-attempts\":2,"
            + "\"reconnect-secondaries\":false,\"consensus\":{\"enabled\":false}}}}}");
    try (NodeClient c = client()) {
      HaConfig cfg = c.haConfig();
      HaSettings s = cfg.settings();
      assertThat(s.reconnectInterval()).isEqualTo(7);
      assertThat(s.reconnectAttempts()).isEqualTo(2);
      assertThat(s.reconnectSecondaries()).isFalse();
      assertThat(cfg.nodes()).hasSize(2);
    }
    assertThat(nso.received).contains(HA_CONFIG);
  }

  @Test
  void aSyncReplyOfAnUnexpectedShapeDoesNotFailTheSync() {
    nso.responses.put(SYNC, "sync-result n2 ok\nsync-result n3 ok\nreload-result {\n result\n}");
    try (NodeClient c = client()) {
      SyncResult r = c.haSyncAndReload(ReloadOptions.waitForCommitQueue());
      assertThat(r.ok()).isTrue();
      assertThat(r.secondaries()).isEmpty();
    }
    assertThat(nso.received).contains(SYNC);
  }

  @Test
  void aSyncThatNsoRefusesIsStillAFailure() {
    nso.responses.put(SYNC, "Error: the node is not primary");
    try (NodeClient c = client()) {
      assertThatThrownBy(() -> c.haSyncAndReload(ReloadOptions.waitForCommitQueue()))
          .isInstanceOf(OperationFailedException.class)
          .hasMessageContaining("the node is not primary");
    }
  }

  @Test
  void aWellFormedSyncReplyWithAFailedSecondaryIsReported() {
    nso.responses.put(
        SYNC,
        "sync-result {\n    node   n2\n    result true\n}\n"
            + "sync-result {\n    node   n3\n    result false\n    info   no space left\n}");
    try (NodeClient c = client()) {
      SyncResult r = c.haSyncAndReload(ReloadOptions.waitForCommitQueue());
      assertThat(r.failedSecondaries()).extracting(s -> s.node()).containsExactly("n3");
    }
  }
}
