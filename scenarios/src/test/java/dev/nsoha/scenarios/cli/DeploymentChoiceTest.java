package dev.nsoha.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.scenarios.ExitCodes;
import dev.nsoha.scenarios.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One command line for every command that reads or changes a cluster: {@code status}, {@code plan},
 * {@code preflight}, {@code rollback} and {@code journal show} take exactly the options of the
 * upgrades (plus their own few), so the deployment (local, SSH, containers) is described once.
 */
class DeploymentChoiceTest {
  private static Set<String> options(String... path) {
    CommandLine cl = Main.commandLine();
    for (String p : path) {
      cl = cl.getSubcommands().get(p);
    }
    Set<String> names = new TreeSet<>();
    for (OptionSpec o : cl.getCommandSpec().options()) {
      names.addAll(List.of(o.names()));
    }
    return names;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"upgrade-pkgs-sys", "status", "plan", "preflight", "rollback", "journal show"})
  void everyClusterCommandTakesTheOptionsOfTheUpgrade(String command) {
    Set<String> upgrade = options("upgrade-nso");
    Set<String> own = options(command.split(" "));
    assertThat(own)
        .as("%s takes every option of upgrade-nso", command)
        .containsAll(upgrade)
        .contains("--containers", "--image", "--installer", "--cluster-file", "--run-root");
    Set<String> extra = new TreeSet<>(own);
    extra.removeAll(upgrade);
    assertThat(extra)
        .as("%s adds only its own few options", command)
        .isSubsetOf("--watch", "-w", "--count", "--discard-changes", "--json");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"status", "plan upgrade-nso", "preflight upgrade-nso", "upgrade-nso"})
  void anImageWithoutContainersIsRefusedNamingTheWayToAskForThem(String command) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.addAll(List.of("-a", "10.0.0.1", "--image", "nso-sim:6.5.1"));
    int code =
        Main.run(
            new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    assertThat(code).as("%s%s", out, err).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains(
            "--image is for nodes in containers: add --containers, or node.<id>.host=container");
  }
}
