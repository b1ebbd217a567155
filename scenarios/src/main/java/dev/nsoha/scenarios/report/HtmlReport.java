package dev.nsoha.scenarios.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.nsoha.core.io.PrivateFiles;
import dev.nsoha.scenarios.input.UsageException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a run report (the JSON of {@code --report}) as one self-contained HTML page: inline CSS
 * and an inline SVG timeline, no scripts, no fonts, no link to anything outside the file, so that
 * it opens anywhere without a network.
 *
 * <p>The timeline has one lane per node. A node's state after a step is drawn from that step's
 * start to the next step's start: its HA role (primary, secondary, none, or down when it could not
 * be read), its NSO version, read-only periods (hatched) and restarts (a mark where a node comes
 * back or changes version). The steps are bands above the lanes. The write-unavailable window, when
 * no node is a read-write HA primary, is highlighted across the lanes; it is drawn from the start
 * of the step after which writes were first refused to the end of the step after which they were
 * taken again, so it is never shorter than the real window.
 *
 * <p>Below the timeline: a failed run's failing step and every node's last state (at the top, in
 * red), the step table, the node states before and after, the verification and the backups with
 * their checksums.
 */
public final class HtmlReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The page template (a resource beside this class), compiled once. */
  private static final Mustache PAGE =
      new DefaultMustacheFactory("dev/nsoha/scenarios/report").compile("report.mustache");

  private static final Pattern BACKUP =
      Pattern.compile("backup of (\\S+): (.+) \\(sha256 ([0-9a-fA-F]+)\\)");

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final JsonNode root;
  private final List<TimelineSvg.Span> steps = new ArrayList<>();
  private final List<String> nodes = new ArrayList<>();
  private final Map<String, String> addresses = new LinkedHashMap<>();
  private Instant start;
  private Instant end;

  private HtmlReport(JsonNode root) {
    this.root = root;
  }

  /**
   * The page for the report {@code json}.
   *
   * @throws UsageException when {@code json} is no run report
   */
  public static String render(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UsageException("not a JSON run report: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.path("steps").isArray()) {
      throw new UsageException("not a run report of nso-ha-upgrade: it has no \"steps\" list");
    }
    HtmlReport r = new HtmlReport(root);
    r.read();
    return r.page();
  }

  /**
   * Renders {@code json} into {@code file}, atomically and privately ({@code 0600}: the page names
   * nodes, addresses and backups).
   */
  public static void write(String json, Path file) {
    String html = render(json);
    try {
      PrivateFiles.writeAtomically(file, html);
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException(
          "cannot write the HTML report to " + file + ": " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // reading

  private void read() {
    for (String part : root.path("cluster").asText("").split(",\\s*")) {
      String[] w = part.trim().split("\\s+");
      if (w.length == 3) {
        nodes.add(w[0]);
        addresses.put(w[0], w[1] + " " + w[2]);
      }
    }
    for (Iterator<String> it = root.path("before").fieldNames(); it.hasNext(); ) {
      String n = it.next();
      if (!nodes.contains(n)) {
        nodes.add(n);
      }
    }
    start = time(root.path("started"));
    Instant last = start;
    for (JsonNode s : root.path("steps")) {
      Instant from = time(s.path("started"));
      Instant to = time(s.path("finished"));
      if (from == null) {
        continue;
      }
      if (to == null) {
        to = from;
      }
      Map<String, NodeView> after = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : s.path("nodeStates").properties()) {
        after.put(e.getKey(), NodeView.of(e.getValue()));
        if (!nodes.contains(e.getKey())) {
          nodes.add(e.getKey());
        }
      }
      steps.add(
          new TimelineSvg.Span(
              s.path("number").asInt(),
              s.path("title").asText(""),
              s.path("outcome").asText(""),
              from,
              to,
              after,
              s));
      if (to.isAfter(last == null ? to.minusNanos(1) : last)) {
        last = to;
      }
      if (start == null || from.isBefore(start)) {
        start = from;
      }
    }
    Instant finished = time(root.path("finished"));
    end = finished != null && (last == null || finished.isAfter(last)) ? finished : last;
    if (start == null) {
      start = Instant.EPOCH;
    }
    if (end == null || !end.isAfter(start)) {
      end = start.plusMillis(1);
    }
  }

  /** {@code 2026-11-27 16:55:44 UTC}, or the text as it is. */
  private static String clock(JsonNode n) {
    Instant t = time(n);
    return t == null ? n.asText("") : STAMP.format(t);
  }

  private static Instant time(JsonNode n) {
    if (n == null || !n.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(n.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private NodeView before(String node) {
    return NodeView.of(root.path("before").path(node));
  }

  // ---------------------------------------------------------------------------------------------
  // writing

  private String page() {
    String plan = root.path("plan").asText("run");
    boolean failed = !root.path("result").path("succeeded").asBoolean(false);
    boolean finished = root.path("result").isObject();
    Map<String, Object> scope = new HashMap<>();
    scope.put("plan", plan);
    scope.put("started", root.path("started").asText(""));
    scope.put("summary", root.path("summary").asText(""));
    List<Map<String, String>> meta = new ArrayList<>();
    meta(meta, "cluster", root.path("cluster").asText(""));
    meta(meta, "transport", root.path("transport").asText(""));
    meta(meta, "started", clock(root.path("started")));
    meta(meta, "finished", clock(root.path("finished")));
    scope.put("meta", meta);
    scope.put("outcomeClass", !finished ? "unfinished" : failed ? "failed" : "ok");
    scope.put(
        "outcome",
        finished
            ? root.path("result").path("summary").asText("")
            : "the run did not finish (the report was written before its end)");
    if (failed) {
      scope.put("failure", failure());
    }
    StringBuilder timeline = new StringBuilder();
    Map<String, NodeView> before = new LinkedHashMap<>();
    for (String node : nodes) {
      before.put(node, before(node));
    }
    new TimelineSvg(steps, nodes, addresses, before, start, end).write(timeline);
    TimelineSvg.legend(timeline);
    scope.put("timeline", timeline.toString());
    scope.put("steps", stepRows());
    scope.put("states", stateRows());
    Map<String, Object> verification = verification();
    if (verification != null) {
      scope.put("verification", verification);
    } else {
      scope.put("notVerified", true);
    }
    List<Map<String, String>> backups = backups();
    if (backups.isEmpty()) {
      scope.put("noBackups", true);
    } else {
      scope.put("backups", Map.of("rows", backups));
    }
    StringWriter out = new StringWriter();
    PAGE.execute(out, scope);
    return out.toString();
  }

  private static void meta(List<Map<String, String>> meta, String name, String value) {
    if (!value.isEmpty()) {
      meta.add(Map.of("name", name, "value", value));
    }
  }

  /** The failure box: the failed step with every node's last state, or the run's error. */
  private Map<String, Object> failure() {
    JsonNode failedStep = null;
    for (JsonNode s : root.path("steps")) {
      if (s.path("outcome").asText("").equals("failed")) {
        failedStep = s;
      }
    }
    Map<String, Object> f = new HashMap<>();
    if (failedStep != null) {
      f.put("step", failedStep.path("number").asInt() + ": " + failedStep.path("title").asText(""));
      f.put("error", failedStep.path("error").path("message").asText(""));
      List<Map<String, String>> last = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : failedStep.path("nodeStates").properties()) {
        last.add(Map.of("node", e.getKey(), "state", NodeView.of(e.getValue()).summary()));
      }
      f.put("lastStates", last);
    } else {
      List<String> errors = new ArrayList<>();
      errors.add(root.path("result").path("error").asText(""));
      root.path("verification").path("problems").forEach(p -> errors.add(p.asText()));
      f.put("errors", errors);
    }
    return f;
  }

  /** The step table's rows. */
  private List<Map<String, Object>> stepRows() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (JsonNode s : root.path("steps")) {
      String outcome = s.path("outcome").asText("");
      List<String> notes = new ArrayList<>();
      s.path("notes").forEach(n -> notes.add(n.asText()));
      if (s.hasNonNull("observed")) {
        notes.add("already in place: " + s.path("observed").asText());
      }
      if (s.path("error").isObject()) {
        notes.add(s.path("error").path("message").asText());
      }
      List<Map<String, Object>> noteItems = new ArrayList<>();
      for (int i = 0; i < notes.size(); i++) {
        noteItems.add(Map.of("text", notes.get(i), "br", i > 0));
      }
      Map<String, Object> row = new HashMap<>();
      row.put("class", outcome.replace(' ', '-'));
      row.put("number", s.path("number").asInt());
      row.put("title", s.path("title").asText(""));
      row.put("nodes", join(s.path("nodes")));
      row.put("duration", durationText(s).replaceFirst("^, ", ""));
      row.put("outcome", outcome);
      row.put("notes", noteItems);
      rows.add(row);
    }
    return rows;
  }

  /** The states table's rows: every node before the run and after it. */
  private List<Map<String, Object>> stateRows() {
    JsonNode after = root.path("after");
    if (!after.isObject()) {
      after = lastStates();
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String n : nodes) {
      NodeView a = NodeView.of(after.path(n));
      rows.add(
          Map.of(
              "node",
              n,
              "before",
              before(n).summary(),
              "after",
              a.summary(),
              "bad",
              !a.reachable()));
    }
    return rows;
  }

  private JsonNode lastStates() {
    JsonNode last = JSON.createObjectNode();
    for (JsonNode s : root.path("steps")) {
      if (s.path("nodeStates").isObject()) {
        last = s.path("nodeStates");
      }
    }
    return last;
  }

  /** The verification section, or null when the run did not get that far. */
  private Map<String, Object> verification() {
    JsonNode v = root.path("verification");
    if (!v.isObject()) {
      return null;
    }
    boolean ok = v.path("ok").asBoolean(false);
    Map<String, Object> out = new HashMap<>();
    out.put("class", ok ? "ok" : "failed");
    out.put(
        "text",
        ok ? "Verified: nominal roles, target reached, configuration unchanged." : "Failed.");
    List<String> problems = new ArrayList<>();
    v.path("problems").forEach(p -> problems.add(p.asText()));
    out.put("problems", problems);
    out.put("hasProblems", !problems.isEmpty());
    List<Map<String, String>> rows = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : v.path("nodes").properties()) {
      JsonNode n = e.getValue();
      String ha =
          n.path("ha").isTextual()
              ? n.path("ha").asText()
              : n.path("reachable").asBoolean(true)
                  ? NodeView.of(n).summary()
                  : n.path("error").asText(n.path("summary").asText(""));
      rows.add(
          Map.of(
              "node",
              e.getKey(),
              "ha",
              ha,
              "version",
              n.path("version").asText(""),
              "packages",
              packages(n.path("packages")),
              "fingerprint",
              n.path("configFingerprint").asText("")));
    }
    out.put("nodes", rows);
    return out;
  }

  /** The backups the steps' notes name: node, file and SHA-256. */
  private List<Map<String, String>> backups() {
    List<Map<String, String>> found = new ArrayList<>();
    for (JsonNode s : root.path("steps")) {
      for (JsonNode n : s.path("notes")) {
        Matcher m = BACKUP.matcher(n.asText());
        if (m.find()) {
          found.add(Map.of("node", m.group(1), "file", m.group(2), "sha256", m.group(3)));
        }
      }
    }
    return found;
  }

  static String durationText(JsonNode step) {
    return step.has("durationMs") ? ", " + seconds(step.path("durationMs").asLong()) : "";
  }

  /** {@code dummy 1.0, inert 1.0 (down)} from either package form: text, or name/version/up. */
  private static String packages(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : array) {
      out.add(
          p.isTextual()
              ? p.asText()
              : p.path("name").asText("")
                  + " "
                  + p.path("version").asText("")
                  + (p.path("up").asBoolean(true) ? "" : " (not up)"));
    }
    return String.join(", ", out);
  }

  private static String join(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return String.join(", ", out);
  }

  static String seconds(long ms) {
    return ms >= 100_000
        ? String.format(Locale.ROOT, "%.0f s", ms / 1000.0)
        : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  static String f(double d) {
    return String.format(Locale.ROOT, "%.1f", d);
  }

  /** Text escaped for HTML content and attribute values. */
  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
