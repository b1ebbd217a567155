package dev.nsoha.sim.restconf;

import com.sun.net.httpserver.HttpServer;
import dev.nsoha.sim.conf.NcsConf;
import dev.nsoha.sim.node.NodeContext;
import dev.nsoha.sim.node.NorthboundService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RESTCONF (RFC 8040, NSO flavour) on the node's webui TCP listener ({@code
 * /ncs-config/webui/transport/tcp}), served with the JDK's HTTP server. A listener on 0.0.0.0 is
 * bound to 127.0.0.1 instead (the simulator binds loopback addresses only).
 */
public final class RestconfService implements NorthboundService {
  private static final Logger log = LoggerFactory.getLogger(RestconfService.class);

  private HttpServer server;
  private ExecutorService pool;

  @Override
  public String name() {
    return "restconf";
  }

  @Override
  public int order() {
    return 50;
  }

  @Override
  public void start(NodeContext ctx) throws IOException {
    NcsConf.Listener l = ctx.conf().webui();
    if (!l.enabled()
        || !ctx.conf()
            .value("/ncs-config/restconf/enabled")
            .map(v -> Boolean.parseBoolean(v.trim()))
            .orElse(true)) {
      log.info("{}: RESTCONF disabled in ncs.conf", ctx.node().label());
      return;
    }
    String ip =
        dev.nsoha.sim.util.Loopback.bindAddress(
            "restconf: /ncs-config/webui/transport/tcp/ip", l.ip());
    // The JDK server writes headers and body separately; without TCP_NODELAY every small reply
    // waits for the
    // peer's delayed ACK (about 40 ms). The property is read when the first server is created.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      server = HttpServer.create(new InetSocketAddress(ip, l.port()), 64);
    } catch (IOException e) {
      throw new IOException(
          "cannot bind RESTCONF to " + ip + ":" + l.port() + ": " + e.getMessage(), e);
    }
    pool =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "restconf-" + ctx.node().label());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(pool);
    RestconfHandler h = new RestconfHandler(ctx.node());
    server.createContext("/", h);
    server.start();
    log.info("{}: RESTCONF listening on http://{}:{}/restconf", ctx.node().label(), ip, l.port());
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
    if (pool != null) {
      pool.shutdownNow();
      try {
        pool.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      pool = null;
    }
  }
}
