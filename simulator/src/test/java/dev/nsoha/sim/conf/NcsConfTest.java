package dev.nsoha.sim.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NcsConfTest {
  static NcsConf parse(String xml, Map<String, String> env) throws NcsConfException {
    return NcsConf.parse(
        new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
        Path.of("ncs.conf"),
        Path.of("/run/n1"),
        env);
  }

  @Test
  void mergesTheFragmentsOfNcsConfDInNameOrder(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("ncs.conf"),
        """
            <ncs-config xmlns="http://tail-f.com/yang/tailf-ncs-config">
              <load-path><dir>./packages</dir></load-path>
              <cli><ssh><enabled>true</enabled><ip>127.0.1.1</ip><port>2024</port></ssh></cli>
              <ha-raft><enabled>false</enabled><cluster-name>old</cluster-name></ha-raft>
            </ncs-config>
            """);
    Path d = Files.createDirectories(dir.resolve("ncs.conf.d"));
    Files.writeString(
        d.resolve("20-raft.conf"),
        """
            <ncs-config xmlns="http://tail-f.com/yang/tailf-ncs-config">
              <ha-raft>
                <enabled>true</enabled>
                <cluster-name>stockholm</cluster-name>
                <listen><node-address>ncsd1@127.0.0.1</node-address><port>4571</port></listen>
                <seed-nodes><seed-node><address>ncsd2@127.0.0.1</address><port>4572</port></seed-node></seed-nodes>
                <ssl><ca-cert-file>ha-tls/ca.crt</ca-cert-file><cert-file>ha-tls/n1.crt</cert-file>
                  <key-file>ha-tls/n1.key</key-file></ssl>
                <tick-timeout>PT2S</tick-timeout>
              </ha-raft>
            </ncs-config>
            """);
    Files.writeString(
        d.resolve("30-more.conf"),
        """
            <ncs-config xmlns="http://tail-f.com/yang/tailf-ncs-config">
              <load-path><dir>./more-packages</dir><dir>./packages</dir></load-path>
              <cli><ssh><port>2025</port></ssh></cli>
              <ha-raft><tick-timeout>PT3S</tick-timeout>
                <seed-nodes><seed-node><address>ncsd3@127.0.0.1</address><port>4573</port></seed-node></seed-nodes>
              </ha-raft>
            </ncs-config>
            """);
    Files.writeString(d.resolve("ignored.xml"), "not even XML");
    NcsConf c = NcsConf.load(dir.resolve("ncs.conf"), dir, Map.of());
    assertThat(c.loadPath()).containsExactly(dir.resolve("packages"), dir.resolve("more-packages"));
    assertThat(c.cliSsh().port()).isEqualTo(2025);
    assertThat(c.cliSsh().ip()).isEqualTo("127.0.1.1");
    NcsConf.HaRaft r = c.haRaft();
    assertThat(r.enabled()).isTrue();
    assertThat(r.clusterName()).isEqualTo("stockholm");
    assertThat(r.port()).isEqualTo(4571);
    assertThat(r.seedNodes()).containsExactly("ncsd2@127.0.0.1:4572", "ncsd3@127.0.0.1:4573");
    assertThat(r.tickTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(r.certFile()).contains(dir.resolve("ha-tls/n1.crt"));

    Files.writeString(d.resolve("40-bad.conf"), "<ncs-config><ha-raft>");
    assertThatThrownBy(() -> NcsConf.load(dir.resolve("ncs.conf"), dir, Map.of()))
        .isInstanceOf(NcsConfException.class)
        .hasMessageContaining("40-bad.conf");
    Files.writeString(d.resolve("40-bad.conf"), "<config/>");
    assertThatThrownBy(() -> NcsConf.load(dir.resolve("ncs.conf"), dir, Map.of()))
        .isInstanceOf(NcsConfException.class)
        .hasMessageContaining("40-bad.conf: root element must be ncs-config, found config");
  }

  @Test
  void readsTheElementsItHonours() throws Exception {
    NcsConf c =
        parse(
            """
                <!-- -*- nxml -*- -->
                <ncs-config xmlns="http://tail-f.com/yang/tailf-ncs-config">
                  <ncs-ipc-address><ip>127.0.0.1</ip><port>4561</port></ncs-ipc-address>
                  <load-path><dir>./packages</dir><dir>${NCS_DIR}/etc/ncs</dir></load-path>
                  <state-dir>./state</state-dir>
                  <cdb><db-dir>/abs/cdb</db-dir></cdb>
                  <cli><ssh><enabled>true</enabled><ip>127.0.1.1</ip><port>2024</port></ssh><c-prompt1>\\u@n1# </c-prompt1></cli>
                  <webui><transport><tcp><enabled>true</enabled><ip>127.0.1.1</ip><port>8080</port></tcp></transport></webui>
                  <ha><enabled>true</enabled><ip>127.0.1.1</ip><tick-timeout>PT5S</tick-timeout></ha>
                </ncs-config>
                """,
            Map.of("NCS_DIR", "/opt/nso"));
    assertThat(c.ipcPort()).isEqualTo(4561);
    assertThat(c.ipcAddress()).isEqualTo("127.0.0.1");
    assertThat(c.loadPath())
        .containsExactly(Path.of("/run/n1/packages"), Path.of("/opt/nso/etc/ncs"));
    assertThat(c.stateDir()).isEqualTo(Path.of("/run/n1/state"));
    assertThat(c.cdbDir()).isEqualTo(Path.of("/abs/cdb"));
    assertThat(c.cliSsh()).isEqualTo(new NcsConf.Listener(true, "127.0.1.1", 2024));
    assertThat(c.webui()).isEqualTo(new NcsConf.Listener(true, "127.0.1.1", 8080));
    assertThat(c.ha()).isEqualTo(new NcsConf.Ha(true, "127.0.1.1", 4570, Duration.ofSeconds(5)));
    assertThat(c.value("/ncs-config/cli/c-prompt1")).hasValue("\\u@n1# ");
  }

  @Test
  void defaultsAndErrors() throws Exception {
    NcsConf c = parse("<ncs-config xmlns=\"http://tail-f.com/yang/tailf-ncs-config\"/>", Map.of());
    assertThat(c.ipcPort()).isEqualTo(4569);
    assertThat(c.webui()).isEqualTo(new NcsConf.Listener(true, "0.0.0.0", 8080));
    assertThat(c.cliSsh().port()).isEqualTo(2024);
    assertThat(c.ha()).isEqualTo(new NcsConf.Ha(false, "0.0.0.0", 4570, Duration.ofSeconds(20)));
    assertThat(c.cdbDir()).isEqualTo(Path.of("/run/n1/ncs-cdb"));
    assertThatThrownBy(
            () ->
                parse(
                    "<ncs-config><load-path><dir>${NOPE}/x</dir></load-path></ncs-config>",
                    Map.of()))
        .hasMessage("ncs.conf: environment variable NOPE is not set (used in '${NOPE}/x')");
    assertThatThrownBy(() -> parse("<ncs-config><ha><port>x</port></ha></ncs-config>", Map.of()))
        .hasMessage("ncs.conf: /ncs-config/ha/port: bad integer 'x'");
    assertThatThrownBy(() -> parse("<ncs-config>", Map.of()))
        .hasMessageStartingWith("ncs.conf: XML syntax error");
    assertThatThrownBy(() -> parse("<other/>", Map.of()))
        .hasMessage("ncs.conf: root element must be ncs-config, found other");
  }
}
