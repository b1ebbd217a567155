package dev.nsoha.sim.node;

import dev.nsoha.sim.alarm.SimAlarm;

/**
 * Receives node events (for CLI sessions' asynchronous lines). Called on an internal thread; must
 * not block.
 */
public interface NodeEventListener {
  /** An alarm was raised (not called for clears). */
  void alarmRaised(SimAlarm alarm);
}
