package dev.nsoha.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.spi.Credentials;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelTest {
  @Test
  void versionsCompareByComponentAndIgnoreBuildTags() {
    NsoVersion a = NsoVersion.parse("6.4.4");
    NsoVersion b = NsoVersion.parse("6.5.1_231103");
    assertThat(a).isLessThan(b);
    assertThat(b.text()).isEqualTo("6.5.1_231103");
    assertThat(b.majorMinor()).isEqualTo("6.5");
    assertThat(NsoVersion.parse("6.4").sameRelease(NsoVersion.parse("6.4.0"))).isTrue();
    assertThat(a.sameMajorMinor(NsoVersion.parse("6.4.9"))).isTrue();
    assertThat(a.sameMajorMinor(b)).isFalse();
    assertThat(NsoVersion.parse("5.0.20181016.1").components()).containsExactly(5, 0, 20181016, 1);
    assertThatThrownBy(() -> NsoVersion.parse("six")).hasMessageContaining("not an NSO version");
    assertThatThrownBy(() -> NsoVersion.parse("6")).hasMessageContaining("not an NSO version");
  }

  @Test
  void configPathsRenderForEachTransport() {
    ConfigPath p = ConfigPath.parse("/dummy:dummies/dummy=d 1");
    assertThat(p.topModule()).isEqualTo("dummy");
    assertThat(p.restconf()).isEqualTo("dummy:dummies/dummy=d%201");
    assertThat(p.cliWords()).isEqualTo("dummies dummy \"d 1\"");
    assertThat(p).hasToString("/dummy:dummies/dummy=d 1");
    assertThatThrownBy(() -> ConfigPath.parse("/dummies")).hasMessageContaining("module prefix");
  }

  @Test
  void treesWithTheSameDataHaveTheSameFingerprintWhateverTheValueTypes() {
    DataTree fromJson =
        DataTree.of(
            Map.of(
                "tailf-ncs:high-availability",
                Map.of("settings", Map.of("reconnect-interval", 10, "enable-failover", true))));
    DataTree fromText =
        DataTree.of(
            Map.of(
                "tailf-ncs:high-availability",
                Map.of("settings", Map.of("enable-failover", "true", "reconnect-interval", "10"))));
    assertThat(fromJson.fingerprint()).isEqualTo(fromText.fingerprint()).hasSize(64);
    assertThat(fromJson).isEqualTo(fromText);
    DataTree other =
        DataTree.of(
            Map.of(
                "tailf-ncs:high-availability",
                Map.of("settings", Map.of("enable-failover", "true", "reconnect-interval", "11"))));
    assertThat(other.fingerprint()).isNotEqualTo(fromJson.fingerprint());
  }

  @Test
  void treesFindListEntriesAndMerge() {
    DataTree t =
        DataTree.of(
            Map.of(
                "dummy:dummies",
                Map.of(
                    "dummy",
                    List.of(
                        Map.of("name", "d1", "dummy", "1.2.3.4"),
                        Map.of("name", "d2", "dummy", "1.2.3.5")))));
    assertThat(t.entry("name", "d2", "dummy:dummies", "dummy"))
        .hasValueSatisfying(e -> assertThat(e).containsEntry("dummy", "1.2.3.5"));
    assertThat(t.entry("name", "d3", "dummy:dummies", "dummy")).isEmpty();
    DataTree merged = t.merge(DataTree.of(Map.of("inert:inerts", Map.of())));
    assertThat(merged.asMap()).containsKeys("dummy:dummies", "inert:inerts");
    assertThat(DataTree.of(Map.of("x:e", DataTree.EMPTY_LEAF)).toJson())
        .isEqualTo("{\"x:e\":[null]}");
    assertThatThrownBy(() -> DataTree.of(Map.of("x:y", new Object())))
        .hasMessageContaining("unsupported value");
  }

  @Test
  void aClusterNeedsOnePrimaryOneFailoverPrimaryAndDistinctAddresses() {
    ClusterSpec ex = ClusterSpec.example();
    assertThat(ex.primary().id()).isEqualTo(NodeId.of("n1"));
    assertThat(ex.failoverPrimary().id()).isEqualTo(NodeId.of("n2"));
    assertThat(ex.plainSecondaries())
        .extracting(ClusterSpec.NodeSpec::id)
        .containsExactly(NodeId.of("n3"));
    assertThatThrownBy(
            () ->
                new ClusterSpec(
                    List.of(
                        new ClusterSpec.NodeSpec(
                            NodeId.of("a"), "10.0.0.1", HaMode.SECONDARY, true),
                        new ClusterSpec.NodeSpec(
                            NodeId.of("b"), "10.0.0.2", HaMode.SECONDARY, false))))
        .hasMessageContaining("exactly one nominal primary");
    assertThatThrownBy(() -> ClusterSpec.example("10.0.0.1", "10.0.0.1", "10.0.0.3"))
        .hasMessageContaining("two nodes");
    assertThatThrownBy(() -> NodeId.of("n 1")).hasMessageContaining("invalid HA node id");
  }

  @Test
  void aRaftClusterNamesEveryMemberAndTheMemberToLead() {
    ClusterSpec r =
        ClusterSpec.raft(
            List.of("127.0.1.1", "127.0.2.1", "127.0.3.1"),
            List.of("ncsd1@127.0.1.1", "ncsd2@127.0.2.1", "ncsd3@127.0.3.1"),
            1);
    assertThat(r.flavour()).isEqualTo(HaFlavour.RAFT);
    assertThat(ClusterSpec.example().flavour()).isEqualTo(HaFlavour.RULE_BASED);
    assertThat(r.primary().id()).isEqualTo(NodeId.of("n2"));
    assertThat(r.memberName(NodeId.of("n3"))).isEqualTo("ncsd3@127.0.3.1");
    assertThat(r.byMemberName("ncsd1@127.0.1.1:4570").map(ClusterSpec.NodeSpec::id))
        .contains(NodeId.of("n1"));
    assertThat(r.byMemberName("ncsd9@127.0.9.1")).isEmpty();
    assertThat(r.describe()).contains("n2 ncsd2@127.0.2.1 (to lead)");
    assertThatThrownBy(() -> ClusterSpec.example().memberName(NodeId.of("n1")))
        .hasMessageContaining("not an HA Raft cluster");
    assertThatThrownBy(
            () ->
                ClusterSpec.raft(
                    List.of("127.0.1.1", "127.0.2.1"), List.of("a@127.0.1.1", "b@127.0.2.1"), 0))
        .hasMessageContaining("3 to 5 members");
    assertThatThrownBy(
            () ->
                ClusterSpec.raft(
                    List.of("127.0.1.1", "127.0.2.1", "127.0.3.1"),
                    List.of("a@127.0.1.1", "a@127.0.1.1", "c@127.0.3.1"),
                    0))
        .hasMessageContaining("share a node name");
    assertThat(HaFlavour.RULE_BASED.label()).isEqualTo("rule-based");
  }

  @Test
  void credentialsNeverShowThePassword() {
    assertThat(new Credentials("admin", "s3cret").toString())
        .doesNotContain("s3cret")
        .contains("admin");
  }

  @Test
  void haModesParseCurrentAndOldNames() {
    assertThat(HaMode.fromNso("tailf-ncs:primary")).isEqualTo(HaMode.PRIMARY);
    assertThat(HaMode.fromNso("slave")).isEqualTo(HaMode.SECONDARY);
    assertThatThrownBy(() -> HaMode.fromNso("leader")).hasMessageContaining("unknown HA mode");
  }
}
