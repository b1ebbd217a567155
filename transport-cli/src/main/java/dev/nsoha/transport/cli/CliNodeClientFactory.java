package dev.nsoha.transport.cli;

import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;

/** Creates {@link CliNodeClient}s. Stateless and thread-safe; clients connect on first use. */
@Singleton
public final class CliNodeClientFactory implements NodeClient.Factory {
  private final CliOptions options;

  /** A factory that checks host keys against {@code ~/.ssh/known_hosts}. */
  public CliNodeClientFactory() {
    this(CliOptions.defaults());
  }

  @Inject
  public CliNodeClientFactory(CliOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /** The transport's options. */
  public CliOptions options() {
    return options;
  }

  /**
   * A factory for one run's own options (its known_hosts, SSH key): options are data passed per
   * run, the injector that made this factory is built once.
   */
  public CliNodeClientFactory withOptions(CliOptions runOptions) {
    return runOptions.equals(options) ? this : new CliNodeClientFactory(runOptions);
  }

  @Override
  public String transport() {
    return CliNodeClient.TRANSPORT;
  }

  @Override
  public NodeClient create(NodeEndpoint endpoint) {
    return new CliNodeClient(endpoint, options);
  }
}
