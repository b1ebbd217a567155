package dev.nsoha.sim.raft;

import dev.nsoha.sim.alarm.AlarmManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The raft log lines and alarms of a member's Raft events: {@code ha-secondary-down} on the leader
 * for a member whose connection is lost (cleared when it is back), {@code ha-primary-down} on the
 * node that wins an election after its leader was lost (cleared when the old leader connects
 * again), and {@code ha-raft-quorum-lost}. Used on the Raft thread only.
 */
final class RaftAlarms {
  private static final String SECONDARY_DOWN = "ha-secondary-down";
  private static final String PRIMARY_DOWN = "ha-primary-down";
  private static final String QUORUM_LOST = "ha-raft-quorum-lost";

  private final AlarmManager alarms;
  private final RaftEventLog events;
  private final String self;
  private final Map<String, String> downReason = new HashMap<>();
  private String lastLeader;

  RaftAlarms(AlarmManager alarms, RaftEventLog events, String self) {
    this.alarms = alarms;
    this.events = events;
    this.self = self;
  }

  private static String memberObject(String node) {
    return "/haraft:ha-raft/haraft:status/haraft:member[.='" + node + "']";
  }

  /** The engine's leader now (null when none). */
  void leaderSeen(String leader) {
    if (leader != null) {
      lastLeader = leader;
    }
  }

  /** A connection to {@code peer} came up. */
  void up(String peer) {
    downReason.remove(peer);
    alarms.clear(SECONDARY_DOWN, memberObject(peer));
    alarms.clear(PRIMARY_DOWN, memberObject(peer));
  }

  /** The connection to {@code peer} was lost. */
  void down(String peer, String reason, boolean leader, List<String> members) {
    downReason.put(peer, reason);
    if (leader && members.contains(peer)) {
      alarms.raise(SECONDARY_DOWN, memberObject(peer), "critical", "Lost connection to secondary");
    }
  }

  /** An event of the engine. */
  void event(
      RaftCore.Event e,
      String node,
      String text,
      List<String> members,
      Predicate<String> connected) {
    switch (e) {
      case BECAME_LEADER -> {
        events.info("became leader, " + text);
        if (lastLeader != null && !lastLeader.equals(self)) {
          String why = downReason.getOrDefault(lastLeader, "Tick timeout");
          alarms.raise(
              PRIMARY_DOWN,
              memberObject(lastLeader),
              "critical",
              "Lost connection to primary due to: " + why);
        }
        lastLeader = self;
        for (String m : members) {
          if (!m.equals(self) && !connected.test(m)) {
            alarms.raise(
                SECONDARY_DOWN, memberObject(m), "critical", "Lost connection to secondary");
          }
        }
      }
      case BECAME_FOLLOWER -> {
        events.info(text);
        if (!node.equals(self)) {
          lastLeader = node;
        }
      }
      case LOST_LEADER -> events.error("lost the leader " + node + ": " + text);
      case QUORUM_LOST -> {
        events.error(text);
        alarms.raise(QUORUM_LOST, "/haraft:ha-raft", "critical", text);
      }
      case ELECTION -> events.info("election started, " + text);
      case JOINED -> events.info(text + " (invited by " + node + ")");
      case REFUSED -> events.error(text);
      default -> events.info(text);
    }
  }
}
