package dev.nsoha.sim.node;

import dev.nsoha.sim.alarm.AlarmManager;
import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.ha.HaRole;
import dev.nsoha.sim.ha.HaState;
import dev.nsoha.sim.ha.RuleBasedHa;
import dev.nsoha.sim.pkg.PackageManager;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import java.util.List;
import java.util.function.Supplier;

/**
 * A node's operational (non-config) data, filled into a read view: {@code
 * /high-availability/status}, {@code /ncs-state}, {@code /packages} and the alarm list.
 */
final class OperationalData {
  private final RuleBasedHa ha;
  private final String version;
  private final Supplier<String> status;
  private final PackageManager packages;
  private final AlarmManager alarms;

  OperationalData(
      RuleBasedHa ha,
      String version,
      Supplier<String> status,
      PackageManager packages,
      AlarmManager alarms) {
    this.ha = ha;
    this.version = version;
    this.status = status;
    this.packages = packages;
    this.alarms = alarms;
  }

  /** Adds the operational data to {@code view} (a copy of the running config). */
  void fill(DataNode view, Schema schema) {
    String status = this.status.get();

    HaState st = ha.status();
    SchemaNode haS = schema.top("tailf-ncs", "high-availability");
    DataNode haN = view.getOrCreate(haS);
    if (st.enabled()) {
      haN.setLeaf("enabled", "");
    }
    DataNode s = haN.getOrCreate(haS.child("status"));
    s.setLeaf("mode", st.mode().yang());
    if (st.currentId() != null) {
      s.setLeaf("current-id", st.currentId());
    }
    s.setLeaf("assigned-role", st.assignedRole().yang());
    if (st.beSecondaryResult() != null) {
      s.setLeaf("be-secondary-result", st.beSecondaryResult());
    }
    if (st.primaryId() != null) {
      s.setLeaf("primary-id", st.primaryId());
    }
    s.setLeaf("read-only-mode", Boolean.toString(st.readOnly()));
    if (!st.connectedSecondaries().isEmpty()) {
      DataNode cs = s.getOrCreate(haS.child("status").child("connected-secondary"));
      st.connectedSecondaries()
          .forEach((id, addr) -> cs.getOrCreateEntry(List.of(id)).setLeaf("address", addr));
    }
    SchemaNode nsS = schema.top("tailf-ncs-monitoring", "ncs-state");
    DataNode ns = view.getOrCreate(nsS);
    ns.setLeaf("version", version);
    ns.setLeaf("daemon-status", status.equals("stopped") ? "stopping" : status);
    if (st.readOnly()) {
      ns.setLeaf("read-only-mode", "");
    }
    if (st.adminReadOnly()) {
      ns.setLeaf("admin-configured-read-only-mode", "");
    }
    DataNode nha = ns.getOrCreate(nsS.child("ha"));
    nha.setLeaf("mode", st.mode().yang());
    if (st.currentId() != null) {
      nha.setLeaf("node-id", st.currentId());
    }
    if (st.primaryId() != null && st.mode() == HaRole.SECONDARY) {
      nha.setLeaf("primary-node-id", st.primaryId());
    }
    if (!st.connectedSecondaries().isEmpty()) {
      DataNode ids = nha.getOrCreate(nsS.child("ha").child("connected-secondary-id"));
      st.connectedSecondaries().keySet().forEach(ids::addValue);
    }
    ns.getOrCreate(nsS.child("smp"))
        .setLeaf("number-of-threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
    ns.setLeaf("epoll", "true");
    packages.fill(view, schema);
    alarms.fill(view, schema);
  }
}
