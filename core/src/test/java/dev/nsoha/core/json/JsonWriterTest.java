package dev.nsoha.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  enum Colour {
    RED
  }

  @Test
  void writesScalarsCollectionsAndMapsInIterationOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", 1);
    m.put("a", List.of(true, 2L, 1.5, "x"));
    m.put("empty", Map.of());
    m.put("none", null);
    m.put("absent", Optional.empty());
    m.put("present", Optional.of("p"));
    m.put("when", Instant.parse("2026-11-27T16:00:00Z"));
    m.put("colour", Colour.RED);
    assertThat(JsonWriter.write(m))
        .isEqualTo(
            "{\"z\":1,\"a\":[true,2,1.5,\"x\"],\"empty\":{},\"none\":null,\"absent\":null,"
                + "\"present\":\"p\",\"when\":\"2026-11-27T16:00:00Z\",\"colour\":\"RED\"}");
  }

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertThat(JsonWriter.write("a\"b\\c\nd\re\tf\u0001g"))
        .isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\"");
  }

  @Test
  void nonFiniteNumbersBecomeNull() {
    assertThat(JsonWriter.write(List.of(Double.NaN, Double.POSITIVE_INFINITY, 0.25)))
        .isEqualTo("[null,null,0.25]");
  }

  @Test
  void prettyIndentsByTwoSpacesAndEndsWithANewline() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", List.of(1, 2));
    m.put("b", new ArrayList<>());
    assertThat(JsonWriter.pretty(m))
        .isEqualTo("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": []\n}\n");
  }
}
