package dev.nsoha.sim.node;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logging of the simulator's own processes, set up in code (an XML configuration cost a good part
 * of every node start). It acts only when {@code -Dnsosim.log} says which process this is:
 *
 * <ul>
 *   <li>{@code daemon}: a node ({@code ncs}). Everything from INFO on goes to {@code
 *       -Dnsosim.logfile} (the node's {@code ncs.log}), and to standard error from {@code
 *       -Dnsosim.console.level} on (default INFO);
 *   <li>{@code tools}: {@code ncsc} and the other Java tools, warnings on standard error.
 * </ul>
 *
 * Otherwise (the simulator embedded in a test or another program) it leaves logging to the host
 * program's configuration. Logback finds it through {@code META-INF/services}.
 */
public final class SimLogConfigurator extends ContextAwareBase implements Configurator {
  /** The property naming the process kind: {@code daemon} or {@code tools}. */
  public static final String PROCESS = "nsosim.log";

  @Override
  public ExecutionStatus configure(LoggerContext ctx) {
    String kind = System.getProperty(PROCESS);
    if (kind == null || System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    ctx.getLogger("org.apache.sshd").setLevel(Level.WARN);
    if (kind.equals("daemon")) {
      root.setLevel(Level.INFO);
      root.addAppender(
          console(ctx, Level.toLevel(System.getProperty("nsosim.console.level"), Level.INFO)));
      FileAppender<ILoggingEvent> file = new FileAppender<>();
      file.setContext(ctx);
      file.setName("FILE");
      file.setFile(System.getProperty("nsosim.logfile", "/dev/null"));
      file.setAppend(true);
      file.setEncoder(
          encoder(ctx, "%d{yyyy-MM-dd'T'HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n"));
      file.start();
      root.addAppender(file);
    } else {
      root.setLevel(Level.WARN);
      root.addAppender(console(ctx, Level.WARN));
    }
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static ConsoleAppender<ILoggingEvent> console(LoggerContext ctx, Level threshold) {
    ThresholdFilter filter = new ThresholdFilter();
    filter.setContext(ctx);
    filter.setLevel(threshold.levelStr);
    filter.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(ctx);
    console.setName("CONSOLE");
    console.setTarget("System.err");
    console.addFilter(filter);
    console.setEncoder(encoder(ctx, "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n"));
    console.start();
    return console;
  }

  private static PatternLayoutEncoder encoder(LoggerContext ctx, String pattern) {
    PatternLayoutEncoder e = new PatternLayoutEncoder();
    e.setContext(ctx);
    e.setPattern(pattern);
    e.start();
    return e;
  }
}
