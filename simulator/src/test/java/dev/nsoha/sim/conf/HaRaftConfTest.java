package dev.nsoha.sim.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code /ncs-config/ha-raft} in its pre-6.7 and 6.7 forms. */
class HaRaftConfTest {
  static final String NS = "<ncs-config xmlns=\"http://tail-f.com/yang/tailf-ncs-config\">";

  @Test
  void pre67FormWithDefaults() throws Exception {
    NcsConf c =
        NcsConfTest.parse(
            NS
                + "<ha-raft><enabled>true</enabled><cluster-name>stockholm</cluster-name>"
                + "<listen><node-address>127.0.0.1</node-address></listen>"
                + "<seed-nodes><seed-node>ncsd2@127.0.0.1</seed-node></seed-nodes>"
                + "<ssl><ca-cert-file>ca.crt</ca-cert-file><cert-file>ncsd1.crt</cert-file>"
                + "<key-file>ncsd1.key</key-file></ssl></ha-raft>"
                + "<logs><raft-log><file><enabled>true</enabled></file></raft-log></logs>"
                + "</ncs-config>",
            Map.of());
    NcsConf.HaRaft r = c.haRaft();
    assertThat(r.enabled()).isTrue();
    assertThat(r.nodeAddress()).isEqualTo("ncsd@127.0.0.1");
    assertThat(r.port()).isZero();
    assertThat(r.minPort()).isEqualTo(4370);
    assertThat(r.maxPort()).isEqualTo(4399);
    assertThat(r.seedNodes()).containsExactly("ncsd2@127.0.0.1");
    assertThat(r.sslEnabled()).isTrue();
    assertThat(r.caCertFile()).contains(Path.of("/run/n1/ca.crt"));
    assertThat(r.keyFile()).contains(Path.of("/run/n1/ncsd1.key"));
    assertThat(r.tickTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(r.followerMaxLag()).isEqualTo(50000);
    assertThat(r.logMaxEntries()).isEqualTo(200000);
    assertThat(r.passive()).isFalse();
    assertThat(r.raftLogFile()).isEqualTo(Optional.of(Path.of("/run/n1/logs/raft.log")));
  }

  @Test
  void form67WithPortsAndSeedAddresses() throws Exception {
    NcsConf.HaRaft r =
        NcsConfTest.parse(
                NS
                    + "<ha-raft><enabled>true</enabled><cluster-name>c</cluster-name>"
                    + "<listen><node-address>ncsd1@127.0.0.1</node-address><port>4571</port>"
                    + "</listen><seed-nodes><seed-node><address>ncsd2@127.0.0.1</address>"
                    + "<port>4572</port></seed-node></seed-nodes><passive>true</passive>"
                    + "<tick-timeout>PT0.5S</tick-timeout></ha-raft></ncs-config>",
                Map.of())
            .haRaft();
    assertThat(r.port()).isEqualTo(4571);
    assertThat(r.seedNodes()).isEqualTo(List.of("ncsd2@127.0.0.1:4572"));
    assertThat(r.passive()).isTrue();
    assertThat(r.tickTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(r.raftLogFile()).isEmpty();
  }

  @Test
  void refusesBothHaModesAndBadAddresses() {
    assertThatThrownBy(
            () ->
                NcsConfTest.parse(
                    NS
                        + "<ha><enabled>true</enabled></ha><ha-raft><enabled>true</enabled>"
                        + "<listen><node-address>127.0.0.1</node-address></listen></ha-raft>"
                        + "</ncs-config>",
                    Map.of()))
        .isInstanceOf(NcsConfException.class)
        .hasMessageContaining("cannot both be true; only one HA mode can be enabled");
    assertThatThrownBy(
            () ->
                NcsConfTest.parse(
                    NS
                        + "<ha-raft><enabled>true</enabled>"
                        + "<listen><node-address>localhost</node-address></listen></ha-raft>"
                        + "</ncs-config>",
                    Map.of()))
        .isInstanceOf(NcsConfException.class)
        .hasMessageContaining("must be a fully qualified name or an IP address");
  }
}
