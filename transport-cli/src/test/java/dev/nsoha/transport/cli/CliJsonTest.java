package dev.nsoha.transport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.model.ConfigPath;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaConfig;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.HaSettings;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.yang.NsoJson;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Reading {@code | display json} outputs (docs/nso-interface.md, "CLI": {@code {"data":{...}}}, RFC
 * 7951 inside).
 */
class CliJsonTest {
  static final String DUMMIES =
      "{\n  \"data\": {\n    \"dummy:dummies\": {\n      \"dummy\": [\n"
          + "        {\"name\": \"d1\", \"dummy\": \"1.2.3.4\"},\n"
          + "        {\"name\": \"d2\", \"description\": \"hello world\", \"dummy\": \"1.2.3.5\"}\n"
          + "      ]\n    }\n  }\n}\n";

  @Test
  void dataIsUnwrapped() {
    DataTree t = CliJson.data(DUMMIES);
    assertThat(t.asMap()).containsOnlyKeys("dummy:dummies");
    assertThat(t.entry("name", "d2", "dummy:dummies", "dummy"))
        .hasValueSatisfying(e -> assertThat(e).containsEntry("description", "hello world"));
  }

  @Test
  void noJsonIsAnEmptyTree() {
    assertThat(CliJson.data("% No entries found.").isEmpty()).isTrue();
  }

  @Test
  void emptyLeavesAndNumbers() {
    DataTree t =
        CliJson.data(
            "{\"data\":{\"x:top\":{\"flag\":[null],\"n\":10,\"b\":true,\"ll\":[\"a\",\"b\"]}}}");
    assertThat(t.get("x:top", "flag")).contains(DataTree.EMPTY_LEAF);
    assertThat(t.get("x:top", "n")).contains(10L);
    assertThat(t.get("x:top", "b")).contains(true);
    assertThat(t.get("x:top", "ll")).contains(List.of("a", "b"));
  }

  @Test
  void subtreeOfAListEntryIsWrappedLikeRestconf() {
    DataTree whole = CliJson.data(DUMMIES);
    DataTree d1 = CliJson.subtree(whole, ConfigPath.parse("/dummy:dummies/dummy=d1"));
    assertThat(d1)
        .isEqualTo(
            DataTree.of(Map.of("dummy:dummy", List.of(Map.of("name", "d1", "dummy", "1.2.3.4")))));
    assertThat(CliJson.subtree(whole, ConfigPath.parse("/dummy:dummies"))).isEqualTo(whole);
    assertThat(CliJson.subtree(whole, ConfigPath.parse("/dummy:dummies/dummy=nope")).isEmpty())
        .isTrue();
  }

  @Test
  void packagesWithOperStatusAsAChoice() {
    String out =
        "{\"data\":{\"tailf-ncs:packages\":{\"package\":["
            + "{\"name\":\"dummy\",\"package-version\":\"1.0\",\"oper-status\":{\"up\":[null]}},"
            + "{\"name\":\"demo\",\"package-version\":\"2.0\",\"oper-status\":{\"file-load-error\":[null],"
            + "\"error-info\":\"demo-template.xml:2 Unknown servicepoint: demo\"}}]}}}";
    assertThat(NsoJson.packages(CliJson.data(out)))
        .containsExactly(
            new PackageStatus("dummy", "1.0", "up", Optional.empty()),
            new PackageStatus(
                "demo",
                "2.0",
                "file-load-error",
                Optional.of("demo-template.xml:2 Unknown servicepoint: demo")));
  }

  @Test
  void haConfigWithDefaultsFilledIn() {
    String out =
        "{\"data\":{\"tailf-ncs:high-availability\":{\"token\":\"$9$abc\",\"ha-node\":["
            + "{\"id\":\"n1\",\"address\":\"127.0.1.1\",\"nominal-role\":\"primary\"},"
            + "{\"id\":\"n2\",\"address\":\"127.0.2.1\",\"nominal-role\":\"secondary\",\"failover-primary\":true},"
            + "{\"id\":\"n3\",\"address\":\"127.0.3.1\",\"nominal-role\":\"secondary\"}],"
            + "\"settings\":{\"enable-failover\":true,\"start-up\":{\"assume-nominal-role\":true,\"join-ha\":true},"
            + "\"reconnect-interval\":2}}}}";
    HaConfig c = NsoJson.haConfig(CliJson.data(out));
    assertThat(c.nodes()).hasSize(3);
    assertThat(c.node(NodeId.of("n2")).orElseThrow().failoverPrimary()).isTrue();
    assertThat(c.node(NodeId.of("n1")).orElseThrow().nominalRole()).isEqualTo(HaMode.PRIMARY);
    assertThat(c.settings().enableFailover()).isTrue();
    assertThat(c.settings().reconnectInterval()).isEqualTo(2);
    // Every leaf NSO's show running-config leaves out takes its YANG default: the same as
    // RESTCONF's with-defaults=report-all gives.
    assertThat(c.settings()).isEqualTo(new HaSettings(true, true, true, 2, 3, true, true));
  }

  @Test
  void jsonNestedDeeperThanTheLimitIsRefused() {
    String deep =
        "{\"a\":".repeat(CliJson.MAX_DEPTH + 10) + "1" + "}".repeat(CliJson.MAX_DEPTH + 10);
    assertThatThrownBy(() -> CliJson.data(deep))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deeper than");
  }
}
