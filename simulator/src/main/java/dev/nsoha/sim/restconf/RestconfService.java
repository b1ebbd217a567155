package dev.nsoha.sim.restconf;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.nsoha.sim.conf.NcsConf;
import dev.nsoha.sim.node.NodeContext;
import dev.nsoha.sim.node.NorthboundService;
import dev.nsoha.sim.util.BindAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RESTCONF (RFC 8040, NSO flavour) on the node's webui listeners, served with the JDK's HTTP
 * server: clear text on {@code /ncs-config/webui/transport/tcp} and TLS on {@code
 * /ncs-config/webui/transport/ssl} (PEM key, certificate and CA chain from ncs.conf), each when
 * enabled. A listener on 0.0.0.0 is bound to 127.0.0.1 instead (the simulator binds loopback
 * addresses only).
 */
public final class RestconfService implements NorthboundService {
  private static final Logger log = LoggerFactory.getLogger(RestconfService.class);

  private HttpServer server;
  private HttpsServer tlsServer;
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
    NcsConf.SslListener ssl = ctx.conf().webuiSsl();
    boolean restconf =
        ctx.conf()
            .value("/ncs-config/restconf/enabled")
            .map(v -> Boolean.parseBoolean(v.trim()))
            .orElse(true);
    if (!restconf || (!l.enabled() && !ssl.enabled())) {
      log.info("{}: RESTCONF disabled in ncs.conf", ctx.node().label());
      return;
    }
    // The JDK server writes headers and body separately; without TCP_NODELAY every small reply
    // waits for the peer's delayed ACK (about 40 ms). The property is read when the first server
    // is created.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    pool =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "restconf-" + ctx.node().label());
              t.setDaemon(true);
              return t;
            });
    RestconfHandler h = new RestconfHandler(ctx.node());
    if (l.enabled()) {
      String ip = BindAddress.bindAddress("restconf: /ncs-config/webui/transport/tcp/ip", l.ip());
      try {
        server = HttpServer.create(new InetSocketAddress(ip, l.port()), 64);
      } catch (IOException e) {
        close();
        throw new IOException(
            "cannot bind RESTCONF to " + ip + ":" + l.port() + ": " + e.getMessage(), e);
      }
      server.setExecutor(pool);
      server.createContext("/", h);
      server.start();
      log.info("{}: RESTCONF listening on http://{}:{}/restconf", ctx.node().label(), ip, l.port());
    }
    if (ssl.enabled()) {
      String ip = BindAddress.bindAddress("restconf: /ncs-config/webui/transport/ssl/ip", ssl.ip());
      if (ssl.keyFile().isEmpty() || ssl.certFile().isEmpty()) {
        close();
        throw new IOException(
            "/ncs-config/webui/transport/ssl is enabled but key-file or cert-file is not set");
      }
      SSLContext tls;
      try {
        tls = PemTls.serverContext(ssl.keyFile().get(), ssl.certFile().get(), ssl.caCertFile());
        tlsServer = HttpsServer.create(new InetSocketAddress(ip, ssl.port()), 64);
      } catch (IOException e) {
        close();
        throw new IOException(
            "cannot start RESTCONF over TLS on " + ip + ":" + ssl.port() + ": " + e.getMessage(),
            e);
      }
      tlsServer.setHttpsConfigurator(new HttpsConfigurator(tls));
      tlsServer.setExecutor(pool);
      tlsServer.createContext("/", h);
      tlsServer.start();
      log.info(
          "{}: RESTCONF listening on https://{}:{}/restconf", ctx.node().label(), ip, ssl.port());
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
    if (tlsServer != null) {
      tlsServer.stop(0);
      tlsServer = null;
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
