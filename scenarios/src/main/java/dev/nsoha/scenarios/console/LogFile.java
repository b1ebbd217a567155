package dev.nsoha.scenarios.console;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.nsoha.core.io.PrivateFiles;
import dev.nsoha.scenarios.input.UsageException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The {@code --log-file} debug log: everything the program's loggers say at debug, including the
 * transports' wire exchange, appended to one file through {@link MaskingLayout}, so that passwords
 * and HA tokens never reach it. The console keeps its own level.
 */
public final class LogFile {
  private static final String LOGGERS = "dev.nsoha";
  private static FileAppender<ILoggingEvent> appender;
  private static Level levelBefore;

  private LogFile() {}

  /**
   * Starts logging to {@code file}.
   *
   * @throws UsageException when the file cannot be opened
   */
  public static synchronized void open(Path file) {
    close();
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext ctx)) {
      throw new UsageException(
          "--log-file needs logback, but the logging backend is " + factory.getClass().getName());
    }
    MaskingLayout layout = new MaskingLayout();
    layout.setContext(ctx);
    layout.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{30} - %msg%n");
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(ctx);
    encoder.setLayout(layout);
    encoder.start();
    FileAppender<ILoggingEvent> fa = new FileAppender<>();
    fa.setContext(ctx);
    fa.setName("log-file");
    try {
      PrivateFiles.touch(file);
    } catch (UncheckedIOException e) {
      throw new UsageException(
          "cannot write the log file " + file + " (--log-file): " + e.getMessage(), e);
    }
    fa.setFile(file.toAbsolutePath().toString());
    fa.setAppend(true);
    fa.setEncoder(encoder);
    fa.start();
    if (!fa.isStarted()) {
      throw new UsageException(
          "cannot write the log file "
              + file
              + " (--log-file): check the directory and permissions");
    }
    Logger logger = ctx.getLogger(LOGGERS);
    levelBefore = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    logger.addAppender(fa);
    appender = fa;
  }

  /** Stops logging to the file, if it was started. */
  public static synchronized void close() {
    if (appender == null) {
      return;
    }
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger logger = ctx.getLogger(LOGGERS);
    logger.detachAppender(appender);
    logger.setLevel(levelBefore);
    appender.stop();
    appender = null;
  }
}
