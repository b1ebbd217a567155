package dev.nsoha.transport.restconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.model.ConnectedSecondary;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaConfig;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.PackageReloadResult;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.model.SoftwarePackage;
import dev.nsoha.core.model.SyncResult;
import dev.nsoha.transport.restconf.RestconfJson.BadReplyException;
import dev.nsoha.transport.restconf.RestconfJson.RestconfError;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parses reply bodies shaped as docs/nso-interface.md describes them. */
class RestconfJsonTest {

  private static final NodeId N1 = NodeId.of("n1");
  private static final NodeId N2 = NodeId.of("n2");
  private static final NodeId N3 = NodeId.of("n3");

  // ---- HA status (§1.2)
  // -------------------------------------------------------------------------------------

  @Test
  void statusOfAPrimaryWithTwoSecondaries() {
    String body =
        """
        {"tailf-ncs:high-availability":{"enabled":[null],
          "status":{"mode":"primary","current-id":"n1","assigned-role":"primary","read-only-mode":false,
            "connected-secondary":[{"id":"n2","address":"127.0.0.1"},{"id":"n3","address":"127.0.3.1"}]}}}
        """;
    HaStatus s = RestconfJson.haStatus(body);
    assertThat(s.enabled()).isTrue();
    assertThat(s.mode()).isEqualTo(HaMode.PRIMARY);
    assertThat(s.assignedRole()).isEqualTo(HaMode.PRIMARY);
    assertThat(s.currentId()).contains(N1);
    assertThat(s.readOnly()).isFalse();
    assertThat(s.primaryId()).isEmpty();
    assertThat(s.beSecondaryResult()).isEmpty();
    assertThat(s.connectedSecondaries())
        .containsExactly(
            new ConnectedSecondary(N2, "127.0.0.1"), new ConnectedSecondary(N3, "127.0.3.1"));
  }

  @Test
  void statusOfASecondary() {
    String body =
        """
        {"tailf-ncs:high-availability":{"enabled":[null],"status":{"mode":"secondary","current-id":"n2",
          "assigned-role":"secondary","be-secondary-result":"initialized","primary-id":"n1","read-only-mode":false}}}
        """;
    HaStatus s = RestconfJson.haStatus(body);
    assertThat(s.isSecondary()).isTrue();
    assertThat(s.primaryId()).contains(N1);
    assertThat(s.beSecondaryResult()).contains("initialized");
    assertThat(s.connectedSecondaries()).isEmpty();
  }

  @Test
  void statusOfAFailoverPrimaryRetryingItsLostPrimary() {
    // mode none, assigned secondary, no current-id, an error result (§2.3).
    String body =
        """
        {"tailf-ncs:high-availability":{"enabled":[null],"status":{"mode":"none","assigned-role":"secondary",
          "be-secondary-result":"error (25) - could not connect to primary","primary-id":"n1",
          "read-only-mode":"true"}}}
        """;
    HaStatus s = RestconfJson.haStatus(body);
    assertThat(s.mode()).isEqualTo(HaMode.NONE);
    assertThat(s.assignedRole()).isEqualTo(HaMode.SECONDARY);
    assertThat(s.currentId()).isEmpty();
    assertThat(s.beSecondaryResult()).contains("error (25) - could not connect to primary");
    assertThat(s.readOnly()).as("a boolean sent as a string").isTrue();
    assertThat(s.summary()).contains("none (assigned secondary)");
  }

  @Test
  void statusWithHaDisabled() {
    HaStatus s =
        RestconfJson.haStatus(
            """
        {"tailf-ncs:high-availability":{"status":{"mode":"none","read-only-mode":false}}}""");
    assertThat(s.enabled()).isFalse();
    assertThat(s.mode()).isEqualTo(HaMode.NONE);
    assertThat(s.assignedRole()).isEqualTo(HaMode.NONE);
  }

  @Test
  void statusOfANodeWithoutAnyHaStateIsDisabled() {
    assertThat(RestconfJson.haStatus("").enabled()).isFalse();
    assertThat(RestconfJson.haStatus("{}").mode()).isEqualTo(HaMode.NONE);
  }

