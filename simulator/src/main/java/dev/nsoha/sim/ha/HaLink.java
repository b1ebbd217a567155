package dev.nsoha.sim.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nsoha.sim.data.JsonCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HA TCP connection: length-prefixed (4-byte big-endian) UTF-8 JSON frames, one {@link
 * HaMessage} each (see {@link HaCodec}). Sends are serialised; reads come from one reader thread.
 * Thread-safe for send.
 */
final class HaLink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HaLink.class);
  private static final int MAX = 256 * 1024 * 1024;

  final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;
  volatile String peerId;
  volatile long lastSeen = System.nanoTime();
  volatile boolean closedByUs;
  volatile String lossReason;

  HaLink(Socket socket) throws IOException {
    this.socket = socket;
    socket.setTcpNoDelay(true);
    this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
  }

  /** Connects from {@code localIp} (so the peer sees our HA address) to {@code host:port}. */
  static HaLink connect(String localIp, String host, int port, int timeoutMs) throws IOException {
    Socket s = new Socket();
    try {
      if (localIp != null) {
        s.bind(new InetSocketAddress(localIp, 0));
      }
      s.connect(new InetSocketAddress(host, port), timeoutMs);
      return new HaLink(s);
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  /**
   * Whether a peer last heard from at {@code lastSeen} is lost at {@code now} (both {@link
   * System#nanoTime()}): no frame for 3 x tick-timeout. A zero tick-timeout disables the check.
   */
  static boolean silentTooLong(long lastSeen, long now, Duration tickTimeout) {
    return !tickTimeout.isZero() && now - lastSeen > tickTimeout.multipliedBy(3).toNanos();
  }

  /**
   * Sends a tick on every link, and closes (reason {@code Tick timeout}) each link that has been
   * silent for 3 x tick-timeout.
   */
  static void tick(List<HaLink> links, Duration tickTimeout, String label) {
    long now = System.nanoTime();
    for (HaLink l : links) {
      if (silentTooLong(l.lastSeen, now, tickTimeout)) {
        log.info("{}: no ticks from {} for 3 x tick-timeout", label, l.peerId);
        l.lossReason = "Tick timeout";
        l.close();
        continue;
      }
      try {
        l.send(new HaMessage.Tick());
      } catch (IOException e) {
        l.close();
      }
    }
  }

  void send(HaMessage msg) throws IOException {
    byte[] b = JsonCodec.MAPPER.writeValueAsBytes(HaCodec.encode(msg));
    synchronized (out) {
      out.writeInt(b.length);
      out.write(b);
      out.flush();
    }
  }

  /** Blocks for the next message; EOFException when the peer closed. */
  HaMessage read() throws IOException {
    int len = in.readInt();
    if (len < 0 || len > MAX) {
      throw new IOException("bad HA frame length " + len);
    }
    byte[] b = new byte[len];
    in.readFully(b);
    lastSeen = System.nanoTime();
    JsonNode n = JsonCodec.MAPPER.readTree(b);
    if (!(n instanceof ObjectNode o)) {
      throw new EOFException("bad HA message");
    }
    return HaCodec.decode(o);
  }

  /** The remote IP address. */
  String remoteIp() {
    return ((InetSocketAddress) socket.getRemoteSocketAddress()).getAddress().getHostAddress();
  }

  /** Closes the socket without marking the close as ours (the node is stopping). */
  void abort() {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  /** Closes the connection; the loss that follows is not reported unless a reason was set. */
  @Override
  public void close() {
    closedByUs = true;
    abort();
  }
}
