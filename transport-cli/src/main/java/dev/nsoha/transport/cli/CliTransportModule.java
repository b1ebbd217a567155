package dev.nsoha.transport.cli;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.nsoha.core.spi.NodeClient;

/**
 * Binds the CLI transport: {@link CliNodeClientFactory} as the {@link NodeClient.Factory} named
 * {@code cli} in the map of transports. {@link #configure()} only binds.
 */
public final class CliTransportModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder.newMapBinder(binder(), String.class, NodeClient.Factory.class)
        .addBinding(CliNodeClient.TRANSPORT)
        .to(CliNodeClientFactory.class);
  }
}
