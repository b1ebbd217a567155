package dev.nsoha.core.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.model.Alarm;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HaAlarmCheckTest {
  private static Alarm alarm(String type, String mo, boolean cleared, String text) {
    return new Alarm(
        "ncs", type, mo, "", "critical", cleared, Optional.of("2026-11-27T10:00:00+00:00"), text);
  }

  private static final Alarm N3_DOWN =
      alarm(
          "ha-secondary-down",
          "/tailf-ncs:high-availability/ha-node[id='n3']",
          false,
          "Lost connection to secondary");

  @Test
  void aRaisedHaAlarmIsANoGoRowThatNamesTheNodeTheAlarmAndTheFix() {
    List<PreflightItem> rows = HaAlarmCheck.rows("n1", List.of(N3_DOWN));
    assertThat(rows)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.ok()).isFalse();
              assertThat(r.kind()).isEqualTo(PreflightItem.Kind.NOT_READY);
              assertThat(r.check()).isEqualTo("ha-alarms");
              assertThat(r.subject()).isEqualTo("n1");
              assertThat(r.detail())
                  .contains("ha-secondary-down")
                  .contains("on n3")
                  .contains("Lost connection to secondary");
              assertThat(r.fix()).hasValueSatisfying(f -> assertThat(f).contains("bring n3 back"));
            });
  }

  @Test
  void clearedAlarmsGoAndOtherAlarmsOnlyWarn() {
    Alarm cleared =
        alarm(
            "ha-primary-down",
            "/tailf-ncs:high-availability/ha-node[id='n1']",
            true,
            "Lost connection to primary due to: Primary closed connection");
    Alarm outOfSync = alarm("out-of-sync", "/devices/device[name='c0']", false, "Device c0");
    List<PreflightItem> rows = HaAlarmCheck.rows("n2", List.of(cleared, outOfSync));
    assertThat(rows).allSatisfy(r -> assertThat(r.ok()).isTrue());
    assertThat(rows.get(0).detail()).isEqualTo("no HA alarm raised (1 cleared)");
    assertThat(rows.get(0).warning()).isFalse();
    assertThat(rows.get(1).warning()).isTrue();
    assertThat(rows.get(1).detail()).contains("not blocking").contains("out-of-sync");
  }

  @Test
  void noAlarmAtAllGoes() {
    assertThat(HaAlarmCheck.rows("n3", List.of()))
        .singleElement()
        .satisfies(r -> assertThat(r.detail()).isEqualTo("no HA alarm raised"));
  }

  @Test
  void anUnreadableListCannotGo() {
    PreflightItem r = HaAlarmCheck.unreadable("n2", "access denied");
    assertThat(r.ok()).isFalse();
    assertThat(r.detail()).contains("access denied");
  }
}
