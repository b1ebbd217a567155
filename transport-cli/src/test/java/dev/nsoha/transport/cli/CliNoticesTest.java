package dev.nsoha.transport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which lines of a reply are asynchronous notices (issue 27, item 7). */
class CliNoticesTest {
  @Test
  void alarmsBannersAndMessagesWithTheirTextAreNotices() {
    CliSession.Lines l =
        CliSession.withoutNotices(
            List.of(
                "{",
                "*** ALARM ha-primary-down: Lost connection to primary",
                "  \"a\": 1,",
                "System message at 2026-12-07 23:40:12...",
                "Commit performed by admin via ssh using cli.",
                "  \"b\": 2,",
                "Message from oper at 2026-12-07 23:40:13...",
                "going down for maintenance",
                ">>> System upgrade is in progress.",
                "}"));
    assertThat(l.output()).containsExactly("{", "  \"a\": 1,", "  \"b\": 2,", "}");
    assertThat(l.notices()).hasSize(6);
  }

  @Test
  void ordinaryLinesThatMentionMessagesStay() {
    List<String> lines =
        List.of("info System message at noon", "result true", "description \"Message from x\"");
    assertThat(CliSession.withoutNotices(lines).output()).isEqualTo(lines);
  }
}
