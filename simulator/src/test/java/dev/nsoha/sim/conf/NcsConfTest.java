package dev.nsoha.sim.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NcsConfTest {
  static NcsConf parse(String xml, Map<String, String> env) throws NcsConfException {
    return NcsConf.parse(
        new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
        Path.of("ncs.conf"),
        Path.of("/run/n1"),
        env);
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
