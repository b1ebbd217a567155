package dev.nsoha.sim.ha;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node's HA status shows, and the read-only flags: mode and assigned role, primary id,
 * be-secondary-result, the admin read-only flag (and whether a connecting secondary clears it), and
 * the connected secondaries. {@link RoleMachine} decides; this records and logs. Not thread-safe.
 */
final class RoleState {
  private static final Logger log = LoggerFactory.getLogger(RoleState.class);

  private final Supplier<String> label;
  private HaRole mode = HaRole.NONE;
  private HaRole assigned = HaRole.NONE;
  private String primaryId;
  private String result;
  private boolean adminReadOnly;
  private boolean autoClearReadOnly;
  private final Map<String, String> secondaries = new LinkedHashMap<>();

  RoleState(Supplier<String> label) {
    this.label = label;
  }

  /** The status, with {@code currentId} shown only while enabled and not none. */
  HaState snapshot(boolean enabled, Supplier<String> currentId) {
    String cur = enabled && mode != HaRole.NONE ? currentId.get() : null;
    return new HaState(
        enabled, mode, cur, assigned, result, primaryId, isReadOnly(), adminReadOnly, secondaries);
  }

  /** Overall read-only: the admin flag, or being a secondary (reference §2.5). */
  boolean isReadOnly() {
    return adminReadOnly || mode == HaRole.SECONDARY;
  }

  HaRole mode() {
    return mode;
  }

  String primaryId() {
    return primaryId;
  }

  void primaryId(String id) {
    primaryId = id;
  }

  /** Sets {@code be-secondary-result}. */
  void result(String r) {
    result = r;
  }

  /** Sets {@code be-secondary-result} to the refusal's text. */
  void result(HaRefusal r) {
    result = r.beSecondaryResult();
  }

  /** The administrator's read-only flag (no longer cleared by a connecting secondary). */
  void adminReadOnly(boolean on) {
    adminReadOnly = on;
    autoClearReadOnly = false;
  }

  /** Role primary; {@code readOnly} sets the admin flag until a secondary connects. */
  void becomePrimary(boolean readOnly, String why) {
    primaryId = null;
    result = null;
    if (readOnly) {
      adminReadOnly = true;
      autoClearReadOnly = true;
    }
    set(
        HaRole.PRIMARY,
        HaRole.PRIMARY,
        why + (readOnly ? ", read-only until a secondary connects" : ""));
  }

  /** Forgets the primary, the result and the secondaries. */
  void leaveGroup() {
    secondaries.clear();
    primaryId = null;
    result = null;
  }

  /** A secondary connected; clears the read-only of a takeover. */
  void addSecondary(String id, String address) {
    secondaries.put(id, address);
    if (autoClearReadOnly && adminReadOnly) {
      adminReadOnly = false;
      autoClearReadOnly = false;
      log.info("{}: read-only mode cleared: a secondary connected", label.get());
    }
  }

  /** Removes a secondary; false when it was not connected. */
  boolean removeSecondary(String id) {
    return secondaries.remove(id) != null;
  }

  boolean hasSecondaries() {
    return !secondaries.isEmpty();
  }

  /** Sets mode and assigned role, and logs the change with its reason. */
  void set(HaRole newMode, HaRole newAssigned, String why) {
    if (newMode != mode || newAssigned != assigned) {
      log.info(
          "{}: HA mode {} -> {}, assigned-role {} -> {} ({})",
          label.get(),
          mode,
          newMode,
          assigned,
          newAssigned,
          why);
    } else {
      log.info("{}: HA mode {}, assigned-role {} ({})", label.get(), mode, assigned, why);
    }
    mode = newMode;
    assigned = newAssigned;
  }
}
