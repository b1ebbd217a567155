package dev.nsoha.scenarios.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The example's per-node ncs.conf for HA Raft. */
class RaftNcsConfTest {
  static final String GENERATED =
      "<ncs-config xmlns=\"http://tail-f.com/yang/tailf-ncs-config\">\n"
          + "  <cli>\n    <ssh><enabled>true</enabled><ip>0.0.0.0</ip><port>2024</port></ssh>\n"
          + "  </cli>\n"
          + "  <webui>\n    <transport><tcp><enabled>true</enabled><ip>0.0.0.0</ip>"
          + "<port>8080</port></tcp></transport>\n  </webui>\n"
          + "</ncs-config>\n";

  @Test
  void nodeTwoOfThreeGetsAnHaRaftBlockWithTheOthersAsSeedsAndNoRuleBasedHa() {
    List<String> members =
        List.of(
            NcsConfEdits.raftNodeName(1, "127.0.1.1"),
            NcsConfEdits.raftNodeName(2, "127.0.2.1"),
            NcsConfEdits.raftNodeName(3, "127.0.3.1"));
    String conf = NcsConfEdits.forRaftNode(GENERATED, "127.0.2.1", 4562, 2, "example", members);
    assertThat(conf)
        .doesNotContain("<ha>")
        .doesNotContain("0.0.0.0")
        .contains("<ip>127.0.2.1</ip><port>2024</port>")
        .contains("<ncs-ipc-address>\n    <port>4562</port>\n  </ncs-ipc-address>\n</ncs-config>")
        .contains(
            "  <ha-raft>\n"
                + "    <enabled>true</enabled>\n"
                + "    <cluster-name>example</cluster-name>\n"
                + "    <listen>\n      <node-address>ncsd2@127.0.2.1</node-address>\n    </listen>\n"
                + "    <seed-nodes>\n"
                + "      <seed-node>ncsd1@127.0.1.1</seed-node>\n"
                + "      <seed-node>ncsd3@127.0.3.1</seed-node>\n"
                + "    </seed-nodes>\n"
                + "    <ssl>\n"
                + "      <enabled>true</enabled>\n"
                + "      <ca-cert-file>ha-tls/ca.crt</ca-cert-file>\n"
                + "      <cert-file>ha-tls/ncsd2.crt</cert-file>\n"
                + "      <key-file>ha-tls/ncsd2.key</key-file>\n"
                + "    </ssl>\n"
                + "  </ha-raft>\n");
  }
}
