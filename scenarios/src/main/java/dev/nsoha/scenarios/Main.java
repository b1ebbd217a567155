package dev.nsoha.scenarios;

import dev.nsoha.core.error.AuthenticationException;
import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.scenarios.cli.CompletionCommand;
import dev.nsoha.scenarios.cli.ExampleCommand;
import dev.nsoha.scenarios.cli.InputChecks;
import dev.nsoha.scenarios.cli.JournalCommand;
import dev.nsoha.scenarios.cli.PlanCommand;
import dev.nsoha.scenarios.cli.PreflightCommand;
import dev.nsoha.scenarios.cli.ReportCommand;
import dev.nsoha.scenarios.cli.RollbackCommand;
import dev.nsoha.scenarios.cli.StatusCommand;
import dev.nsoha.scenarios.cli.UpgradeNsoCommand;
import dev.nsoha.scenarios.cli.UpgradePkgsSysCommand;
import dev.nsoha.scenarios.console.LogFile;
import dev.nsoha.scenarios.console.OutputSettings;
import dev.nsoha.scenarios.containers.ImageCommand;
import dev.nsoha.scenarios.input.UsageException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code nso-ha-upgrade} command. */
@Command(
    name = "nso-ha-upgrade",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Upgrades a Cisco NSO rule-based HA cluster (one primary, two secondaries) safely: NSO version"
          + " upgrades node by node with failover, and package upgrades with 'packages ha sync"
          + " and-reload'. It works over NSO's CLI (SSH) or RESTCONF, on real nodes or on the bundled"
          + " NSO simulator."
    },
    subcommands = {
      ExampleCommand.class,
      UpgradeNsoCommand.class,
      UpgradePkgsSysCommand.class,
      StatusCommand.class,
      PlanCommand.class,
      JournalCommand.class,
      PreflightCommand.class,
      RollbackCommand.class,
      ReportCommand.class,
      CompletionCommand.class,
      ImageCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 done and verified, 1 a step or the verification failed (the message says where"
          + " and what state each node is in), 2 bad command line or installer, 3 a node or host"
          + " unreachable or credentials refused (password, SSH key, host key, certificate, sudo)"
          + " before any change, 4 internal error, 5 preflight found the cluster not ready"
          + " (nothing was changed).",
      "",
      "Examples:",
      "  nso-ha-upgrade example upgrade-nso",
      "  nso-ha-upgrade status -a 10.0.0.1 -b 10.0.0.2 -c 10.0.0.3"
    })
public final class Main implements Callable<Integer>, OutputSettings {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  @Spec CommandSpec spec;

  @Option(
      names = {"-q", "--quiet"},
      scope = ScopeType.INHERIT,
      description =
          "Print only the result: no step-by-step progress, no waiting line (default: off).")
  boolean quiet;

  @Option(
      names = "--no-color",
      scope = ScopeType.INHERIT,
      description =
          "Never colour the output. Colours are used only on a terminal, and never when the"
              + " NO_COLOR environment variable is set (default: off).")
  boolean noColor;

  @Option(
      names = "--log-file",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description =
          "Append a debug log to FILE: every step, wait and node state, and each transport's wire"
              + " exchange (CLI commands and replies, RESTCONF requests and responses), with"
              + " passwords and HA tokens masked (default: none).")
  Path logFile;

  /** Whether standard output is this process's own terminal; set by {@link #main} only. */
  private boolean stdoutIsConsole;

  @Override
  public boolean stdoutIsConsole() {
    return stdoutIsConsole;
  }

  @Override
  public boolean noColor() {
    return noColor;
  }

  @Override
  public boolean quiet() {
    return quiet;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  public static void main(String[] args) {
    CommandLine cl = commandLine();
    ((Main) cl.getCommand()).stdoutIsConsole = System.console() != null;
    UpgradeRun.startClock(ProcessHandle.current().info().startInstant().orElse(Instant.now()));
    System.exit(
        run(cl, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the program with the given output streams and returns its exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    UpgradeRun.startClock(Instant.now());
    return run(commandLine(), out, err, args);
  }

  private static int run(CommandLine cl, PrintWriter out, PrintWriter err, String... args) {
    cl.setOut(out);
    cl.setErr(err);
    try {
      return cl.execute(args);
    } finally {
      LogFile.close();
    }
  }

  /** The configured command line: exceptions map to exit codes here, and only here. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    CommandLine help = cl.getSubcommands().get("help");
    help.getCommandSpec()
        .usageMessage()
        .description("Print the help of the program, or of the command named.")
        .footer("", "Examples:", "  nso-ha-upgrade help", "  nso-ha-upgrade help upgrade-nso");
    cl.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> {
          PrintWriter err = cmd.getErr();
          if (e instanceof UsageException) {
            err.println("nso-ha-upgrade: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
          }
          if (e instanceof UnreachableException || e instanceof AuthenticationException) {
            err.println("nso-ha-upgrade: " + e.getMessage());
            err.println("nso-ha-upgrade: nothing was changed.");
            err.flush();
            return ExitCodes.UNREACHABLE;
          }
          if (e instanceof NsoException) {
            err.println("nso-ha-upgrade: " + e.getMessage());
            err.flush();
            return ExitCodes.FAILED;
          }
          log.error("internal error", e);
          err.println("nso-ha-upgrade: internal error: " + e);
          err.flush();
          return ExitCodes.INTERNAL;
        });
    cl.setParameterExceptionHandler(
        (e, args) -> {
          // One line: what is wrong and where the help is, not the whole usage text.
          CommandLine bad = e.getCommandLine();
          String path = bad.getCommandSpec().qualifiedName();
          PrintWriter err = bad.getErr();
          err.println(
              "nso-ha-upgrade: "
                  + e.getMessage().strip().replaceAll("\\s*\\R\\s*", "; ")
                  + " (see '"
                  + path
                  + " --help'). Nothing was changed.");
          err.flush();
          return ExitCodes.USAGE;
        });
    cl.setExecutionStrategy(
        parseResult -> {
          Main main = (Main) cl.getCommand();
          if (main.noColor) {
            Help.ColorScheme plain = Help.defaultColorScheme(Help.Ansi.OFF);
            setColorScheme(cl, plain);
          }
          if (main.logFile != null) {
            try {
              LogFile.open(main.logFile);
            } catch (UsageException e) {
              cl.getErr().println("nso-ha-upgrade: " + e.getMessage());
              cl.getErr().flush();
              return ExitCodes.USAGE;
            }
            log.debug("nso-ha-upgrade {}", String.join(" ", parseResult.originalArgs()));
          }
          try {
            InputChecks.check(parseResult);
          } catch (UsageException e) {
            cl.getErr().println("nso-ha-upgrade: " + e.getMessage());
            cl.getErr().flush();
            return ExitCodes.USAGE;
          }
          return new CommandLine.RunLast().execute(parseResult);
        });
    return cl;
  }

  private static void setColorScheme(CommandLine cl, Help.ColorScheme scheme) {
    cl.setColorScheme(scheme);
    cl.getSubcommands().values().forEach(sub -> setColorScheme(sub, scheme));
  }

  /** The version from the jar's manifest, and the Java runtime that runs it. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {
        "nso-ha-upgrade " + (v == null ? "development build" : v),
        "Java "
            + Runtime.version()
            + " ("
            + System.getProperty("java.vendor")
            + ", "
            + System.getProperty("java.vm.name")
            + ") in "
            + System.getProperty("java.home")
      };
    }
  }
}
