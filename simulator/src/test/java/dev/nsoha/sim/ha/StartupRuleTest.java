package dev.nsoha.sim.ha;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The start-up rule table of reference §2.2, row by row. */
class StartupRuleTest {
  @ParameterizedTest(name = "assume-nominal-role {0}, join-ha {1}, nominal-role {2}: {3}")
  @CsvSource({
    "true,  false, PRIMARY,   BECOME_PRIMARY",
    "true,  false, SECONDARY, JOIN_NOMINAL_PRIMARY_ONCE",
    "true,  false, NONE,      NONE",
    "false, true,  PRIMARY,   SEEK_FOR_EVER",
    "false, true,  SECONDARY, SEEK_THEN_NONE",
    "false, true,  NONE,      NONE",
    "true,  true,  PRIMARY,   JOIN_PRIMARY_OR_BECOME_PRIMARY",
    "true,  true,  SECONDARY, SEEK_THEN_NONE",
    "true,  true,  NONE,      NONE",
    "false, false, PRIMARY,   NONE",
    "false, false, SECONDARY, NONE",
    "false, false, NONE,      NONE"
  })
  void tableRow(boolean assume, boolean join, HaRole nominal, StartupRule expected) {
    assertThat(StartupRule.of(assume, join, nominal)).isEqualTo(expected);
  }
}
