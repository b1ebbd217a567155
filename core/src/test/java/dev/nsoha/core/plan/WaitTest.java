package dev.nsoha.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.error.NsoTimeoutException;
import dev.nsoha.core.error.UnreachableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaitTest {
  @Test
  void returnsTheFirstObservationThatSatisfiesTheCondition() {
    AtomicInteger n = new AtomicInteger();
    int v =
        Wait.until(
            "the counter reaches 3",
            "n1",
            n::incrementAndGet,
            x -> x >= 3,
            String::valueOf,
            Duration.ofSeconds(5));
    assertThat(v).isEqualTo(3);
  }

  @Test
  void aProbeThatThrowsIsAnObservationNotAFailure() {
    AtomicInteger n = new AtomicInteger();
    List<String> seen = new ArrayList<>();
    String v =
        Wait.until(
            "n1 answers",
            "n1",
            () -> {
              if (n.incrementAndGet() < 3) {
                throw new UnreachableException(
                    "n1 (127.0.1.1, cli)", "read HA status", "Connection refused");
              }
              return "primary";
            },
            "primary"::equals,
            s -> s,
            Duration.ofSeconds(5),
            (c, s) -> seen.add(s));
    assertThat(v).isEqualTo("primary");
    assertThat(seen)
        .hasSize(2)
        .allSatisfy(s -> assertThat(s).startsWith("unreachable: ").contains("Connection refused"));
  }

  @Test
  void theTimeoutNamesTheNodeTheConditionAndTheLastObservation() {
    long t0 = System.nanoTime();
    assertThatThrownBy(
            () ->
                Wait.until(
                    "n2 is primary",
                    "n2 (127.0.2.1)",
                    () -> "secondary",
                    "primary"::equals,
                    s -> "mode " + s,
                    Duration.ofMillis(300)))
        .isInstanceOf(NsoTimeoutException.class)
        .hasMessage(
            "n2 (127.0.2.1): wait until n2 is primary: not reached within 300 ms; last observed: mode secondary");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
  }
}
