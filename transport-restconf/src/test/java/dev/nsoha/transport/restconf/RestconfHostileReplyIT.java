package dev.nsoha.transport.restconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.nsoha.core.error.InvalidInputException;
import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.error.ProtocolException;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.TransportOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Replies a broken or hostile node could send (issue 16, hostile input): each ends, within a
 * bounded time, in a clear {@link NsoException} that names the node; nothing hangs, nothing runs
 * out of memory, and no control character of the node's reaches the message.
 */
class RestconfHostileReplyIT {
  /** Every case ends well within this; a hang fails the test instead of the build. */
  private static final Duration BOUND = Duration.ofSeconds(30);

  private static final String WHERE = "n1 (127.0.0.1, restconf)";

  private MockNode node;
  private NodeClient client;

  @BeforeEach
  void start() {
    node = new MockNode();
    node.start();
    client =
        new RestconfNodeClientFactory(RestconfOptions.defaults())
            .create(
                node.endpoint(
                    TransportOptions.defaults()
                        .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(700))));
  }

  @AfterEach
  void stop() {
    client.close();
    node.close();
  }

  private static void bounded(Executable e) {
    assertTimeoutPreemptively(BOUND, e);
  }

  /** A body of {@code size} bytes written as it is sent, so the test itself holds none of it. */
  private static MockResponseBody endless(long size, boolean announced) {
    return new MockResponseBody() {
      @Override
      public long getContentLength() {
        return announced ? size : -1;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        chunk[0] = '[';
        for (long sent = 0; sent < size; sent += chunk.length) {
          sink.write(chunk, 0, (int) Math.min(chunk.length, size - sent));
          chunk[0] = ' ';
        }
        sink.flush();
      }
    };
  }

  @Test
  void aHundredMegabyteBodyAnnouncedAsSuchIsRefusedWithoutReadingIt() {
    node.server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/yang-data+json")
            .body(endless(100L * 1024 * 1024, true))
            .build());
    bounded(
        () ->
            assertThatThrownBy(client::haStatus)
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith(WHERE + ": read HA status: ")
                .hasMessageContaining("too large (104857600 bytes announced"));
  }

  @Test
  void aHundredMegabyteBodyWithoutALengthIsCutOffAtTheLimit() {
    node.server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/yang-data+json")
            .body(endless(100L * 1024 * 1024, false))
            .build());
    bounded(
        () ->
            assertThatThrownBy(client::haStatus)
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith(WHERE + ": read HA status: ")
                .hasMessageContaining(
                    "too large (more than " + TransportOptions.DEFAULT_MAX_REPLY_BYTES));
  }

  @Test
  void malformedJsonIsAProtocolError() {
    node.reply(200, "{\"tailf-ncs:high-availability\":{\"status\":{\"mode\":\"primary\",");
    bounded(
        () ->
            assertThatThrownBy(client::haStatus)
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith(WHERE + ": read HA status: the reply is not JSON"));
  }

  @Test
  void deeplyNestedJsonIsRefusedBeforeItIsConverted() {
    int depth = 100_000;
    node.reply(200, "{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
    bounded(
        () ->
            assertThatThrownBy(client::haConfig)
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith(WHERE + ": read HA configuration: ")
                .hasMessageContaining("nested deeper than " + RestconfJson.MAX_DEPTH));
  }

  @Test
  void aReplyThatStallsMidwayBreaksOff() {
    node.server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/yang-data+json")
            .body(
                "{\"tailf-ncs:high-availability\":{\"status\":{\"mode\":\"primary\"}}}"
                    + " ".repeat(200))
            .throttleBody(16, 10, TimeUnit.SECONDS)
            .build());
    bounded(
        () ->
            assertThatThrownBy(client::haStatus)
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith(WHERE + ": read HA status: the reply from 127.0.0.1:")
                .hasMessageContaining("broke off after 16 bytes"));
  }

  @Test
  void aReplyThatTricklesIsCutOffByTheDeadlineOfTheWholeExchange() {
    // One byte every 500 ms never trips the 700 ms read timeout; the exchange's own deadline
    // (connect 5 s + 2 x 700 ms) ends it.
    node.server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/yang-data+json")
            .body("{" + " ".repeat(100) + "}")
            .throttleBody(1, 500, TimeUnit.MILLISECONDS)
            .build());
    long start = System.nanoTime();
    bounded(
        () ->
            assertThatThrownBy(client::haStatus)
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("broke off after"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void escapeSequencesInALeafDoNotReachTheMessage() {
    node.reply(
        200,
        "{\"tailf-ncs:high-availability\":{\"status\":{\"mode\":\"\\u001b]0;owned\\u0007\\u001b[2Jprimary\"}}}");
    bounded(
        () ->
            assertThatThrownBy(client::haStatus)
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith(WHERE + ": read HA status: ")
                .hasMessageContaining("\\u001b]0;owned\\u0007")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b", "\u0007")));
  }

  @Test
  void escapeSequencesInAnErrorMessageDoNotReachTheMessage() {
    node.reply(
        400,
        "{\"ietf-restconf:errors\":{\"error\":[{\"error-type\":\"application\","
            + "\"error-tag\":\"invalid-value\",\"error-message\":\"bad \\u001b[31mvalue\\u001b[0m\"}]}}");
    bounded(
        () ->
            assertThatThrownBy(client::haStatus)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(WHERE)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b")));
  }
}
