package dev.nsoha.sim.ha;

import dev.nsoha.sim.data.NsoException;
import dev.nsoha.sim.util.Crypto;
import dev.nsoha.sim.util.Versions;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of NSO's rule-based HA for one node, without sockets or threads: roles and actions
 * (reference §2.1), the start-up rule table (§2.2), failover, re-homing and the consensus rules
 * (§2.3), read-only (§2.5) and the checks a primary makes before it admits a secondary (§2.7,
 * §2.8).
 *
 * <p>The machine never waits. Where a rule needs the network it returns {@link Command}s; the
 * driver carries them out and reports the outcome ({@link #found}, {@link #joined}, {@link
 * #joinFailed}) with the command's attempt number, so that an outcome that arrives after the role
 * changed again is ignored. Retries are deadlines on the injected clock: the driver calls {@link
 * #wake} at {@link #nextWakeup}.
 *
 * <p>Not thread-safe: the driver calls it under one lock.
 */
final class RoleMachine {
  private static final Logger log = LoggerFactory.getLogger(RoleMachine.class);

  /**
   * Work for the driver. Outcomes come back with {@link #attempt}: {@link FindPrimary} through
   * {@link #found}, {@link Join} through {@link #joined} or {@link #joinFailed}.
   */
  sealed interface Command {
    /** Ask every other ha-node whether it is primary now. */
    record FindPrimary(long attempt) implements Command {}

    /** Connect to {@code target} and join it as secondary. */
    record Join(long attempt, String target) implements Command {}

    /** Close every HA connection (to the primary and from secondaries) without alarms. */
    record DropLinks() implements Command {}

    /** Close the connection to the primary without alarms. */
    record ClosePrimaryLink() implements Command {}
  }

  /** What the current find or join is for; it decides what a failure leads to. */
  private enum Purpose {
    /** Start-up, assume-nominal-role only, nominal secondary: one try, then none. */
    STARTUP_ONCE,
    /** Start-up, both flags, nominal primary: join a primary if one exists, else be primary. */
    STARTUP_PRIMARY,
    /** Start-up with join-ha: look for the primary every reconnect-interval. */
    SEEK,
    /** The {@code be-secondary-to} action: one try. */
    BE_SECONDARY_TO,
    /** The failover-primary retries the lost primary, then takes over. */
    FAILOVER,
    /** A plain secondary looks for the new primary, for ever. */
    REHOME
  }

  /**
   * @param target the node to join (FAILOVER: the lost primary)
   * @param attemptsLeft SEEK: tries left, {@link Integer#MAX_VALUE} for ever
   * @param tries FAILOVER: the number of this try
   */
  private record Pending(Purpose purpose, String target, int attemptsLeft, int tries) {
    Pending withTarget(String t) {
      return new Pending(purpose, t, attemptsLeft, tries);
    }
  }

  private final String label;
  private final String ownIp;
  private final boolean confEnabled;
  private final InstantSource clock;
  private final Supplier<RuleBasedHaConfig> config;

  private boolean enabled;
  private HaRole mode = HaRole.NONE;
  private HaRole assigned = HaRole.NONE;
  private String primaryId;
  private String result;
  private boolean adminReadOnly;
  private boolean autoClearReadOnly;
  private long attempt;
  private Pending pending;
  private Instant retryAt;
  private boolean closed;
  private final Map<String, String> secondaries = new LinkedHashMap<>();

  /**
   * @param label the node's label, for logs
   * @param ownIp the node's HA address ({@code /ncs-config/ha/ip}); the local ha-node has it
   * @param confEnabled whether ncs.conf enables HA ({@code /ncs-config/ha/enabled})
   * @param clock the time retries are measured on
   * @param config the current {@code /high-availability} configuration
   */
  RoleMachine(
      String label,
      String ownIp,
      boolean confEnabled,
      InstantSource clock,
      Supplier<RuleBasedHaConfig> config) {
    this.label = label;
    this.ownIp = ownIp;
    this.confEnabled = confEnabled;
    this.clock = clock;
    this.config = config;
  }

  // ---------------------------------------------------------------- state

  /** {@code /high-availability/status} now. */
  HaState state() {
    String cur = enabled && mode != HaRole.NONE ? localId() : null;
    return new HaState(
        enabled, mode, cur, assigned, result, primaryId, isReadOnly(), adminReadOnly, secondaries);
  }

  /** Overall read-only: the admin flag, or being a secondary (§2.5). */
  boolean isReadOnly() {
    return adminReadOnly || mode == HaRole.SECONDARY;
  }

  boolean enabled() {
    return enabled;
  }

  HaRole mode() {
    return mode;
  }

  /** The number of the current attempt; outcomes of older attempts are ignored. */
  long attempt() {
    return attempt;
  }

  /** When {@link #wake} has work (a retry is due), if at all. */
  Optional<Instant> nextWakeup() {
    return Optional.ofNullable(retryAt);
  }

  /** The local ha-node id (the ha-node whose address is the node's HA ip), or null. */
  String localId() {
    return config.get().localId(ownIp);
  }

  /** A label for logs: the node's label and its ha-node id. */
  String label() {
    String id = null;
    try {
      id = localId();
    } catch (RuntimeException e) {
      log.trace("{}: no HA config yet: {}", label, e.toString());
    }
    return id == null ? label : label + "/" + id;
  }

  // ---------------------------------------------------------------- actions (§2.1)

  /** {@code enable}: when disabled, enables HA and applies the start-up rules. */
  List<Command> enable() {
    requireConf();
    if (localId() == null) {
      throw new NsoException(
          NsoException.Kind.OPERATION_FAILED,
          "no ha-node has this node's HA address "
              + ownIp
              + "; cannot determine the local HA node id");
    }
    if (enabled) {
      return List.of();
    }
    enabled = true;
    attempt++;
    log.info("{}: HA enabled", label());
    return startup();
  }

  /** At start, when HA was enabled before the stop: applies the start-up rules. */
  List<Command> resume() {
    enabled = true;
    attempt++;
    log.info("{}: HA was enabled before the stop; applying the start-up rules", label);
    return startup();
  }

  /** {@code disable}: leaves the group, role none, clears the admin read-only flag. */
  List<Command> disable() {
    enabled = false;
    attempt++;
    adminReadOnly = false;
    autoClearReadOnly = false;
    leaveGroup("HA disabled");
    return List.of(new Command.DropLinks());
  }

  /** {@code be-primary}. */
  List<Command> bePrimary() {
    requireEnabled();
    attempt++;
    return becomePrimary(false, "be-primary action");
  }

  /** {@code be-none}. */
  List<Command> beNone() {
    requireEnabled();
    attempt++;
    leaveGroup("be-none action");
    return List.of(new Command.DropLinks());
  }

  /** {@code be-secondary-to node}: one attempt; the outcome shows in be-secondary-result. */
  List<Command> beSecondaryTo(String node) {
    requireEnabled();
    RuleBasedHaConfig s = config.get();
    if (s.member(node) == null) {
      throw new NsoException(NsoException.Kind.INVALID_VALUE, "no such ha-node: " + node);
    }
    if (node.equals(s.localId(ownIp))) {
      throw new NsoException(
          NsoException.Kind.OPERATION_FAILED, "cannot be secondary to the local node " + node);
    }
    attempt++;
    leaveGroup(null);
    primaryId = node;
    pending = new Pending(Purpose.BE_SECONDARY_TO, node, 1, 1);
    setRole(HaRole.NONE, HaRole.SECONDARY, "be-secondary-to " + node);
    return List.of(new Command.DropLinks(), new Command.Join(attempt, node));
  }

  /** {@code local-node-id}. */
  String localNodeId() {
    String id = localId();
    if (id == null) {
      throw new NsoException(
          NsoException.Kind.OPERATION_FAILED, "no ha-node has this node's HA address " + ownIp);
    }
    return id;
  }

  /** {@code read-only mode} and {@code /ncs-state/set-read-only mode}: the admin flag. */
  void setReadOnly(boolean on) {
    adminReadOnly = on;
    autoClearReadOnly = false;
    log.info("{}: admin read-only mode {}", label(), on);
  }

  private void requireConf() {
    if (!confEnabled) {
      throw new NsoException(
          NsoException.Kind.OPERATION_FAILED,
          "High availability is not enabled in ncs.conf (/ncs-config/ha/enabled)");
    }
  }

  private void requireEnabled() {
    requireConf();
    if (!enabled) {
      throw new NsoException(NsoException.Kind.OPERATION_FAILED, "NSO Built-in HA is not enabled");
    }
  }

  // ---------------------------------------------------------------- start-up rules (§2.2)

  private List<Command> startup() {
    pending = null;
    retryAt = null;
    RuleBasedHaConfig s = config.get();
    String me = s.localId(ownIp);
    RuleBasedHaConfig.Member self = me == null ? null : s.member(me);
    if (self == null) {
      setRole(HaRole.NONE, HaRole.NONE, "no ha-node matches " + ownIp);
      return List.of();
    }
    HaRole role = self.nominalRole();
    boolean assume = s.assumeNominalRole();
    boolean join = s.joinHa();
    if ((!assume && !join) || role == HaRole.NONE) {
      setRole(
          HaRole.NONE,
          HaRole.NONE,
          "start-up rules (assume-nominal-role "
              + assume
              + ", join-ha "
              + join
              + ", nominal-role "
              + role
              + ")");
      return List.of();
    }
    if (!join) {
      if (role == HaRole.PRIMARY) {
        return becomePrimary(false, "start-up: assume nominal role primary");
      }
      RuleBasedHaConfig.Member p = s.nominalPrimary();
      if (p == null) {
        result = HaRefusal.cannotConnect().beSecondaryResult();
        setRole(HaRole.NONE, HaRole.NONE, "start-up: no ha-node has nominal role primary");
        return List.of();
      }
      pending = new Pending(Purpose.STARTUP_ONCE, p.id(), 1, 1);
      return List.of(new Command.Join(attempt, p.id()));
    }
    if (role == HaRole.PRIMARY && assume) {
      pending = new Pending(Purpose.STARTUP_PRIMARY, null, 1, 1);
      return List.of(new Command.FindPrimary(attempt));
    }
    setRole(HaRole.NONE, HaRole.SECONDARY, "start-up: looking for the current primary");
    int tries = role == HaRole.PRIMARY ? Integer.MAX_VALUE : s.reconnectAttempts();
    pending = new Pending(Purpose.SEEK, null, tries, 1);
    return List.of(new Command.FindPrimary(attempt));
  }

  // ---------------------------------------------------------------- outcomes

  /** The outcome of {@link Command.FindPrimary}: the id of a node in mode primary, or null. */
  List<Command> found(long forAttempt, String primary) {
    if (!current(forAttempt) || pending == null) {
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
    return List.of(new Command.Join(forAttempt, primary));
  }

  /**
   * The node joined {@code target} (the full copy is in). Returns false when the attempt is stale;
   * the driver then closes the new connection.
   */
  boolean joined(long forAttempt, String target) {
    if (!current(forAttempt)) {
      return false;
    }
    if (pending != null && pending.purpose() == Purpose.REHOME) {
      log.info("{}: re-homed to primary {}", label(), target);
    }
    pending = null;
    retryAt = null;
    primaryId = target;
    result = "initialized";
    setRole(HaRole.SECONDARY, HaRole.SECONDARY, "joined primary " + target);
    return true;
  }

  /** A {@link Command.Join} failed: the primary refused, or could not be reached. */
  List<Command> joinFailed(long forAttempt, String target, HaRefusal why) {
    if (!current(forAttempt) || pending == null) {
      return List.of();
    }
    log.info("{}: joining {} failed: {}", label(), target, why);
    return failed(why);
  }

  private List<Command> failed(HaRefusal why) {
    Pending p = pending;
    RuleBasedHaConfig s = config.get();
    switch (p.purpose()) {
      case STARTUP_ONCE -> {
        pending = null;
        result = why.beSecondaryResult();
        setRole(HaRole.NONE, HaRole.NONE, "start-up: could not join the nominal primary");
      }
      case STARTUP_PRIMARY -> {
        pending = null;
        result = why.beSecondaryResult();
        setRole(HaRole.NONE, HaRole.SECONDARY, "start-up: could not join primary " + p.target());
      }
      case BE_SECONDARY_TO -> {
        pending = null;
        result = why.beSecondaryResult();
        setRole(
            HaRole.NONE,
            HaRole.SECONDARY,
            "be-secondary-to " + p.target() + " failed: " + why.beSecondaryResult());
      }
      case SEEK -> {
        result = why.beSecondaryResult();
        if (p.attemptsLeft() <= 1) {
          pending = null;
          primaryId = null;
          setRole(HaRole.NONE, HaRole.NONE, "start-up: no primary to join after all attempts");
          return List.of();
        }
        int left = p.attemptsLeft() == Integer.MAX_VALUE ? p.attemptsLeft() : p.attemptsLeft() - 1;
        retryLater(new Pending(Purpose.SEEK, null, left, p.tries() + 1), s);
      }
      case FAILOVER -> {
        result = HaRefusal.cannotConnect().beSecondaryResult();
        log.info(
            "{}: reconnect attempt {}/{} to {} failed",
            label(),
            p.tries(),
            s.reconnectAttempts(),
            p.target());
        if (p.tries() >= s.reconnectAttempts()) {
          return becomePrimary(
              s.consensus(), "failover: primary " + p.target() + " did not come back");
        }
        retryLater(new Pending(Purpose.FAILOVER, p.target(), 1, p.tries() + 1), s);
      }
      case REHOME -> retryLater(new Pending(Purpose.REHOME, null, 1, p.tries() + 1), s);
    }
    return List.of();
  }

  private void retryLater(Pending next, RuleBasedHaConfig s) {
    pending = next;
    retryAt = clock.instant().plusSeconds(s.reconnectInterval());
  }

  /** Starts a retry whose time has come (see {@link #nextWakeup}); else does nothing. */
  List<Command> wake() {
    if (closed || !enabled || retryAt == null || clock.instant().isBefore(retryAt)) {
      return List.of();
    }
    retryAt = null;
    if (pending == null) {
      return List.of();
    }
    return switch (pending.purpose()) {
      case SEEK, REHOME -> List.of(new Command.FindPrimary(attempt));
      case FAILOVER -> List.of(new Command.Join(attempt, pending.target()));
      default -> List.of();
    };
  }

  // ---------------------------------------------------------------- secondary side (§2.3)

  /**
   * The connection to the primary broke (closed by the primary, or no ticks). The failover-primary
   * (and the nominal primary while it is a secondary) retries the lost primary reconnect-attempts
   * times and then takes over; a plain secondary looks for the new primary when
   * reconnect-secondaries is true, else goes to none.
   *
   * @param forAttempt the attempt current when the loss was seen
   */
  List<Command> primaryLost(long forAttempt, String reason) {
    if (closed || attempt != forAttempt) {
      return List.of();
    }
    attempt++;
    String lost = primaryId;
    result = HaRefusal.cannotConnect().beSecondaryResult();
    setRole(HaRole.NONE, HaRole.SECONDARY, "lost primary " + lost + ": " + reason);
    RuleBasedHaConfig s = config.get();
    RuleBasedHaConfig.Member self = s.member(s.localId(ownIp));
    boolean mayTakeOver =
        self != null
            && s.enableFailover()
            && (self.failoverPrimary() || self.nominalRole() == HaRole.PRIMARY);
    if (mayTakeOver) {
      log.info(
          "{}: will retry primary {} {} times every {} s, then take over",
          label(),
          lost,
          s.reconnectAttempts(),
          s.reconnectInterval());
      retryLater(new Pending(Purpose.FAILOVER, lost, 1, 1), s);
    } else if (s.reconnectSecondaries()) {
      log.info("{}: looking for a new primary every {} s", label(), s.reconnectInterval());
      retryLater(new Pending(Purpose.REHOME, null, 1, 1), s);
    } else {
      primaryId = null;
      setRole(HaRole.NONE, HaRole.NONE, "reconnect-secondaries is false");
    }
    return List.of();
  }

  // ---------------------------------------------------------------- primary side (§2.3, §2.7)

  /**
   * Whether this node admits a secondary, checked in this order: this node is primary (else 25),
   * NSO major.minor (52), the token proof over {@code nonce} (28), a known ha-node id other than
   * ours (29), the same package schemas (27).
   *
   * @return null when admitted, else the refusal
   */
  HaRefusal admit(HaMessage.Join join, String nonce, String version, List<String> fxs) {
    if (!enabled || mode != HaRole.PRIMARY) {
      log.info(
          "{}: join from {} refused: this node is not primary (mode {})", label(), join.id(), mode);
      return HaRefusal.cannotConnect();
    }
    String theirs = Versions.majorMinor(join.version());
    String mine = Versions.majorMinor(version);
    if (!theirs.equals(mine)) {
      return HaRefusal.badVersion(theirs, mine);
    }
    RuleBasedHaConfig s = config.get();
    if (!Crypto.hmac(s.token(), nonce).equals(join.proof())) {
      return HaRefusal.badToken();
    }
    if (join.id() == null || s.member(join.id()) == null || join.id().equals(s.localId(ownIp))) {
      return HaRefusal.unknownNode(join.id());
    }
    if (!join.fxs().equals(fxs)) {
      return HaRefusal.badFxs();
    }
    return null;
  }

  /**
   * An admitted secondary is connected. Returns false when this node is no longer primary (the
   * driver then closes the connection). Clears the read-only of a failover takeover.
   */
  boolean secondaryConnected(String id, String address, boolean fullCopy) {
    if (!enabled || mode != HaRole.PRIMARY) {
      return false;
    }
    secondaries.put(id, address);
    log.info(
        "{}: secondary {} connected from {}{}",
        label(),
        id,
        address,
        fullCopy ? " (full copy sent)" : "");
    if (autoClearReadOnly && adminReadOnly) {
      adminReadOnly = false;
      autoClearReadOnly = false;
      log.info("{}: read-only mode cleared: a secondary connected", label());
    }
    return true;
  }

  /**
   * A secondary is gone. With consensus, a primary that lost its last secondary unexpectedly goes
   * to none, read-write.
   *
   * @param unexpected false when this node closed the connection itself
   * @param reason for the log, or null
   */
  void secondaryLost(String id, boolean unexpected, String reason) {
    if (secondaries.remove(id) == null) {
      return;
    }
    log.info(
        "{}: secondary {} disconnected{}", label(), id, reason == null ? "" : " (" + reason + ")");
    if (unexpected && mode == HaRole.PRIMARY && secondaries.isEmpty() && config.get().consensus()) {
      attempt++;
      adminReadOnly = false;
      autoClearReadOnly = false;
      setRole(HaRole.NONE, HaRole.NONE, "consensus: lost all secondaries");
    }
  }

  /** The node stops: every later outcome is ignored. */
  void close() {
    closed = true;
    attempt++;
    pending = null;
    retryAt = null;
  }

  // ---------------------------------------------------------------- role changes

  private boolean current(long forAttempt) {
    return enabled && !closed && attempt == forAttempt;
  }

  private List<Command> becomePrimary(boolean readOnly, String why) {
    pending = null;
    retryAt = null;
    primaryId = null;
    result = null;
    if (readOnly) {
      adminReadOnly = true;
      autoClearReadOnly = true;
    }
    setRole(
        HaRole.PRIMARY,
        HaRole.PRIMARY,
        why + (readOnly ? ", read-only until a secondary connects" : ""));
    return List.of(new Command.ClosePrimaryLink());
  }

  /** Forgets links, retries and the primary; role none unless {@code why} is null. */
  private void leaveGroup(String why) {
    pending = null;
    retryAt = null;
    secondaries.clear();
    primaryId = null;
    result = null;
    if (why != null) {
      setRole(HaRole.NONE, HaRole.NONE, why);
    }
  }

  private void setRole(HaRole newMode, HaRole newAssigned, String why) {
    if (newMode != mode || newAssigned != assigned) {
      log.info(
          "{}: HA mode {} -> {}, assigned-role {} -> {} ({})",
          label(),
          mode,
          newMode,
          assigned,
          newAssigned,
          why);
    } else {
      log.info("{}: HA mode {}, assigned-role {} ({})", label(), mode, assigned, why);
    }
    mode = newMode;
    assigned = newAssigned;
  }
}
