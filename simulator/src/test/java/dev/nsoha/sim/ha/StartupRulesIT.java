package dev.nsoha.sim.ha;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.data.Transaction;
import dev.nsoha.sim.testkit.SimCluster;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows of the start-up rule table (reference §2.2) other than assume-nominal-role + join-ha. */
class StartupRulesIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path tmp;
  SimCluster c;

  @BeforeEach
  void start() throws Exception {
    c =
        SimCluster.builder()
            .baseDir(tmp)
            .enableHa(false)
            .reconnectInterval(1)
            .reconnectAttempts(2)
            .start();
  }

  @AfterEach
  void stop() {
    c.close();
  }

  private void startup(String id, boolean assume, boolean join) {
    try (Transaction t = c.node(id).newTransaction("admin")) {
      t.setLeaf(
          DataPath.parseKeypath("/high-availability/settings/start-up/assume-nominal-role"),
          Boolean.toString(assume));
      t.setLeaf(
          DataPath.parseKeypath("/high-availability/settings/start-up/join-ha"),
          Boolean.toString(join));
      t.commit();
    }
  }

  private String run(String id, String action) {
    return c.node(id)
        .invokeAction(DataPath.parseKeypath("/high-availability/" + action), null, "admin")
        .leaf("result");
  }

  @Test
  void neitherFlagMeansNone() {
    startup("n1", false, false);
    run("n1", "enable");
    HaState st = c.node("n1").haStatus();
    assertThat(st.enabled()).isTrue();
    assertThat(st.mode()).isEqualTo(HaRole.NONE);
    assertThat(st.assignedRole()).isEqualTo(HaRole.NONE);
  }

  @Test
  void assumeOnlyPrimaryBecomesPrimaryAndSecondaryTriesOnce() {
    startup("n2", true, false);
    run("n2", "enable");
    HaState once = c.node("n2").haStatus();
    assertThat(once.mode()).isEqualTo(HaRole.NONE);
    assertThat(once.assignedRole()).isEqualTo(HaRole.NONE);
    assertThat(once.beSecondaryResult()).isEqualTo("error (25) - could not connect to primary");

    startup("n1", true, false);
    run("n1", "enable");
    assertThat(c.node("n1").haStatus().mode()).isEqualTo(HaRole.PRIMARY);
    run("n2", "disable");
    run("n2", "enable");
    HaState joined = c.node("n2").haStatus();
    assertThat(joined.mode()).isEqualTo(HaRole.SECONDARY);
    assertThat(joined.primaryId()).isEqualTo("n1");
  }

  @Test
  void joinOnlyNominalPrimaryKeepsLookingForAPrimary() {
    startup("n1", false, true);
    run("n1", "enable");
    HaState looking = c.node("n1").haStatus();
    assertThat(looking.mode()).isEqualTo(HaRole.NONE);
    assertThat(looking.assignedRole()).isEqualTo(HaRole.SECONDARY);
    run("n3", "enable");
    run("n3", "be-primary");
    assertThat(c.node("n3").haStatus().mode()).isEqualTo(HaRole.PRIMARY);
    HaState joined = c.awaitHa("n1", st -> st.mode() == HaRole.SECONDARY, WAIT);
    assertThat(joined.primaryId()).isEqualTo("n3");
    assertThat(c.node("n3").haStatus().connectedSecondaries()).containsOnlyKeys("n1");
  }

  @Test
  void joinOnlySecondaryGivesUpAfterTheAttempts() {
    startup("n2", false, true);
    run("n2", "enable");
    assertThat(c.node("n2").haStatus().assignedRole()).isEqualTo(HaRole.SECONDARY);
    HaState gaveUp = c.awaitHa("n2", st -> st.assignedRole() == HaRole.NONE, WAIT);
    assertThat(gaveUp.mode()).isEqualTo(HaRole.NONE);
  }

  @Test
  void disableClearsTheAdminReadOnlyFlag() {
    run("n1", "enable");
    c.node("n1").invokeAction(DataPath.parseKeypath("/ncs-state/set-read-only"), null, "admin");
    assertThat(c.node("n1").isReadOnly()).isTrue();
    assertThat(run("n1", "disable")).isEqualTo("NSO Built-in HA disabled");
    assertThat(c.node("n1").isReadOnly()).isFalse();
  }
}
