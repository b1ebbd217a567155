package dev.nsoha.sim.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.sim.data.NodeRefusal;
import dev.nsoha.sim.util.Crypto;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rules of rule-based HA (reference §2), one test per rule, on the role machine alone: no
 * sockets, no threads, time on a hand-moved clock.
 */
class RoleMachineTest {
  static final String N1 = "127.0.1.1";
  static final String N2 = "127.0.2.1";
  static final String N3 = "127.0.3.1";
  static final String TOKEN = "super-secret";

  /** A clock that moves only when told to. */
  static final class HandClock implements InstantSource {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  final HandClock clock = new HandClock();

  /** The example's 3-node config with reconnect-interval 10 and reconnect-attempts 3. */
  RuleBasedHaConfig config = config(true, true, true, true, true);

  static RuleBasedHaConfig config(
      boolean assume,
      boolean join,
      boolean enableFailover,
      boolean reconnectSecondaries,
      boolean consensus) {
    return new RuleBasedHaConfig(
        TOKEN,
        List.of(
            new RuleBasedHaConfig.Member("n1", N1, HaRole.PRIMARY, false),
            new RuleBasedHaConfig.Member("n2", N2, HaRole.SECONDARY, true),
            new RuleBasedHaConfig.Member("n3", N3, HaRole.SECONDARY, false)),
        enableFailover,
        assume,
        join,
        10,
        3,
        reconnectSecondaries,
        consensus);
  }

  RoleMachine node(String ip) {
    return new RoleMachine("test", ip, true, clock, () -> config);
  }

  /** n is a secondary of n1 (enabled, joined). */
  RoleMachine secondaryOfN1(String ip) {
    RoleMachine m = node(ip);
    RoleCommand.FindPrimary f = (RoleCommand.FindPrimary) m.enable().get(0);
    RoleCommand.Join j = (RoleCommand.Join) m.found(f.attempt(), "n1").get(0);
    assertThat(m.joined(j.attempt(), "n1")).isTrue();
    return m;
  }

  /** n1 enabled as primary (nobody else is primary). */
  RoleMachine primaryN1() {
    RoleMachine m = node(N1);
    RoleCommand.FindPrimary f = (RoleCommand.FindPrimary) m.enable().get(0);
    assertThat(m.found(f.attempt(), null)).containsExactly(new RoleCommand.ClosePrimaryLink());
    return m;
  }

  static HaMessage.Join join(String id, String version, String token, String nonce) {
    return new HaMessage.Join(id, version, List.of("dummy:abc"), "1", Crypto.hmac(token, nonce));
  }

  // ---------------------------------------------------------------- §2.1 roles and actions

  @Nested
  class Actions {
    @Test
    void enableNeedsHaEnabledInNcsConf() {
      RoleMachine m = new RoleMachine("test", N1, false, clock, () -> config);
      assertThatThrownBy(m::enable)
          .isInstanceOf(NodeRefusal.class)
          .hasMessageContaining("/ncs-config/ha/enabled");
    }

    @Test
    void enableNeedsAnHaNodeWithTheNodesAddress() {
      RoleMachine m = node("127.0.9.1");
      assertThatThrownBy(m::enable).hasMessageContaining("no ha-node has this node's HA address");
    }

    @Test
    void enableOnAnEnabledNodeChangesNothing() {
      RoleMachine m = primaryN1();
      assertThat(m.enable()).isEmpty();
      assertThat(m.state().mode()).isEqualTo(HaRole.PRIMARY);
    }

    @Test
    void actionsOtherThanEnableNeedHaEnabled() {
      RoleMachine m = node(N1);
      assertThatThrownBy(m::bePrimary).hasMessage("NSO Built-in HA is not enabled");
      assertThatThrownBy(m::beNone).hasMessage("NSO Built-in HA is not enabled");
      assertThatThrownBy(() -> m.beSecondaryTo("n2")).hasMessage("NSO Built-in HA is not enabled");
    }

