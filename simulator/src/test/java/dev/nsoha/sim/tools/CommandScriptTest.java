package dev.nsoha.sim.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandScriptTest {
  @Test
  void splitsOnSemicolonsAndNewlinesAndUnquotes() {
    assertThat(CommandScript.parse("mrtrans; maapi_get \"/high-availability/status/mode\""))
        .containsExactly(
            List.of("mrtrans"), List.of("maapi_get", "/high-availability/status/mode"));
    assertThat(CommandScript.parse("mrtrans\n  mexists /a/b{n2}/address  \n\n"))
        .containsExactly(List.of("mrtrans"), List.of("mexists", "/a/b{n2}/address"));
  }

  @Test
  void keepsBlanksAndSemicolonsInsideQuotesAndSkipsComments() {
    assertThat(
            CommandScript.parse(
                "# set it\nmset \"/d/dummy{d1}/description\" \"hello; \\\"world\\\"\" # done"))
        .containsExactly(List.of("mset", "/d/dummy{d1}/description", "hello; \"world\""));
    assertThat(CommandScript.parse("maction /x{a b}/y"))
        .containsExactly(List.of("maction", "/x{a b}/y"));
  }

  @Test
  void rejectsAnUnterminatedQuote() {
    assertThatThrownBy(() -> CommandScript.parse("mget \"/a"))
        .hasMessageContaining("unterminated quote");
  }
}
