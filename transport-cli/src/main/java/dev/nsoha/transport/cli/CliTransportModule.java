package dev.nsoha.transport.cli;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.nsoha.core.spi.NodeClient;
import java.util.Objects;

/**
 * Binds the CLI transport: {@link CliNodeClientFactory} as the {@link NodeClient.Factory} named
 * {@code cli} in the map of transports, and its {@link CliOptions}. {@link #configure()} only
 * binds.
 */
public final class CliTransportModule extends AbstractModule {
  private final CliOptions options;

  /** Host keys checked against {@code ~/.ssh/known_hosts} ({@link CliOptions#defaults()}). */
  public CliTransportModule() {
    this(CliOptions.defaults());
  }

  /** The transport with {@code options} (known_hosts and how unknown host keys are treated). */
  public CliTransportModule(CliOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  protected void configure() {
    bind(CliOptions.class).toInstance(options);
    MapBinder.newMapBinder(binder(), String.class, NodeClient.Factory.class)
        .addBinding(CliNodeClient.TRANSPORT)
        .to(CliNodeClientFactory.class);
  }
}