    @Test
    void disableLeavesTheGroupTakesRoleNoneAndClearsAdminReadOnly() {
      RoleMachine m = primaryN1();
      m.secondaryConnected("n2", N2, true);
      m.setReadOnly(true);
      assertThat(m.disable()).containsExactly(new RoleCommand.DropLinks());
      HaState st = m.state();
      assertThat(st.enabled()).isFalse();
      assertThat(st.mode()).isEqualTo(HaRole.NONE);
      assertThat(st.assignedRole()).isEqualTo(HaRole.NONE);
      assertThat(st.adminReadOnly()).isFalse();
      assertThat(st.connectedSecondaries()).isEmpty();
    }

    @Test
    void beNoneDropsEveryLink() {
      RoleMachine m = primaryN1();
      m.secondaryConnected("n2", N2, true);
      assertThat(m.beNone()).containsExactly(new RoleCommand.DropLinks());
      assertThat(m.state().mode()).isEqualTo(HaRole.NONE);
      assertThat(m.state().connectedSecondaries()).isEmpty();
    }

    @Test
    void bePrimaryKeepsConnectedSecondariesAndIsReadWrite() {
      RoleMachine m = primaryN1();
      m.secondaryConnected("n2", N2, true);
      m.bePrimary();
      assertThat(m.state().mode()).isEqualTo(HaRole.PRIMARY);
      assertThat(m.state().connectedSecondaries()).containsOnlyKeys("n2");
      assertThat(m.isReadOnly()).isFalse();
    }

    @Test
    void beSecondaryToAnUnknownNodeIsAnInvalidValue() {
      RoleMachine m = primaryN1();
      assertThatThrownBy(() -> m.beSecondaryTo("n9"))
          .isInstanceOfSatisfying(
              NodeRefusal.class,
              e -> assertThat(e.kind()).isEqualTo(NodeRefusal.Kind.INVALID_VALUE))
          .hasMessage("no such ha-node: n9");
    }

    @Test
    void beSecondaryToReportsTheRefusalInBeSecondaryResult() {
      RoleMachine m = primaryN1();
      List<RoleCommand> c = m.beSecondaryTo("n2");
      assertThat(c.get(0)).isEqualTo(new RoleCommand.DropLinks());
      RoleCommand.Join j = (RoleCommand.Join) c.get(1);
      assertThat(j.target()).isEqualTo("n2");
      assertThat(m.state().assignedRole()).isEqualTo(HaRole.SECONDARY);
      assertThat(m.state().primaryId()).isEqualTo("n2");
      m.joinFailed(j.attempt(), "n2", HaRefusal.badToken());
      HaState st = m.state();
      assertThat(st.mode()).isEqualTo(HaRole.NONE);
      assertThat(st.assignedRole()).isEqualTo(HaRole.SECONDARY);
      assertThat(st.beSecondaryResult())
          .isEqualTo("error (28) - Token mismatch, secondary is not allowed");
      assertThat(m.nextWakeup()).as("no retry").isEmpty();
    }

    @Test
    void joinedSecondaryShowsInitializedAndItsPrimary() {
      RoleMachine m = secondaryOfN1(N3);
      HaState st = m.state();
      assertThat(st.mode()).isEqualTo(HaRole.SECONDARY);
      assertThat(st.assignedRole()).isEqualTo(HaRole.SECONDARY);
      assertThat(st.primaryId()).isEqualTo("n1");
      assertThat(st.beSecondaryResult()).isEqualTo("initialized");
    }

    @Test
    void currentIdIsShownWhileEnabledAndNotNone() {
      RoleMachine m = node(N1);
      assertThat(m.state().currentId()).isNull();
      m = primaryN1();
      assertThat(m.state().currentId()).isEqualTo("n1");
      m.beNone();
      assertThat(m.state().currentId()).isNull();
    }

    @Test
    void anOutcomeOfAnOlderAttemptIsIgnored() {
      RoleMachine m = node(N3);
      RoleCommand.FindPrimary f = (RoleCommand.FindPrimary) m.enable().get(0);
      RoleCommand.Join j = (RoleCommand.Join) m.found(f.attempt(), "n1").get(0);
      m.disable();
      assertThat(m.joined(j.attempt(), "n1")).isFalse();
      assertThat(m.state().mode()).isEqualTo(HaRole.NONE);
    }
  }

  // ---------------------------------------------------------------- §2.2 start-up table

