package dev.nsoha.scenarios.cli;

import dev.nsoha.scenarios.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints the bash (and zsh) completion script of the whole program. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description =
        "Print a bash completion script for nso-ha-upgrade, its commands and their options. It"
            + " also works in zsh after 'autoload -U +X bashcompinit && bashcompinit'. The"
            + " distribution ships the same script as bin/nso-ha-upgrade-completion.bash.",
    footer = {
      "",
      "Examples:",
      "  source <(nso-ha-upgrade completion)",
      "  nso-ha-upgrade completion > /etc/bash_completion.d/nso-ha-upgrade"
    })
public final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
    out.flush();
    return ExitCodes.OK;
  }
}
