package dev.nsoha.sim.raft;

import java.util.Objects;

/**
 * An HA Raft node name, {@code ID@ADDRESS} with an optional {@code :PORT} (the 6.7 form). A name
 * without an id gets NSO's default id {@code ncsd}. Two names are the same node when id and address
 * are equal; the port is only a hint where to find it.
 */
public record NodeName(String id, String address, int port) {
  public NodeName {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
  }

  /**
   * Parses {@code [ID@]ADDRESS[:PORT]}; an IPv6 address is written in brackets when a port follows.
   *
   * @throws IllegalArgumentException for an empty name or a bad port
   */
  public static NodeName parse(String s) {
    String t = s.trim();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("empty node name");
    }
    String id = "ncsd";
    int at = t.indexOf('@');
    if (at >= 0) {
      id = t.substring(0, at);
      t = t.substring(at + 1);
    }
    int port = 0;
    if (t.startsWith("[")) {
      int end = t.indexOf(']');
      if (end < 0) {
        throw new IllegalArgumentException("bad node name '" + s + "'");
      }
      String rest = t.substring(end + 1);
      t = t.substring(1, end);
      if (rest.startsWith(":")) {
        port = port(rest.substring(1), s);
      }
    } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
      port = port(t.substring(t.indexOf(':') + 1), s);
      t = t.substring(0, t.indexOf(':'));
    }
    if (id.isEmpty() || t.isEmpty()) {
      throw new IllegalArgumentException("bad node name '" + s + "'");
    }
    return new NodeName(id, t, port);
  }

  private static int port(String p, String s) {
    try {
      int v = Integer.parseInt(p);
      if (v < 1 || v > 65535) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in node name '" + s + "'");
    }
  }

  /** The name without port, {@code ID@ADDRESS}: how members are listed and compared. */
  public String key() {
    return id + "@" + address;
  }

  @Override
  public String toString() {
    return key();
  }
}
