package dev.nsoha.core.model;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of NSO's alarm list, {@code /al:alarms/alarm-list/alarm} of {@code tailf-ncs-alarms}
 * (keys {@code device type managed-object specific-problem}). NSO keeps an alarm in the list after
 * it is cleared, with {@code is-cleared true}; only a raised alarm ({@link #raised()}) describes a
 * problem that is still there.
 *
 * @param device the {@code device} key: {@code ncs} for NSO's own alarms, such as HA's
 * @param type the alarm type identity without its module, e.g. {@code ha-secondary-down}
 * @param managedObject the alarming object as NSO sent it, e.g. {@code
 *     /tailf-ncs:high-availability/ha-node[id='n3']}
 * @param specificProblem the {@code specific-problem} key, often empty
 * @param severity {@code last-perceived-severity}: {@code critical}, {@code major}, ...; empty when
 *     the node did not send it
 * @param cleared {@code is-cleared}
 * @param lastStatusChange {@code last-status-change}, as NSO prints it
 * @param text {@code last-alarm-text}
 */
public record Alarm(
    String device,
    String type,
    String managedObject,
    String specificProblem,
    String severity,
    boolean cleared,
    Optional<String> lastStatusChange,
    String text) {

  /**
   * The alarm types of rule-based HA that say a node of the cluster is down: the subtypes of {@code
   * ha-node-down-alarm} in NSO's alarm type hierarchy.
   */
  public static final Set<String> HA_NODE_DOWN_TYPES =
      Set.of("ha-node-down-alarm", "ha-primary-down", "ha-secondary-down");

  public Alarm {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(managedObject, "managedObject");
    Objects.requireNonNull(specificProblem, "specificProblem");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(lastStatusChange, "lastStatusChange");
    Objects.requireNonNull(text, "text");
    if (type.isBlank()) {
      throw new IllegalArgumentException("an alarm without a type");
    }
  }

  /** Whether the alarm is active: not cleared. */
  public boolean raised() {
    return !cleared;
  }

  /**
   * Whether this is an HA alarm about a cluster node that went down ({@link #HA_NODE_DOWN_TYPES}).
   */
  public boolean isHaNodeDown() {
    return HA_NODE_DOWN_TYPES.contains(type);
  }

  /**
   * The HA node the alarm is about, when its managed object is an {@code ha-node} entry: {@code n3}
   * for {@code /high-availability/ha-node[id='n3']} in any of NSO's spellings (with or without
   * prefixes, module names, or double quotes).
   */
  public Optional<String> haNode() {
    int at = managedObject.indexOf("ha-node[");
    if (at < 0) {
      return Optional.empty();
    }
    int eq = managedObject.indexOf('=', at);
    if (eq < 0 || eq + 1 >= managedObject.length()) {
      return Optional.empty();
    }
    char q = managedObject.charAt(eq + 1);
    if (q != '\'' && q != '"') {
      return Optional.empty();
    }
    int end = managedObject.indexOf(q, eq + 2);
    return end < 0 ? Optional.empty() : Optional.of(managedObject.substring(eq + 2, end));
  }

  /** One line for tables and messages: {@code ha-secondary-down (critical) on n3: Lost ...}. */
  public String summary() {
    return type
        + (severity.isEmpty() ? "" : " (" + severity + ")")
        + " on "
        + haNode().orElse(managedObject)
        + (cleared ? ", cleared" : "")
        + lastStatusChange.map(t -> " since " + t).orElse("")
        + (text.isEmpty() ? "" : ": " + text);
  }
}
