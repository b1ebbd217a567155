package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One full {@code example upgrade-nso} in a pseudo-terminal (util-linux {@code script}), as an
 * operator runs it, with every record of the run asked for: the HTML page (rendered in headless
 * Chromium), the NDJSON events, the JSON report and the debug log. Each test checks one of them.
 */
class SeeingTheRunIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  private static ExampleCluster cluster;
  private static Path html;
  private static Path events;
  private static Path report;
  private static Path logFile;
  private static String terminal;

  @BeforeAll
  static void runTheExampleInAPseudoTerminal() throws IOException, InterruptedException {
    cluster = new ExampleCluster();
    html = dir.resolve("report.html");
    events = dir.resolve("events.ndjson");
    report = dir.resolve("report.json");
    logFile = dir.resolve("debug.log");
    List<String> args =
        new ArrayList<>(
            List.of(
                "example",
                "upgrade-nso",
                "--html",
                html.toString(),
                "--events",
                events.toString(),
                "--report",
                report.toString(),
                "--log-file",
                logFile.toString()));
    args.addAll(cluster.nodeArgs(dir.resolve("run")));
    Path launcher = dir.resolve("nso-ha-upgrade.sh");
    Files.writeString(
        launcher,
        "#!/bin/sh\nexec '"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' -XX:TieredStopAtLevel=1 -cp '"
            + System.getProperty("java.class.path")
            + "' dev.nsoha.scenarios.Main \"$@\"\n");
    launcher.toFile().setExecutable(true);
    Path typescript = dir.resolve("typescript");
    String command = "'" + launcher + "' " + String.join(" ", args);
    // script gives the program a pseudo-terminal as its standard input and output
    Process p =
        new ProcessBuilder("script", "-q", "-e", "-c", command, typescript.toString())
            .directory(Path.of("").toAbsolutePath().toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("script-output.txt").toFile())
            .start();
    p.getOutputStream().close();
    if (!p.waitFor(600, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    terminal = Files.readString(typescript, StandardCharsets.ISO_8859_1);
    assertThat(p.exitValue()).as("exit code; terminal output:%n%s", terminal).isZero();
  }

  @AfterAll
  static void stopTheCluster() {
    if (cluster != null) {
      cluster.stop();
      ExampleCluster.remove(dir.resolve("run"));
    }
  }

  @Test
  void onATerminalAWaitShowsOneUpdatingLineThatIsErasedAtItsEnd() {
    Matcher m =
        Pattern.compile(
                "\r\u001B\\[K(?:\u001B\\[2m)?        waiting until ([^:\r]+): (\\d+\\.\\d) s of"
                    + " (\\d+) s, ")
            .matcher(terminal);
    List<String> conditions = new ArrayList<>();
    while (m.find()) {
      conditions.add(m.group(1));
    }
    assertThat(conditions).as(terminal).isNotEmpty().contains("n2 is primary");
    // the step list reads as without the line: each step line starts on a line of its own
    String shown = terminal.replaceAll("\r\u001B\\[K(?:\u001B\\[2m)?[^\r\n]*?(?=\r)", "");
    assertThat(shown).contains("[ 4/16] Disable node n1 high availability");
    assertThat(shown).doesNotContain("waiting until");
    assertThat(terminal).contains("##### Done!");
  }

  @Test
  void theHtmlPageRendersInChromiumWithALanePerNodeAndTheWriteWindow() throws Exception {
    Chromium chromium = Chromium.require();
    String raw = Files.readString(html);
    assertSelfContained(Jsoup.parse(raw));

    Document dom = Jsoup.parse(chromium.dumpDom(html, dir));
    assertThat(dom.select("svg#timeline g.lane"))
        .extracting(e -> e.attr("data-node"))
        .containsExactly("n1", "n2", "n3");
    for (Element lane : dom.select("svg#timeline g.lane")) {
      assertThat(lane.select("g.segment")).as(lane.attr("data-node")).hasSize(16);
      assertThat(lane.select("g.segment[data-version=6.5.1]")).isNotEmpty();
    }
    assertThat(dom.select("svg#timeline g.step")).hasSize(16);
    assertThat(dom.select("#steps-table tbody tr")).hasSize(16);
    Element window = dom.selectFirst("svg#timeline g.write-unavailable");
    assertThat(window).isNotNull();
    assertThat(Long.parseLong(window.attr("data-ms"))).isPositive();
    assertThat(dom.select("svg#timeline g.segment.role-primary")).isNotEmpty();
    assertThat(dom.select("svg#timeline g.segment.read-only")).isNotEmpty();
    assertThat(dom.select("svg#timeline g.restart")).hasSizeGreaterThanOrEqualTo(3);
    assertThat(dom.select("#backups tbody tr")).hasSize(3);
    assertThat(dom.select("#backups td.mono").eachText()).anyMatch(t -> t.matches("[0-9a-f]{64}"));
    assertThat(dom.select("#failure")).isEmpty();
    assertThat(dom.selectFirst("#outcome").hasClass("ok")).isTrue();

    BufferedImage png =
        ImageIO.read(chromium.screenshot(html, dir.resolve("shot.png"), 1200, 900, dir).toFile());
    assertThat(count(png, 0x0969da)).as("primary-blue pixels").isGreaterThan(500);
    assertThat(count(png, 0x2da44e)).as("secondary-green pixels").isGreaterThan(500);
    assertThat(count(png, 0xffd98c)).as("write-window pixels").isGreaterThan(300);
  }

  /** No script, stylesheet, font, image or frame from anywhere: the page must open offline. */
  static void assertSelfContained(Document page) {
    assertThat(page.select("script, link, iframe, frame, object, embed, img, audio, video, base"))
        .isEmpty();
    for (Element e : page.getAllElements()) {
      for (Attribute a : e.attributes()) {
        String v = a.getValue().replace("url(#", "");
        assertThat(v)
            .as("%s %s", e.tagName(), a.getKey())
            .doesNotContain("url(")
            .doesNotContainPattern("(?i)^\\s*(https?:|ftp:|file:|data:)?//");
        if (a.getKey().equals("href") || a.getKey().equals("src")) {
          assertThat(v).as("%s %s", e.tagName(), a.getKey()).startsWith("#");
        }
      }
    }
    String css = page.select("style").html();
    assertThat(css).doesNotContain("@import").doesNotContain("@font-face");
    assertThat(css.replace("url(#", "")).doesNotContain("url(");
  }

  private static int count(BufferedImage img, int rgb) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int p = img.getRGB(x, y) & 0xffffff;
        if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) < 12
            && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) < 12
            && Math.abs((p & 0xff) - (rgb & 0xff)) < 12) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void theEventsAreTheDocumentedNdjson() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String l : Files.readAllLines(events)) {
      lines.add(JSON.readTree(l));
    }
    assertThat(lines.get(0).path("steps")).hasSize(16);
    assertEventsFollowTheSchema(lines);
  }

  /** Every line carries the schema and its version, in order, and only documented types. */
  static void assertEventsFollowTheSchema(List<JsonNode> lines) throws IOException {
    int steps = lines.get(0).path("steps").size();
    Set<String> documented = documentedTypes();
    long seq = 0;
    Set<String> seen = new HashSet<>();
    for (JsonNode e : lines) {
      assertThat(e.path("schema").asText()).isEqualTo("nso-ha-upgrade.events");
      assertThat(e.path("version").asInt()).isEqualTo(1);
      assertThat(e.path("seq").asLong()).isEqualTo(++seq);
      assertThat(e.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
      assertThat(documented).as("documented event types").contains(e.path("type").asText());
      seen.add(e.path("type").asText());
    }
    assertThat(seen)
        .contains(
            "run.started",
            "step.started",
            "step.finished",
            "wait.progress",
            "wait.ended",
            "node.observed",
            "verification",
            "run.finished");
    assertThat(lines.get(0).path("type").asText()).isEqualTo("run.started");
    JsonNode last = lines.get(lines.size() - 1);
    assertThat(last.path("type").asText()).isEqualTo("run.finished");
    assertThat(last.path("exitCode").asInt()).isZero();
    assertThat(lines.stream().filter(e -> e.path("type").asText().equals("step.finished")))
        .hasSize(steps)
        .allSatisfy(e -> assertThat(e.path("outcome").asText()).isEqualTo("done"));
    assertThat(lines.stream().filter(e -> e.path("type").asText().equals("node.observed")))
        .hasSize(steps * 3)
        .allSatisfy(e -> assertThat(e.path("state").path("summary").asText()).startsWith("NSO "));
    assertThat(lines.stream().filter(e -> e.path("type").asText().equals("wait.progress")))
        .allSatisfy(
            e ->
                assertThat(e.path("timeoutMs").asLong())
                    .isGreaterThan(e.path("elapsedMs").asLong()));
  }

  /** The event types {@code docs/events.md} documents, from its {@code ### `type`} headings. */
  static Set<String> documentedTypes() throws IOException {
    Path doc = null;
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("docs/events.md"))) {
        doc = d.resolve("docs/events.md");
        break;
      }
    }
    assertThat(doc).as("docs/events.md").isNotNull();
    Set<String> types = new HashSet<>();
    Matcher m = Pattern.compile("(?m)^### `([a-z.]+)`").matcher(Files.readString(doc));
    while (m.find()) {
      types.add(m.group(1));
    }
    return types;
  }

  @Test
  void theDebugLogHasTheWireExchangeButNoPasswordOrToken() throws IOException {
    String log = Files.readString(logFile);
    assertThat(log.lines().count()).isGreaterThan(200);
    assertThat(log).contains(", cli) <<< ").contains(", cli) >>> ").contains("DEBUG");
    // the example's credentials are admin/admin and its HA token super-secret
    assertThat(log).doesNotContain("admin").doesNotContain("super-secret");
    assertThat(log).doesNotContain("YWRtaW46YWRtaW4");
  }

  @Test
  void statusWatchShowsTheTableAgainEverySecond() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args = new ArrayList<>(List.of("status", "--watch", "--count", "2", "--no-color"));
    args.addAll(
        List.of(
            "-a",
            cluster.a,
            "-b",
            cluster.b,
            "-c",
            cluster.c,
            "--cli-port",
            Integer.toString(cluster.cliPort),
            "--known-hosts",
            dir.resolve("run/known_hosts").toString()));
    long t0 = System.nanoTime();
    int code =
        Main.run(
            new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    assertThat(code).as(err.toString()).isZero();
    assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(1_000_000_000L);
    List<String> tables = List.of(out.toString().split("(?m)^cluster at "));
    assertThat(tables.stream().filter(t -> !t.isBlank())).hasSize(2);
    assertThat(out.toString())
        .containsPattern("(?m)^n1 +" + Pattern.quote(cluster.a) + " +primary +rw +6\\.5\\.1 +n2,n3")
        .containsPattern("(?m)^n2 +" + Pattern.quote(cluster.b) + " +secondary +ro +6\\.5\\.1")
        .doesNotContain("*")
        .doesNotContain("\u001B");
  }

  @Test
  void theReportCommandRendersTheSamePageFromTheJsonReport() throws IOException {
    Path again = dir.resolve("again.html");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "report",
            "--html",
            again.toString(),
            report.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(Files.readString(again)).isEqualTo(Files.readString(html));
  }
}
