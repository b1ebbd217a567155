package dev.nsoha.core.yang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.error.ProtocolException;
import dev.nsoha.core.model.Alarm;
import dev.nsoha.core.model.ConnectedSecondary;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaConfig;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.HaNodeConfig;
import dev.nsoha.core.model.HaSettings;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.PackageReloadResult;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.model.SoftwarePackage;
import dev.nsoha.core.model.SyncResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one JSON-to-model mapping, on trees shaped as NSO sends them (docs/nso-interface.md). */
class NsoJsonTest {
  private static final NodeId N1 = NodeId.of("n1");
  private static final NodeId N2 = NodeId.of("n2");
  private static final NodeId N3 = NodeId.of("n3");

  private static DataTree tree(Map<String, ?> m) {
    return DataTree.of(m);
  }

  @Test
  void haSettingsLeftOutTakeTheYangDefaults() {
    HaConfig c =
        NsoJson.haConfig(
            tree(
                Map.of(
                    "tailf-ncs:high-availability",
                    Map.of(
                        "ha-node",
                        List.of(Map.of("id", "n1", "address", "127.0.1.1")),
                        "settings",
                        Map.of()))));
    assertThat(c.settings())
        .isEqualTo(
            new HaSettings(
                NsoJson.Defaults.ENABLE_FAILOVER,
                NsoJson.Defaults.ASSUME_NOMINAL_ROLE,
                NsoJson.Defaults.JOIN_HA,
                10,
                3,
                true,
                true));
    assertThat(c.nodes()).containsExactly(new HaNodeConfig(N1, "127.0.1.1", HaMode.NONE, false));
    // No HA config at all: no nodes, every default.
    assertThat(NsoJson.haConfig(DataTree.empty()).settings()).isEqualTo(c.settings());
  }

  @Test
  void haSettingsAsRestconfReportsThemWithDefaultsAndAsStrings() {
    HaConfig c =
        NsoJson.haConfig(
            tree(
                Map.of(
                    "high-availability",
                    Map.of(
                        "ha-node",
                        Map.of(
                            "id",
                            "n2",
                            "address",
                            "127.0.2.1",
                            "nominal-role",
                            "tailf-ncs:secondary",
                            "failover-primary",
                            "true"),
                        "settings",
                        Map.of(
                            "enable-failover",
                            true,
                            "start-up",
                            Map.of("assume-nominal-role", "true", "join-ha", false),
                            "reconnect-interval",
                            "2",
                            "reconnect-attempts",
                            6L,
                            "reconnect-secondaries",
                            false,
                            "tailf-ncs:consensus",
                            Map.of("enabled", false))))));
    assertThat(c.nodes())
        .containsExactly(new HaNodeConfig(N2, "127.0.2.1", HaMode.SECONDARY, true));
    assertThat(c.settings()).isEqualTo(new HaSettings(true, true, false, 2, 6, false, false));
  }

  @Test
  void haStatusOfAPrimaryAndOfADisabledNode() {
    HaStatus s =
        NsoJson.haStatus(
            tree(
                Map.of(
                    "tailf-ncs:high-availability",
                    Map.of(
                        "enabled",
                        DataTree.EMPTY_LEAF,
                        "status",
                        Map.of(
                            "mode",
                            "primary",
                            "current-id",
                            "n1",
                            "assigned-role",
                            "primary",
                            "read-only-mode",
                            false,
                            "connected-secondary",
                            List.of(
                                Map.of("id", "n2", "address", "127.0.0.1"),
                                Map.of("id", "n3", "address", "127.0.3.1")))))));
    assertThat(s)
        .isEqualTo(
            new HaStatus(
                true,
                HaMode.PRIMARY,
                Optional.of(N1),
                HaMode.PRIMARY,
                Optional.empty(),
                Optional.empty(),
                false,
                List.of(
                    new ConnectedSecondary(N2, "127.0.0.1"),
                    new ConnectedSecondary(N3, "127.0.3.1"))));
    assertThat(NsoJson.haStatus(DataTree.empty()))
        .isEqualTo(HaStatus.disabled(Optional.empty(), false));
  }

