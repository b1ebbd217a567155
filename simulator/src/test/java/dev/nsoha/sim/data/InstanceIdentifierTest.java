package dev.nsoha.sim.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceIdentifierTest {
  private static final Map<String, String> MODULES =
      Map.of("ncs", "tailf-ncs", "ios", "tailf-ned-cisco-ios");

  @Test
  void jsonNamesTheModuleWhereItChanges() {
    assertThat(
            InstanceIdentifier.json(
                "/ncs:high-availability/ncs:ha-node[ncs:id='n1']", MODULES::get))
        .isEqualTo("/tailf-ncs:high-availability/ha-node[id='n1']");
    assertThat(
            InstanceIdentifier.json(
                "/ncs:devices/ncs:device[ncs:name='c0']/ncs:config/ios:interface", MODULES::get))
        .isEqualTo("/tailf-ncs:devices/device[name='c0']/config/tailf-ned-cisco-ios:interface");
  }

  @Test
  void theCliDropsPrefixesUnlessTheNamespaceChangesBelowTheTop() {
    assertThat(InstanceIdentifier.cli("/ncs:high-availability/ncs:ha-node[ncs:id='n1']"))
        .isEqualTo("/high-availability/ha-node[id='n1']");
    assertThat(
            InstanceIdentifier.cli(
                "/ncs:devices/ncs:device[ncs:name='c0']/ncs:config/ios:interface/ios:x"))
        .isEqualTo("/devices/device[name='c0']/config/ios:interface/x");
  }

  @Test
  void quotedKeysAreCopiedAsTheyAre() {
    assertThat(InstanceIdentifier.cli("/ncs:a/ncs:b[ncs:k='x/ncs:y[1]']"))
        .isEqualTo("/a/b[k='x/ncs:y[1]']");
  }
}
