package dev.nsoha.transport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShellSinkTest {
  @Test
  void outputBeyondTheLimitIsNotKeptAndEndsTheWait() throws Exception {
    int limit = 4 * 1024 * 1024;
    ShellSink sink = new ShellSink(limit);
    byte[] chunk = "x".repeat(1024 * 1024).getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i <= limit / chunk.length; i++) {
      sink.write(chunk, 0, chunk.length);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    assertThat(sink.await(t -> t.toString().endsWith("# "), deadline, () -> true))
        .isEqualTo(ShellSink.Outcome.OVERFLOW);
    assertThat(sink.peek().length()).isLessThanOrEqualTo(limit);
    assertThat(sink.received()).isGreaterThan(limit);

    // A drain starts afresh: the next reply is read normally.
    sink.drain();
    sink.write("ok\nadmin@n1# ".getBytes(StandardCharsets.UTF_8), 0, 13);
    assertThat(sink.await(t -> t.toString().endsWith("# "), deadline, () -> true))
        .isEqualTo(ShellSink.Outcome.MATCHED);
  }
}
