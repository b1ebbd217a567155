package dev.nsoha.sim.raft;

import dev.nsoha.sim.data.NodeRefusal;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code /ha-raft/network} actions of a member: {@code ping}, {@code resolve-address} and
 * {@code scan-ports}, answered from the member's own transport (its address, its ports, the ports
 * where it looks for a node).
 */
public final class RaftNetwork {
  private final RaftTransport transport;
  private final long tick;

  RaftNetwork(RaftTransport transport, long tick) {
    this.transport = transport;
    this.tick = tick;
  }

  /** {@code network ping node X}: whether a connection to it is (or can be) up. */
  public String ping(String node) {
    NodeName n = HaRaft.parseMember(node);
    transport.hint(n);
    if (transport.connected(n.key())) {
      return "pong";
    }
    try {
      if (transport.reach(n.key(), Math.max(2000, 3 * tick))) {
        return "pong";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "pang";
  }

  /**
   * {@code network resolve-address node X [ip-version ipv4|ipv6|unknown]}: the first address X's
   * ADDRESS resolves to, of the given family ({@code unknown}: any).
   */
  public String resolveAddress(String node, String ipVersion) {
    return resolve(HaRaft.parseMember(node), ipVersion).getHostAddress();
  }

  /**
   * {@code network scan-ports node X [port [ ... ]] [ip-version ...]}: for each port, whether a TCP
   * connection from this node opens; without ports, the ports where this node looks for X.
   */
  public Map<Integer, Boolean> scanPorts(String node, List<Integer> ports, String ipVersion) {
    NodeName n = HaRaft.parseMember(node);
    InetAddress a = resolve(n, ipVersion);
    List<Integer> scan = ports.isEmpty() ? transport.portsFor(n) : ports;
    Map<Integer, Boolean> out = new LinkedHashMap<>();
    int timeout = (int) Math.max(1000, tick);
    for (int p : scan) {
      out.put(p, transport.portOpen(a, p, timeout));
    }
    return out;
  }

  private static InetAddress resolve(NodeName n, String ipVersion) {
    String v = ipVersion == null ? "unknown" : ipVersion;
    InetAddress[] all;
    try {
      all = InetAddress.getAllByName(n.address());
    } catch (UnknownHostException e) {
      throw new NodeRefusal(
          NodeRefusal.Kind.OPERATION_FAILED, "cannot resolve address '" + n.address() + "'");
    }
    for (InetAddress a : all) {
      if (v.equals("unknown")
          || (v.equals("ipv4") && a instanceof Inet4Address)
          || (v.equals("ipv6") && a instanceof Inet6Address)) {
        return a;
      }
    }
    throw new NodeRefusal(
        NodeRefusal.Kind.OPERATION_FAILED,
        "address '" + n.address() + "' has no " + v + " address");
  }
}
