package dev.nsoha.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
  @Test
  void readsBackWhatTheWriterWrites() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "a \"quoted\" line\nwith\ttab and \u00e9 and \u0001");
    m.put("i", 42L);
    m.put("neg", -7L);
    m.put("d", 1.5);
    m.put("t", true);
    m.put("f", false);
    m.put("n", null);
    m.put("l", List.of(1L, "x", Map.of("k", "v")));
    m.put("empty", Map.of());
    m.put("none", List.of());
    assertThat(JsonReader.read(JsonWriter.pretty(m))).isEqualTo(m);
    assertThat(JsonReader.read(JsonWriter.write(m))).isEqualTo(m);
  }

  @Test
  void keepsKeyOrder() {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) JsonReader.read("{\"b\":1,\"a\":2,\"c\":3}");
    assertThat(m.keySet()).containsExactly("b", "a", "c");
  }

  @Test
  void refusesWhatIsNotJsonNamingTheOffset() {
    assertThatThrownBy(() -> JsonReader.read("{\"a\":1,}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset 7");
    assertThatThrownBy(() -> JsonReader.read("{\"a\":1")).hasMessageContaining("unexpected end");
    assertThatThrownBy(() -> JsonReader.read("[1] x")).hasMessageContaining("trailing text");
    assertThatThrownBy(() -> JsonReader.read("")).hasMessageContaining("unexpected end");
    assertThatThrownBy(() -> JsonReader.read("\"\\q\"")).hasMessageContaining("bad escape");
  }
}
