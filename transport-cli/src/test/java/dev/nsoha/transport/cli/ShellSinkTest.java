package dev.nsoha.transport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShellSinkTest {
  @Test
  void outputBeyondTheLimitIsNotKeptAndEndsTheWait() throws Exception {
    ShellSink sink = new ShellSink();
    byte[] chunk = "x".repeat(1024 * 1024).getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i <= ShellSink.MAX_CHARS / chunk.length; i++) {
      sink.write(chunk, 0, chunk.length);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    assertThat(sink.await(t -> t.toString().endsWith("# "), deadline, () -> true))
        .isEqualTo(ShellSink.Outcome.OVERFLOW);
    assertThat(sink.peek().length()).isLessThanOrEqualTo(ShellSink.MAX_CHARS);
    assertThat(sink.received()).isGreaterThan(ShellSink.MAX_CHARS);

    // A drain starts afresh: the next reply is read normally.
    sink.drain();
    sink.write("ok\nadmin@n1# ".getBytes(StandardCharsets.UTF_8), 0, 13);
    assertThat(sink.await(t -> t.toString().endsWith("# "), deadline, () -> true))
        .isEqualTo(ShellSink.Outcome.MATCHED);
  }
}
