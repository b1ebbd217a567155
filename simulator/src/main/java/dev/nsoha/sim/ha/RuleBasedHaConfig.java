package dev.nsoha.sim.ha;

import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.util.Crypto;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule-based HA configuration ({@code /high-availability}: token, ha-node list, settings) as
 * read from a snapshot of the running config. Named apart from the client library's {@code
 * HaSettings}; defaults are the simulator's choices for the unpublished YANG.
 */
record RuleBasedHaConfig(
    String token,
    List<Member> nodes,
    boolean enableFailover,
    boolean assumeNominalRole,
    boolean joinHa,
    int reconnectInterval,
    int reconnectAttempts,
    boolean reconnectSecondaries,
    boolean consensus) {

  RuleBasedHaConfig {
    token = token == null ? "" : token;
    nodes = List.copyOf(nodes);
  }

  /** One {@code ha-node}. */
  record Member(String id, String address, HaRole nominalRole, boolean failoverPrimary) {
    Member {
      nominalRole = nominalRole == null ? HaRole.NONE : nominalRole;
    }
  }

  static RuleBasedHaConfig from(DataNode config) {
    DataNode ha = null;
    for (DataNode c : config.children()) {
      if (c.schema().qualifiedName().equals("tailf-ncs:high-availability")) {
        ha = c;
      }
    }
    List<Member> nodes = new ArrayList<>();
    if (ha == null) {
      return empty();
    }
    DataNode list = ha.child("ha-node");
    if (list != null) {
      for (DataNode e : list.entries()) {
        nodes.add(
            new Member(
                e.leaf("id"),
                e.leaf("address"),
                HaRole.of(def(e.leaf("nominal-role"), "none")),
                Boolean.parseBoolean(def(e.leaf("failover-primary"), "false"))));
      }
    }
    DataNode s = ha.child("settings");
    DataNode su = s == null ? null : s.child("start-up");
    DataNode cons = s == null ? null : s.child("consensus");
    String token = ha.leaf("token");
    return new RuleBasedHaConfig(
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

  /** The configuration of a node without any {@code /high-availability} data. */
  static RuleBasedHaConfig empty() {
    return new RuleBasedHaConfig("", List.of(), false, false, false, 10, 3, true, true);
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

  /** The ha-node with this id, or null. */
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
    if (ip == null) {
      return null;
    }
    for (Member m : nodes) {
      if (ip.equals(m.address())) {
        return m.id();
      }
    }
    return null;
  }

  /** The ha-node whose nominal role is primary, or null. */
  Member nominalPrimary() {
    for (Member m : nodes) {
      if (m.nominalRole() == HaRole.PRIMARY) {
        return m;
      }
    }
    return null;
  }
}