  @Nested
  class StartupRules {
    @Test
    void neitherFlagGivesNone() {
      config = config(false, false, true, true, true);
      RoleMachine m = node(N1);
      assertThat(m.enable()).isEmpty();
      assertThat(m.state().mode()).isEqualTo(HaRole.NONE);
      assertThat(m.state().assignedRole()).isEqualTo(HaRole.NONE);
    }

    @Test
    void nominalRoleNoneGivesNone() {
      config =
          new RuleBasedHaConfig(
              TOKEN,
              List.of(new RuleBasedHaConfig.Member("n1", N1, HaRole.NONE, false)),
              true,
              true,
              true,
              10,
              3,
              true,
              true);
      RoleMachine m = node(N1);
      assertThat(m.enable()).isEmpty();
      assertThat(m.state().mode()).isEqualTo(HaRole.NONE);
    }

    @Test
    void assumeNominalRoleOnlyPrimaryBecomesPrimaryAtOnce() {
      config = config(true, false, true, true, true);
      RoleMachine m = node(N1);
      assertThat(m.enable()).containsExactly(new RoleCommand.ClosePrimaryLink());
      assertThat(m.state().mode()).isEqualTo(HaRole.PRIMARY);
      assertThat(m.isReadOnly()).as("start-up primary serves read-write").isFalse();
    }

    @Test
    void assumeNominalRoleOnlySecondaryTriesTheNominalPrimaryOnceThenNone() {
      config = config(true, false, true, true, true);
      RoleMachine m = node(N2);
      RoleCommand.Join j = (RoleCommand.Join) m.enable().get(0);
      assertThat(j.target()).isEqualTo("n1");
      assertThat(m.joinFailed(j.attempt(), "n1", HaRefusal.cannotConnect())).isEmpty();
      HaState st = m.state();
      assertThat(st.mode()).isEqualTo(HaRole.NONE);
      assertThat(st.assignedRole()).isEqualTo(HaRole.NONE);
      assertThat(st.beSecondaryResult()).isEqualTo("error (25) - could not connect to primary");
      assertThat(m.nextWakeup()).as("no retry").isEmpty();
    }

    @Test
    void assumeNominalRoleOnlySecondaryJoinsTheNominalPrimary() {
      config = config(true, false, true, true, true);
      RoleMachine m = node(N2);
      RoleCommand.Join j = (RoleCommand.Join) m.enable().get(0);
      assertThat(m.joined(j.attempt(), "n1")).isTrue();
      assertThat(m.state().mode()).isEqualTo(HaRole.SECONDARY);
    }

    @Test
    void joinHaOnlyPrimaryLooksForThePrimaryForEver() {
      config = config(false, true, true, true, true);
      RoleMachine m = node(N1);
      RoleCommand.FindPrimary f = (RoleCommand.FindPrimary) m.enable().get(0);
      assertThat(m.state().assignedRole()).isEqualTo(HaRole.SECONDARY);
      for (int i = 0; i < 20; i++) {
        assertThat(m.found(f.attempt(), null)).isEmpty();
        assertThat(m.state().mode()).isEqualTo(HaRole.NONE);
        assertThat(m.state().assignedRole()).as("still looking").isEqualTo(HaRole.SECONDARY);
        clock.advance(Duration.ofSeconds(10));
        f = (RoleCommand.FindPrimary) m.wake().get(0);
      }
      RoleCommand.Join j = (RoleCommand.Join) m.found(f.attempt(), "n3").get(0);
      assertThat(m.joined(j.attempt(), "n3")).isTrue();
      assertThat(m.state().primaryId()).isEqualTo("n3");
    }

    @Test
    void joinHaSecondaryGivesUpAfterReconnectAttempts() {
      config = config(false, true, true, true, true);
      RoleMachine m = node(N3);
      RoleCommand.FindPrimary f = (RoleCommand.FindPrimary) m.enable().get(0);
      for (int attempt = 1; attempt < 3; attempt++) {
        m.found(f.attempt(), null);
        assertThat(m.state().assignedRole()).isEqualTo(HaRole.SECONDARY);
        assertThat(m.wake()).as("not before reconnect-interval").isEmpty();
        clock.advance(Duration.ofSeconds(10));
        f = (RoleCommand.FindPrimary) m.wake().get(0);
      }
      m.found(f.attempt(), null);
      assertThat(m.state().assignedRole()).isEqualTo(HaRole.NONE);
      assertThat(m.nextWakeup()).isEmpty();
    }

