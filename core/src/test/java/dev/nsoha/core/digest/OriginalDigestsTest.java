package dev.nsoha.core.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.json.JsonReader;
import dev.nsoha.core.json.JsonWriter;
import dev.nsoha.core.model.DataTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OriginalDigestsTest {
  private static final Set<String> HA = Set.of("tailf-ncs:high-availability");

  @TempDir Path dir;

  @SuppressWarnings("unchecked")
  private static DataTree tree(String json) {
    return DataTree.of((Map<String, Object>) JsonReader.read(json));
  }

  private static final String BEFORE =
      """
      {"dummy:dummies": {"dummy": [
          {"name": "d1", "dummy": "1.2.3.4"},
          {"name": "a b", "dummy": "5.6.7.8"}]},
       "tailf-ncs:devices": {"global-settings": {"read-timeout": 20},
          "device": [{"name": "ce0", "address": "10.0.0.1",
                      "config": {"ios:interface": {"Loopback": [{"name": "0", "ip": "1.1.1.1"}]}},
                      "flags": ["b", "a"]}]},
       "tailf-ncs:high-availability": {"token": "secret", "ha-node": [{"id": "n1"}]}}
      """;

  private OriginalDigests.Check check(String before, String now) {
    return check(tree(before), tree(now));
  }

  private OriginalDigests.Check check(DataTree before, DataTree now) {
    OriginalDigests.Ref ref =
        OriginalDigests.write(dir, "digests", HA, s -> ConfigEvents.walk(before, s));
    return OriginalDigests.check(
        dir, ref, HA, s -> ConfigEvents.walk(now, s), OriginalDigests.DEFAULT_LIMIT);
  }

  @Test
  void theSameConfigurationPasses() {
    assertThat(check(BEFORE, BEFORE).ok()).isTrue();
  }

  @Test
  void aMissingEntryIsNamed() {
    String now = BEFORE.replace("{\"name\": \"d1\", \"dummy\": \"1.2.3.4\"},", "");
    OriginalDigests.Check c = check(BEFORE, now);
    assertThat(c.ok()).isFalse();
    assertThat(c.problems())
        .containsExactly("/dummy:dummies/dummy{d1} missing (present before the upgrade began)");
    assertThat(c.total()).isEqualTo(1);
  }

  @Test
  void aChangedLeafIsNamed() {
    String now = BEFORE.replace("5.6.7.8", "5.6.7.9");
    assertThat(check(BEFORE, now).problems())
        .containsExactly(
            "/dummy:dummies/dummy{\"a b\"}/dummy changed (its value differs from before the"
                + " upgrade began)");
  }

  @Test
  void aChangedLeafInAContainerAtTheTopIsNamed() {
    String now = BEFORE.replace("\"read-timeout\": 20", "\"read-timeout\": 30");
    assertThat(check(BEFORE, now).problems())
        .containsExactly(
            "/tailf-ncs:devices/global-settings/read-timeout changed (its value differs from before"
                + " the upgrade began)");
  }

  @Test
  void aMissingLeafIsNamed() {
    String now = BEFORE.replace("\"address\": \"10.0.0.1\",", "");
    assertThat(check(BEFORE, now).problems())
        .containsExactly(
            "/tailf-ncs:devices/device{ce0}/address missing (present before the upgrade began)");
  }

  @Test
  void nestedListsAreUnitsOfTheirOwn() {
    String now = BEFORE.replace("{\"name\": \"0\", \"ip\": \"1.1.1.1\"}", "");
    assertThat(check(BEFORE, now).problems())
        .containsExactly(
            "/tailf-ncs:devices/device{ce0}/config/ios:interface/Loopback{0} missing (present"
                + " before the upgrade began)");
    String changed = BEFORE.replace("1.1.1.1", "1.1.1.2");
    assertThat(check(BEFORE, changed).problems())
        .containsExactly(
            "/tailf-ncs:devices/device{ce0}/config/ios:interface/Loopback{0}/ip changed (its value"
                + " differs from before the upgrade began)");
  }

  @Test
  void growthPasses() {
    String now =
        BEFORE
            .replace(
                "{\"name\": \"d1\", \"dummy\": \"1.2.3.4\"}",
                "{\"name\": \"d1\", \"dummy\": \"1.2.3.4\", \"description\": \"new\"},"
                    + " {\"name\": \"d2\", \"dummy\": \"9.9.9.9\"}")
            .replace("\"read-timeout\": 20", "\"read-timeout\": 20, \"write-timeout\": 5")
            .replace("\"ha-node\": [{\"id\": \"n1\"}]", "\"ha-node\": []")
            .replace(
                "{\"dummy:dummies\"",
                "{\"inert:inerts\": {\"inert\": [{\"name\": \"i\"}]}," + " \"dummy:dummies\"");
    OriginalDigests.Check c = check(BEFORE, now);
    assertThat(c.problems()).isEmpty();
    assertThat(c.ok()).isTrue();
  }

  @Test
  void theOrderOfEntriesAndOfLeafListValuesDoesNotMatter() {
    String now =
        BEFORE
            .replace(
                "{\"name\": \"d1\", \"dummy\": \"1.2.3.4\"},\n    {\"name\": \"a b\", \"dummy\":"
                    + " \"5.6.7.8\"}",
                "{\"name\": \"a b\", \"dummy\": \"5.6.7.8\"}, {\"name\": \"d1\", \"dummy\":"
                    + " \"1.2.3.4\"}")
            .replace("[\"b\", \"a\"]", "[\"a\", \"b\"]");
    assertThat(now).isNotEqualTo(BEFORE);
    assertThat(check(BEFORE, now).ok()).isTrue();
  }

  @Test
  void theHaTreeIsLeftOut() {
    String now = BEFORE.replace("\"token\": \"secret\", ", "");
    assertThat(check(BEFORE, now).ok()).isTrue();
    List<DigestRecord> all = new ArrayList<>();
    ConfigEvents.walk(tree(BEFORE), new ConfigDigester(all::add, HA));
    assertThat(all).noneMatch(r -> r.path().contains("high-availability"));
  }

  @Test
  void keysAreQuotedAsNsoQuotesThem() {
    assertThat(ConfigDigester.quoteKey("d1")).isEqualTo("d1");
    assertThat(ConfigDigester.quoteKey("GigabitEthernet0/0/1")).isEqualTo("GigabitEthernet0/0/1");
    assertThat(ConfigDigester.quoteKey("a b")).isEqualTo("\"a b\"");
    assertThat(ConfigDigester.quoteKey("")).isEqualTo("\"\"");
    assertThat(ConfigDigester.quoteKey("x\"y\\z")).isEqualTo("\"x\\\"y\\\\z\"");
    assertThat(ConfigDigester.quoteKey("a{b}")).isEqualTo("\"a{b}\"");
  }

  @Test
  void entriesThatShareTheirFirstKeyAreToldApartByTheirLeaves() {
    String before =
        """
        {"m:routes": {"route": [{"prefix": "10.0.0.0", "len": 8, "via": "a"},
                                {"prefix": "10.0.0.0", "len": 16, "via": "b"}]}}
        """;
    String swapped =
        """
        {"m:routes": {"route": [{"prefix": "10.0.0.0", "len": 16, "via": "b"},
                                {"prefix": "10.0.0.0", "len": 8, "via": "a"}]}}
        """;
    assertThat(check(before, swapped).ok()).isTrue();
    String lost =
        """
        {"m:routes": {"route": [{"prefix": "10.0.0.0", "len": 16, "via": "b"}]}}
        """;
    OriginalDigests.Check c = check(before, lost);
    assertThat(c.total()).isEqualTo(1);
    assertThat(c.problems().get(0)).startsWith("/m:routes/route{10.0.0.0}");
  }

  @Test
  void anEmptyContainerIsKeptAndAnEmptyLeafIsALeaf() {
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("e", DataTree.EMPTY_LEAF);
    top.put("presence", Map.of());
    top.put("x", "1");
    DataTree before = DataTree.of(Map.of("m:top", top));
    Map<String, Object> noEmpty = new LinkedHashMap<>(top);
    noEmpty.remove("e");
    Map<String, Object> noPresence = new LinkedHashMap<>(top);
    noPresence.remove("presence");
    assertThat(check(before, before).ok()).isTrue();
    assertThat(check(before, DataTree.of(Map.of("m:top", noEmpty))).problems())
        .containsExactly("/m:top/e missing (present before the upgrade began)");
    assertThat(check(before, DataTree.of(Map.of("m:top", noPresence))).problems())
        .containsExactly("/m:top/presence missing (present before the upgrade began)");
  }

  @Test
  void manyProblemsAreCountedAndTheFirstOnesNamed() {
    StringBuilder b = new StringBuilder("{\"dummy:dummies\": {\"dummy\": [");
    for (int i = 0; i < 100; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"name\": \"d")
          .append(i)
          .append("\", \"dummy\": \"1\"}");
    }
    b.append("]}}");
    OriginalDigests.Check c = check(b.toString(), "{\"dummy:dummies\": {\"dummy\": []}}");
    assertThat(c.total()).isEqualTo(100);
    assertThat(c.problems()).hasSize(OriginalDigests.DEFAULT_LIMIT);
    assertThat(c.problems().get(0))
        .isEqualTo("/dummy:dummies/dummy{d0} missing (present before the upgrade began)");
  }

  @Test
  void aChangedOrMissingDigestFileIsRefused() throws IOException {
    OriginalDigests.Ref ref =
        OriginalDigests.write(dir, "digests", HA, s -> ConfigEvents.walk(tree(BEFORE), s));
    Path file = dir.resolve(ref.file());
    assertThat(file.getFileName().toString()).startsWith("digests-").endsWith(".gz");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);
    assertThatThrownBy(
            () -> OriginalDigests.check(dir, ref, HA, s -> ConfigEvents.walk(tree(BEFORE), s), 5))
        .isInstanceOf(OriginalDigests.DigestFileException.class)
        .hasMessageContaining(file.toString());
    Files.delete(file);
    assertThatThrownBy(
            () -> OriginalDigests.check(dir, ref, HA, s -> ConfigEvents.walk(tree(BEFORE), s), 5))
        .isInstanceOf(OriginalDigests.DigestFileException.class)
        .hasMessageContaining("missing");
  }

  @Test
  void theRefSurvivesTheJournalsJson() {
    OriginalDigests.Ref ref =
        OriginalDigests.write(dir, "digests", HA, s -> ConfigEvents.walk(tree(BEFORE), s));
    OriginalDigests.Ref back =
        OriginalDigests.Ref.fromJson(JsonReader.read(JsonWriter.write(ref.toJson()))).orElseThrow();
    assertThat(back.file()).isEqualTo(ref.file());
    assertThat(back.sha256()).isEqualTo(ref.sha256());
    assertThat(back.records()).isEqualTo(ref.records()).isEqualTo(6);
    assertThat(back.subtrees()).containsOnlyKeys("dummy:dummies", "tailf-ncs:devices");
  }

  /**
   * The digests stay small beside the configuration: at 200,000 list entries the digest file is a
   * fraction of the configuration's JSON, and it is written and checked as a stream of events that
   * no tree holds.
   */
  @Test
  void theDigestsStaySmallRelativeToTheConfiguration() throws IOException {
    int entries = 200_000;
    long[] jsonBytes = {0};
    OriginalDigests.Ref ref =
        OriginalDigests.write(dir, "digests", HA, s -> stream(entries, -1, s, jsonBytes));
    double ratio = (double) ref.bytes() / jsonBytes[0];
    System.out.printf(
        "digests of %,d entries: %,d bytes for %,d bytes of JSON (%.1f%%)%n",
        entries, ref.bytes(), jsonBytes[0], 100 * ratio);
    assertThat(ref.records()).as("one per entry and one for the subtree").isEqualTo(entries + 1);
    assertThat(ratio).as("digest bytes / JSON bytes").isLessThan(0.35);
    OriginalDigests.Check ok =
        OriginalDigests.check(dir, ref, HA, s -> stream(entries, -1, s, new long[1]), 20);
    assertThat(ok.ok()).isTrue();
    OriginalDigests.Check lost =
        OriginalDigests.check(dir, ref, HA, s -> stream(entries, 123_456, s, new long[1]), 20);
    assertThat(lost.problems())
        .containsExactly(
            "/dummy:dummies/dummy{d123456} missing (present before the upgrade began)");
    assertThat(Files.readString(dir.resolve(ref.file()), StandardCharsets.ISO_8859_1))
        .doesNotContain("10.1.");
  }

  /** {@code entries} dummy entries as events, without {@code skip}; counts the JSON's bytes. */
  private static void stream(int entries, int skip, ConfigEvents s, long[] jsonBytes) {
    s.beginObject();
    s.name("dummy:dummies");
    s.beginObject();
    s.name("dummy");
    s.beginArray();
    jsonBytes[0] += "{\"dummy:dummies\":{\"dummy\":[]}}".length();
    for (int i = 0; i < entries; i++) {
      if (i == skip) {
        continue;
      }
      String name = "d" + i;
      String addr = "10.1." + (i / 256 % 256) + "." + (i % 256);
      s.beginObject();
      s.name("name");
      s.value(name);
      s.name("dummy");
      s.value(addr);
      s.name("description");
      s.value("entry " + i);
      s.endObject();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", name);
      m.put("dummy", addr);
      m.put("description", "entry " + i);
      jsonBytes[0] += JsonWriter.write(m).length() + 1;
    }
    s.endArray();
    s.endObject();
    s.endObject();
  }
}
