package dev.nsoha.sim.alarm;

import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node's alarm list. Thread-safe. */
public final class AlarmManager {
  private static final Logger log = LoggerFactory.getLogger(AlarmManager.class);

  private final String nodeLabel;
  private final Map<String, SimAlarm> alarms = new LinkedHashMap<>();
  private final Map<String, List<Change>> changes = new LinkedHashMap<>();
  private final List<Consumer<SimAlarm>> listeners = new CopyOnWriteArrayList<>();
  private String lastChanged;

  public AlarmManager(String nodeLabel) {
    this.nodeLabel = nodeLabel;
  }

  /** One entry of an alarm's {@code status-change} list; a clear has no text. */
  private record Change(String time, String severity, String text) {}

  /** Raises (or re-raises with a new text) an alarm and notifies listeners. */
  public void raise(String type, String managedObject, String severity, String text) {
    SimAlarm a = new SimAlarm(type, managedObject, severity, text, false, now());
    synchronized (this) {
      alarms.put(type + "|" + managedObject, a);
      changes
          .computeIfAbsent(type + "|" + managedObject, k -> new ArrayList<>())
          .add(new Change(a.lastStatusChange(), severity, text));
      lastChanged = a.lastStatusChange();
    }
    log.info("{}: alarm {} raised on {}: {}", nodeLabel, type, managedObject, text);
    for (Consumer<SimAlarm> l : listeners) {
      try {
        l.accept(a);
      } catch (RuntimeException e) {
        log.warn("{}: alarm listener failed", nodeLabel, e);
      }
    }
  }

  /** Clears an alarm if present and not cleared. */
  public void clear(String type, String managedObject) {
    synchronized (this) {
      SimAlarm a = alarms.get(type + "|" + managedObject);
      if (a == null || a.cleared()) {
        return;
      }
      SimAlarm c = new SimAlarm(type, managedObject, a.severity(), a.text(), true, now());
      alarms.put(type + "|" + managedObject, c);
      changes
          .computeIfAbsent(type + "|" + managedObject, k -> new ArrayList<>())
          .add(new Change(c.lastStatusChange(), "cleared", null));
      lastChanged = c.lastStatusChange();
    }
    log.info("{}: alarm {} cleared on {}", nodeLabel, type, managedObject);
  }

  /** Clears every alarm of a type. */
  public void clearAll(String type) {
    for (SimAlarm a : list()) {
      if (a.type().equals(type)) {
        clear(type, a.managedObject());
      }
    }
  }

  /** All alarms, cleared ones included. */
  public synchronized List<SimAlarm> list() {
    return new ArrayList<>(alarms.values());
  }

  /** Registers a listener for raised alarms. */
  public void addListener(Consumer<SimAlarm> l) {
    listeners.add(l);
  }

  /** Removes a listener. */
  public void removeListener(Consumer<SimAlarm> l) {
    listeners.remove(l);
  }

  /** Adds {@code /alarms/alarm-list} to an oper view. */
  public void fill(DataNode root, Schema schema) {
    SchemaNode alarmsS = schema.top("tailf-ncs-alarms", "alarms");
    if (alarmsS == null) {
      return;
    }
    List<SimAlarm> all;
    Map<String, List<Change>> history = new LinkedHashMap<>();
    String lc;
    synchronized (this) {
      all = list();
      changes.forEach((k, v) -> history.put(k, List.copyOf(v)));
      lc = lastChanged;
    }
    DataNode al = root.getOrCreate(alarmsS).getOrCreate(alarmsS.child("alarm-list"));
    al.setLeaf("number-of-alarms", Integer.toString(all.size()));
    if (lc != null) {
      al.setLeaf("last-changed", lc);
    }
    if (all.isEmpty()) {
      return;
    }
    DataNode list = al.getOrCreate(al.schema().child("alarm"));
    for (SimAlarm a : all) {
      DataNode e = list.getOrCreateEntry(List.of("ncs", a.type(), a.managedObject(), ""));
      e.setLeaf("is-cleared", Boolean.toString(a.cleared()));
      e.setLeaf("last-status-change", a.lastStatusChange());
      e.setLeaf("last-perceived-severity", a.severity());
      e.setLeaf("last-alarm-text", a.text());
      DataNode sc = e.getOrCreate(e.schema().child("status-change"));
      for (Change c : history.getOrDefault(a.type() + "|" + a.managedObject(), List.of())) {
        DataNode ce = sc.getOrCreateEntry(List.of(c.time()));
        ce.setLeaf("received-time", c.time());
        ce.setLeaf("perceived-severity", c.severity());
        if (c.text() != null) {
          ce.setLeaf("alarm-text", c.text());
        }
      }
    }
  }

  /** NSO's {@code yang:date-and-time} as it prints it: {@code 2022-05-30T10:04:33.231808+00:00}. */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

  private static String now() {
    return OffsetDateTime.now(ZoneOffset.UTC).format(TIME);
  }
}
