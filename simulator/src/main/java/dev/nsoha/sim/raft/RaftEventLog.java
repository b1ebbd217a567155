package dev.nsoha.sim.raft;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raft log ({@code /ncs-config/logs/raft-log}, {@code logs/raft.log} unless named otherwise):
 * one line per event in NSO's log style, {@code <LEVEL> d-Mon-yyyy::HH:mm:ss.SSS node: text}. Each
 * line also goes to the node's log. Thread-safe.
 */
final class RaftEventLog {
  private static final Logger log = LoggerFactory.getLogger(RaftEventLog.class);
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("d-MMM-yyyy::HH:mm:ss.SSS", Locale.ROOT);

  private final Path file;
  private final String label;

  RaftEventLog(Path file, String label) {
    this.file = file;
    this.label = label;
  }

  void info(String text) {
    log.info("{}: ha-raft: {}", label, text);
    write("INFO", text);
  }

  void error(String text) {
    log.warn("{}: ha-raft: {}", label, text);
    write("ERROR", text);
  }

  private synchronized void write(String level, String text) {
    if (file == null) {
      return;
    }
    String line =
        "<" + level + "> " + TS.format(LocalDateTime.now()) + " " + label + ": " + text + "\n";
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      log.warn("{}: cannot write {}: {}", label, file, e.getMessage());
    }
  }
}
