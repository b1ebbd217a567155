package dev.nsoha.sim.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * How every module's tests choose their addresses and ports, so that tests never collide with each
 * other, with a running example (127.0.1.1–127.0.3.1, IPC 4561) or with a wildcard listener on
 * NSO's CLI port 2024: each cluster takes its own block {@code 127.<B>.<N>.1} and ports that are
 * free on 127.0.0.1 (a port held on the wildcard address is not free there either).
 */
public final class Loopback {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Loopback() {}

  /** A random second octet in 100..250 for a cluster's own address block. */
  public static int randomOctet() {
    return 100 + RANDOM.nextInt(151);
  }

  /** The address of node {@code n} (1-based) in block {@code octet}: {@code 127.<octet>.<n>.1}. */
  public static String address(int octet, int n) {
    return "127." + octet + "." + n + ".1";
  }

  /**
   * {@code n} different TCP ports that are free on 127.0.0.1. The probe sockets are all open at
   * once: probing one port at a time can hand out the same port twice, as the kernel may reuse a
   * port that was just released.
   */
  public static int[] freePorts(int n) throws IOException {
    List<ServerSocket> open = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket();
        open.add(s);
        s.bind(new InetSocketAddress("127.0.0.1", 0));
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : open) {
        s.close();
      }
    }
  }

  /**
   * The first of {@code n} consecutive TCP ports free on 127.0.0.1 (NSO's tools take a node's IPC
   * port as a base plus its index, as the example's 4561, 4562, 4563). The ports are taken from
   * 13000..31999, below Linux's ephemeral range (32768 and up): a node binds its port only when it
   * starts, and a port in the ephemeral range can be taken meanwhile as the local end of any
   * outgoing connection on the machine.
   */
  public static int freeConsecutivePorts(int n) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = 13000 + RANDOM.nextInt(19000 - n);
      boolean free = true;
      for (int p = base; p < base + n && free; p++) {
        free = isFree(p);
      }
      if (free) {
        return base;
      }
    }
    throw new IllegalStateException("no " + n + " consecutive free ports on 127.0.0.1");
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.isBound();
    } catch (IOException e) {
      return false;
    }
  }
}
