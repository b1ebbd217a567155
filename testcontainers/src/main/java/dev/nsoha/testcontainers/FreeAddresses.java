package dev.nsoha.testcontainers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback addresses and ports for simulated nodes: addresses {@code 127.R.i.1} with a random
 * R (on which nothing listens on the HA port 4570), ports free on 127.0.0.1.
 */
final class FreeAddresses {
  private FreeAddresses() {}

  /** {@code n} addresses {@code 127.R.1.1 .. 127.R.n.1}, with nothing listening on them. */
  static List<String> address(int n) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int r = ThreadLocalRandom.current().nextInt(100, 250);
      List<String> out = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        String a = "127." + r + "." + i + ".1";
        if (!free(a, 4570)) {
          break;
        }
        out.add(a);
      }
      if (out.size() == n) {
        return out;
      }
    }
    throw new IllegalStateException("no free block of " + n + " loopback addresses found");
  }

  /** {@code n} distinct ports free on 127.0.0.1. */
  static int[] ports(int n) {
    ServerSocket[] s = new ServerSocket[n];
    int[] ports = new int[n];
    try {
      for (int i = 0; i < n; i++) {
        s[i] = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        ports[i] = s[i].getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket x : s) {
        try {
          if (x != null) {
            x.close();
          }
        } catch (IOException ignored) {
          // closing a probe
        }
      }
    }
  }

  static boolean free(String address, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(address), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
