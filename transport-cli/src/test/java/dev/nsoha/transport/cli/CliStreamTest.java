package dev.nsoha.transport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.digest.ConfigDigester;
import dev.nsoha.core.digest.ConfigEvents;
import dev.nsoha.core.digest.DigestRecord;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The CLI's streamed read: a reply far larger than the sink's window passes through line by line
 * (the writer waits for the reader), notices among its lines are dropped, and the JSON streams into
 * the same events as the tree read.
 */
class CliStreamTest {
  private static final String PROMPT = "admin@n1# ";
  private static final String COMMAND = "show running-config | display json | nomore";

  private static CliSession.Mode modeOf(String p) {
    return p.equals(PROMPT) ? CliSession.Mode.OPER : CliSession.Mode.OTHER;
  }

  @Test
  void aReplyLargerThanTheWindowStreamsInBoundedMemory() throws Exception {
    int entries = 60_000; // about 3.6 MB of output, more than three times the window
    ShellSink sink = new ShellSink(1024 * 1024);
    sink.startStream();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    long[] maxHeld = {0};
    Thread node =
        new Thread(
            () -> {
              try {
                write(sink, COMMAND + "\r\n{\r\n  \"data\": {\r\n    \"dummy:dummies\": {\r\n");
                // As jsch hands it on: in packets of up to 32 KiB.
                StringBuilder packet = new StringBuilder("      \"dummy\": [\r\n");
                for (int i = 0; i < entries; i++) {
                  if (i == entries / 2) {
                    packet.append("*** ALARM ha-secondary-down: n3 went away\r\n");
                  }
                  packet
                      .append("        {\r\n          \"name\": \"d")
                      .append(i)
                      .append("\",\r\n          \"dummy\": \"10.0.")
                      .append(i % 250)
                      .append(".1\"\r\n        }")
                      .append(i + 1 < entries ? "," : "")
                      .append("\r\n");
                  if (packet.length() > 32_000) {
                    write(sink, packet.toString());
                    packet.setLength(0);
                    maxHeld[0] = Math.max(maxHeld[0], sink.held());
                  }
                }
                write(sink, packet.toString());
                write(sink, "      ]\r\n    }\r\n  }\r\n}\r\n" + PROMPT);
              } catch (Throwable t) {
                failed.set(t);
              }
            });
    node.start();
    CliReplyReader in =
        new CliReplyReader(
            sink, COMMAND, Duration.ofSeconds(30), () -> true, CliStreamTest::modeOf);
    long[] records = {0};
    boolean json = CliJsonStream.data(in, new ConfigDigester(r -> records[0]++, Set.of()));
    in.skipToEnd();
    sink.endStream();
    node.join(30_000);
    assertThat(failed.get()).isNull();
    assertThat(json).isTrue();
    assertThat(records[0]).isEqualTo(entries + 1L); // every entry, and the container's own unit
    assertThat(sink.drain()).isEqualTo(PROMPT);
    // Never more than the window (and one chunk) was held, though the reply was nine times it.
    assertThat(maxHeld[0]).isLessThan(ShellSink.STREAM_WINDOW + 33_000);
  }

  @Test
  void theStreamGivesTheEventsOfTheTreeRead() throws Exception {
    String out =
        "{\n \"data\": {\n  \"dummy:dummies\": {\"dummy\": [{\"name\": \"d1\", \"dummy\":"
            + " \"1.2.3.4\", \"mtu\": 1500, \"ratio\": 0.50, \"flag\": [null]}]},\n"
            + "  \"tailf-ncs:devices\": {\"global-settings\": {}}\n }\n}\n";
    List<DigestRecord> streamed = new ArrayList<>();
    assertThat(CliJsonStream.data(new StringReader("text before\n" + out), digester(streamed)))
        .isTrue();
    List<DigestRecord> walked = new ArrayList<>();
    ConfigEvents.walk(CliJson.data(out), digester(walked));
    assertThat(streamed).isEqualTo(walked).isNotEmpty();
  }

  @Test
  void outputWithoutJsonIsNoObjectAndBrokenJsonIsRefused() throws Exception {
    assertThat(
            CliJsonStream.data(
                new StringReader("% No entries found.\n"), digester(new ArrayList<>())))
        .isFalse();
    assertThatThrownBy(
            () ->
                CliJsonStream.data(
                    new StringReader("{\"data\": {\"a:b\": {\"c\": "), digester(new ArrayList<>())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not JSON");
  }

  @Test
  void aStreamThatFallsSilentEndsAfterTheIdleTimeNotBefore() throws Exception {
    ShellSink sink = new ShellSink(1024 * 1024);
    sink.startStream();
    write(sink, COMMAND + "\r\n{\r\n  \"data\": {\r\n");
    CliReplyReader in =
        new CliReplyReader(
            sink, COMMAND, Duration.ofMillis(300), () -> true, CliStreamTest::modeOf);
    long start = System.nanoTime();
    assertThatThrownBy(() -> CliJsonStream.data(in, digester(new ArrayList<>())))
        .isInstanceOf(CliReplyReader.Ended.class)
        .satisfies(e -> assertThat(((CliReplyReader.Ended) e).idle).isTrue());
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(in.linesRead()).isEqualTo(2);
  }

  private static ConfigDigester digester(List<DigestRecord> out) {
    return new ConfigDigester(out::add, Set.of());
  }

  private static void write(ShellSink sink, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    sink.write(b, 0, b.length);
  }
}
