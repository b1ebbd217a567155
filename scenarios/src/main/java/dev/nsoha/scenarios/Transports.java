package dev.nsoha.scenarios;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.scenarios.input.UsageException;
import dev.nsoha.transport.cli.CliNodeClientFactory;
import dev.nsoha.transport.cli.CliOptions;
import dev.nsoha.transport.cli.CliTransportModule;
import dev.nsoha.transport.restconf.RestconfNodeClientFactory;
import dev.nsoha.transport.restconf.RestconfOptions;
import dev.nsoha.transport.restconf.RestconfTransportModule;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The composition root: the one place that knows every transport. Each transport's Guice module
 * adds its {@link NodeClient.Factory} to a map binder under its name; {@link #factory(String)}
 * picks one by name.
 */
public final class Transports {
  /** The registry of this process: its injector is built once, on first use. */
  private static volatile Transports shared;

  private final Map<String, NodeClient.Factory> factories;

  private Transports(Map<String, NodeClient.Factory> factories) {
    this.factories = Map.copyOf(factories);
  }

  /** The modules of every transport this program ships, with their default options. */
  public static List<Module> modules() {
    return modules(CliOptions.defaults(), RestconfOptions.defaults());
  }

  /** The modules of every transport this program ships, each with its own options. */
  public static List<Module> modules(CliOptions cli, RestconfOptions restconf) {
    return List.of(new CliTransportModule(cli), new RestconfTransportModule(restconf));
  }

  /** Builds the registry with each transport's own options. */
  public static Transports create(CliOptions cli, RestconfOptions restconf) {
    return create(modules(cli, restconf));
  }

  /**
   * The registry of this process, its injector built once, with every transport's defaults; a run's
   * own options are passed as data to {@link #factory(String, CliOptions, RestconfOptions)}.
   */
  public static Transports shared() {
    Transports t = shared;
    if (t == null) {
      synchronized (Transports.class) {
        t = shared;
        if (t == null) {
          t = create();
          shared = t;
        }
      }
    }
    return t;
  }

  /** Builds the registry from {@link #modules()}. */
  public static Transports create() {
    return create(modules());
  }

  /**
   * Builds the registry from the given modules (tests override bindings with {@code
   * Modules.override}).
   */
  public static Transports create(List<? extends Module> modules) {
    Injector injector = Guice.createInjector(modules);
    Map<String, NodeClient.Factory> map =
        injector.getInstance(Key.get(new TypeLiteral<Map<String, NodeClient.Factory>>() {}));
    return new Transports(map);
  }

  /**
   * The factory for {@code name}, with one run's options: the CLI transport's and the RESTCONF
   * transport's own settings. A factory bound by another module (a test's) is returned as bound.
   *
   * @throws UsageException naming the valid transports when {@code name} is not one of them
   */
  public NodeClient.Factory factory(String name, CliOptions cli, RestconfOptions restconf) {
    NodeClient.Factory f = factory(name);
    if (f instanceof CliNodeClientFactory c) {
      return c.withOptions(cli);
    }
    if (f instanceof RestconfNodeClientFactory r) {
      return r.withOptions(restconf);
    }
    return f;
  }

  /** The transport names, sorted: {@code cli, restconf}. */
  public TreeSet<String> names() {
    return new TreeSet<>(factories.keySet());
  }

  /**
   * The factory for {@code name}.
   *
   * @throws UsageException naming the valid transports when {@code name} is not one of them
   */
  public NodeClient.Factory factory(String name) {
    NodeClient.Factory f = factories.get(name);
    if (f == null) {
      throw new UsageException(
          "unknown transport '" + name + "'; valid transports: " + String.join(", ", names()));
    }
    return f;
  }
}