    @Test
    void bothFlagsPrimaryJoinsAnExistingPrimary() {
      RoleMachine m = node(N1);
      RoleCommand.FindPrimary f = (RoleCommand.FindPrimary) m.enable().get(0);
      RoleCommand.Join j = (RoleCommand.Join) m.found(f.attempt(), "n2").get(0);
      assertThat(j.target()).isEqualTo("n2");
      assertThat(m.joined(j.attempt(), "n2")).isTrue();
      assertThat(m.state().mode()).isEqualTo(HaRole.SECONDARY);
      assertThat(m.state().primaryId()).isEqualTo("n2");
    }

    @Test
    void bothFlagsPrimaryBecomesPrimaryWhenNoPrimaryIsFound() {
      RoleMachine m = primaryN1();
      assertThat(m.state().mode()).isEqualTo(HaRole.PRIMARY);
      assertThat(m.state().assignedRole()).isEqualTo(HaRole.PRIMARY);
      assertThat(m.isReadOnly()).isFalse();
    }

    @Test
    void bothFlagsPrimaryThatCannotJoinTheFoundPrimaryStaysAssignedSecondary() {
      RoleMachine m = node(N1);
      RoleCommand.FindPrimary f = (RoleCommand.FindPrimary) m.enable().get(0);
      RoleCommand.Join j = (RoleCommand.Join) m.found(f.attempt(), "n2").get(0);
      m.joinFailed(j.attempt(), "n2", HaRefusal.badFxs());
      assertThat(m.state().mode()).isEqualTo(HaRole.NONE);
      assertThat(m.state().assignedRole()).isEqualTo(HaRole.SECONDARY);
      assertThat(m.state().beSecondaryResult()).startsWith("error (27)");
    }

    @Test
    void bothFlagsSecondaryJoinsWithRetriesThenGivesUp() {
      RoleMachine m = node(N2);
      RoleCommand.FindPrimary f = (RoleCommand.FindPrimary) m.enable().get(0);
      m.found(f.attempt(), null);
      clock.advance(Duration.ofSeconds(10));
      f = (RoleCommand.FindPrimary) m.wake().get(0);
      RoleCommand.Join j = (RoleCommand.Join) m.found(f.attempt(), "n1").get(0);
      m.joinFailed(j.attempt(), "n1", HaRefusal.badVersion("6.5", "6.4"));
      assertThat(m.state().beSecondaryResult()).startsWith("error (52)");
      clock.advance(Duration.ofSeconds(10));
      f = (RoleCommand.FindPrimary) m.wake().get(0);
      m.found(f.attempt(), null);
      assertThat(m.state().assignedRole()).as("gave up after 3 attempts").isEqualTo(HaRole.NONE);
    }

    @Test
    void resumeAfterRestartAppliesTheStartupRules() {
      RoleMachine m = node(N1);
      RoleCommand.FindPrimary f = (RoleCommand.FindPrimary) m.resume().get(0);
      m.found(f.attempt(), null);
      assertThat(m.state().enabled()).isTrue();
      assertThat(m.state().mode()).isEqualTo(HaRole.PRIMARY);
    }
  }

  // ---------------------------------------------------------------- §2.3 failover and timers

  @Nested
  class Failover {
    @Test
    void failoverPrimaryRetriesTheLostPrimaryThenTakesOverReadOnly() {
      RoleMachine m = secondaryOfN1(N2);
      assertThat(m.primaryLost(m.attempt(), "Primary closed connection")).isEmpty();
      HaState st = m.state();
      assertThat(st.mode()).isEqualTo(HaRole.NONE);
      assertThat(st.assignedRole()).isEqualTo(HaRole.SECONDARY);
      assertThat(st.primaryId()).as("kept while retrying").isEqualTo("n1");
      assertThat(st.beSecondaryResult()).isEqualTo("error (25) - could not connect to primary");
      for (int attempt = 1; attempt <= 3; attempt++) {
        assertThat(m.wake()).as("nothing before reconnect-interval").isEmpty();
        clock.advance(Duration.ofSeconds(10));
        RoleCommand.Join j = (RoleCommand.Join) m.wake().get(0);
        assertThat(j.target()).isEqualTo("n1");
        assertThat(m.state().mode()).isEqualTo(HaRole.NONE);
        m.joinFailed(j.attempt(), "n1", HaRefusal.cannotConnect());
      }
      st = m.state();
      assertThat(st.mode()).as("took over after 3 x 10 s").isEqualTo(HaRole.PRIMARY);
      assertThat(st.readOnly()).as("consensus: read-only until a secondary connects").isTrue();
      assertThat(st.adminReadOnly()).isTrue();
      assertThat(st.primaryId()).isNull();
    }

