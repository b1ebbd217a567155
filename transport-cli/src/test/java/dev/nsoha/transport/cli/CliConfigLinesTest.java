package dev.nsoha.transport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.model.DataTree;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliConfigLinesTest {

  @Test
  void aListEntryLeafIsOneLineWithItsFullPath() {
    DataTree t =
        DataTree.of(
            Map.of(
                "dummy:dummies",
                Map.of("dummy", List.of(Map.of("name", "d1", "dummy", "1.2.3.4")))));
    assertThat(CliConfigLines.render(t)).containsExactly("dummies dummy d1 dummy 1.2.3.4");
  }

  @Test
  void valuesWithBlanksOrQuotesAreQuoted() {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("description", "hello world");
    e.put("name", "d1");
    e.put("note", "say \"hi\"");
    DataTree t = DataTree.of(Map.of("dummy:dummies", Map.of("dummy", List.of(e))));
    assertThat(CliConfigLines.render(t))
        .containsExactly(
            "dummies dummy d1 description \"hello world\"",
            "dummies dummy d1 note \"say \\\"hi\\\"\"");
  }

  @Test
  void leafListsEmptyLeavesAndKeyOnlyEntries() {
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("device", List.of("ce0", "ce 1"));
    top.put("enabled", DataTree.EMPTY_LEAF);
    top.put("entry", List.of(Map.of("id", "x")));
    top.put("count", 3);
    top.put("on", true);
    DataTree t = DataTree.of(Map.of("m:top", top));
    assertThat(CliConfigLines.render(t))
        .containsExactly(
            "top device [ ce0 \"ce 1\" ]",
            "top enabled",
            "top entry x",
            "top count 3",
            "top on true");
  }

  @Test
  void nestedContainersAndHaNodesKeyedById() {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("address", "127.0.2.1");
    node.put("id", "n2");
    Map<String, Object> ha = new LinkedHashMap<>();
    ha.put("ha-node", List.of(node));
    ha.put("settings", Map.of("start-up", Map.of("join-ha", true)));
    assertThat(CliConfigLines.render(DataTree.of(Map.of("tailf-ncs:high-availability", ha))))
        .containsExactly(
            "high-availability ha-node n2 address 127.0.2.1",
            "high-availability settings start-up join-ha true");
  }

  @Test
  void anEmptyTreeHasNoLines() {
    assertThat(CliConfigLines.render(DataTree.empty())).isEmpty();
  }
}