  @Test
  void statusWithTheOldMasterSlaveNamesAndPrefixedMembers() {
    HaStatus s =
        RestconfJson.haStatus(
            """
        {"tailf-ncs:high-availability":{"tailf-ncs:enabled":[null],"tailf-ncs:status":{"tailf-ncs:mode":"master",
          "current-id":"n1","assigned-role":"master","read-only-mode":false}}}""");
    assertThat(s.mode()).isEqualTo(HaMode.PRIMARY);
    assertThat(s.enabled()).isTrue();
  }

  @Test
  void anUnknownModeIsAProtocolProblem() {
    assertThatThrownBy(
            () ->
                RestconfJson.haStatus(
                    """
        {"tailf-ncs:high-availability":{"status":{"mode":"leader"}}}"""))
        .isInstanceOf(BadReplyException.class)
        .hasMessageContaining("leader");
  }

  @Test
  void aBodyThatIsNotJsonIsAProtocolProblem() {
    assertThatThrownBy(
            () ->
                RestconfJson.haStatus(
                    "<restconf xmlns=\"urn:ietf:params:xml:ns:yang:ietf-restconf\"/>"))
        .isInstanceOf(BadReplyException.class)
        .hasMessageContaining("not JSON");
  }

  // ---- HA config (§1.1)
  // -------------------------------------------------------------------------------------

  @Test
  void configOfTheExampleCluster() {
    String body =
        """
        {"tailf-ncs:high-availability":{"token":"$9$abcdefgh",
          "ha-node":[{"id":"n1","address":"127.0.1.1","nominal-role":"primary","failover-primary":false},
                     {"id":"n2","address":"127.0.2.1","nominal-role":"secondary","failover-primary":true},
                     {"id":"n3","address":"127.0.3.1","nominal-role":"secondary","failover-primary":false}],
          "settings":{"enable-failover":true,"start-up":{"assume-nominal-role":true,"join-ha":true},
            "reconnect-interval":10,"reconnect-attempts":6,"reconnect-secondaries":true,
            "consensus":{"enabled":true,"algorithm":"tailf-ncs:rule-based"}}}}
        """;
    HaConfig c = RestconfJson.haConfig(body);
    assertThat(c.nodes()).extracting(n -> n.id()).containsExactly(N1, N2, N3);
    assertThat(c.node(N1).orElseThrow().nominalRole()).isEqualTo(HaMode.PRIMARY);
    assertThat(c.node(N2).orElseThrow().failoverPrimary()).isTrue();
    assertThat(c.node(N3).orElseThrow().address()).isEqualTo("127.0.3.1");
    assertThat(c.settings().enableFailover()).isTrue();
    assertThat(c.settings().assumeNominalRole()).isTrue();
    assertThat(c.settings().joinHa()).isTrue();
    assertThat(c.settings().reconnectInterval()).isEqualTo(10);
    assertThat(c.settings().reconnectAttempts()).isEqualTo(6);
    assertThat(c.settings().failoverSeconds()).isEqualTo(60);
    assertThat(c.settings().consensusEnabled()).isTrue();
  }

  @Test
  void configLeavesAtTheirDefaultsMayBeAbsentOrStrings() {
    HaConfig c =
        RestconfJson.haConfig(
            """
        {"tailf-ncs:high-availability":{"ha-node":{"id":"n1","address":"127.0.1.1","nominal-role":"primary"},
          "settings":{"reconnect-interval":"2"}}}""");
    assertThat(c.nodes()).hasSize(1);
    assertThat(c.node(N1).orElseThrow().failoverPrimary()).isFalse();
    assertThat(c.settings().reconnectInterval()).isEqualTo(2);
    assertThat(c.settings().reconnectAttempts()).isEqualTo(3);
    assertThat(c.settings().enableFailover()).isFalse();
  }

  @Test
  void aFailoverPrimaryThatIsNotASecondaryIsAProtocolProblem() {
    assertThatThrownBy(
            () ->
                RestconfJson.haConfig(
                    """
        {"tailf-ncs:high-availability":{"ha-node":[{"id":"n1","address":"a","nominal-role":"primary",
          "failover-primary":true}]}}"""))
        .isInstanceOf(BadReplyException.class)
        .hasMessageContaining("n1");
  }

  // ---- actions (§1.3, §3.4, §3.5)
  // ---------------------------------------------------------------------------

