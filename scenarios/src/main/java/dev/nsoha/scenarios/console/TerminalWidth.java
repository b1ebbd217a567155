package dev.nsoha.scenarios.console;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The width of the terminal the program runs in: {@code $COLUMNS}, else {@code stty size}. */
public final class TerminalWidth {
  private static final Logger log = LoggerFactory.getLogger(TerminalWidth.class);

  /** The width assumed when none can be found. */
  public static final int DEFAULT = 80;

  private TerminalWidth() {}

  /** The terminal's width in columns, or {@link #DEFAULT}. */
  public static int columns(Map<String, String> env) {
    try {
      int c = Integer.parseInt(env.getOrDefault("COLUMNS", "").trim());
      if (c > 0) {
        return c;
      }
    } catch (NumberFormatException e) {
      // not set: ask the terminal
    }
    File tty = new File("/dev/tty");
    if (!tty.canRead()) {
      return DEFAULT;
    }
    try {
      Process p =
          new ProcessBuilder("stty", "size")
              .redirectInput(tty)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      if (!p.waitFor(2, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return DEFAULT;
      }
      String[] parts = answer.trim().split("\\s+");
      int c = parts.length == 2 ? Integer.parseInt(parts[1]) : 0;
      return c > 0 ? c : DEFAULT;
    } catch (IOException | NumberFormatException e) {
      log.debug("no terminal width from stty: {}", e.toString());
      return DEFAULT;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DEFAULT;
    }
  }
}
