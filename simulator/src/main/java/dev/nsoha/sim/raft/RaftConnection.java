package dev.nsoha.sim.raft;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * One member connection after its handshake: one JSON message per line each way, ticks dropped on
 * receipt, and the reason it ended as NSO's alarms word it ({@code Tick timeout} when no line came
 * for the socket's read timeout, else {@code Primary closed connection}). Thread-safe.
 */
final class RaftConnection {
  final String peer;
  final boolean outgoing;
  private final Socket socket;
  private final BufferedReader in;
  private final BiConsumer<String, RaftMessage> onMessage;
  private final BiConsumer<RaftConnection, String> onClose;
  private boolean open = true;

  /**
   * @param onMessage gets every message but ticks, on the reading thread
   * @param onClose told once, with the reason, when the connection ends
   */
  RaftConnection(
      String peer,
      Socket socket,
      BufferedReader in,
      boolean outgoing,
      BiConsumer<String, RaftMessage> onMessage,
      BiConsumer<RaftConnection, String> onClose) {
    this.peer = peer;
    this.socket = socket;
    this.in = in;
    this.outgoing = outgoing;
    this.onMessage = onMessage;
    this.onClose = onClose;
  }

  /** Writes one line; false (and the connection closed) when it cannot. */
  synchronized boolean send(String line) {
    if (!open) {
      return false;
    }
    try {
      OutputStream o = socket.getOutputStream();
      o.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      o.flush();
      return true;
    } catch (IOException e) {
      close("Primary closed connection");
      return false;
    }
  }

  /** Reads until the connection ends; run on a thread of its own. */
  void readLoop() {
    String reason = "Primary closed connection";
    try {
      String line;
      while ((line = in.readLine()) != null) {
        RaftMessage m = RaftMessage.decode(line);
        if (!"tick".equals(m.type())) {
          onMessage.accept(peer, m);
        }
      }
    } catch (SocketTimeoutException e) {
      reason = "Tick timeout";
    } catch (IOException | RuntimeException e) {
      reason = "Primary closed connection";
    }
    close(reason);
  }

  /** Closes the connection (once) and tells the transport. */
  void close(String reason) {
    synchronized (this) {
      if (!open) {
        return;
      }
      open = false;
    }
    RaftTransport.closeQuietly(socket);
    onClose.accept(this, reason);
  }
}
