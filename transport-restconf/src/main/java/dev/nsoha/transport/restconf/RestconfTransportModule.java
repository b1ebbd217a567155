package dev.nsoha.transport.restconf;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.nsoha.core.spi.NodeClient;
import java.util.Objects;

/**
 * Binds the RESTCONF transport: {@link RestconfNodeClientFactory} as the {@link NodeClient.Factory}
 * named {@code restconf} in the {@code MapBinder<String, NodeClient.Factory>} from which the
 * composition root picks a transport by name, and its {@link RestconfOptions}. Binds only; no I/O.
 */
public final class RestconfTransportModule extends AbstractModule {
  private final RestconfOptions options;

  /** Plain HTTP ({@link RestconfOptions#defaults()}). */
  public RestconfTransportModule() {
    this(RestconfOptions.defaults());
  }

  /** The transport with {@code options} (HTTPS and its trust). */
  public RestconfTransportModule(RestconfOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  protected void configure() {
    bind(RestconfOptions.class).toInstance(options);
    MapBinder.newMapBinder(binder(), String.class, NodeClient.Factory.class)
        .addBinding(RestconfNodeClientFactory.NAME)
        .to(RestconfNodeClientFactory.class);
  }
}
