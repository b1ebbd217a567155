package dev.nsoha.sim.ha;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one node finds and joins a primary, the half of the {@link RoleMachine} that looks for a
 * primary: the start-up rule table (reference §2.2), the {@code be-secondary-to} attempt, the
 * outcomes of finds and joins, retries as deadlines on the injected clock, and what a secondary
 * does when its primary is lost (failover or re-homing, §2.3).
 *
 * <p>It holds the one find or join the node waits for ({@link Attempt}) and when it is retried. The
 * {@link RoleMachine} owns the attempt number and checks that an outcome is current before it hands
 * the outcome over. Not thread-safe.
 */
final class Joining {
  private static final Logger log = LoggerFactory.getLogger(Joining.class);

  private final String ownIp;
  private final InstantSource clock;
  private final Supplier<RuleBasedHaConfig> config;
  private final Supplier<String> label;
  private final RoleState role;

  private Attempt pending;
  private Instant retryAt;

  Joining(
      String ownIp,
      InstantSource clock,
      Supplier<RuleBasedHaConfig> config,
      Supplier<String> label,
      RoleState role) {
    this.ownIp = ownIp;
    this.clock = clock;
    this.config = config;
    this.label = label;
    this.role = role;
  }

  /** When {@link #wake} has work (a retry is due), if at all. */
  Optional<Instant> nextWakeup() {
    return Optional.ofNullable(retryAt);
  }

  /** Forgets the find or join the node waits for, and its retry. */
  void cancel() {
    pending = null;
    retryAt = null;
  }

  /** Becomes primary (read-only after a failover takeover with consensus). */
  List<RoleCommand> becomePrimary(boolean readOnly, String why) {
    cancel();
    role.becomePrimary(readOnly, why);
    return List.of(new RoleCommand.ClosePrimaryLink());
  }

  // ---------------------------------------------------------------- start-up rules (§2.2)

  /** Applies the start-up rules; {@code attempt} numbers the commands. */
  List<RoleCommand> startup(long attempt) {
    cancel();
    RuleBasedHaConfig s = config.get();
    String me = s.localId(ownIp);
    RuleBasedHaConfig.Member self = me == null ? null : s.member(me);
    if (self == null) {
      role.set(HaRole.NONE, HaRole.NONE, "no ha-node matches " + ownIp);
      return List.of();
    }
    StartupRule rule = StartupRule.of(s.assumeNominalRole(), s.joinHa(), self.nominalRole());
    switch (rule) {
      case NONE -> {
        role.set(HaRole.NONE, HaRole.NONE, "start-up rules (" + describe(s, self) + ")");
        return List.of();
      }
      case BECOME_PRIMARY -> {
        return becomePrimary(false, "start-up: assume nominal role primary");
      }
      case JOIN_NOMINAL_PRIMARY_ONCE -> {
        RuleBasedHaConfig.Member p = s.nominalPrimary();
        if (p == null) {
          role.result(HaRefusal.cannotConnect());
          role.set(HaRole.NONE, HaRole.NONE, "start-up: no ha-node has nominal role primary");
          return List.of();
        }
        pending = Attempt.first(Attempt.Purpose.STARTUP_ONCE, p.id(), 1);
        return List.of(new RoleCommand.Join(attempt, p.id()));
      }
      case JOIN_PRIMARY_OR_BECOME_PRIMARY -> {
        pending = Attempt.first(Attempt.Purpose.STARTUP_PRIMARY, null, 1);
        return List.of(new RoleCommand.FindPrimary(attempt));
      }
      default -> {
        role.set(HaRole.NONE, HaRole.SECONDARY, "start-up: looking for the current primary");
        int tries = rule == StartupRule.SEEK_FOR_EVER ? Integer.MAX_VALUE : s.reconnectAttempts();
        pending = Attempt.first(Attempt.Purpose.SEEK, null, tries);
        return List.of(new RoleCommand.FindPrimary(attempt));
      }
    }
  }

  private static String describe(RuleBasedHaConfig s, RuleBasedHaConfig.Member self) {
    return "assume-nominal-role "
        + s.assumeNominalRole()
        + ", join-ha "
        + s.joinHa()
        + ", nominal-role "
        + self.nominalRole();
  }

  /** {@code be-secondary-to node} after the node left its group: one try. */
  List<RoleCommand> beSecondaryTo(String node, long attempt) {
    role.primaryId(node);
    pending = Attempt.first(Attempt.Purpose.BE_SECONDARY_TO, node, 1);
    role.set(HaRole.NONE, HaRole.SECONDARY, "be-secondary-to " + node);
    return List.of(new RoleCommand.DropLinks(), new RoleCommand.Join(attempt, node));
  }

  // ---------------------------------------------------------------- outcomes

