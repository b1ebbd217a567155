package dev.nsoha.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.sim.cli.interpreter.CliStyle;
import dev.nsoha.sim.cli.interpreter.Prompts;
import dev.nsoha.sim.conf.NcsConf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CLI settings read from ncs.conf: style and verbatim prompts. */
class CliConfTest {

  @Test
  void styleCAndVerbatimPrompts(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("ncs.conf");
    Files.writeString(
        conf,
        """
                <ncs-config xmlns="http://tail-f.com/yang/tailf-ncs-config">
                  <cli>
                    <style>c</style>
                    <c-prompt1>\\u@n1# </c-prompt1>
                    <c-prompt2>\\u@n1(\\m)# </c-prompt2>
                  </cli>
                </ncs-config>
                """);
    NcsConf c = NcsConf.load(conf, dir, Map.of());
    assertThat(CliConf.style(c)).isEqualTo(CliStyle.C);
    Prompts p = CliConf.prompts(c);
    assertThat(p.cPrompt1()).isEqualTo("\\u@n1# ");
    assertThat(p.cPrompt2()).isEqualTo("\\u@n1(\\m)# ");
    assertThat(p.prompt1()).isEqualTo(Prompts.DEFAULTS.prompt1());
    assertThat(p.expand(CliStyle.C, "config-ha-node-n2", "admin", "h"))
        .isEqualTo("admin@n1(config-ha-node-n2)# ");
  }

  @Test
  void jStyleByDefault(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("ncs.conf");
    Files.writeString(conf, "<ncs-config xmlns=\"http://tail-f.com/yang/tailf-ncs-config\"/>\n");
    NcsConf c = NcsConf.load(conf, dir, Map.of());
    assertThat(CliConf.style(c)).isEqualTo(CliStyle.J);
    assertThat(CliConf.prompts(c)).isEqualTo(Prompts.DEFAULTS);
  }

  @Test
  void publicKeyAuthenticationSetting(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("ncs.conf");
    Files.writeString(conf, "<ncs-config xmlns=\"http://tail-f.com/yang/tailf-ncs-config\"/>\n");
    NcsConf byDefault = NcsConf.load(conf, dir, Map.of());
    assertThat(CliNorthboundService.userKeyDirs(byDefault).apply("admin"))
        .isEqualTo(dir.resolve("homes/admin/.ssh"));
    Files.writeString(conf, pubkeyConf("local"));
    assertThat(CliNorthboundService.userKeyDirs(NcsConf.load(conf, dir, Map.of())).apply("oper"))
        .isEqualTo(dir.resolve("homes/oper/.ssh"));
    Files.writeString(conf, pubkeyConf("none"));
    assertThat(CliNorthboundService.userKeyDirs(NcsConf.load(conf, dir, Map.of()))).isNull();
    Files.writeString(conf, pubkeyConf("sometimes"));
    NcsConf bad = NcsConf.load(conf, dir, Map.of());
    assertThatThrownBy(() -> CliNorthboundService.userKeyDirs(bad))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "cli: bad /ncs-config/aaa/ssh-pubkey-authentication: expected none, local or system,"
                + " not 'sometimes'");
  }

  private static String pubkeyConf(String mode) {
    return "<ncs-config xmlns=\"http://tail-f.com/yang/tailf-ncs-config\"><aaa>"
        + "<ssh-pubkey-authentication>"
        + mode
        + "</ssh-pubkey-authentication></aaa></ncs-config>\n";
  }
}
