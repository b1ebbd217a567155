package dev.nsoha.sim.ha;

import dev.nsoha.sim.data.NodeRefusal;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of NSO's rule-based HA for one node, without sockets or threads: roles and actions
 * (reference §2.1), the primary's side of the consensus rules (§2.3), read-only (§2.5) and the
 * checks a primary makes before it admits a secondary (§2.7, §2.8). How the node finds and joins a
 * primary (the start-up rule table of §2.2, failover and re-homing of §2.3) is {@link Joining}'s.
 *
 * <p>The machine never waits. Where a rule needs the network it returns {@link RoleCommand}s; the
 * driver carries them out and reports the outcome ({@link #found}, {@link #joined}, {@link
 * #joinFailed}) with the command's attempt number, so that an outcome that arrives after the role
 * changed again is ignored. Retries are deadlines on the injected clock: the driver calls {@link
 * #wake} at {@link #nextWakeup}.
 *
 * <p>Not thread-safe: the driver calls it under one lock.
 */
final class RoleMachine {
  private static final Logger log = LoggerFactory.getLogger(RoleMachine.class);

  private final String label;
  private final String ownIp;
  private final boolean confEnabled;
  private final Supplier<RuleBasedHaConfig> config;

  private final RoleState role = new RoleState(this::label);
  private final Joining joining;
  private boolean enabled;
  private long attempt;
  private boolean closed;

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
    this.config = config;
    this.joining = new Joining(ownIp, clock, config, this::label, role);
  }

  // ---------------------------------------------------------------- state

  /** {@code /high-availability/status} now. */
  HaState state() {
    return role.snapshot(enabled, this::localId);
  }

  /** Overall read-only: the admin flag, or being a secondary (§2.5). */
  boolean isReadOnly() {
    return role.isReadOnly();
  }

  boolean enabled() {
    return enabled;
  }

  HaRole mode() {
    return role.mode();
  }

  /** The number of the current attempt; outcomes of older attempts are ignored. */
  long attempt() {
    return attempt;
  }

  /** When {@link #wake} has work (a retry is due), if at all. */
  Optional<Instant> nextWakeup() {
    return joining.nextWakeup();
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
  List<RoleCommand> enable() {
    requireConf();
    if (localId() == null) {
      throw new NodeRefusal(
          NodeRefusal.Kind.OPERATION_FAILED,
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
    return joining.startup(attempt);
  }

  /** At start, when HA was enabled before the stop: applies the start-up rules. */
  List<RoleCommand> resume() {
    enabled = true;
    attempt++;
    log.info("{}: HA was enabled before the stop; applying the start-up rules", label);
    return joining.startup(attempt);
  }

  /** {@code disable}: leaves the group, role none, clears the admin read-only flag. */
  List<RoleCommand> disable() {
    enabled = false;
    attempt++;
    role.adminReadOnly(false);
    leaveGroup("HA disabled");
    return List.of(new RoleCommand.DropLinks());
  }

  /** {@code be-primary}. */
  List<RoleCommand> bePrimary() {
    requireEnabled();
    attempt++;
    return joining.becomePrimary(false, "be-primary action");
  }

  /** {@code be-none}. */
  List<RoleCommand> beNone() {
    requireEnabled();
    attempt++;
    leaveGroup("be-none action");
    return List.of(new RoleCommand.DropLinks());
  }

  /** {@code be-secondary-to node}: one attempt; the outcome shows in be-secondary-result. */
  List<RoleCommand> beSecondaryTo(String node) {
    requireEnabled();
    RuleBasedHaConfig s = config.get();
    if (s.member(node) == null) {
      throw new NodeRefusal(NodeRefusal.Kind.INVALID_VALUE, "no such ha-node: " + node);
    }
    if (node.equals(s.localId(ownIp))) {
      throw new NodeRefusal(
          NodeRefusal.Kind.OPERATION_FAILED, "cannot be secondary to the local node " + node);
    }
    attempt++;
    leaveGroup(null);
    return joining.beSecondaryTo(node, attempt);
  }

  /** {@code local-node-id}. */
  String localNodeId() {
    String id = localId();
    if (id == null) {
      throw new NodeRefusal(
          NodeRefusal.Kind.OPERATION_FAILED, "no ha-node has this node's HA address " + ownIp);
    }
    return id;
  }

  /** {@code read-only mode} and {@code /ncs-state/set-read-only mode}: the admin flag. */
  void setReadOnly(boolean on) {
    role.adminReadOnly(on);
    log.info("{}: admin read-only mode {}", label(), on);
  }

  private void requireConf() {
    if (!confEnabled) {
      throw new NodeRefusal(
          NodeRefusal.Kind.OPERATION_FAILED,
          "High availability is not enabled in ncs.conf (/ncs-config/ha/enabled)");
    }
  }

  private void requireEnabled() {
    requireConf();
    if (!enabled) {
      throw new NodeRefusal(NodeRefusal.Kind.OPERATION_FAILED, "NSO Built-in HA is not enabled");
    }
  }

  // ---------------------------------------------------------------- outcomes (see Joining)

  /** The outcome of {@link RoleCommand.FindPrimary}: the id of a node in mode primary, or null. */
  List<RoleCommand> found(long forAttempt, String primary) {
    return current(forAttempt) ? joining.found(forAttempt, primary) : List.of();
  }

  /**
   * The node joined {@code target} (the full copy is in). Returns false when the attempt is stale;
   * the driver then closes the new connection.
   */
  boolean joined(long forAttempt, String target) {
    if (!current(forAttempt)) {
      return false;
    }
    joining.joined(target);
    return true;
  }

  /** A {@link RoleCommand.Join} failed: the primary refused, or could not be reached. */
  List<RoleCommand> joinFailed(long forAttempt, String target, HaRefusal why) {
    return current(forAttempt) ? joining.joinFailed(target, why) : List.of();
  }

  /** Starts a retry whose time has come (see {@link #nextWakeup}); else does nothing. */
  List<RoleCommand> wake() {
    return closed || !enabled ? List.of() : joining.wake(attempt);
  }

  /**
   * The connection to the primary broke (closed by the primary, or no ticks): see {@link
   * Joining#primaryLost}.
   *
   * @param forAttempt the attempt current when the loss was seen
   */
  List<RoleCommand> primaryLost(long forAttempt, String reason) {
    if (closed || attempt != forAttempt) {
      return List.of();
    }
    attempt++;
    return joining.primaryLost(reason);
  }

  // ---------------------------------------------------------------- primary side (§2.3, §2.7)

  /**
   * Whether this node admits a secondary: it must be primary (else 25), then {@link Admission}.
   *
   * @return null when admitted, else the refusal
   */
  HaRefusal admit(HaMessage.Join join, String nonce, String version, List<String> fxs) {
    if (!enabled || role.mode() != HaRole.PRIMARY) {
      log.info(
          "{}: join from {} refused: this node is not primary (mode {})",
          label(),
          join.id(),
          role.mode());
      return HaRefusal.cannotConnect();
    }
    return Admission.check(join, nonce, version, fxs, config.get(), localId());
  }

  /**
   * An admitted secondary is connected. Returns false when this node is no longer primary (the
   * driver then closes the connection). Clears the read-only of a failover takeover.
   */
  boolean secondaryConnected(String id, String address, boolean fullCopy) {
    if (!enabled || role.mode() != HaRole.PRIMARY) {
      return false;
    }
    log.info(
        "{}: secondary {} connected from {}{}",
        label(),
        id,
        address,
        fullCopy ? " (full copy sent)" : "");
    role.addSecondary(id, address);
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
    if (!role.removeSecondary(id)) {
      return;
    }
    log.info(
        "{}: secondary {} disconnected{}", label(), id, reason == null ? "" : " (" + reason + ")");
    if (unexpected
        && role.mode() == HaRole.PRIMARY
        && !role.hasSecondaries()
        && config.get().consensus()) {
      attempt++;
      role.adminReadOnly(false);
      role.set(HaRole.NONE, HaRole.NONE, "consensus: lost all secondaries");
    }
  }

  /** The node stops: every later outcome is ignored. */
  void close() {
    closed = true;
    attempt++;
    joining.cancel();
  }

  // ---------------------------------------------------------------- role changes

  private boolean current(long forAttempt) {
    return enabled && !closed && attempt == forAttempt;
  }

  /** Forgets links, retries and the primary; role none unless {@code why} is null. */
  private void leaveGroup(String why) {
    joining.cancel();
    role.leaveGroup();
    if (why != null) {
      role.set(HaRole.NONE, HaRole.NONE, why);
    }
  }
}
