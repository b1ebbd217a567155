package dev.nsoha.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.json.JsonReader;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.plan.ClusterSnapshot;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigFingerprintTest {
  @SuppressWarnings("unchecked")
  private static String fp(String json) {
    return ClusterSnapshot.fingerprint(DataTree.of((Map<String, Object>) JsonReader.read(json)));
  }

  private static final String CONFIG =
      """
      {"dummy:dummies": {"dummy": [{"name": "d1", "dummy": "1.2.3.4"},
                                   {"name": "d2", "dummy": "5.6.7.8"}]},
       "tailf-ncs:devices": {"global-settings": {"read-timeout": 20, "trace": "raw"}}}""";

  @Test
  void theOrderOfMembersDoesNotMatterTheirValuesDo() {
    // Members and entries in another order (an entry's key first, as NSO writes it).
    String same =
        """
        {"tailf-ncs:devices": {"global-settings": {"trace": "raw", "read-timeout": 20}},
         "dummy:dummies": {"dummy": [{"name": "d2", "dummy": "5.6.7.8"},
                                     {"name": "d1", "dummy": "1.2.3.4"}]}}""";
    assertThat(fp(same)).isEqualTo(fp(CONFIG)).hasSize(64);
    assertThat(fp(CONFIG.replace("5.6.7.8", "5.6.7.9"))).isNotEqualTo(fp(CONFIG));
    assertThat(fp(CONFIG.replace("\"d2\"", "\"d3\""))).isNotEqualTo(fp(CONFIG));
    // A leaf moved to another entry is a change, though the multiset of values is the same.
    assertThat(
            fp(
                """
                {"dummy:dummies": {"dummy": [{"name": "d1", "dummy": "5.6.7.8"},
                                             {"name": "d2", "dummy": "1.2.3.4"}]},
                 "tailf-ncs:devices": {"global-settings": {"read-timeout": 20, "trace": "raw"}}}"""))
        .isNotEqualTo(fp(CONFIG));
    // The HA tree is left out.
    assertThat(
            fp(CONFIG.replaceFirst("\\{", "{\"tailf-ncs:high-availability\": {\"token\": \"x\"},")))
        .isEqualTo(fp(CONFIG));
  }

  @Test
  void aLargeConfigurationIsFingerprintedInConstantMemory() {
    ConfigFingerprint fp = new ConfigFingerprint();
    ConfigDigester d = new ConfigDigester(r -> {}, Set.of(), fp);
    d.beginObject();
    d.name("dummy:dummies");
    d.beginObject();
    d.name("dummy");
    d.beginArray();
    for (int i = 0; i < 200_000; i++) {
      d.beginObject();
      d.name("name");
      d.value("d" + i);
      d.name("dummy");
      d.value("10.0.0.1");
      d.endObject();
    }
    d.endArray();
    d.endObject();
    d.endObject();
    assertThat(fp.leaves()).isEqualTo(200_000);
    assertThat(fp.hex()).hasSize(64);
  }
}
