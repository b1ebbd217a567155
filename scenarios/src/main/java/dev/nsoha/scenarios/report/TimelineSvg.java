package dev.nsoha.scenarios.report;

import static dev.nsoha.scenarios.report.HtmlReport.durationText;
import static dev.nsoha.scenarios.report.HtmlReport.esc;
import static dev.nsoha.scenarios.report.HtmlReport.f;
import static dev.nsoha.scenarios.report.HtmlReport.seconds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report's SVG timeline: one band per plan step above one lane per node, each lane showing the
 * node's HA role, NSO version, read-only periods and restarts over the run, and the windows in
 * which no node took writes. Built from the steps {@link HtmlReport} read; every text is escaped.
 */
final class TimelineSvg {
  private static final int WIDTH = 1100;
  private static final int LABEL = 150;
  private static final int RIGHT = 20;
  private static final int STEP_ROW = 28;
  private static final int LANE = 34;
  private static final int GAP = 8;
  private static final int AXIS = 24;

  /** One step's time span and outcome, and every node's state after it. */
  record Span(
      int number,
      String title,
      String outcome,
      Instant from,
      Instant to,
      Map<String, NodeView> after,
      JsonNode step) {}

  /** A node's state over an interval of the timeline. */
  record Segment(Instant from, Instant to, NodeView state) {}

  private final List<Span> steps;
  private final List<String> nodes;
  private final Map<String, String> addresses;
  private final Map<String, NodeView> before;
  private final Instant start;
  private final Instant end;

  /**
   * @param steps the plan's steps in order, with every node's state after each
   * @param nodes the lanes, in order
   * @param addresses each node's address, shown under its name
   * @param before each node's state before the first step
   * @param start the run's start
   * @param end the run's end (or its last step's)
   */
  TimelineSvg(
      List<Span> steps,
      List<String> nodes,
      Map<String, String> addresses,
      Map<String, NodeView> before,
      Instant start,
      Instant end) {
    this.steps = List.copyOf(steps);
    this.nodes = List.copyOf(nodes);
    this.addresses = Map.copyOf(addresses);
    this.before = Map.copyOf(before);
    this.start = start;
    this.end = end;
  }

