package dev.nsoha.container;

import dev.nsoha.core.model.ClusterSpec;

/**
 * The rule-based HA configuration of NSO's upgrade example as a CDB init file: the token, one
 * {@code ha-node} per node with its address and nominal role, the failover-primary, start-up rules
 * (assume the nominal role, join HA) and failover after {@code reconnect-interval} × {@code
 * reconnect-attempts} seconds. NSO loads it into an empty database at first start.
 */
public final class HaInit {
  private HaInit() {}

  /** The init file for {@code cluster}. */
  public static String xml(
      ClusterSpec cluster, String token, int reconnectInterval, int reconnectAttempts) {
    StringBuilder nodes = new StringBuilder();
    for (ClusterSpec.NodeSpec n : cluster.nodes()) {
      nodes
          .append("    <ha-node>\n      <id>")
          .append(n.id())
          .append("</id>\n      <address>")
          .append(n.address())
          .append("</address>\n      <nominal-role>")
          .append(n.nominalRole().nsoName())
          .append("</nominal-role>\n");
      if (n.failoverPrimary()) {
        nodes.append("      <failover-primary>true</failover-primary>\n");
      }
      nodes.append("    </ha-node>\n");
    }
    return "<config xmlns=\"http://tail-f.com/ns/config/1.0\">\n"
        + "  <high-availability xmlns=\"http://tail-f.com/ns/ncs\">\n"
        + "    <token>"
        + token
        + "</token>\n"
        + nodes
        + "    <settings>\n"
        + "      <start-up>\n"
        + "        <assume-nominal-role>true</assume-nominal-role>\n"
        + "        <join-ha>true</join-ha>\n"
        + "      </start-up>\n"
        + "      <enable-failover>true</enable-failover>\n"
        + "      <reconnect-interval>"
        + reconnectInterval
        + "</reconnect-interval>\n"
        + "      <reconnect-attempts>"
        + reconnectAttempts
        + "</reconnect-attempts>\n"
        + "    </settings>\n"
        + "  </high-availability>\n"
        + "</config>\n";
  }
}
