package dev.nsoha.sim.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.sim.data.JsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every HA message survives the codec, and the frames keep their field names. */
class HaCodecTest {
  private static HaMessage roundTrip(HaMessage m) throws IOException {
    return HaCodec.decode(HaCodec.encode(m));
  }

  @Test
  void handshakeMessagesRoundTrip() throws IOException {
    List<HaMessage> all =
        List.of(
            new HaMessage.Hello("abc", HaRole.PRIMARY, "n1"),
            new HaMessage.Hello("abc", HaRole.NONE, null),
            new HaMessage.Query(),
            new HaMessage.Status(HaRole.SECONDARY, "n2"),
            new HaMessage.Join("n2", "6.4.4", List.of("dummy:1"), "7", "proof"),
            new HaMessage.Reject(HaRefusal.badVersion("6.5", "6.4")),
            new HaMessage.Welcome("7", null),
            new HaMessage.Tick(),
            new HaMessage.ReloadPackages(3, true, false),
            new HaMessage.Reply(3, false, "dummy: failed"));
    for (HaMessage m : all) {
      assertThat(roundTrip(m)).isEqualTo(m);
    }
  }

  @Test
  void dataMessagesRoundTrip() throws IOException {
    ObjectNode data = JsonCodec.MAPPER.createObjectNode().put("txid", "9");
    assertThat(roundTrip(new HaMessage.Welcome("9", data)))
        .isEqualTo(new HaMessage.Welcome("9", data));
    assertThat(roundTrip(new HaMessage.Commit(4, "9", data)))
        .isEqualTo(new HaMessage.Commit(4, "9", data));
    byte[] tgz = "archive".getBytes(StandardCharsets.UTF_8);
    HaMessage.SyncPackages sync =
        (HaMessage.SyncPackages)
            roundTrip(new HaMessage.SyncPackages(5, Map.of("dummy-1.1.tar.gz", tgz)));
    assertThat(sync.rid()).isEqualTo(5);
    assertThat(sync.archives()).containsOnlyKeys("dummy-1.1.tar.gz");
    assertThat(sync.archives().get("dummy-1.1.tar.gz")).isEqualTo(tgz);
  }

  @Test
  void aRejectCarriesTheNumberAndTheText() {
    ObjectNode o = HaCodec.encode(new HaMessage.Reject(HaRefusal.badToken()));
    assertThat(o.toString())
        .isEqualTo(
            "{\"type\":\"reject\",\"code\":28,\"text\":\"Token mismatch, secondary is not allowed\"}");
  }

  @Test
  void anUnknownTypeIsAProtocolError() {
    ObjectNode o = JsonCodec.MAPPER.createObjectNode().put("type", "gossip");
    assertThatThrownBy(() -> HaCodec.decode(o)).hasMessageContaining("unknown HA message type");
  }

  @Test
  void aMissingFieldIsAProtocolError() {
    ObjectNode o = JsonCodec.MAPPER.createObjectNode().put("type", "hello").put("mode", "primary");
    assertThatThrownBy(() -> HaCodec.decode(o)).hasMessageContaining("without nonce");
  }
}
