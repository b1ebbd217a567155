package dev.nsoha.scenarios;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.ClusterAccess;
import dev.nsoha.core.plan.NodeTime;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.spi.NodeHost;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live cluster for one command: a client per node (created on first use, closed with the
 * runtime) and a host per node where the command manages nodes on this machine. Every call on a
 * client or a host counts as time spent on the nodes ({@link NodeTime}), which the report shows
 * beside the run's wall time.
 */
public final class ClusterRuntime implements ClusterAccess, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClusterRuntime.class);
  private final ClusterSpec spec;
  private final NodeClient.Factory factory;
  private final Function<ClusterSpec.NodeSpec, NodeEndpoint> endpoints;
  private final Map<NodeId, NodeHost> hosts;
  private final Map<NodeId, NodeHost> timedHosts = new LinkedHashMap<>();
  private final Map<NodeId, NodeClient> clients = new LinkedHashMap<>();

  public ClusterRuntime(
      ClusterSpec spec,
      NodeClient.Factory factory,
      Function<ClusterSpec.NodeSpec, NodeEndpoint> endpoints,
      Map<NodeId, ? extends NodeHost> hosts) {
    this.spec = spec;
    this.factory = factory;
    this.endpoints = endpoints;
    this.hosts = Map.copyOf(hosts);
    this.hosts.forEach((id, h) -> timedHosts.put(id, timed(NodeHost.class, h)));
  }

  @Override
  public ClusterSpec spec() {
    return spec;
  }

  public String transport() {
    return factory.transport();
  }

  public NodeEndpoint endpoint(NodeId node) {
    return endpoints.apply(spec.node(node));
  }

  @Override
  public synchronized NodeClient client(NodeId node) {
    return clients.computeIfAbsent(
        node, id -> timed(NodeClient.class, factory.create(endpoint(id))));
  }

  @Override
  public NodeHost host(NodeId node) {
    NodeHost h = timedHosts.get(node);
    if (h == null) {
      throw new IllegalStateException("node " + node + " is not managed on this machine");
    }
    return h;
  }

  @Override
  public synchronized void close() {
    clients.values().forEach(NodeClient::close);
    clients.clear();
    for (NodeHost h : hosts.values()) {
      if (h instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          log.debug("closing the host of {}", h.node(), e);
        }
      }
    }
  }

  /** {@code target} behind {@code type}, with every call counted as time on the nodes. */
  static <T> T timed(Class<T> type, T target) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.invoke(target, args);
          }
          try (NodeTime.Span span = NodeTime.enter()) {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