  /** The outcome of a current {@link RoleCommand.FindPrimary}: a node in mode primary, or null. */
  List<RoleCommand> found(long forAttempt, String primary) {
    if (pending == null) {
      return List.of();
    }
    switch (pending.purpose()) {
      case STARTUP_PRIMARY -> {
        if (primary == null) {
          return becomePrimary(false, "start-up: no other primary found, assuming nominal role");
        }
      }
      case SEEK, REHOME -> {
        if (primary == null) {
          return failed(HaRefusal.cannotConnect());
        }
      }
      default -> {
        return List.of();
      }
    }
    pending = pending.withTarget(primary);
    return List.of(new RoleCommand.Join(forAttempt, primary));
  }

  /** A current join of {@code target} succeeded (the full copy is in). */
  void joined(String target) {
    if (pending != null && pending.purpose() == Attempt.Purpose.REHOME) {
      log.info("{}: re-homed to primary {}", label.get(), target);
    }
    cancel();
    role.primaryId(target);
    role.result("initialized");
    role.set(HaRole.SECONDARY, HaRole.SECONDARY, "joined primary " + target);
  }

  /** A current {@link RoleCommand.Join} failed: the primary refused, or could not be reached. */
  List<RoleCommand> joinFailed(String target, HaRefusal why) {
    if (pending == null) {
      return List.of();
    }
    log.info("{}: joining {} failed: {}", label.get(), target, why);
    return failed(why);
  }

  private List<RoleCommand> failed(HaRefusal why) {
    Attempt p = pending;
    RuleBasedHaConfig s = config.get();
    switch (p.purpose()) {
      case STARTUP_ONCE -> {
        pending = null;
        role.result(why);
        role.set(HaRole.NONE, HaRole.NONE, "start-up: could not join the nominal primary");
      }
      case STARTUP_PRIMARY -> {
        pending = null;
        role.result(why);
        role.set(HaRole.NONE, HaRole.SECONDARY, "start-up: could not join primary " + p.target());
      }
      case BE_SECONDARY_TO -> {
        pending = null;
        role.result(why);
        role.set(
            HaRole.NONE,
            HaRole.SECONDARY,
            "be-secondary-to " + p.target() + " failed: " + why.beSecondaryResult());
      }
      case SEEK -> {
        role.result(why);
        if (p.attemptsLeft() <= 1) {
          pending = null;
          role.primaryId(null);
          role.set(HaRole.NONE, HaRole.NONE, "start-up: no primary to join after all attempts");
          return List.of();
        }
        retryLater(p.next(), s);
      }
      case FAILOVER -> {
        role.result(HaRefusal.cannotConnect());
        log.info(
            "{}: reconnect attempt {}/{} to {} failed",
            label.get(),
            p.tries(),
            s.reconnectAttempts(),
            p.target());
        if (p.tries() >= s.reconnectAttempts()) {
          return becomePrimary(
              s.consensus(), "failover: primary " + p.target() + " did not come back");
        }
        retryLater(p.next(), s);
      }
      case REHOME -> retryLater(p.next(), s);
    }
    return List.of();
  }

  private void retryLater(Attempt next, RuleBasedHaConfig s) {
    pending = next;
    retryAt = clock.instant().plusSeconds(s.reconnectInterval());
  }

  /** Starts a retry whose time has come (see {@link #nextWakeup}); else does nothing. */
  List<RoleCommand> wake(long attempt) {
    if (retryAt == null || clock.instant().isBefore(retryAt)) {
      return List.of();
    }
    retryAt = null;
    if (pending == null) {
      return List.of();
    }
    return switch (pending.purpose()) {
      case SEEK, REHOME -> List.of(new RoleCommand.FindPrimary(attempt));
      case FAILOVER -> List.of(new RoleCommand.Join(attempt, pending.target()));
      default -> List.of();
    };
  }

  // ---------------------------------------------------------------- the primary is lost (§2.3)

  /**
   * The connection to the primary broke. The failover-primary (and the nominal primary while it is
   * a secondary) retries the lost primary reconnect-attempts times and then takes over; a plain
   * secondary looks for the new primary when reconnect-secondaries is true, else goes to none.
   */
  List<RoleCommand> primaryLost(String reason) {
    String lost = role.primaryId();
    role.result(HaRefusal.cannotConnect());
    role.set(HaRole.NONE, HaRole.SECONDARY, "lost primary " + lost + ": " + reason);
    RuleBasedHaConfig s = config.get();
    RuleBasedHaConfig.Member self = s.member(s.localId(ownIp));
    boolean mayTakeOver =
        self != null
            && s.enableFailover()
            && (self.failoverPrimary() || self.nominalRole() == HaRole.PRIMARY);
    if (mayTakeOver) {
      log.info(
          "{}: will retry primary {} {} times every {} s, then take over",
          label.get(),
          lost,
          s.reconnectAttempts(),
          s.reconnectInterval());
      retryLater(Attempt.first(Attempt.Purpose.FAILOVER, lost, 1), s);
    } else if (s.reconnectSecondaries()) {
      log.info("{}: looking for a new primary every {} s", label.get(), s.reconnectInterval());
      retryLater(Attempt.first(Attempt.Purpose.REHOME, null, 1), s);
    } else {
      role.primaryId(null);
      role.set(HaRole.NONE, HaRole.NONE, "reconnect-secondaries is false");
    }
    return List.of();
  }
}
