package dev.nsoha.scenarios;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.ClusterAccess;
import dev.nsoha.core.plan.NodeTime;
import dev.nsoha.core.plan.Unresponsive;
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
  private final Unresponsive hung = new Unresponsive();
  private boolean trackHung = true;

  public ClusterRuntime(
      ClusterSpec spec,
      NodeClient.Factory factory,
      Function<ClusterSpec.NodeSpec, NodeEndpoint> endpoints,
      Map<NodeId, ? extends NodeHost> hosts) {
    this.spec = spec;
    this.factory = factory;
    this.endpoints = endpoints;
    this.hosts = Map.copyOf(hosts);
    this.hosts.forEach((id, h) -> timedHosts.put(id, timed(NodeHost.class, restarting(id, h))));
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
        node,
        id -> {
          NodeClient c = factory.create(endpoint(id));
          return timed(NodeClient.class, trackHung ? hung.wrap(id, c) : c);
        });
  }

  @Override
  public NodeHost host(NodeId node) {
    NodeHost h = timedHosts.get(node);
    if (h == null) {
      throw new IllegalStateException("node " + node + " is not managed on this machine");
    }
    return h;
  }

  /**
   * The nodes found hung in this command: a request they took and never answered. Their clients
   * fail at once from then on, until the command starts the node again.
   */
  @Override
  public Map<NodeId, Unresponsive.Mark> unresponsive() {
    return hung.marks();
  }

  /**
   * This runtime, asking a node again after it gave no answer, for a monitor that reads the nodes
   * over and over ({@code status --watch}): a node that resumes shows in the next round. Call it
   * before the first client is created.
   */
  public ClusterRuntime askingHungNodesAgain() {
    trackHung = false;
    return this;
  }

  /** {@code host}, forgetting that its node was hung once it started the node again. */
  private NodeHost restarting(NodeId id, NodeHost host) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          Object r;
          try {
            r = method.invoke(host, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (method.getName().equals("start") || method.getName().equals("restore")) {
            hung.clear(id);
          }
          return r;
        };
    return (NodeHost)
        Proxy.newProxyInstance(
            NodeHost.class.getClassLoader(), new Class<?>[] {NodeHost.class}, handler);
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
  @SuppressWarnings("try") // the span only measures the call
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
