package dev.nsoha.transport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.error.ProtocolException;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.Credentials;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.spi.TransportOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replies a broken or hostile node could send over the CLI (issue 16, hostile input), from the
 * in-process fake NSO CLI: each ends, within a bounded time, in a clear {@link NsoException} that
 * names the node; nothing hangs, nothing runs out of memory, and no escape sequence of the node's
 * reaches a message.
 */
class CliHostileReplyIT {
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final String HA = "show high-availability | display json | nomore";
  private static final String WHERE = "n2 (127.0.0.1, cli)";

  @TempDir Path dir;
  private FakeNsoCli nso;
  private NodeClient client;

  @BeforeEach
  void start() throws IOException {
    nso = new FakeNsoCli("127.0.0.1", Files.createDirectories(dir.resolve("nso")), "n2").start();
    nso.responses.put("show ncs-state version | nomore", "ncs-state version 6.4.4");
    client =
        new CliNodeClient(
            new NodeEndpoint(
                NodeId.of("n2"),
                "127.0.0.1",
                nso.port(),
                8080,
                new Credentials("admin", FakeNsoCli.PASSWORD),
                TransportOptions.defaults()
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(3))),
            new CliOptions(Optional.of(dir.resolve("known_hosts")), true));
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    nso.close();
  }

  private static void bounded(Executable e) {
    assertTimeoutPreemptively(BOUND, e);
  }

  @Test
  void aReplyThatNeverEndsIsCutOffAtTheLimitOrTheDeadline() {
    nso.floodOn.add(HA);
    // Whichever comes first on this machine: 32 MiB without a prompt, or the 3 s deadline with a
    // reply that started and never ended (ShellSinkTest checks the size limit on its own).
    bounded(
        () ->
            assertThatThrownBy(client::haStatus)
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith(WHERE + ": read the HA status: the reply to 'show high-")
                .satisfies(
                    e ->
                        assertThat(e.getMessage())
                            .containsAnyOf(
                                "grew beyond 32 MiB", "broke off: no CLI prompt within 3000 ms")));
    // The session was closed; the next call opens a new one and works.
    assertThat(client.version().text()).isEqualTo("6.4.4");
  }

  @Test
  void aReplyThatStallsMidwayBreaksOff() {
    nso.stallOn.put(HA, "{\"data\":{\"tailf-ncs:high-availability\":{\"status\":{");
    bounded(
        () ->
            assertThatThrownBy(client::haStatus)
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith(WHERE + ": read the HA status: ")
                .hasMessageContaining("broke off: no CLI prompt within 3000 ms"));
  }

  @Test
  void malformedJsonIsAProtocolError() {
    nso.responses.put(HA, "{\"data\":{\"tailf-ncs:high-availability\":[}");
    bounded(
        () ->
            assertThatThrownBy(client::haStatus)
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith(
                    WHERE + ": read the HA status: cannot parse the CLI output"));
  }

  @Test
  void deeplyNestedJsonIsRefusedBeforeItIsConverted() {
    int depth = 50_000;
    nso.responses.put(HA, "{\"data\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth + 1));
    bounded(
        () ->
            assertThatThrownBy(client::haStatus)
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith(WHERE + ": read the HA status: ")
                .hasMessageContaining("deeper than " + CliJson.MAX_DEPTH));
  }

  @Test
  void terminalEscapeSequencesAroundTheOutputAreRemoved() {
    nso.responses.put(
        HA,
        "\u001b[1m\u001b[32m{\"data\":{\"tailf-ncs:high-availability\":{\"enabled\":[null],"
            + "\"status\":{\"mode\":\"primary\",\"current-id\":\"n2\"}}}}\u001b[0m");
    bounded(() -> assertThat(client.haStatus().mode()).isEqualTo(HaMode.PRIMARY));
  }

  @Test
  void controlCharactersInsideAValueDoNotReachTheMessage() {
    nso.responses.put(
        HA,
        "{\"data\":{\"tailf-ncs:high-availability\":{\"status\":{\"mode\":\"\\u001b]0;owned\\u0007primary\"}}}}");
    bounded(
        () ->
            assertThatThrownBy(client::haStatus)
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith(WHERE + ": read the HA status: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b", "\u0007")));
  }
}
