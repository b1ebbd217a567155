package dev.nsoha.scenarios;

import dev.nsoha.core.error.AuthenticationException;
import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.scenarios.cli.ExampleCommand;
import dev.nsoha.scenarios.cli.JournalCommand;
import dev.nsoha.scenarios.cli.PlanCommand;
import dev.nsoha.scenarios.cli.PreflightCommand;
import dev.nsoha.scenarios.cli.RollbackCommand;
import dev.nsoha.scenarios.cli.StatusCommand;
import dev.nsoha.scenarios.cli.UpgradeNsoCommand;
import dev.nsoha.scenarios.cli.UpgradePkgsSysCommand;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code nso-ha-upgrade} command. */
@Command(
    name = "nso-ha-upgrade",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    description = {
      "Upgrades a Cisco NSO rule-based HA cluster (one primary, two secondaries) safely: NSO version",
      "upgrades node by node with failover, and package upgrades with 'packages ha sync and-reload'.",
      "Works over NSO's CLI (SSH) or RESTCONF, on real nodes or on the bundled NSO simulator."
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
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 done and verified, 1 a step or the verification failed (the message says where and",
      "what state each node is in), 2 bad command line, 3 a node unreachable or credentials refused before",
      "any change, 4 internal error, 5 preflight found the cluster not ready (nothing was changed)."
    })
public final class Main implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the program with the given output streams and returns its exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  /** The configured command line: exceptions map to exit codes here, and only here. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> {
          PrintWriter err = cmd.getErr();
          if (e instanceof IllegalArgumentException) {
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
    return cl;
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"nso-ha-upgrade " + (v == null ? "development build" : v)};
    }
  }
}
