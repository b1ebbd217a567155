package dev.nsoha.scenarios.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/** The SVG timeline on its own: lanes, step bands, roles and the window without writes. */
class TimelineSvgTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private static NodeView node(String mode, boolean readOnly) throws Exception {
    return NodeView.of(
        JSON.readTree(
            "{\"reachable\":true,\"version\":\"6.5.1\",\"ha\":{\"enabled\":true,\"mode\":\""
                + mode
                + "\",\"readOnly\":"
                + readOnly
                + "}}"));
  }

  private static TimelineSvg.Span step(
      int n, String title, int fromS, int toS, Map<String, NodeView> after) throws Exception {
    JsonNode step = JSON.readTree("{\"durationMs\":" + (toS - fromS) * 1000 + "}");
    return new TimelineSvg.Span(
        n, title, "ok", T0.plusSeconds(fromS), T0.plusSeconds(toS), after, step);
  }

  @Test
  void drawsALanePerNodeAStepBandPerStepAndTheWindowWithoutWrites() throws Exception {
    List<TimelineSvg.Span> steps =
        List.of(
            step(
                1,
                "check <cluster>",
                0,
                10,
                Map.of("n1", node("primary", false), "n2", node("secondary", true))),
            step(
                2,
                "n1 steps down",
                10,
                25,
                Map.of("n1", node("none", false), "n2", node("secondary", true))),
            step(
                3,
                "n2 takes over",
                25,
                40,
                Map.of("n1", node("secondary", true), "n2", node("primary", false))));
    StringBuilder h = new StringBuilder();
    new TimelineSvg(
            steps,
            List.of("n1", "n2"),
            Map.of("n1", "127.0.0.1", "n2", "127.0.0.2"),
            Map.of("n1", node("primary", false), "n2", node("secondary", true)),
            T0,
            T0.plusSeconds(40))
        .write(h);
    String svg = h.toString();
    assertThat(svg).contains("check &lt;cluster&gt;").doesNotContain("<cluster>");

    Document dom = Jsoup.parse(svg, "", Parser.xmlParser());
    Element timeline = dom.selectFirst("svg#timeline");
    assertThat(timeline).isNotNull();
    assertThat(dom.select("g.lane").eachAttr("data-node")).containsExactly("n1", "n2");
    assertThat(dom.select("g.step")).hasSize(3);
    assertThat(dom.select("g.lane[data-node=n1] g.segment.role-primary")).hasSize(1);
    assertThat(dom.select("g.lane[data-node=n2] g.segment.role-primary")).hasSize(1);
    assertThat(dom.select("g.lane[data-node=n2] g.segment.read-only")).isNotEmpty();
    assertThat(dom.select("g.lane text.addr").eachText()).containsExactly("127.0.0.1", "127.0.0.2");
    // no read-write primary from step 2's start to the end of step 3, where n2 took over
    Element window = dom.selectFirst("g.write-unavailable");
    assertThat(window).isNotNull();
    assertThat(Long.parseLong(window.attr("data-ms"))).isEqualTo(30_000);
  }

  @Test
  void aRunThatAlwaysHadAWritablePrimaryHasNoWindow() throws Exception {
    StringBuilder h = new StringBuilder();
    new TimelineSvg(
            List.of(step(1, "check", 0, 5, Map.of("n1", node("primary", false)))),
            List.of("n1"),
            Map.of(),
            Map.of(),
            T0,
            T0.plusSeconds(5))
        .write(h);
    Document dom = Jsoup.parse(h.toString(), "", Parser.xmlParser());
    assertThat(dom.select("g.lane")).hasSize(1);
    assertThat(dom.select("g.write-unavailable")).isEmpty();
  }
}
