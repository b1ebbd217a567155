package dev.nsoha.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.scenarios.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion script that {@code completion} prints, sourced into a real bash. */
class CompletionTest {
  @TempDir Path dir;

  private List<String> complete(String line) throws IOException, InterruptedException {
    StringWriter script = new StringWriter();
    assertThat(Main.run(new PrintWriter(script), new PrintWriter(new StringWriter()), "completion"))
        .isZero();
    Path file = Files.writeString(dir.resolve("completion.bash"), script.toString());
    String driver =
        "source '"
            + file
            + "'\n"
            + "line='"
            + line
            + "'\n"
            + "read -ra COMP_WORDS <<< \"$line\"\n"
            + "[[ \"$line\" == *' ' ]] && COMP_WORDS+=('')\n"
            + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
            + "COMP_LINE=\"$line\"; COMP_POINT=${#line}\n"
            // compopt works only inside a completion that bash itself started
            + "compopt() { :; }\n"
            + "fn=$(complete -p nso-ha-upgrade | sed -E 's/.*-F ([^ ]+).*/\\1/')\n"
            + "\"$fn\" nso-ha-upgrade \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n"
            + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Process p =
        new ProcessBuilder("bash", "--norc", "--noprofile", "-c", driver)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  @Test
  void bashCompletesTheCommands() throws Exception {
    assertThat(complete("nso-ha-upgrade up"))
        .containsExactlyInAnyOrder("upgrade-nso", "upgrade-pkgs-sys");
    assertThat(complete("nso-ha-upgrade ")).contains("example", "status", "report", "completion");
  }

  @Test
  void bashCompletesTheOptionsOfACommandAndTheirValues() throws Exception {
    assertThat(complete("nso-ha-upgrade upgrade-nso --ha")).contains("--ha-timeout");
    assertThat(complete("nso-ha-upgrade status --wa")).containsExactly("--watch");
    assertThat(complete("nso-ha-upgrade example up"))
        .containsExactlyInAnyOrder("upgrade-nso", "upgrade-pkgs-sys");
  }
}