    @Test
    void failoverPrimaryRejoinsThePrimaryWhenItComesBack() {
      RoleMachine m = secondaryOfN1(N2);
      m.primaryLost(m.attempt(), "Tick timeout");
      clock.advance(Duration.ofSeconds(10));
      RoleCommand.Join j = (RoleCommand.Join) m.wake().get(0);
      assertThat(m.joined(j.attempt(), "n1")).isTrue();
      assertThat(m.state().mode()).isEqualTo(HaRole.SECONDARY);
      assertThat(m.nextWakeup()).isEmpty();
    }

    @Test
    void nominalPrimaryWhileSecondaryAlsoTakesOver() {
      RoleMachine m = node(N1);
      RoleCommand.FindPrimary f = (RoleCommand.FindPrimary) m.enable().get(0);
      RoleCommand.Join j = (RoleCommand.Join) m.found(f.attempt(), "n2").get(0);
      m.joined(j.attempt(), "n2");
      m.primaryLost(m.attempt(), "Primary closed connection");
      for (int attempt = 1; attempt <= 3; attempt++) {
        clock.advance(Duration.ofSeconds(10));
        j = (RoleCommand.Join) m.wake().get(0);
        assertThat(j.target()).isEqualTo("n2");
        m.joinFailed(j.attempt(), "n2", HaRefusal.cannotConnect());
      }
      assertThat(m.state().mode()).isEqualTo(HaRole.PRIMARY);
    }

    @Test
    void withoutEnableFailoverTheFailoverPrimaryOnlyLooksForAPrimary() {
      config = config(true, true, false, true, true);
      RoleMachine m = secondaryOfN1(N2);
      m.primaryLost(m.attempt(), "Primary closed connection");
      for (int i = 0; i < 5; i++) {
        clock.advance(Duration.ofSeconds(10));
        RoleCommand.FindPrimary f = (RoleCommand.FindPrimary) m.wake().get(0);
        m.found(f.attempt(), null);
      }
      assertThat(m.state().mode()).isEqualTo(HaRole.NONE);
      assertThat(m.state().assignedRole()).isEqualTo(HaRole.SECONDARY);
    }

    @Test
    void plainSecondaryRehomesEveryReconnectIntervalWithoutGivingUp() {
      RoleMachine m = secondaryOfN1(N3);
      m.primaryLost(m.attempt(), "Primary closed connection");
      RoleCommand.FindPrimary f = null;
      for (int i = 0; i < 10; i++) {
        clock.advance(Duration.ofSeconds(10));
        f = (RoleCommand.FindPrimary) m.wake().get(0);
        m.found(f.attempt(), null);
        assertThat(m.state().assignedRole()).isEqualTo(HaRole.SECONDARY);
      }
      clock.advance(Duration.ofSeconds(10));
      f = (RoleCommand.FindPrimary) m.wake().get(0);
      RoleCommand.Join j = (RoleCommand.Join) m.found(f.attempt(), "n2").get(0);
      assertThat(m.joined(j.attempt(), "n2")).isTrue();
      assertThat(m.state().primaryId()).isEqualTo("n2");
    }

    @Test
    void plainSecondaryWithoutReconnectSecondariesGoesToNone() {
      config = config(true, true, true, false, true);
      RoleMachine m = secondaryOfN1(N3);
      m.primaryLost(m.attempt(), "Primary closed connection");
      assertThat(m.state().mode()).isEqualTo(HaRole.NONE);
      assertThat(m.state().assignedRole()).isEqualTo(HaRole.NONE);
      assertThat(m.state().primaryId()).isNull();
      assertThat(m.nextWakeup()).isEmpty();
    }

