package dev.nsoha.bench;

import java.util.Locale;

/**
 * The benchmark's chart, drawn as SVG: for each cluster size and strategy, the total upgrade time
 * and the write-unavailable window, in node restarts.
 */
final class Chart {
  private Chart() {}

  static String svg(Results r) {
    int barW = 34;
    int gap = 10;
    int groupGap = 40;
    int height = 300;
    int top = 40;
    int left = 60;
    double max = 1;
    for (Results.Run run : r.runs) {
      double t = r.restarts(run, run.totalSeconds);
      max = Double.isNaN(t) ? max : Math.max(max, t);
    }
    max = Math.ceil(max);
    int width = left + r.runs.size() * (2 * barW + gap + groupGap) + 40;
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n",
            width,
            height + top + 70));
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"20\" font-size=\"14\">NSO upgrade: total and write-unavailable"
                + " window, in node restarts of each run's start cost</text>%n",
            left));
    for (int i = 0; i <= max; i++) {
      double y = top + height - height * i / max;
      sb.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>%n",
              left,
              y,
              width - 20,
              y,
              left - 6,
              y + 4,
              i));
    }
    int x = left + 10;
    for (Results.Run run : r.runs) {
      double total = r.restarts(run, run.totalSeconds);
      double window = r.restarts(run, run.windowSeconds);
      bar(sb, x, total, max, height, top, barW, "#4477aa");
      bar(sb, x + barW + gap, window, max, height, top, barW, "#ee6677");
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d nodes, %s</text>"
                  + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
              x + barW + gap / 2,
              top + height + 18,
              run.nodes,
              run.cost,
              x + barW + gap / 2,
              top + height + 34,
              run.strategy));
      x += 2 * barW + gap + groupGap;
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"#4477aa\"/>"
                + "<text x=\"%d\" y=\"%d\">total</text>"
                + "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"#ee6677\"/>"
                + "<text x=\"%d\" y=\"%d\">write-unavailable window</text>%n",
            left,
            top + height + 48,
            left + 16,
            top + height + 58,
            left + 80,
            top + height + 48,
            left + 96,
            top + height + 58));
    sb.append("</svg>\n");
    return sb.toString();
  }

  private static void bar(
      StringBuilder sb, int x, double v, double max, int height, int top, int w, String color) {
    double h = Double.isNaN(v) ? 0 : height * Math.min(v, max) / max;
    sb.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>"
                + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.2f</text>%n",
            x,
            top + height - h,
            w,
            h,
            color,
            x + w / 2.0,
            top + height - h - 4,
            v));
  }
}
