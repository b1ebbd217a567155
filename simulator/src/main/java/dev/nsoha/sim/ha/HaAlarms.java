package dev.nsoha.sim.ha;

/** Names shared by HA's alarms. */
final class HaAlarms {
  private HaAlarms() {}

  /** The managed object of an HA alarm about ha-node {@code id}. */
  static String memberPath(String id) {
    return "/ncs:high-availability/ncs:ha-node[ncs:id='" + id + "']";
  }
}