  @Test
  void actionResultText() {
    assertThat(RestconfJson.resultText("{\"tailf-ncs:output\":{\"result\":\"enabled\"}}"))
        .isEqualTo("enabled");
    assertThat(
            RestconfJson.resultText(
                "{\"tailf-ncs:output\":{\"result\":\"Attempting to be secondary to node n1\"}}"))
        .isEqualTo("Attempting to be secondary to node n1");
    assertThat(RestconfJson.resultText("{\"tailf-ncs:output\":{\"installed\":\"dummy-1.1\"}}"))
        .isEqualTo("installed dummy-1.1");
    assertThat(RestconfJson.resultText("")).as("204 No Content").isEmpty();
  }

  @Test
  void actionInputBodies() {
    assertThat(RestconfJson.input(Map.of("node", "n1"))).isEqualTo("{\"input\":{\"node\":\"n1\"}}");
    Map<String, Object> install = new LinkedHashMap<>();
    install.put("package", "dummy-1.1");
    install.put("replace-existing", "");
    assertThat(RestconfJson.input(install))
        .isEqualTo("{\"input\":{\"package\":\"dummy-1.1\",\"replace-existing\":\"\"}}");
    assertThat(RestconfJson.input(Map.of("and-reload", Map.of("wait-commit-queue-empty", ""))))
        .isEqualTo("{\"input\":{\"and-reload\":{\"wait-commit-queue-empty\":\"\"}}}");
  }

  @Test
  void softwarePackagesList() {
    String body =
        """
        {"tailf-ncs:output":{"package":[
          {"name":"dummy-1.0.tar.gz","loaded":[null]},
          {"name":"dummy-1.1.tar.gz","installable":[null]},
          {"name":"inert-1.0.tar.gz","installed":[null]}]}}
        """;
    assertThat(RestconfJson.softwarePackages(body))
        .containsExactly(
            new SoftwarePackage("dummy-1.0.tar.gz", SoftwarePackage.State.LOADED),
            new SoftwarePackage("dummy-1.1.tar.gz", SoftwarePackage.State.INSTALLABLE),
            new SoftwarePackage("inert-1.0.tar.gz", SoftwarePackage.State.INSTALLED));
    assertThat(RestconfJson.softwarePackages("")).isEmpty();
  }

  @Test
  void aSoftwarePackageWithoutAStateIsAProtocolProblem() {
    assertThatThrownBy(
            () ->
                RestconfJson.softwarePackages(
                    "{\"tailf-ncs:output\":{\"package\":[{\"name\":\"x\"}]}}"))
        .isInstanceOf(BadReplyException.class)
        .hasMessageContaining("x");
  }

  @Test
  void reloadResults() {
    String body =
        """
        {"tailf-ncs:output":{"reload-result":[
          {"package":"dummy","result":true},
          {"package":"demo","result":false,"info":"demo-template.xml:2 Unknown servicepoint: demo"}]}}
        """;
    assertThat(RestconfJson.reloadResults(body))
        .containsExactly(
            new PackageReloadResult("dummy", true, Optional.empty()),
            new PackageReloadResult(
                "demo", false, Optional.of("demo-template.xml:2 Unknown servicepoint: demo")));
  }

  @Test
  void haSyncOutputWithSyncAndReloadResults() {
    String body =
        """
        {"tailf-ncs:output":{
          "sync-result":[{"node":"n2","result":true},{"node":"n3","result":false,"info":"connection closed"}],
          "reload-result":[{"package":"dummy","result":"true"}]}}
        """;
    assertThat(RestconfJson.reloadResults(body))
        .containsExactly(new PackageReloadResult("dummy", true, Optional.empty()));
    assertThat(RestconfJson.syncResult(body).failedSecondaries())
        .containsExactly(
            new SyncResult.SecondarySync(NodeId.of("n3"), false, Optional.of("connection closed")));
  }

  // ---- packages (§3.2) and version
  // --------------------------------------------------------------------------

