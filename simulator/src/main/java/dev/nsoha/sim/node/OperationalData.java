package dev.nsoha.sim.node;

import dev.nsoha.sim.alarm.AlarmManager;
import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.ha.HaRole;
import dev.nsoha.sim.ha.HaState;
import dev.nsoha.sim.ha.RuleBasedHa;
import dev.nsoha.sim.pkg.PackageManager;
import dev.nsoha.sim.raft.HaRaft;
import dev.nsoha.sim.raft.RaftStatusSnapshot;
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
  private final HaRaft raft;
  private final String version;
  private final Supplier<String> status;
  private final PackageManager packages;
  private final AlarmManager alarms;

  OperationalData(
      RuleBasedHa ha,
      HaRaft raft,
      String version,
      Supplier<String> status,
      PackageManager packages,
      AlarmManager alarms) {
    this.ha = ha;
    this.raft = raft;
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
    RaftStatusSnapshot rs = raft == null ? null : raft.status();
    if (rs != null) {
      fillRaft(view, schema, rs);
    }
    if (rs != null ? !"leader".equals(rs.role()) || rs.readOnly() : st.readOnly()) {
      ns.setLeaf("read-only-mode", "");
    }
    if (rs != null ? rs.readOnly() : st.adminReadOnly()) {
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

  /** {@code /ha-raft/status}. */
  private static void fillRaft(DataNode view, Schema schema, RaftStatusSnapshot rs) {
    SchemaNode top = schema.top("tailf-ncs-high-availability-raft", "ha-raft");
    SchemaNode stS = top.child("status");
    DataNode s = view.getOrCreate(top).getOrCreate(stS);
    s.setLeaf("role", rs.role());
    if (rs.leader() != null) {
      s.setLeaf("leader", rs.leader());
    }
    if (!rs.members().isEmpty()) {
      DataNode m = s.getOrCreate(stS.child("member"));
      rs.members().forEach(m::addValue);
    }
    if (!rs.connectedNodes().isEmpty()) {
      DataNode c = s.getOrCreate(stS.child("connected-node"));
      rs.connectedNodes().forEach(c::addValue);
    }
    s.setLeaf("local-node", rs.localNode());
    if (rs.disableReason() != null) {
      s.setLeaf("disable-reason", rs.disableReason());
    }
    if (!rs.certificates().isEmpty() || !rs.authorities().isEmpty()) {
      SchemaNode cS = stS.child("certificates");
      DataNode certs = s.getOrCreate(cS);
      certList(certs, cS.child("certificate"), rs.certificates());
      certList(certs, cS.child("certificate-authority"), rs.authorities());
    }
    SchemaNode lS = stS.child("log");
    DataNode l = s.getOrCreate(lS);
    l.setLeaf("current-index", Long.toString(rs.currentIndex()));
    l.setLeaf("applied-index", Long.toString(rs.appliedIndex()));
    l.setLeaf("num-entries", Long.toString(rs.numEntries()));
    if (!rs.replications().isEmpty()) {
      DataNode reps = l.getOrCreate(lS.child("replications"));
      for (RaftStatusSnapshot.Replication r : rs.replications()) {
        DataNode e = reps.getOrCreateEntry(List.of(r.node()));
        e.setLeaf("state", r.state());
        e.setLeaf("index", Long.toString(r.index()));
        e.setLeaf("lag", Long.toString(r.lag()));
      }
    }
    s.setLeaf("passive", Boolean.toString(rs.passive()));
  }

  private static void certList(
      DataNode parent, SchemaNode listS, List<RaftStatusSnapshot.Certificate> l) {
    if (l.isEmpty()) {
      return;
    }
    DataNode list = parent.getOrCreate(listS);
    for (RaftStatusSnapshot.Certificate c : l) {
      DataNode e = list.getOrCreateEntry(List.of(c.serialNumber()));
      e.setLeaf("expiration-date", c.expirationDate());
      e.setLeaf("file-path", c.filePath());
    }
  }
}
