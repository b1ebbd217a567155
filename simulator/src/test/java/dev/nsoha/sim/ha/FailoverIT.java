package dev.nsoha.sim.ha;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.sim.alarm.SimAlarm;
import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.data.Transaction;
import dev.nsoha.sim.node.SimNode;
import dev.nsoha.sim.testkit.SimCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailoverIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path tmp;
  SimCluster c;

  @BeforeEach
  void start() throws Exception {
    c = SimCluster.builder().baseDir(tmp).reconnectInterval(1).reconnectAttempts(2).start();
  }

  @AfterEach
  void stop() {
    c.close();
  }

  private String action(String id, String path) {
    SimNode n = c.node(id);
    return n.invokeAction(DataPath.parseKeypath(path), null, "admin").leaf("result");
  }

  private void commit(String id, String name, String ip) {
    try (Transaction t = c.node(id).newTransaction("admin")) {
      t.setLeaf(DataPath.parseKeypath("/dummy:dummies/dummy{" + name + "}/dummy"), ip);
      t.commit();
    }
  }

  @Test
  void failoverPrimaryTakesOverReadOnlyWhenN1IsDisabled() {
    assertThat(action("n3", "/high-availability/disable")).isEqualTo("NSO Built-in HA disabled");
    c.awaitHa("n1", st -> st.connectedSecondaries().keySet().equals(Set.of("n2")), WAIT);
    long t0 = System.nanoTime();
    assertThat(action("n1", "/high-availability/disable")).isEqualTo("NSO Built-in HA disabled");
    HaState lost = c.awaitHa("n2", st -> st.mode() == HaRole.NONE, WAIT);
    assertThat(lost.assignedRole()).isEqualTo(HaRole.SECONDARY);
    assertThat(lost.beSecondaryResult()).isEqualTo("error (25) - could not connect to primary");
    assertThat(c.node("n2").alarms()).extracting(SimAlarm::type).contains("ha-primary-down");
    assertThat(c.node("n2").alarms().get(0).text())
        .isEqualTo("Lost connection to primary due to: Primary closed connection");

    HaState p = c.awaitHa("n2", st -> st.mode() == HaRole.PRIMARY, WAIT);
    double secs = (System.nanoTime() - t0) / 1e9;
    assertThat(secs)
        .as("takeover after reconnect-interval x reconnect-attempts")
        .isBetween(1.5, 10.0);
    assertThat(p.readOnly()).isTrue();
    assertThat(p.assignedRole()).isEqualTo(HaRole.PRIMARY);
    assertThat(c.node("n1").haStatus().mode()).isEqualTo(HaRole.NONE);
    assertThat(c.node("n1").haStatus().enabled()).isFalse();

    // The third node joins the promoted failover-primary: consensus clears its read-only mode.
    assertThat(action("n3", "/high-availability/enable")).isEqualTo("enabled");
    c.awaitHa("n3", st -> st.mode() == HaRole.SECONDARY && "n2".equals(st.primaryId()), WAIT);
    HaState cleared = c.awaitHa("n2", st -> !st.readOnly(), WAIT);
    assertThat(cleared.connectedSecondaries()).containsOnlyKeys("n3");
    commit("n2", "after-failover", "9.9.9.9");
    // n3 follows n2 now: n2's commit after the failover reached it (same transaction).
    assertThat(c.node("n3").transactionId()).isEqualTo(c.node("n2").transactionId());
  }

  @Test
  void plainSecondaryReHomesToTheNewPrimary() {
    commit("n1", "before", "1.1.1.1");
    action("n1", "/high-availability/disable");
    HaState p = c.awaitHa("n2", st -> st.mode() == HaRole.PRIMARY, WAIT);
    assertThat(p.currentId()).isEqualTo("n2");
    HaState s3 =
        c.awaitHa("n3", st -> st.mode() == HaRole.SECONDARY && "n2".equals(st.primaryId()), WAIT);
    assertThat(s3.beSecondaryResult()).isEqualTo("initialized");
    c.awaitHa("n2", st -> st.connectedSecondaries().containsKey("n3") && !st.readOnly(), WAIT);
    commit("n2", "after", "2.2.2.2");
    assertThat(c.node("n3").transactionId()).isEqualTo(c.node("n2").transactionId());

    // The former nominal primary comes back: an active primary exists, so it joins it as secondary.
    assertThat(action("n1", "/high-availability/enable")).isEqualTo("enabled");
    HaState s1 = c.awaitHa("n1", st -> st.mode() == HaRole.SECONDARY, WAIT);
    assertThat(s1.primaryId()).isEqualTo("n2");
    assertThat(c.node("n1").transactionId()).isEqualTo(c.node("n2").transactionId());

    // Restore nominal roles by hand: be-primary on n1, be-secondary-to n1 on the others.
    assertThat(action("n1", "/high-availability/be-primary")).isEqualTo("ok");
    assertThat(
            c.node("n2")
                .invokeAction(
                    DataPath.parseKeypath("/high-availability/be-secondary-to"),
                    input("n2", "n1"),
                    "admin")
                .leaf("result"))
        .isEqualTo("Attempting to be secondary to node n1");
    assertThat(
            c.node("n3")
                .invokeAction(
                    DataPath.parseKeypath("/high-availability/be-secondary-to"),
                    input("n3", "n1"),
                    "admin")
                .leaf("result"))
        .isEqualTo("Attempting to be secondary to node n1");
    c.awaitHa("n1", st -> st.connectedSecondaries().size() == 2, WAIT);
    assertThat(c.node("n2").haStatus().mode()).isEqualTo(HaRole.SECONDARY);
  }

  private DataNode input(String id, String target) {
    DataNode in =
        c.node(id).newActionInput(DataPath.parseKeypath("/high-availability/be-secondary-to"));
    in.setLeaf("node", target);
    return in;
  }

  @Test
  void primaryLosingAllSecondariesGoesToNone() {
    c.stop("n3");
    HaState one = c.awaitHa("n1", st -> st.connectedSecondaries().size() == 1, WAIT);
    assertThat(one.mode()).isEqualTo(HaRole.PRIMARY);
    assertThat(c.node("n1").alarms())
        .extracting(SimAlarm::type)
        .containsExactly("ha-secondary-down");
    c.stop("n2");
    HaState none = c.awaitHa("n1", st -> st.mode() == HaRole.NONE, WAIT);
    assertThat(none.readOnly()).isFalse();
    assertThat(none.assignedRole()).isEqualTo(HaRole.NONE);
  }

  @Test
  void beNoneAndLocalNodeId() {
    assertThat(
            c.node("n3")
                .invokeAction(
                    DataPath.parseKeypath("/high-availability/local-node-id"), null, "admin")
                .leaf("id"))
        .isEqualTo("n3");
    assertThat(action("n3", "/high-availability/be-none")).isEqualTo("ok");
    assertThat(c.node("n3").haStatus().mode()).isEqualTo(HaRole.NONE);
    c.awaitHa("n1", st -> st.connectedSecondaries().keySet().equals(Set.of("n2")), WAIT);
    assertThat(c.node("n1").haStatus().mode()).isEqualTo(HaRole.PRIMARY);
  }
}
