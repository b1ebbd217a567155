package dev.nsoha.scenarios.console;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The program's logging set-up, in code: warnings only, on standard error, with passwords and HA
 * tokens masked ({@link MaskingLayout}). {@code -Dnsoha.log.level=debug} (in {@code JAVA_OPTS})
 * shows wire traffic there; {@code --log-file} adds a debug log in a file ({@link LogFile}).
 *
 * <p>It replaces a {@code logback.xml}: parsing XML cost about a fifth of the program's start-up
 * ({@code --help}), and this does the same in a few milliseconds. Logback finds it through {@code
 * META-INF/services}. A user's own {@code -Dlogback.configurationFile} still wins.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
  /** The property that sets the console's log level. */
  public static final String LEVEL_PROPERTY = "nsoha.log.level";

  @Override
  public ExecutionStatus configure(LoggerContext ctx) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    Level level = Level.toLevel(System.getProperty(LEVEL_PROPERTY), Level.WARN);

    MaskingLayout layout = new MaskingLayout();
    layout.setContext(ctx);
    layout.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n");
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(ctx);
    encoder.setLayout(layout);
    encoder.start();
    ThresholdFilter threshold = new ThresholdFilter();
    threshold.setContext(ctx);
    threshold.setLevel(level.levelStr);
    threshold.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(ctx);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.addFilter(threshold);
    stderr.setEncoder(encoder);
    stderr.start();

    ctx.getLogger("dev.nsoha").setLevel(level);
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
