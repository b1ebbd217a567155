package dev.nsoha.transport.restconf;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.nsoha.core.spi.NodeClient;

/**
 * Binds the RESTCONF transport: {@link RestconfNodeClientFactory} as the {@link NodeClient.Factory}
 * named {@code restconf} in the {@code MapBinder<String, NodeClient.Factory>} from which the
 * composition root picks a transport by name. Binds only; no I/O.
 */
public final class RestconfTransportModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder.newMapBinder(binder(), String.class, NodeClient.Factory.class)
        .addBinding(RestconfNodeClientFactory.NAME)
        .to(RestconfNodeClientFactory.class);
  }
}
