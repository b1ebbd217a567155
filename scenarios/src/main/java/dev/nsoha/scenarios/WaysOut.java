package dev.nsoha.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The two ways out of a run that stopped: the same command line again (it continues from the run
 * journal once the named problem is fixed), and {@code rollback} with the same options, which
 * returns the cluster to where the run found it. Both are printed as the user can paste them.
 *
 * @param rerun the command line of the run, as given
 * @param rollback the rollback command line with the run's options
 */
public record WaysOut(String rerun, String rollback) {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  /**
   * The ways out of the command {@code spec} runs, from its original arguments; empty where the
   * program does not run from a parsed command line.
   */
  public static Optional<WaysOut> of(CommandSpec spec) {
    CommandLine root = spec.root().commandLine();
    CommandLine.ParseResult parsed = root.getParseResult();
    if (parsed == null || root.getSubcommands().get("rollback") == null) {
      return Optional.empty();
    }
    List<String> args = parsed.originalArgs();
    List<String> rerun = args;
    if (spec.name().equals("example")) {
      // The example sets the cluster up again from nothing: the rerun is the upgrade itself.
      Optional<String> scenario =
          args.stream().filter(a -> root.getSubcommands().containsKey(a)).skip(1).findFirst();
      if (scenario.isEmpty()) {
        return Optional.empty();
      }
      rerun = as(args, spec, root.getSubcommands().get(scenario.get()));
    }
    return Optional.of(
        new WaysOut(line(rerun), line(as(args, spec, root.getSubcommands().get("rollback")))));
  }

  /**
   * {@code args}, which run the command {@code spec}, as arguments of the command {@code other}:
   * the command's name replaced, its positional arguments and the options {@code other} does not
   * take left out.
   */
  private static List<String> as(List<String> args, CommandSpec spec, CommandLine other) {
    List<String> out = new ArrayList<>();
    boolean inCommand = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!inCommand) {
        if (a.equals(spec.name())) {
          inCommand = true;
          out.add(other.getCommandName());
        } else {
          out.add(a);
        }
        continue;
      }
      if (!a.startsWith("-")) {
        continue; // a positional argument
      }
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      OptionSpec mine = spec.findOption(name);
      boolean takesValue = mine != null && mine.arity().max() > 0 && !a.contains("=");
      if (other.getCommandSpec().findOption(name) != null) {
        out.add(a);
        if (takesValue && i + 1 < args.size()) {
          out.add(args.get(i + 1));
        }
      }
      if (takesValue) {
        i++;
      }
    }
    return out;
  }

  private static String line(List<String> args) {
    return "nso-ha-upgrade " + args.stream().map(WaysOut::quote).collect(Collectors.joining(" "));
  }

  /** {@code a} as a shell reads it back: in single quotes unless it needs none. */
  static String quote(String a) {
    return PLAIN.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'";
  }
}
