package dev.nsoha.core.preflight;

import dev.nsoha.core.model.Alarm;
import dev.nsoha.core.preflight.PreflightItem.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The preflight rows of one node's alarm list: every raised HA node-down alarm ({@code
 * ha-primary-down}, {@code ha-secondary-down}) is a no-go row that names the node, the alarm and
 * its text, and what to do; other raised alarms are not blocking and show as one warning row. A
 * cleared alarm, which NSO keeps in the list, is neither.
 */
public final class HaAlarmCheck {
  /** The check's name in the table. */
  public static final String CHECK = "ha-alarms";

  private HaAlarmCheck() {}

  /**
   * The rows for node {@code node}, whose alarm list is {@code alarms}.
   *
   * @param node the node's id, as the table names it
   * @param alarms the node's whole alarm list, cleared alarms included
   */
  public static List<PreflightItem> rows(String node, List<Alarm> alarms) {
    List<PreflightItem> out = new ArrayList<>();
    List<Alarm> ha = alarms.stream().filter(a -> a.raised() && a.isHaNodeDown()).toList();
    List<Alarm> other = alarms.stream().filter(a -> a.raised() && !a.isHaNodeDown()).toList();
    for (Alarm a : ha) {
      out.add(PreflightItem.noGo(CHECK, node, a.summary(), fix(node, a), Kind.NOT_READY));
    }
    if (ha.isEmpty()) {
      long cleared = alarms.stream().filter(a -> a.cleared() && a.isHaNodeDown()).count();
      out.add(
          PreflightItem.go(
              CHECK,
              node,
              "no HA alarm raised" + (cleared == 0 ? "" : " (" + cleared + " cleared)")));
    }
    if (!other.isEmpty()) {
      out.add(
          PreflightItem.warning(
              CHECK,
              node,
              other.size()
                  + " other alarm(s) raised, not blocking: "
                  + other.stream().map(Alarm::summary).collect(Collectors.joining("; ")),
              "look at 'show alarms alarm-list' on " + node + " before the upgrade"));
    }
    return out;
  }

  /** A row for a node whose alarm list could not be read: the check cannot say go. */
  public static PreflightItem unreadable(String node, String why) {
    return PreflightItem.noGo(
        CHECK,
        node,
        "cannot read the alarm list: " + why,
        "check that the user may read /alarms/alarm-list on " + node,
        Kind.NOT_READY);
  }

  private static String fix(String node, Alarm a) {
    String other = a.haNode().orElse("the other node");
    return switch (a.type()) {
      case "ha-secondary-down" ->
          "bring "
              + other
              + " back (start it, enable HA on it) so that it connects to "
              + node
              + " again; NSO clears the alarm when it does";
      case "ha-primary-down" ->
          "restore the cluster: start "
              + other
              + " and bring every node back in its nominal role; NSO releases that do not"
              + " clear this alarm themselves need it purged by hand (the alarm's purge action)"
              + " once the cluster is whole";
      default ->
          "find why " + node + " lost its HA peer " + other + " and restore the cluster first";
    };
  }
}
