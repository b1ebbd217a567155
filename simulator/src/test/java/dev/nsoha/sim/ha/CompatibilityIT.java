package dev.nsoha.sim.ha;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.data.Transaction;
import dev.nsoha.sim.pkg.PackageBuilder;
import dev.nsoha.sim.testkit.SimCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Joins that the primary refuses: other NSO major.minor (52), other packages (27), other token
 * (28).
 */
class CompatibilityIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path tmp;
  SimCluster c;

  @AfterEach
  void stop() {
    if (c != null) {
      c.close();
    }
  }

  private void enable(String id) {
    assertThat(
            c.node(id)
                .invokeAction(DataPath.parseKeypath("/high-availability/enable"), null, "admin")
                .leaf("result"))
        .isEqualTo("enabled");
  }

  private void enableN1N2() {
    enable("n1");
    enable("n2");
    c.awaitHa("n1", st -> st.connectedSecondaries().containsKey("n2"), WAIT);
  }

  @Test
  void secondaryOnAnotherVersionIsRefused() throws Exception {
    c = SimCluster.builder().baseDir(tmp).enableHa(false).version("n3", "6.5.1").start();
    assertThat(c.node("n3").version()).isEqualTo("6.5.1");
    enableN1N2();
    enable("n3");
    HaState st = c.awaitHa("n3", s -> s.beSecondaryResult() != null, WAIT);
    assertThat(st.beSecondaryResult())
        .isEqualTo(
            "error (52) - Incompatible HA version (6.5, expected 6.4), secondary is not allowed");
    assertThat(st.mode()).isEqualTo(HaRole.NONE);
    assertThat(c.node("n1").haStatus().connectedSecondaries()).containsOnlyKeys("n2");
    HaState gaveUp = c.awaitHa("n3", s -> s.assignedRole() == HaRole.NONE, WAIT);
    assertThat(gaveUp.beSecondaryResult()).startsWith("error (52)");
  }

  @Test
  void secondaryWithOtherPackagesIsRefused() throws Exception {
    c = SimCluster.builder().baseDir(tmp).enableHa(false).start();
    Path pk = c.spec("n3").runDir().resolve("packages");
    Files.delete(pk.resolve("dummy-1.0.tar.gz"));
    PackageBuilder.example(pk, "dummy-1.1", "6.4.4", true);
    assertThat(
            c.node("n3")
                .invokeAction(DataPath.parseKeypath("/packages/reload"), null, "admin")
                .child("reload-result")
                .entries())
        .hasSize(1);
    assertThat(c.node("n3").packages().get(0).version()).isEqualTo("1.1");
    enableN1N2();
    enable("n3");
    HaState st = c.awaitHa("n3", s -> s.beSecondaryResult() != null, WAIT);
    assertThat(st.beSecondaryResult())
        .isEqualTo("error (27) - Fxs mismatch, secondary is not allowed");
  }

  @Test
  void secondaryWithAnotherTokenIsRefused() throws Exception {
    c = SimCluster.builder().baseDir(tmp).enableHa(false).start();
    try (Transaction t = c.node("n3").newTransaction("admin")) {
      t.setLeaf(DataPath.parseKeypath("/high-availability/token"), "not-the-secret");
      t.commit();
    }
    enableN1N2();
    c.node("n3").invokeAction(DataPath.parseKeypath("/high-availability/enable"), null, "admin");
    HaState st = c.awaitHa("n3", s -> s.beSecondaryResult() != null, WAIT);
    assertThat(st.beSecondaryResult())
        .isEqualTo("error (28) - Token mismatch, secondary is not allowed");
  }
}
