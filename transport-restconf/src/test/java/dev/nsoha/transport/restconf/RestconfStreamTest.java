package dev.nsoha.transport.restconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.digest.ConfigDigester;
import dev.nsoha.core.digest.ConfigEvents;
import dev.nsoha.core.digest.DigestRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RestconfStreamTest {
  private static final String BODY =
      """
      {"ietf-restconf:data": {
        "dummy:dummies": {"dummy": [{"name": "d1", "dummy": "1.2.3.4", "on": true, "n": 7,
                                     "x": 1.50, "e": [null], "tags": ["b", "a"]}]},
        "m:top": {"inner": {}}}}
      """;

  private static List<DigestRecord> streamed(String body) throws IOException {
    List<DigestRecord> out = new ArrayList<>();
    RestconfStream.datastore(
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
        new ConfigDigester(out::add, Set.of()));
    return out;
  }

  private static List<DigestRecord> read(String body) {
    List<DigestRecord> out = new ArrayList<>();
    ConfigEvents.walk(RestconfJson.datastore(body), new ConfigDigester(out::add, Set.of()));
    return out;
  }

  @Test
  void theStreamGivesWhatTheTreeGives() throws IOException {
    assertThat(streamed(BODY)).isEqualTo(read(BODY)).hasSize(3);
    String unwrapped = "{\"dummy:dummies\": {\"dummy\": [{\"name\": \"d1\"}]}}";
    assertThat(streamed(unwrapped)).isEqualTo(read(unwrapped));
    assertThat(streamed("")).isEmpty();
  }

  @Test
  void aBrokenReplyIsNamed() {
    assertThatThrownBy(() -> streamed("{\"ietf-restconf:data\": {\"a:b\": [1, 2"))
        .isInstanceOf(RestconfJson.BadReplyException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> streamed("[1]"))
        .isInstanceOf(RestconfJson.BadReplyException.class)
        .hasMessageContaining("not a JSON object");
  }
}
