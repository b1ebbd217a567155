package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.scenarios.flow.NcsConfEdits;
import org.junit.jupiter.api.Test;

class NcsConfEditsTest {
  private static final String GENERATED =
      String.join(
          "\n",
          "<ncs-config xmlns=\"http://tail-f.com/yang/tailf-ncs-config\">",
          "  <load-path>",
          "    <dir>./packages</dir>",
          "  </load-path>",
          "  <cli>",
          "    <ssh><enabled>true</enabled><ip>0.0.0.0</ip><port>2024</port></ssh>",
          "    <c-prompt1>\\u@ncs# </c-prompt1>",
          "  </cli>",
          "  <webui>",
          "    <transport><tcp><enabled>true</enabled><ip>0.0.0.0</ip><port>8080</port></tcp></transport>",
          "  </webui>",
          "  <netconf-north-bound><transport><tcp><ip>127.0.0.1</ip></tcp></transport></netconf-north-bound>",
          "  <ha>",
          "    <enabled>false</enabled>",
          "  </ha>",
          "</ncs-config>",
          "");

  @Test
  void makesTheExampleEditsForOneNode() {
    String conf = NcsConfEdits.forNode(GENERATED, "127.0.2.1", 4562, 2);

    assertThat(conf)
        .doesNotContain("<enabled>false</enabled>")
        .doesNotContain("0.0.0.0")
        .doesNotContain("127.0.0.1")
        .contains("<ip>127.0.2.1</ip><port>2024</port>")
        .contains("<port>8080</port>")
        .contains("\\u@n2# ")
        .contains("<webui><match-host-name>false</match-host-name>")
        .contains("<ha>\n    <enabled>true</enabled>\n    <ip>127.0.2.1</ip>\n  </ha>")
        .contains("<ncs-ipc-address>\n    <port>4562</port>\n  </ncs-ipc-address>")
        .endsWith("</ncs-config>\n");
    assertThat(conf.indexOf("</ncs-config>")).isEqualTo(conf.lastIndexOf("</ncs-config>"));
  }

  @Test
  void pointsTheLoadPathAtTheSystemInstallsActiveSet() {
    assertThat(NcsConfEdits.systemInstallLoadPath(GENERATED))
        .contains("<dir>./var/opt/ncs/packages</dir>")
        .doesNotContain("<dir>./packages</dir>");
  }
}
