package dev.nsoha.sim.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.sim.alarm.SimAlarm;
import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.data.JsonCodec;
import dev.nsoha.sim.data.Transaction;
import dev.nsoha.sim.pkg.PackageInfo;
import dev.nsoha.sim.testkit.SimCluster;
import dev.nsoha.sim.util.Crypto;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secondary that joins over the real HA protocol and then goes silent is dropped after 3 x
 * tick-timeout.
 */
class TickTimeoutIT {
  @TempDir Path tmp;

  @Test
  void silentSecondaryIsDroppedAfterThreeTickTimeouts() throws Exception {
    try (SimCluster c =
        SimCluster.builder()
            .baseDir(tmp)
            .enableHa(false)
            .tickTimeout(Duration.ofMillis(500))
            .start()) {
      c.node("n1").invokeAction(DataPath.parseKeypath("/high-availability/enable"), null, "admin");
      List<String> fxs = new ArrayList<>();
      for (PackageInfo p : c.node("n1").packages()) {
        fxs.addAll(p.digests());
      }
      fxs.sort(null);
      try (Socket s = new Socket()) {
        s.bind(new InetSocketAddress(c.address("n3"), 0));
        s.connect(new InetSocketAddress(c.address("n1"), c.haPort()), 2000);
        DataInputStream in = new DataInputStream(s.getInputStream());
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        JsonNode hello = read(in);
        ObjectNode join =
            JsonCodec.MAPPER
                .createObjectNode()
                .put("type", "join")
                .put("id", "n3")
                .put("version", "6.4.4")
                .put("txid", "other")
                .put("proof", Crypto.hmac(c.token(), hello.path("nonce").asText()));
        join.set("fxs", JsonCodec.MAPPER.valueToTree(fxs));
        byte[] b = JsonCodec.MAPPER.writeValueAsBytes(join);
        out.writeInt(b.length);
        out.write(b);
        out.flush();
        JsonNode welcome = read(in);
        assertThat(welcome.path("type").asText()).isEqualTo("welcome");
        assertThat(welcome.has("data")).as("txids differ: full copy").isTrue();
        c.awaitHa("n1", st -> st.connectedSecondaries().containsKey("n3"), Duration.ofSeconds(5));
        long t0 = System.nanoTime();
        // A secondary that never acknowledges does not fail the commit: it is dropped.
        try (Transaction t = c.node("n1").newTransaction("admin")) {
          t.setLeaf(DataPath.parseKeypath("/dummy:dummies/dummy{d1}/dummy"), "1.2.3.4");
          assertThat(t.commit()).isEqualTo(c.node("n1").transactionId());
        }
        HaState after =
            c.awaitHa("n1", st -> st.connectedSecondaries().isEmpty(), Duration.ofSeconds(10));
        double secs = (System.nanoTime() - t0) / 1e9;
        assertThat(secs).as("dropped after about 3 x tick-timeout").isBetween(0.5, 5.0);
        assertThat(after.mode())
            .as("consensus: the primary lost its only secondary")
            .isEqualTo(HaRole.NONE);
        assertThat(c.node("n1").alarms()).extracting(SimAlarm::type).contains("ha-secondary-down");
      }
    }
  }

  private static JsonNode read(DataInputStream in) throws Exception {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return JsonCodec.MAPPER.readTree(b);
  }
}