    @Test
    void withoutConsensusTheTakeoverIsReadWrite() {
      config = config(true, true, true, true, false);
      RoleMachine m = secondaryOfN1(N2);
      m.primaryLost(m.attempt(), "Primary closed connection");
      for (int attempt = 1; attempt <= 3; attempt++) {
        clock.advance(Duration.ofSeconds(10));
        RoleCommand.Join j = (RoleCommand.Join) m.wake().get(0);
        m.joinFailed(j.attempt(), "n1", HaRefusal.cannotConnect());
      }
      assertThat(m.state().mode()).isEqualTo(HaRole.PRIMARY);
      assertThat(m.isReadOnly()).isFalse();
    }

    @Test
    void takeoverReadOnlyIsClearedWhenASecondaryConnects() {
      RoleMachine m = secondaryOfN1(N2);
      m.primaryLost(m.attempt(), "Primary closed connection");
      for (int attempt = 1; attempt <= 3; attempt++) {
        clock.advance(Duration.ofSeconds(10));
        RoleCommand.Join j = (RoleCommand.Join) m.wake().get(0);
        m.joinFailed(j.attempt(), "n1", HaRefusal.cannotConnect());
      }
      assertThat(m.isReadOnly()).isTrue();
      assertThat(m.secondaryConnected("n3", N3, false)).isTrue();
      assertThat(m.isReadOnly()).isFalse();
      assertThat(m.state().connectedSecondaries()).isEqualTo(Map.of("n3", N3));
    }

    @Test
    void adminReadOnlySetByHandIsNotClearedWhenASecondaryConnects() {
      RoleMachine m = primaryN1();
      m.setReadOnly(true);
      m.secondaryConnected("n2", N2, false);
      assertThat(m.isReadOnly()).isTrue();
    }

    @Test
    void primaryLosingItsLastSecondaryGoesToNoneReadWrite() {
      RoleMachine m = primaryN1();
      m.secondaryConnected("n2", N2, true);
      m.secondaryConnected("n3", N3, true);
      m.setReadOnly(true);
      m.secondaryLost("n2", true, null);
      assertThat(m.state().mode()).as("one secondary left").isEqualTo(HaRole.PRIMARY);
      m.secondaryLost("n3", true, "Tick timeout");
      HaState st = m.state();
      assertThat(st.mode()).isEqualTo(HaRole.NONE);
      assertThat(st.assignedRole()).isEqualTo(HaRole.NONE);
      assertThat(st.readOnly()).isFalse();
    }

    @Test
    void aSecondaryThisNodeDroppedDoesNotCountForConsensus() {
      RoleMachine m = primaryN1();
      m.secondaryConnected("n2", N2, true);
      m.secondaryLost("n2", false, null);
      assertThat(m.state().mode()).isEqualTo(HaRole.PRIMARY);
      assertThat(m.state().connectedSecondaries()).isEmpty();
    }

    @Test
    void withoutConsensusAPrimaryKeepsItsRoleWithoutSecondaries() {
      config = config(true, true, true, true, false);
      RoleMachine m = primaryN1();
      m.secondaryConnected("n2", N2, true);
      m.secondaryLost("n2", true, null);
      assertThat(m.state().mode()).isEqualTo(HaRole.PRIMARY);
    }

    @Test
    void aNonPrimaryTakesNoSecondaries() {
      RoleMachine m = secondaryOfN1(N3);
      assertThat(m.secondaryConnected("n2", N2, true)).isFalse();
    }

    @Test
    void lossIsDetectedAfterThreeTickTimeoutsWithoutAFrame() {
      Duration tick = Duration.ofSeconds(20);
      long seen = 0;
      assertThat(HaLink.silentTooLong(seen, Duration.ofSeconds(59).toNanos(), tick)).isFalse();
      assertThat(HaLink.silentTooLong(seen, Duration.ofSeconds(61).toNanos(), tick)).isTrue();
      assertThat(HaLink.silentTooLong(seen, Duration.ofDays(1).toNanos(), Duration.ZERO))
          .as("PT0S disables ticks")
          .isFalse();
    }
  }

  // ---------------------------------------------------------------- §2.5 read-only

