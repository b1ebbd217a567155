package dev.nsoha.sim.ha;

import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.util.Crypto;
import java.util.ArrayList;
import java.util.List;

/** The {@code /high-availability} config as read from a snapshot of the running config. */
record HaSettings(
    String token,
    List<Member> nodes,
    boolean enableFailover,
    boolean assumeNominalRole,
    boolean joinHa,
    int reconnectInterval,
    int reconnectAttempts,
    boolean reconnectSecondaries,
    boolean consensus) {

  /** One {@code ha-node}. */
  record Member(String id, String address, String nominalRole, boolean failoverPrimary) {}

  static HaSettings from(DataNode config) {
    DataNode ha = null;
    for (DataNode c : config.children()) {
      if (c.schema().qualifiedName().equals("tailf-ncs:high-availability")) {
        ha = c;
      }
    }
    List<Member> nodes = new ArrayList<>();
    if (ha == null) {
      return new HaSettings("", nodes, false, false, false, 10, 3, true, true);
    }
    DataNode list = ha.child("ha-node");
    if (list != null) {
      for (DataNode e : list.entries()) {
        nodes.add(
            new Member(
                e.leaf("id"),
                e.leaf("address"),
                def(e.leaf("nominal-role"), "none"),
                Boolean.parseBoolean(def(e.leaf("failover-primary"), "false"))));
      }
    }
    DataNode s = ha.child("settings");
    DataNode su = s == null ? null : s.child("start-up");
    DataNode cons = s == null ? null : s.child("consensus");
    String token = ha.leaf("token");
    return new HaSettings(
        token == null ? "" : Crypto.decrypt(token),
        nodes,
        bool(s, "enable-failover", false),
        bool(su, "assume-nominal-role", false),
        bool(su, "join-ha", false),
        integer(s, "reconnect-interval", 10),
        integer(s, "reconnect-attempts", 3),
        bool(s, "reconnect-secondaries", true),
        bool(cons, "enabled", true));
  }

  private static String def(String v, String d) {
    return v == null ? d : v;
  }

  private static boolean bool(DataNode n, String leaf, boolean d) {
    String v = n == null ? null : n.leaf(leaf);
    return v == null ? d : Boolean.parseBoolean(v);
  }

  private static int integer(DataNode n, String leaf, int d) {
    String v = n == null ? null : n.leaf(leaf);
    return v == null ? d : (int) Math.min(Integer.MAX_VALUE, Long.parseLong(v));
  }

  Member member(String id) {
    for (Member m : nodes) {
      if (m.id().equals(id)) {
        return m;
      }
    }
    return null;
  }

  /** The id of the ha-node whose address equals {@code ip}, or null. */
  String localId(String ip) {
    for (Member m : nodes) {
      if (ip.equals(m.address())) {
        return m.id();
      }
    }
    return null;
  }

  Member nominalPrimary() {
    for (Member m : nodes) {
      if (m.nominalRole().equals("primary")) {
        return m;
      }
    }
    return null;
  }
}
