package dev.nsoha.transport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.Credentials;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.spi.TransportOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One client outlives a restart of its node: the session is opened again, with the remembered host
 * key.
 */
class CliSessionRestartIT {
  @TempDir Path dir;

  @Test
  void theSessionSurvivesANodeRestart() throws Exception {
    FakeNsoCli nso = new FakeNsoCli("127.0.0.1", dir, "n1").start();
    try {
      nso.responses.put("show high-availability | display json | nomore", CliTextTest.PRIMARY_JSON);
      nso.responses.put("high-availability enable", "result enabled");
      // Strict host-key checking after the first (accepting) login: the restarted node must present
      // the same key.
      TransportOptions options =
          TransportOptions.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
      CliOptions cli = CliOptions.lab(dir.resolve("known_hosts"));
      NodeEndpoint ep =
          new NodeEndpoint(
              NodeId.of("n1"), "127.0.0.1", nso.port(), 8080, Credentials.exampleAdmin(), options);
      try (NodeClient c = new CliNodeClient(ep, cli)) {
        assertThat(c.haStatus().mode()).isEqualTo(HaMode.PRIMARY);
        assertThat(c.haStatus().mode()).isEqualTo(HaMode.PRIMARY);
        assertThat(nso.logins.get()).isEqualTo(1);

        nso.stop();
        assertThatThrownBy(c::haStatus)
            .isInstanceOf(UnreachableException.class)
            .hasMessageContaining("127.0.0.1:" + nso.port());

        nso.start();
        assertThat(c.haStatus().mode()).isEqualTo(HaMode.PRIMARY);
        assertThat(c.enableHa()).isEqualTo("enabled");
        assertThat(nso.logins.get()).isEqualTo(2);

        // A restart while the session is idle, with no failed call in between.
        nso.stop();
        nso.start();
        assertThat(c.enableHa()).isEqualTo("enabled");
        assertThat(c.haStatus().connectedSecondaries()).hasSize(2);
        assertThat(nso.logins.get()).isEqualTo(3);
      }
    } finally {
      nso.close();
    }
  }
}
