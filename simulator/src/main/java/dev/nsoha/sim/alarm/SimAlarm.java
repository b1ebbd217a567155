package dev.nsoha.sim.alarm;

import java.util.Objects;

/**
 * One alarm of {@code /alarms/alarm-list/alarm}.
 *
 * @param type alarm type identity without module, e.g. {@code ha-primary-down}
 * @param managedObject the object, e.g. {@code /ncs:high-availability/ncs:ha-node[ncs:id='n1']}
 * @param severity {@code critical}, {@code major}, ...
 * @param text the last alarm text
 * @param cleared whether it is cleared
 * @param lastStatusChange ISO-8601 timestamp of the last change
 */
public record SimAlarm(
    String type,
    String managedObject,
    String severity,
    String text,
    boolean cleared,
    String lastStatusChange) {
  public SimAlarm {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(managedObject, "managedObject");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(lastStatusChange, "lastStatusChange");
  }
}
