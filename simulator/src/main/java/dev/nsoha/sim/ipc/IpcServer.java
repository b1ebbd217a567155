package dev.nsoha.sim.ipc;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP server for the IPC protocol of {@link IpcCodec}: one request and one reply per connection,
 * each connection on its own thread. Binds loopback addresses only.
 *
 * <p>Thread-safe. {@link #close()} stops accepting at once; requests already being handled are
 * allowed to finish (so that {@code ncs --stop} can still answer).
 */
public final class IpcServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IpcServer.class);

  /** How long a client may take to send its request. */
  private static final int READ_TIMEOUT_MILLIS = 60_000;

  /** How long {@link #close()} waits for the accept thread to leave {@code accept()}. */
  private static final long ACCEPTOR_EXIT_MILLIS = 10_000;

  private final ServerSocket socket;
  private final IpcHandler handler;
  private final ExecutorService workers;
  private final Thread acceptor;
  private volatile boolean closed;

  private IpcServer(ServerSocket socket, IpcHandler handler) {
    this.socket = socket;
    this.handler = handler;
    AtomicInteger n = new AtomicInteger();
    String name = "ipc-" + socket.getLocalPort();
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.acceptor = new Thread(this::acceptLoop, name + "-accept");
    this.acceptor.setDaemon(true);
  }

  /**
   * Binds {@code address:port} and starts serving.
   *
   * @param address a loopback address (IP literal or host name)
   * @param port the TCP port; 0 picks a free one
   * @throws IOException if the address is not loopback or the port cannot be bound; the message
   *     names the address, as NSO's "Cannot bind to internal socket" does
   */
  public static IpcServer start(String address, int port, IpcHandler handler) throws IOException {
    Objects.requireNonNull(handler, "handler");
    InetAddress addr = InetAddress.getByName(address);
    if (!addr.isLoopbackAddress()) {
      throw new IOException(
          "Cannot bind to internal socket "
              + address
              + ":"
              + port
              + " : the simulator serves IPC on loopback addresses only");
    }
    ServerSocket ss = new ServerSocket();
    try {
      ss.setReuseAddress(true);
      ss.bind(new InetSocketAddress(addr, port), 64);
    } catch (IOException e) {
      ss.close();
      throw new IOException(
          "Cannot bind to internal socket " + address + ":" + port + " : " + e.getMessage(), e);
    }
    IpcServer server = new IpcServer(ss, handler);
    server.acceptor.start();
    log.info("IPC listening on {}:{}", addr.getHostAddress(), ss.getLocalPort());
    return server;
  }

  /** The bound address and port. */
  public InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = socket.accept();
      } catch (IOException e) {
        if (!closed) {
          log.warn("IPC accept failed on port {}: {}", socket.getLocalPort(), e.toString());
        }
        return;
      }
      try {
        workers.execute(() -> serve(s));
      } catch (RuntimeException e) {
        closeQuietly(s);
      }
    }
  }

  private void serve(Socket s) {
    List<Runnable> after = new ArrayList<>();
    try (s) {
      s.setSoTimeout(READ_TIMEOUT_MILLIS);
      s.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(s.getInputStream());
      IpcRequest request;
      try {
        request = IpcCodec.readRequest(in);
      } catch (EOFException e) {
        return; // a port probe, or a client that gave up
      }
      s.setSoTimeout(0);
      if (request.stream()) {
        handler.stream(request, in, s.getOutputStream());
        return;
      }
      IpcReply reply;
      try {
        reply = handler.handle(request, after::add);
      } catch (RuntimeException e) {
        log.error("IPC {} {} failed", request.tool(), request.args(), e);
        reply = IpcReply.error(1, request.tool() + ": internal error: " + e + "\n");
      }
      OutputStream out = s.getOutputStream();
      IpcCodec.writeReply(out, reply);
    } catch (SocketException e) {
      log.debug("IPC client went away: {}", e.toString());
    } catch (IOException e) {
      log.warn("IPC request failed: {}", e.toString());
    }
    for (Runnable r : after) {
      try {
        r.run();
      } catch (RuntimeException e) {
        log.error("IPC follow-up action failed", e);
      }
    }
  }

  /**
   * Stops accepting and returns once the port is free again, so that a node restarted at once can
   * bind it: a listening socket closed while another thread blocks in {@code accept()} is only
   * released when that thread has left {@code accept()}.
   */
  @Override
  public void close() {
    closed = true;
    closeQuietly(socket);
    workers.shutdown();
    if (Thread.currentThread() != acceptor) {
      try {
        acceptor.join(ACCEPTOR_EXIT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (acceptor.isAlive()) {
        log.warn(
            "IPC accept thread on port {} still running {} ms after close (state {})",
            socket.getLocalPort(),
            ACCEPTOR_EXIT_MILLIS,
            acceptor.getState());
      }
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.debug("close failed: {}", e.toString());
    }
  }
}