  @Test
  void loadedPackagesWithTheirOperStatus() {
    String body =
        """
        {"tailf-ncs:packages":{"package":[
          {"name":"dummy","package-version":"1.0","directory":"./state/packages-in-use/1/dummy",
           "oper-status":{"up":[null]}},
          {"name":"demo","package-version":"1.0",
           "oper-status":{"file-load-error":[null],"error-info":"demo.fxs compiled by 6.3"}}]}}
        """;
    List<PackageStatus> p = RestconfJson.packages(body);
    assertThat(p)
        .containsExactly(
            new PackageStatus("dummy", "1.0", "up", Optional.empty()),
            new PackageStatus(
                "demo", "1.0", "file-load-error", Optional.of("demo.fxs compiled by 6.3")));
    assertThat(p.get(0).isUp()).isTrue();
    assertThat(RestconfJson.packages("")).isEmpty();
  }

  @Test
  void version() {
    assertThat(RestconfJson.version("{\"tailf-ncs-monitoring:version\":\"6.4.4\"}").text())
        .isEqualTo("6.4.4");
    assertThat(
            RestconfJson.version("{\"tailf-ncs-monitoring:version\":\"6.5.1_250101.1\"}")
                .majorMinor())
        .isEqualTo("6.5");
    assertThatThrownBy(() -> RestconfJson.version("{}")).isInstanceOf(BadReplyException.class);
  }

  // ---- DataTree (§4.1, RFC 7951)
  // ----------------------------------------------------------------------------

  @Test
  void configTreeRoundTrip() {
    String body =
        """
        {"dummy:dummies":{"dummy":[{"name":"d1","description":"hello world","dummy":"1.2.3.4",
          "device":["ce0","ce1"],"flag":[null],"count":7,"big":"18446744073709551615","ratio":1.5,"on":true}]}}
        """;
    DataTree t = RestconfJson.dataTree(body);
    Map<String, Object> d1 = t.entry("name", "d1", "dummy:dummies", "dummy").orElseThrow();
    assertThat(d1)
        .containsEntry("dummy", "1.2.3.4")
        .containsEntry("device", List.of("ce0", "ce1"))
        .containsEntry("flag", DataTree.EMPTY_LEAF)
        .containsEntry("count", 7)
        .containsEntry("big", "18446744073709551615")
        .containsEntry("ratio", new BigDecimal("1.5"))
        .containsEntry("on", true);
    String json = RestconfJson.toJson(t);
    assertThat(json).contains("\"flag\":[null]").contains("\"count\":7").contains("\"on\":true");
    assertThat(RestconfJson.dataTree(json)).isEqualTo(t);
  }

  @Test
  void aMissingSubtreeIsAnEmptyTree() {
    assertThat(RestconfJson.dataTree("").isEmpty()).isTrue();
  }

  @Test
  void theWholeDatastoreIsUnwrapped() {
    String body =
        """
        {"ietf-restconf:data":{"tailf-ncs:high-availability":{"ha-node":[{"id":"n1"}]},
          "dummy:dummies":{"dummy":[{"name":"d1","dummy":"1.2.3.4"}]}}}
        """;
    DataTree t = RestconfJson.datastore(body);
    assertThat(t.asMap()).containsOnlyKeys("tailf-ncs:high-availability", "dummy:dummies");
    assertThat(RestconfJson.datastore("{\"data\":{\"dummy:dummies\":{}}}").asMap())
        .containsOnlyKeys("dummy:dummies");
  }

  // ---- errors (§4.1, RFC 8040 §7)
  // ---------------------------------------------------------------------------

  @Test
  void prefixedAndUnprefixedErrorBodies() {
    String current =
        """
        {"ietf-restconf:errors":{"error":[{"error-type":"application","error-tag":"invalid-value",
          "error-message":"uri keypath not found"}]}}""";
    String old =
        """
        {"errors":{"error":[{"error-type":"application","error-tag":"data-exists","error-path":"",
          "error-message":"object already exists: /dummy:dummies/dummy:dummy[dummy:name='d1']"}]}}""";
    assertThat(RestconfJson.errors(current))
        .containsExactly(
            new RestconfError("application", "invalid-value", "", "", "uri keypath not found"));
    assertThat(RestconfJson.errors(old))
        .singleElement()
        .satisfies(e -> assertThat(e.tag()).isEqualTo("data-exists"))
        .satisfies(e -> assertThat(e.message()).startsWith("object already exists: "));
    assertThat(RestconfJson.errors("<html>Bad gateway</html>")).isEmpty();
    assertThat(RestconfJson.errors("")).isEmpty();
  }
}
