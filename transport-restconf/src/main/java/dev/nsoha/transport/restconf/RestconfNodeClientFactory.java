package dev.nsoha.transport.restconf;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.spi.TransportOptions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * Creates {@link NodeClient}s over RESTCONF. Every client gets its own connection pool (one pooled
 * okhttp client per node); they share the factory's dispatcher and background threads. Creating a
 * client does no I/O; an unreadable trust store fails at once with a {@link HostException}.
 * Thread-safe.
 */
@Singleton
public final class RestconfNodeClientFactory implements NodeClient.Factory {
  /** The transport's name, as bound in the MapBinder and used on the command line. */
  public static final String NAME = RestconfNodeClient.TRANSPORT;

  /** Idle connections to a node are kept this long. */
  private static final long KEEP_ALIVE_SECONDS = 60;

  private final OkHttpClient base;
  private final RestconfOptions options;

  /** A factory for plain HTTP. */
  public RestconfNodeClientFactory() {
    this(RestconfOptions.defaults());
  }

  @Inject
  public RestconfNodeClientFactory(RestconfOptions options) {
    this(
        options,
        new OkHttpClient.Builder().followRedirects(false).followSslRedirects(false).build());
  }

  private RestconfNodeClientFactory(RestconfOptions options, OkHttpClient base) {
    this.options = Objects.requireNonNull(options, "options");
    this.base = base;
  }

  /** The transport's options. */
  public RestconfOptions options() {
    return options;
  }

  /**
   * A factory for one run's own options (HTTPS, trust store, pins) that shares this factory's
   * dispatcher and threads: options are data passed per run, the injector that made this factory is
   * built once.
   */
  public RestconfNodeClientFactory withOptions(RestconfOptions runOptions) {
    return runOptions.equals(options) ? this : new RestconfNodeClientFactory(runOptions, base);
  }

  @Override
  public String transport() {
    return NAME;
  }

  @Override
  public NodeClient create(NodeEndpoint endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    TransportOptions o = endpoint.options();
    ConnectTracker tracker = new ConnectTracker();
    OkHttpClient.Builder b =
        base.newBuilder()
            .connectionPool(new ConnectionPool(2, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS))
            .connectTimeout(o.connectTimeout())
            .readTimeout(o.requestTimeout())
            .writeTimeout(o.requestTimeout())
            .eventListener(tracker)
            .addInterceptor(new WireLog());
    if (options.https()) {
      try {
        TrustStores.Tls tls = TrustStores.load(options.trustStore(), options.trustStorePassword());
        b.sslSocketFactory(tls.socketFactory(), tls.trustManager());
        if (!options.pinnedCertificates().isEmpty()) {
          b.hostnameVerifier(new PinningHostnameVerifier(options.pinnedCertificates()));
        }
      } catch (TrustStores.TrustStoreException e) {
        throw new HostException(endpoint.where(NAME), "set up HTTPS", e.getMessage(), e);
      }
    }
    return new RestconfNodeClient(endpoint, options.https(), b.build(), tracker);
  }
}