  @Nested
  class ReadOnly {
    @Test
    void aSecondaryIsReadOnlyAndAdminReadWriteDoesNotLiftIt() {
      RoleMachine m = secondaryOfN1(N3);
      assertThat(m.isReadOnly()).isTrue();
      m.setReadOnly(false);
      assertThat(m.isReadOnly()).isTrue();
      assertThat(m.state().adminReadOnly()).isFalse();
    }

    @Test
    void theAdminFlagMakesAnyNodeReadOnly() {
      RoleMachine m = primaryN1();
      m.setReadOnly(true);
      assertThat(m.isReadOnly()).isTrue();
      assertThat(m.state().readOnly()).isTrue();
      m.setReadOnly(false);
      assertThat(m.isReadOnly()).isFalse();
    }

    @Test
    void aNodeWithoutHaIsReadWrite() {
      assertThat(node(N1).isReadOnly()).isFalse();
    }
  }

  // ---------------------------------------------------------------- §2.7, §2.8 admission

  @Nested
  class Admission {
    final List<String> fxs = List.of("dummy:abc");

    @Test
    void aNodeThatIsNotPrimaryRefusesWith25() {
      RoleMachine m = secondaryOfN1(N2);
      assertThat(m.admit(join("n3", "6.4.4", TOKEN, "x"), "x", "6.4.4", fxs))
          .isEqualTo(HaRefusal.cannotConnect());
    }

    @Test
    void anotherMajorMinorIsRefusedWith52() {
      HaRefusal r = primaryN1().admit(join("n2", "6.5.1", TOKEN, "x"), "x", "6.4.4", fxs);
      assertThat(r.beSecondaryResult())
          .isEqualTo(
              "error (52) - Incompatible HA version (6.5, expected 6.4), secondary is not allowed");
    }

    @Test
    void anotherPatchReleaseIsAdmitted() {
      assertThat(primaryN1().admit(join("n2", "6.4.1", TOKEN, "x"), "x", "6.4.4", fxs)).isNull();
    }

    @Test
    void anotherTokenIsRefusedWith28() {
      assertThat(primaryN1().admit(join("n2", "6.4.4", "other", "x"), "x", "6.4.4", fxs))
          .isEqualTo(HaRefusal.badToken());
    }

    @Test
    void aProofOverAnotherNonceIsRefusedWith28() {
      assertThat(primaryN1().admit(join("n2", "6.4.4", TOKEN, "old"), "new", "6.4.4", fxs))
          .isEqualTo(HaRefusal.badToken());
    }

    @Test
    void anUnknownNodeIdIsRefusedWith29() {
      assertThat(primaryN1().admit(join("n9", "6.4.4", TOKEN, "x"), "x", "6.4.4", fxs))
          .isEqualTo(HaRefusal.unknownNode("n9"));
    }

    @Test
    void thePrimarysOwnIdIsRefusedWith29() {
      assertThat(primaryN1().admit(join("n1", "6.4.4", TOKEN, "x"), "x", "6.4.4", fxs).code())
          .isEqualTo(HaRefusal.Code.BAD_NAME);
    }

    @Test
    void otherPackagesAreRefusedWith27() {
      assertThat(
              primaryN1()
                  .admit(join("n2", "6.4.4", TOKEN, "x"), "x", "6.4.4", List.of("dummy:def")))
          .isEqualTo(HaRefusal.badFxs());
    }

    @Test
    void theVersionIsCheckedBeforeTheToken() {
      assertThat(primaryN1().admit(join("n2", "6.5.1", "other", "x"), "x", "6.4.4", fxs).code())
          .isEqualTo(HaRefusal.Code.BAD_VERSION);
    }

    @Test
    void refusalsCarryNsoErrorNumbers() {
      assertThat(HaRefusal.cannotConnect().code().number()).isEqualTo(25);
      assertThat(HaRefusal.closed().code().number()).isEqualTo(26);
      assertThat(HaRefusal.badFxs().code().number()).isEqualTo(27);
      assertThat(HaRefusal.badToken().code().number()).isEqualTo(28);
      assertThat(HaRefusal.unknownNode("x").code().number()).isEqualTo(29);
      assertThat(HaRefusal.badVersion("a", "b").code().number()).isEqualTo(52);
    }
  }
}
