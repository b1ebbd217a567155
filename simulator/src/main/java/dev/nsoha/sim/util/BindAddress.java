package dev.nsoha.sim.util;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The simulator listens on loopback addresses only, whatever its ncs.conf says: the wildcard {@code
 * 0.0.0.0} (NSO's default, as {@code ncs-setup} writes it) becomes 127.0.0.1, and any other
 * non-loopback address is refused.
 */
public final class BindAddress {
  private BindAddress() {}

  /**
   * The address a listener of {@code what} binds for the configured {@code ip}.
   *
   * @throws IOException naming the listener when {@code ip} is neither a wildcard nor a loopback
   *     address
   */
  public static String bindAddress(String what, String ip) throws IOException {
    String t = ip.trim();
    if (t.equals("0.0.0.0") || t.equals("::") || t.equals("0:0:0:0:0:0:0:0")) {
      return "127.0.0.1";
    }
    try {
      InetAddress a = InetAddress.getByName(t);
      if (a.isLoopbackAddress()) {
        return t;
      }
    } catch (UnknownHostException e) {
      throw new IOException(what + ": cannot resolve " + t, e);
    }
    throw new IOException(
        what + ": " + t + " is not a loopback address; the simulator listens on 127.0.0.0/8 only");
  }
}
