package dev.nsoha.scenarios.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.scenarios.input.UsageException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The page from run reports written by hand: both node-state forms, and a failed run. */
class HtmlReportTest {
  private static String step(int n, String outcome, String from, String to, String states) {
    return "{\"number\": "
        + n
        + ", \"title\": \"Step <"
        + n
        + ">\", \"nodes\": [\"n1\"], \"outcome\": \""
        + outcome
        + "\", \"started\": \""
        + from
        + "\", \"finished\": \""
        + to
        + "\", \"durationMs\": 1000, \"nodeStates\": "
        + states
        + (outcome.equals("failed")
            ? ", \"error\": {\"code\": \"TIMEOUT\", \"message\": \"n2 never became primary\"}"
            : "")
        + "}";
  }

  private static String report(String result, String... steps) {
    return "{\"tool\": \"nso-ha-upgrade\", \"transport\": \"cli\", \"cluster\": \"n1 primary"
        + " 10.0.0.1, n2 failover-primary 10.0.0.2\", \"before\": {\"n1\": \"NSO 6.4.4, enabled"
        + " primary rw secondaries=[n2]\", \"n2\": \"NSO 6.4.4, enabled secondary ro primary=n1\"},"
        + " \"plan\": \"upgrade-nso\", \"summary\": \"NSO version upgrade\", \"started\":"
        + " \"2026-01-01T00:00:00Z\", \"steps\": ["
        + String.join(", ", steps)
        + "], \"finished\": \"2026-01-01T00:00:03Z\", \"result\": "
        + result
        + "}";
  }

  @Test
  void theOldOneLineStatesGiveRolesReadOnlyAndTheWindow() {
    String json =
        report(
            "{\"succeeded\": true, \"summary\": \"completed\"}",
            step(
                1,
                "done",
                "2026-01-01T00:00:00Z",
                "2026-01-01T00:00:01Z",
                "{\"n1\": \"NSO 6.4.4, enabled primary ro secondaries=[n2]\", \"n2\": \"NSO 6.4.4,"
                    + " enabled secondary ro primary=n1\"}"),
            step(
                2,
                "done",
                "2026-01-01T00:00:01Z",
                "2026-01-01T00:00:02Z",
                "{\"n1\": \"not readable: unreachable\", \"n2\": \"NSO 6.4.4, enabled primary ro"
                    + " secondaries=[]\"}"),
            step(
                3,
                "done",
                "2026-01-01T00:00:02Z",
                "2026-01-01T00:00:03Z",
                "{\"n1\": \"NSO 6.5.1, enabled primary rw secondaries=[n2]\", \"n2\": \"NSO 6.4.4,"
                    + " enabled secondary ro primary=n1\"}"));
    Document page = Jsoup.parse(HtmlReport.render(json));
    assertThat(page.select("g.lane").eachAttr("data-node")).containsExactly("n1", "n2");
    assertThat(page.select("g.lane[data-node=n1] g.segment").eachAttr("data-role"))
        .containsExactly("primary", "down", "primary");
    assertThat(page.select("g.lane[data-node=n1] g.segment.read-only")).hasSize(1);
    assertThat(page.select("g.lane[data-node=n1] g.restart")).hasSize(1);
    assertThat(page.select("g.write-unavailable").eachAttr("data-ms")).containsExactly("3000");
    assertThat(page.select("#failure")).isEmpty();
    assertThat(page.select("#steps-table td").eachText()).contains("Step <1>");
    assertThat(HtmlReport.render(json)).contains("Step &lt;1&gt;").doesNotContain("Step <1>");
  }

  @Test
  void theObjectStatesAreRead() {
    String n1 =
        "{\"summary\": \"NSO 6.5.1, enabled primary rw secondaries=[n2]\", \"reachable\": true,"
            + " \"version\": \"6.5.1\", \"ha\": {\"enabled\": true, \"mode\": \"primary\","
            + " \"assignedRole\": \"primary\", \"readOnly\": false, \"primaryId\": null,"
            + " \"connectedSecondaries\": [\"n2\"]}, \"packages\": [], \"error\": null}";
    String n2 =
        "{\"summary\": \"not readable: connection refused\", \"reachable\": false, \"error\":"
            + " \"connection refused\"}";
    String json =
        report(
            "{\"succeeded\": true, \"summary\": \"completed\"}",
            step(
                1,
                "done",
                "2026-01-01T00:00:00Z",
                "2026-01-01T00:00:03Z",
                "{\"n1\": " + n1 + ", \"n2\": " + n2 + "}"));
    Document page = Jsoup.parse(HtmlReport.render(json));
    assertThat(page.select("g.lane[data-node=n1] g.segment").attr("data-role"))
        .isEqualTo("primary");
    assertThat(page.select("g.lane[data-node=n1] g.segment").attr("data-version"))
        .isEqualTo("6.5.1");
    assertThat(page.select("g.lane[data-node=n2] g.segment").attr("data-role")).isEqualTo("down");
    assertThat(page.select("g.write-unavailable")).isEmpty();
  }

  @Test
  void aFailedRunShowsTheFailingStepAndEveryNodesLastStateAtTheTop() {
    String json =
        report(
            "{\"succeeded\": false, \"failedStep\": 1, \"summary\": \"failed at step 1\"}",
            step(
                1,
                "failed",
                "2026-01-01T00:00:00Z",
                "2026-01-01T00:00:03Z",
                "{\"n1\": \"NSO 6.4.4, disabled none ro\", \"n2\": \"not readable: refused\"}"));
    Document page = Jsoup.parse(HtmlReport.render(json));
    assertThat(page.body().child(1).id()).isEqualTo("failure");
    assertThat(page.select("#failure .failed-step").text()).isEqualTo("Step 1: Step <1>");
    assertThat(page.select("#failure .error").text()).isEqualTo("n2 never became primary");
    assertThat(page.select("#failure .last-states li").eachText())
        .containsExactly("n1 NSO 6.4.4, disabled none ro", "n2 not readable: refused");
    assertThat(page.select("#outcome").hasClass("failed")).isTrue();
    assertThat(page.select("#steps-table tr.failed")).hasSize(1);
  }

  @Test
  void somethingElseIsRefused() {
    assertThatThrownBy(() -> HtmlReport.render("{\"x\": 1}"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("no \"steps\" list");
    assertThatThrownBy(() -> HtmlReport.render("not json"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("not a JSON run report");
  }
}
