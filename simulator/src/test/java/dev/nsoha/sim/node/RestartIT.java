package dev.nsoha.sim.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.sim.data.Content;
import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.data.Transaction;
import dev.nsoha.sim.data.WithDefaults;
import dev.nsoha.sim.ha.HaRole;
import dev.nsoha.sim.testkit.SimCluster;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path tmp;
  SimCluster c;

  @AfterEach
  void stop() {
    c.close();
  }

  private String d1(String id) {
    DataNode n =
        c.node(id)
            .read(
                DataPath.parseRestconf("dummy:dummies/dummy=d1/dummy"),
                Content.CONFIG,
                WithDefaults.EXPLICIT);
    return n == null ? null : n.value();
  }

  @Test
  void stopAndStartKeepsConfigAndHaEnabledButNotReadOnly() throws Exception {
    c = SimCluster.builder().baseDir(tmp).reconnectInterval(1).reconnectAttempts(3).start();
    try (Transaction t = c.node("n1").newTransaction("admin")) {
      t.setLeaf(DataPath.parseKeypath("/dummy:dummies/dummy{d1}/dummy"), "1.2.3.4");
      t.commit();
    }
    // A secondary restarts: HA stays enabled, it rejoins and its txid matches (no copy needed).
    c.stop("n3");
    c.start("n3");
    c.awaitHa("n3", st -> st.mode() == HaRole.SECONDARY, WAIT);
    assertThat(d1("n3")).isEqualTo("1.2.3.4");
    c.awaitHa("n1", st -> st.connectedSecondaries().size() == 2, WAIT);

    // The whole cluster stops and starts: everything comes back in its nominal role.
    c.node("n1").invokeAction(DataPath.parseKeypath("/high-availability/read-only"), null, "admin");
    assertThat(c.node("n1").isReadOnly()).isTrue();
    c.close();
    for (String id : c.ids()) {
      c.start(id);
    }
    c.awaitHa(
        "n1", st -> st.mode() == HaRole.PRIMARY && st.connectedSecondaries().size() == 2, WAIT);
    assertThat(c.node("n1").isReadOnly())
        .as("the admin read-only flag does not survive a restart")
        .isFalse();
    for (String id : c.ids()) {
      assertThat(d1(id)).as(id).isEqualTo("1.2.3.4");
      assertThat(c.node(id).haStatus().enabled()).isTrue();
    }
    assertThat(c.node("n2").haStatus().mode()).isEqualTo(HaRole.SECONDARY);
  }

  @Test
  void aNodeRestartedAtOnceBindsItsPortsAgain() throws Exception {
    // Every listener (HA, RESTCONF, SSH CLI, IPC) must be released when close() returns.
    c = SimCluster.builder().baseDir(tmp).start();
    for (int i = 0; i < 30; i++) {
      c.stop("n3");
      c.start("n3");
    }
    c.awaitHa("n3", st -> st.mode() == HaRole.SECONDARY, WAIT);
    c.awaitHa("n1", st -> st.connectedSecondaries().size() == 2, WAIT);
  }

  @Test
  void disabledStateSurvivesARestart() throws Exception {
    c = SimCluster.builder().baseDir(tmp).start();
    c.node("n3").invokeAction(DataPath.parseKeypath("/high-availability/disable"), null, "admin");
    c.stop("n3");
    c.start("n3");
    assertThat(c.node("n3").haStatus().enabled()).isFalse();
    assertThat(c.node("n3").haStatus().mode()).isEqualTo(HaRole.NONE);
  }
}