  @Test
  void packagesWithOperStatusAsAChoiceOrAsText() {
    List<PackageStatus> p =
        NsoJson.packages(
            tree(
                Map.of(
                    "tailf-ncs:packages",
                    Map.of(
                        "package",
                        List.of(
                            Map.of(
                                "name",
                                "dummy",
                                "package-version",
                                "1.0",
                                "oper-status",
                                Map.of("up", DataTree.EMPTY_LEAF)),
                            Map.of(
                                "name",
                                "demo",
                                "oper-status",
                                Map.of(
                                    "file-load-error",
                                    DataTree.EMPTY_LEAF,
                                    "error-info",
                                    "compiled for 6.3")),
                            Map.of("name", "x", "oper-status", "tailf-ncs:up"))))));
    assertThat(p)
        .containsExactly(
            new PackageStatus("dummy", "1.0", "up", Optional.empty()),
            new PackageStatus("demo", "", "file-load-error", Optional.of("compiled for 6.3")),
            new PackageStatus("x", "", "up", Optional.empty()));
  }

  @Test
  void softwarePackagesWithTheStateAsALeafOrAnEmptyLeaf() {
    assertThat(
            NsoJson.softwarePackages(
                tree(
                    Map.of(
                        "package",
                        List.of(
                            Map.of("name", "dummy-1.0.tar.gz", "loaded", DataTree.EMPTY_LEAF),
                            Map.of("name", "dummy-1.1.tar.gz", "state", "installable"))))))
        .containsExactly(
            new SoftwarePackage("dummy-1.0.tar.gz", SoftwarePackage.State.LOADED),
            new SoftwarePackage("dummy-1.1.tar.gz", SoftwarePackage.State.INSTALLABLE));
    assertThatThrownBy(
            () -> NsoJson.softwarePackages(tree(Map.of("package", Map.of("name", "no-state.tgz")))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("no-state.tgz has no state");
  }

  @Test
  void syncResultHasEverySecondaryAndTheReloadResults() {
    SyncResult r =
        NsoJson.syncResult(
            tree(
                Map.of(
                    "sync-result",
                    List.of(
                        Map.of("node", "n2", "result", true),
                        Map.of("node", "n3", "result", "false", "info", "disk full")),
                    "reload-result",
                    Map.of("package", "dummy", "result", true))));
    assertThat(r)
        .isEqualTo(
            new SyncResult(
                List.of(
                    new SyncResult.SecondarySync(N2, true, Optional.empty()),
                    new SyncResult.SecondarySync(N3, false, Optional.of("disk full"))),
                List.of(new PackageReloadResult("dummy", true, Optional.empty()))));
    assertThat(r.ok()).isFalse();
    assertThat(r.failedSecondaries())
        .extracting(SyncResult.SecondarySync::node)
        .containsOnly(N3.value());
  }

  @Test
  void aResultWithoutItsResultLeafIsAProtocolError() {
    assertThatThrownBy(() -> NsoJson.syncResult(tree(Map.of("sync-result", Map.of("node", "n2")))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("sync-result of n2 has no 'result'");
    assertThatThrownBy(
            () -> NsoJson.reloadResults(tree(Map.of("reload-result", Map.of("package", "d")))))
        .isInstanceOf(ProtocolException.class);
  }

  @Test
  void valuesOfTheWrongTypeAreProtocolErrors() {
    assertThatThrownBy(
            () ->
                NsoJson.haConfig(
                    tree(
                        Map.of(
                            "high-availability",
                            Map.of("settings", Map.of("reconnect-interval", 1L << 40))))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("32-bit");
    assertThatThrownBy(
            () ->
                NsoJson.haStatus(
                    tree(Map.of("high-availability", Map.of("status", Map.of("mode", "boss"))))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("boss");
    assertThatThrownBy(() -> NsoJson.haStatus(tree(Map.of("high-availability", List.of()))))
        .isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> NsoJson.version(tree(Map.of("version", "six"))))
        .isInstanceOf(ProtocolException.class);
  }

  @Test
  void versionAloneOrUnderNcsState() {
    assertThat(NsoJson.version(tree(Map.of("tailf-ncs-monitoring:version", "6.4.4"))).text())
        .isEqualTo("6.4.4");
    assertThat(
            NsoJson.version(
                    tree(Map.of("tailf-ncs-monitoring:ncs-state", Map.of("version", "6.5.1"))))
                .text())
        .isEqualTo("6.5.1");
  }

  /** An alarm entry as NSO's RESTCONF sends it (RFC 7951: identityref and boolean typed). */
  private static Map<String, Object> alarmEntry(String type, String node, Object cleared) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("device", "ncs");
    m.put("type", type);
    m.put("managed-object", "/tailf-ncs:high-availability/ha-node[id='" + node + "']");
    m.put("specific-problem", "");
    m.put("is-cleared", cleared);
    m.put("last-status-change", "2026-11-27T10:04:33.231808+00:00");
    m.put("last-perceived-severity", "critical");
    m.put("last-alarm-text", "Lost connection to secondary");
    m.put(
        "status-change",
        List.of(
            Map.of(
                "event-time", "2026-11-27T10:04:33.231808+00:00",
                "perceived-severity", "critical")));
    return m;
  }

  @Test
  void alarmListEntriesRaisedAndCleared() {
    List<Alarm> alarms =
        NsoJson.alarms(
            tree(
                Map.of(
                    "tailf-ncs-alarms:alarm-list",
                    Map.of(
                        "number-of-alarms",
                        2,
                        "alarm",
                        List.of(
                            alarmEntry("tailf-ncs-alarms:ha-secondary-down", "n3", false),
                            alarmEntry("ha-primary-down", "n1", "true"))))));
    assertThat(alarms)
        .containsExactly(
            new Alarm(
                "ncs",
                "ha-secondary-down",
                "/tailf-ncs:high-availability/ha-node[id='n3']",
                "",
                "critical",
                false,
                Optional.of("2026-11-27T10:04:33.231808+00:00"),
                "Lost connection to secondary"),
            new Alarm(
                "ncs",
                "ha-primary-down",
                "/tailf-ncs:high-availability/ha-node[id='n1']",
                "",
                "critical",
                true,
                Optional.of("2026-11-27T10:04:33.231808+00:00"),
                "Lost connection to secondary"));
    assertThat(alarms.get(0).raised()).isTrue();
    assertThat(alarms.get(0).isHaNodeDown()).isTrue();
    assertThat(alarms.get(0).haNode()).contains("n3");
    assertThat(alarms.get(1).raised()).isFalse();
    assertThat(alarms.get(0).summary())
        .isEqualTo(
            "ha-secondary-down (critical) on n3 since 2026-11-27T10:04:33.231808+00:00:"
                + " Lost connection to secondary");
  }

  @Test
  void alarmListUnderAlarmsOrEmptyOrAbsent() {
    // The CLI's "show alarms alarm-list | display json" wraps the list in its top container.
    List<Alarm> viaCli =
        NsoJson.alarms(
            tree(
                Map.of(
                    "tailf-ncs-alarms:alarms",
                    Map.of(
                        "alarm-list", Map.of("alarm", alarmEntry("al:out-of-sync", "x", true))))));
    assertThat(viaCli)
        .singleElement()
        .satisfies(a -> assertThat(a.type()).isEqualTo("out-of-sync"));
    assertThat(viaCli.get(0).isHaNodeDown()).isFalse();
    assertThat(
            NsoJson.alarms(
                tree(Map.of("tailf-ncs-alarms:alarm-list", Map.of("number-of-alarms", 0)))))
        .isEmpty();
    assertThat(NsoJson.alarms(DataTree.empty())).isEmpty();
  }

  @Test
  void anAlarmWithoutTypeOrClearedStateIsRefused() {
    Map<String, Object> noCleared = alarmEntry("ha-primary-down", "n1", false);
    noCleared.remove("is-cleared");
    assertThatThrownBy(
            () -> NsoJson.alarms(tree(Map.of("alarm-list", Map.of("alarm", List.of(noCleared))))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("is-cleared");
    Map<String, Object> noType = alarmEntry("ha-primary-down", "n1", false);
    noType.remove("type");
    assertThatThrownBy(
            () -> NsoJson.alarms(tree(Map.of("alarm-list", Map.of("alarm", List.of(noType))))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("type");
  }

  @Test
  void theHaNodeOfAnAlarmInEachSpelling() {
    for (String mo :
        List.of(
            "/high-availability/ha-node[id='n2']",
            "/ncs:high-availability/ncs:ha-node[ncs:id='n2']",
            "/tailf-ncs:high-availability/ha-node[id=\"n2\"]")) {
      Alarm a = new Alarm("ncs", "ha-primary-down", mo, "", "", false, Optional.empty(), "");
      assertThat(a.haNode()).as(mo).contains("n2");
    }
    assertThat(
            new Alarm(
                    "c0",
                    "out-of-sync",
                    "/devices/device[name='c0']",
                    "",
                    "",
                    false,
                    Optional.empty(),
                    "")
                .haNode())
        .isEmpty();
  }
}
