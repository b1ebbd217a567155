package dev.nsoha.sim.cli.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLinesTest {

  private static List<String> words(String line) throws Exception {
    return CommandLines.tokenize(line).stream().map(Token::text).toList();
  }

  @Test
  void splitsWordsQuotesAndBraces() throws Exception {
    assertThat(words("dummies dummy d1 description \"hello world\""))
        .containsExactly("dummies", "dummy", "d1", "description", "hello world");
    assertThat(words("packages ha sync and-reload { wait-commit-queue-empty }"))
        .containsExactly(
            "packages", "ha", "sync", "and-reload", "{", "wait-commit-queue-empty", "}");
    assertThat(words("packages ha sync and-reload {wait-commit-queue-empty}"))
        .containsExactly(
            "packages", "ha", "sync", "and-reload", "{", "wait-commit-queue-empty", "}");
    assertThat(words("device [ a b ]")).containsExactly("device", "[", "a", "b", "]");
    assertThat(words("device [a b]")).containsExactly("device", "[", "a", "b", "]");
    assertThat(words("alarm ncs ha-primary-down /high-availability/ha-node[id='n1'] \"\""))
        .containsExactly(
            "alarm", "ncs", "ha-primary-down", "/high-availability/ha-node[id='n1']", "");
    assertThat(words("x \"say \\\"hi\\\" {now}\"")).containsExactly("x", "say \"hi\" {now}");
    assertThat(CommandLines.tokenize("x \"{\"").get(1).is("{")).isFalse();
    assertThat(words("token $9$abc==")).containsExactly("token", "$9$abc==");
    assertThat(words("  ")).isEmpty();
  }

  @Test
  void unterminatedQuoteIsASyntaxError() {
    assertThatThrownBy(() -> CommandLines.tokenize("description \"open"))
        .hasMessage("syntax error: unterminated quoted string");
  }

  @Test
  void pipesAndSemicolonsOutsideQuotes() {
    assertThat(CommandLines.splitPipes("show high-availability | notab | include \"a|b\""))
        .containsExactly("show high-availability", "notab", "include \"a|b\"");
    assertThat(CommandLines.split("switch cli; show x; dummies dummy d1 description \"a;b\"", ';'))
        .containsExactly("switch cli", "show x", "dummies dummy d1 description \"a;b\"");
  }

  @Test
  void promptEscapes() {
    assertThat(Prompts.DEFAULTS.expand(CliStyle.C, "", "admin", "box.example.com"))
        .isEqualTo("admin@ncs# ");
    assertThat(Prompts.DEFAULTS.expand(CliStyle.C, "config-dummy-d1", "admin", "h"))
        .isEqualTo("admin@ncs(config-dummy-d1)# ");
    assertThat(Prompts.DEFAULTS.expand(CliStyle.J, "", "admin", "h")).isEqualTo("admin@ncs> ");
    assertThat(Prompts.DEFAULTS.expand(CliStyle.J, "config", "admin", "h"))
        .isEqualTo("admin@ncs% ");
    assertThat(Prompts.expand("\\u@\\h\\M# ", "config", "oper", "box.example.com"))
        .isEqualTo("oper@box(config)# ");
    assertThat(Prompts.expand("\\u@\\H\\M# ", "", "oper", "box.example.com"))
        .isEqualTo("oper@box.example.com# ");
  }
}
