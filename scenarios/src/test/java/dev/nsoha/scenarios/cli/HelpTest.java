package dev.nsoha.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.scenarios.Main;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The help of every command reads well at 80 columns: paragraphs that picocli wraps (no hard line
 * break inside a sentence), every option's default, and examples at the end.
 */
class HelpTest {
  static Stream<String> commands() {
    List<String> names = new ArrayList<>();
    names.add("nso-ha-upgrade");
    names.addAll(Main.commandLine().getSubcommands().keySet());
    return names.stream();
  }

  private static CommandLine command(String name) {
    CommandLine root = Main.commandLine();
    return name.equals("nso-ha-upgrade") ? root : root.getSubcommands().get(name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void theHelpFitsEightyColumnsAndEndsWithExamples(String name) {
    CommandLine cl = command(name);
    cl.setUsageHelpWidth(80);
    cl.setUsageHelpAutoWidth(false);
    String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
    for (String line : help.split("\n")) {
      assertThat(line.length()).as("line of %s help: %s", name, line).isLessThanOrEqualTo(80);
    }
    String tail = help.substring(help.lastIndexOf("Examples:"));
    assertThat(help).as(help).contains("Examples:");
    assertThat(tail.lines().skip(1).filter(l -> !l.isBlank()))
        .as(tail)
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l).startsWith("  ").contains("nso-ha-upgrade"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void everyDescriptionIsWholeSentences(String name) {
    CommandSpec spec = command(name).getCommandSpec();
    List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
    for (ArgSpec a : spec.args()) {
      texts.addAll(List.of(a.description()));
    }
    for (String t : texts) {
      assertThat(t.strip())
          .as("a description of %s must be one or more whole sentences: '%s'", name, t)
          .matches("(?s)[A-Z\\[].*[.:)]")
          .doesNotContain("\n");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void everyOptionShowsItsDefault(String name) {
    for (OptionSpec o : command(name).getCommandSpec().options()) {
      if (o.usageHelp() || o.versionHelp()) {
        continue;
      }
      String text = String.join(" ", o.description()).toLowerCase(Locale.ROOT);
      assertThat(text).as("%s %s", name, o.longestName()).contains("default");
    }
  }
}