  /** A node's states over the run: the state after each step, from its start to the next's. */
  private List<Segment> segments(String node) {
    List<Segment> out = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      Span s = steps.get(i);
      NodeView v = s.after().get(node);
      if (v == null) {
        continue;
      }
      Instant to = i + 1 < steps.size() ? steps.get(i + 1).from() : end;
      out.add(new Segment(s.from(), to, v));
    }
    return out;
  }

  /** The intervals in which no node took writes, merged. */
  private List<Segment> writeWindows() {
    List<Segment> out = new ArrayList<>();
    Instant openedAt = null;
    for (int i = 0; i < steps.size(); i++) {
      Span s = steps.get(i);
      if (s.after().isEmpty()) {
        continue;
      }
      boolean writable = s.after().values().stream().anyMatch(NodeView::writable);
      if (!writable && openedAt == null) {
        openedAt = s.from();
      } else if (writable && openedAt != null) {
        out.add(new Segment(openedAt, s.to(), null));
        openedAt = null;
      }
    }
    if (openedAt != null) {
      out.add(new Segment(openedAt, end, null));
    }
    return out;
  }

  private double x(Instant t) {
    double total = Duration.between(start, end).toNanos();
    double at = Duration.between(start, t).toNanos();
    return LABEL + Math.max(0, Math.min(1, at / total)) * (WIDTH - LABEL - RIGHT);
  }

  void write(StringBuilder h) {
    int lanesTop = STEP_ROW + GAP;
    int height = lanesTop + nodes.size() * (LANE + GAP) + AXIS + 12;
    h.append("<svg id=\"timeline\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" role=\"img\" aria-label=\"timeline of the run, one lane per node\">\n")
        .append("<defs><pattern id=\"ro\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"")
        .append(" patternTransform=\"rotate(45)\"><rect width=\"3\" height=\"6\"")
        .append(" fill=\"rgba(255,255,255,0.55)\"/></pattern></defs>\n");
    // the steps
    h.append("<g id=\"steps\">\n<text class=\"label\" x=\"8\" y=\"")
        .append(STEP_ROW - 9)
        .append("\">steps</text>\n");
    for (Span s : steps) {
      double x0 = x(s.from());
      double w = Math.max(2, x(s.to()) - x0);
      h.append("<g class=\"step ")
          .append(esc(s.outcome()))
          .append("\" data-step=\"")
          .append(s.number())
          .append("\"><title>")
          .append(esc("Step " + s.number() + ": " + s.title() + " (" + s.outcome()))
          .append(esc(durationText(s.step()) + ")"))
          .append("</title><rect x=\"")
          .append(f(x0))
          .append("\" y=\"2\" width=\"")
          .append(f(w))
          .append("\" height=\"")
          .append(STEP_ROW - 6)
          .append("\" class=\"band s")
          .append(s.number() % 2)
          .append("\"/>");
      if (w >= 16) {
        h.append("<text x=\"")
            .append(f(x0 + w / 2))
            .append("\" y=\"")
            .append(STEP_ROW - 9)
            .append("\" text-anchor=\"middle\" class=\"num\">")
            .append(s.number())
            .append("</text>");
      }
      h.append("</g>\n");
    }
    h.append("</g>\n");
    // the write-unavailable window: filled behind the lanes, so that it shows between them
    windowBackgrounds(h, lanesTop);
    // the lanes
    h.append("<g id=\"lanes\">\n");
    for (int i = 0; i < nodes.size(); i++) {
      String node = nodes.get(i);
      int y = lanesTop + i * (LANE + GAP);
      h.append("<g class=\"lane\" data-node=\"").append(esc(node)).append("\">\n");
      h.append("<text class=\"node\" x=\"8\" y=\"")
          .append(y + 15)
          .append("\">")
          .append(esc(node))
          .append("</text><text class=\"addr\" x=\"8\" y=\"")
          .append(y + 29)
          .append("\">")
          .append(esc(addresses.getOrDefault(node, "")))
          .append("</text>\n");
      NodeView previous = before.getOrDefault(node, NodeView.of(NullNode.getInstance()));
      String lastVersion = previous.version();
      for (Segment seg : segments(node)) {
        NodeView v = seg.state();
        double x0 = x(seg.from());
        double w = Math.max(1, x(seg.to()) - x0);
        h.append("<g class=\"segment role-")
            .append(v.role())
            .append(v.readOnly() ? " read-only" : "")
            .append("\" data-role=\"")
            .append(v.role())
            .append("\" data-version=\"")
            .append(esc(v.version()))
            .append("\"><title>")
            .append(esc(node + ": " + v.summary()))
            .append("</title><rect x=\"")
            .append(f(x0))
            .append("\" y=\"")
            .append(y)
            .append("\" width=\"")
            .append(f(w))
            .append("\" height=\"")
            .append(LANE)
            .append("\" class=\"role ")
            .append(v.role())
            .append("\"/>");
        if (v.readOnly()) {
          h.append("<rect x=\"")
              .append(f(x0))
              .append("\" y=\"")
              .append(y)
              .append("\" width=\"")
              .append(f(w))
              .append("\" height=\"")
              .append(LANE)
              .append("\" fill=\"url(#ro)\" class=\"ro\"/>");
        }
        String label = v.role().equals("down") ? "down" : v.role() + " " + v.version();
        if (w > label.length() * 6.5 + 6) {
          h.append("<text x=\"")
              .append(f(x0 + 4))
              .append("\" y=\"")
              .append(y + 21)
              .append("\" class=\"seg\">")
              .append(esc(label))
              .append("</text>");
        }
        h.append("</g>\n");
        boolean restarted =
            v.reachable()
                && (!previous.reachable()
                    || (!lastVersion.isEmpty()
                        && !v.version().isEmpty()
                        && !v.version().equals(lastVersion)));
        if (restarted) {
          h.append("<g class=\"restart\"><title>")
              .append(
                  esc(node + " restarted" + (v.version().isEmpty() ? "" : ", NSO " + v.version())))
              .append("</title><path d=\"M")
              .append(f(x0))
              .append(' ')
              .append(y - 4)
              .append(" l5 -5 l-10 0 z\" class=\"restart-mark\"/></g>\n");
        }
        if (!v.version().isEmpty()) {
          lastVersion = v.version();
        }
        previous = v;
      }
      h.append("</g>\n");
    }
    h.append("</g>\n");
    // the write-unavailable window's outline and label, over the lanes
    windowOutlines(h, lanesTop);
    // the axis
    long totalMs = Duration.between(start, end).toMillis();
    h.append("<g id=\"axis\">");
    for (int i = 0; i <= 4; i++) {
      Instant t = start.plusMillis(totalMs * i / 4);
      double tx = x(t);
      h.append("<text x=\"")
          .append(f(tx))
          .append("\" y=\"")
          .append(height - 4)
          .append("\" text-anchor=\"")
          .append(i == 0 ? "start" : i == 4 ? "end" : "middle")
          .append("\" class=\"tick\">")
          .append(esc(seconds(totalMs * i / 4)))
          .append("</text>");
    }
    h.append("</g>\n</svg>\n");
  }

  private int lanesBottom(int lanesTop) {
    return lanesTop + nodes.size() * (LANE + GAP) - GAP;
  }

  private void windowBackgrounds(StringBuilder h, int lanesTop) {
    int lanesBottom = lanesBottom(lanesTop);
    for (Segment w : writeWindows()) {
      double x0 = x(w.from());
      double width = Math.max(2, x(w.to()) - x0);
      h.append("<rect x=\"")
          .append(f(x0))
          .append("\" y=\"")
          .append(lanesTop - 5)
          .append("\" width=\"")
          .append(f(width))
          .append("\" height=\"")
          .append(lanesBottom - lanesTop + 10)
          .append("\" class=\"window-fill\"/>\n");
    }
  }

  private void windowOutlines(StringBuilder h, int lanesTop) {
    int lanesBottom = lanesBottom(lanesTop);
    for (Segment w : writeWindows()) {
      double x0 = x(w.from());
      double width = Math.max(2, x(w.to()) - x0);
      long ms = Duration.between(w.from(), w.to()).toMillis();
      h.append("<g class=\"write-unavailable\" data-ms=\"")
          .append(ms)
          .append("\"><title>")
          .append(esc("writes refused for at most " + seconds(ms)))
          .append("</title><rect x=\"")
          .append(f(x0))
          .append("\" y=\"")
          .append(lanesTop - 5)
          .append("\" width=\"")
          .append(f(width))
          .append("\" height=\"")
          .append(lanesBottom - lanesTop + 10)
          .append("\" class=\"window\"/><text x=\"")
          .append(f(x0 + width / 2))
          .append("\" y=\"")
          .append(lanesBottom + 18)
          .append("\" text-anchor=\"middle\" class=\"window-label\">writes refused ")
          .append(esc(seconds(ms)))
          .append("</text></g>\n");
    }
  }

  static void legend(StringBuilder h) {
    h.append("<p class=\"legend\">")
        .append("<span class=\"key primary\"></span>primary ")
        .append("<span class=\"key secondary\"></span>secondary ")
        .append("<span class=\"key none\"></span>no HA role ")
        .append("<span class=\"key down\"></span>down or unreadable ")
        .append("<span class=\"key ro\"></span>read-only ")
        .append("<span class=\"key window\"></span>writes refused ")
        .append("<span class=\"mark\">&#9660;</span> restarted")
        .append("</p>\n");
  }
}
