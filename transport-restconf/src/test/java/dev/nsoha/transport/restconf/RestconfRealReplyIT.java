package dev.nsoha.transport.restconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.error.OperationFailedException;
import dev.nsoha.core.error.ProtocolException;
import dev.nsoha.core.model.ReloadOptions;
import dev.nsoha.core.model.SyncResult;
import dev.nsoha.core.spi.NodeClient;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replies a real NSO node may give that have no public sample (issue 27, item 7), constructed and
 * served over HTTP: an action answering {@code "result": false} fails as it does over the CLI, and
 * a {@code packages ha sync} reply of an unexpected shape does not fail the action, whose effect
 * the per-node package check then proves.
 */
class RestconfRealReplyIT {
  private MockNode node;
  private NodeClient client;

  @BeforeEach
  void start() {
    node = new MockNode();
    node.start();
    client = new RestconfNodeClientFactory(RestconfOptions.defaults()).create(node.endpoint());
  }

  @AfterEach
  void stop() {
    client.close();
    node.close();
  }

  @Test
  void anActionAnsweringResultFalseFailsWithNsosInfo() throws Exception {
    node.reply(
        200,
        "{\"tailf-ncs:output\":{\"result\":false,"
            + "\"info\":\"package dummy-1.1 is already installed\"}}");
    assertThatThrownBy(() -> client.installPackage("dummy-1.1", true))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("n1 (127.0.0.1, restconf)")
        .hasMessageContaining("package dummy-1.1 is already installed");
    RecordedRequest r = node.server.takeRequest();
    assertThat(r.getUrl().encodedPath())
        .isEqualTo("/restconf/operations/software/packages/install");
  }

  @Test
  void resultFalseAsTextAndWithoutInfoFailsToo() {
    node.reply(200, "{\"tailf-ncs:output\":{\"result\":\"false\"}}");
    assertThatThrownBy(() -> client.enableHa())
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("result false");
  }

  @Test
  void resultTrueAndOtherResultsStillPass() {
    node.reply(200, "{\"tailf-ncs:output\":{\"result\":true}}");
    assertThat(client.fetchPackage("/tmp/dummy-1.1.tar.gz")).isEqualTo("true");
    node.reply(200, "{\"tailf-ncs:output\":{\"result\":\"enabled\"}}");
    assertThat(client.enableHa()).isEqualTo("enabled");
  }

  @Test
  void aSyncReplyOfAnUnexpectedShapeReportsNothingInsteadOfFailing() {
    // sync-result as a bare string, reload-result without package names: not NSO's documented
    // output, but the action did run.
    node.reply(
        200,
        "{\"tailf-ncs:output\":{\"sync-result\":\"n2 n3 ok\","
            + "\"reload-result\":[{\"result\":true}]}}");
    SyncResult r = client.haSyncAndReload(ReloadOptions.waitForCommitQueue());
    assertThat(r.secondaries()).isEmpty();
    assertThat(r.reloadResults()).isEmpty();
    assertThat(r.ok()).isTrue();
  }

  @Test
  void aWellFormedSyncReplyWithAFailedSecondaryIsStillReported() {
    node.reply(
        200,
        "{\"tailf-ncs:output\":{\"sync-result\":[{\"node\":\"n2\",\"result\":true},"
            + "{\"node\":\"n3\",\"result\":false,\"info\":\"no space left\"}]}}");
    SyncResult r = client.haSyncAndReload(ReloadOptions.waitForCommitQueue());
    assertThat(r.failedSecondaries()).hasSize(1);
    assertThat(r.failedSecondaries().get(0).info()).contains("no space left");
  }

  @Test
  void aSyncRefusedWithAnErrorStatusIsStillAFailure() {
    node.reply(400, MockNode.errors("operation-failed", "not primary"));
    assertThatThrownBy(() -> client.haSyncAndReload(ReloadOptions.waitForCommitQueue()))
        .isNotInstanceOf(ProtocolException.class)
        .hasMessageContaining("not primary");
  }
}
