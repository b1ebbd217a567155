package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The reader's containment judgement on configurations as RESTCONF sends them. */
class ClusterReaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String ORIGINAL =
      """
      {"dummy:dummies": {"dummy": [{"name": "d1", "dummy": "10.0.0.1"},
                                   {"name": "d2", "dummy": "10.0.0.2"}]},
       "tailf-ncs:high-availability": {"token": "x", "settings": {"enable-failover": [null]}}}
      """;

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void growthByNewEntriesIsContained() throws Exception {
    JsonNode grown =
        json(
            """
            {"dummy:dummies": {"dummy": [{"name": "wp1-1", "dummy": "10.0.0.9"},
                                         {"name": "d2", "dummy": "10.0.0.2"},
                                         {"name": "d1", "dummy": "10.0.0.1"}]},
             "tailf-ncs:high-availability": {"token": "x", "settings": {"enable-failover": [null]}},
             "other:top": {"a": 1}}
            """);
    assertThat(ClusterReader.contained(json(ORIGINAL), grown, "")).isEmpty();
  }

  @Test
  void aMissingEntryIsNamedByItsPath() throws Exception {
    JsonNode lost =
        json(
            """
            {"dummy:dummies": {"dummy": [{"name": "d2", "dummy": "10.0.0.2"}]},
             "tailf-ncs:high-availability": {"token": "x", "settings": {"enable-failover": [null]}}}
            """);
    assertThat(ClusterReader.contained(json(ORIGINAL), lost, ""))
        .containsExactly("/dummy:dummies/dummy{d1} missing or changed (present in the original)");
  }

  @Test
  void aChangedEntryALostLeafAndAChangedLeafAreProblems() throws Exception {
    JsonNode changed =
        json(
            """
            {"dummy:dummies": {"dummy": [{"name": "d1", "dummy": "10.9.9.9"},
                                         {"name": "d2", "dummy": "10.0.0.2"}]},
             "tailf-ncs:high-availability": {"token": "y", "settings": {}}}
            """);
    assertThat(ClusterReader.contained(json(ORIGINAL), changed, ""))
        .containsExactly(
            "/dummy:dummies/dummy{d1} missing or changed (present in the original)",
            "/tailf-ncs:high-availability/token is y, was x in the original",
            "/tailf-ncs:high-availability/settings/enable-failover missing (present in the"
                + " original)");
  }

  @Test
  void theProbesEntriesAreReadWithTheirValues() throws Exception {
    assertThat(ClusterReader.dummies(json(ORIGINAL)))
        .containsEntry("d1", "10.0.0.1")
        .containsEntry("d2", "10.0.0.2")
        .hasSize(2);
  }
}
