package dev.nsoha.sim.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
  final Schema schema = Schema.builtin();

  @Test
  void rfc7951RoundTrip() {
    String in =
        "{\"tailf-ncs:high-availability\":{\"token\":\"x\",\"ha-node\":[{\"id\":\"n1\",\"address\":\"127.0.1.1\","
            + "\"nominal-role\":\"primary\",\"failover-primary\":false}],\"settings\":{\"reconnect-interval\":10,"
            + "\"start-up\":{\"join-ha\":true}}}}";
    DataNode root = DataNode.root();
    JsonCodec.decodeInto(root, JsonCodec.parse(in), schema, null);
    assertThat(JsonCodec.encode(root))
        .isEqualTo(
            JsonCodec.parse(
                "{\"tailf-ncs:high-availability\":{\"token\":\"x\",\"ha-node\":[{\"id\":\"n1\",\"address\":\"127.0.1.1\","
                    + "\"nominal-role\":\"primary\",\"failover-primary\":false}],\"settings\":{\"start-up\":{\"join-ha\":true},"
                    + "\"reconnect-interval\":10}}}"));
  }

  @Test
  void actionInputLeniency() {
    SchemaNode in =
        schema.top("tailf-ncs", "software").child("packages").child("install").child("input");
    DataNode n = DataNode.of(in);
    JsonCodec.decodeInto(
        n, JsonCodec.parse("{\"package\":\"dummy-1.1\",\"replace-existing\":\"\"}"), schema, null);
    assertThat(n.child("replace-existing").value()).isEmpty();
    SchemaNode ro = schema.top("tailf-ncs", "high-availability").child("read-only").child("input");
    DataNode r = DataNode.of(ro);
    JsonCodec.decodeInto(r, JsonCodec.parse("{\"mode\":\"false\"}"), schema, null);
    assertThat(r.leaf("mode")).isEqualTo("false");
    DataNode r2 = DataNode.of(ro);
    assertThatThrownBy(
            () -> JsonCodec.decodeInto(r2, JsonCodec.parse("{\"mode\":\"maybe\"}"), schema, null))
        .hasMessage("\"maybe\" is not a valid value.");
    DataNode e = DataNode.of(in);
    JsonCodec.decodeInto(
        e, JsonCodec.parse("{\"package\":\"p\",\"replace-existing\":[null]}"), schema, null);
    assertThat(e.child("replace-existing")).isNotNull();
  }

  @Test
  void pathsParseInBothForms() {
    DataPath r = DataPath.parseRestconf("tailf-ncs:packages/package=my%2Fpkg/package-version");
    assertThat(r.steps().get(1).keys()).containsExactly("my/pkg");
    assertThat(r.steps().get(0).module()).isEqualTo("tailf-ncs");
    DataPath k = DataPath.parseKeypath("/high-availability/status/connected-secondary{n2}/address");
    assertThat(k.resolve(schema)).hasSize(4);
    assertThat(k.toString()).isEqualTo("/high-availability/status/connected-secondary{n2}/address");
    assertThat(DataPath.parseKeypath("/ncs:devices/device{\"a b\"}").steps().get(1).keys())
        .isEqualTo(List.of("a b"));
    assertThatThrownBy(() -> DataPath.parseRestconf("nope:x").resolve(schema))
        .hasMessage("uri keypath not found");
  }
}
