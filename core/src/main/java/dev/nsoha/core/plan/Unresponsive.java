package dev.nsoha.core.plan;

import dev.nsoha.core.error.NodeUnresponsiveException;
import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.NodeClient;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nodes of one run that were found hung: a request or a connection that the node took and never
 * answered within its deadline ({@link NodeUnresponsiveException#isNoAnswer}). One such timeout
 * marks the node; from then on every call on its client fails at once with a {@link
 * NodeUnresponsiveException} that says when and how the node stopped answering, so that no later
 * snapshot or wait spends another timeout on it. A node the run starts again (its host's {@code
 * start} or {@code restore}) is unmarked.
 *
 * <p>Thread-safe: nodes are read in parallel.
 */
public final class Unresponsive {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  /**
   * How a node was found hung.
   *
   * @param node the node
   * @param at when the deadline passed
   * @param error what the request got
   */
  public record Mark(NodeId node, Instant at, NsoException error) {
    /** {@code n3 stopped answering at 23:10:04 UTC (read the HA status: no reply within 5 s)}. */
    public String describe() {
      return node
          + " stopped answering at "
          + TIME.format(at)
          + " UTC ("
          + (error.operation().isEmpty() ? "" : error.operation() + ": ")
          + error.detail()
          + ")";
    }
  }

  private final Map<NodeId, Mark> marks = new ConcurrentHashMap<>();
  private final Clock clock;

  public Unresponsive() {
    this(Clock.systemUTC());
  }

  Unresponsive(Clock clock) {
    this.clock = clock;
  }

  /** The marked nodes, in no particular order. */
  public Map<NodeId, Mark> marks() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(marks));
  }

  /** The mark of {@code node}, if it was found hung. */
  public Optional<Mark> mark(NodeId node) {
    return Optional.ofNullable(marks.get(node));
  }

  /** Forgets that {@code node} was hung: the run started it again. */
  public void clear(NodeId node) {
    marks.remove(node);
  }

  /**
   * {@code client} of {@code node}, failing at once while the node is marked, and marking it on its
   * first request that the node took and did not answer.
   */
  public NodeClient wrap(NodeId node, NodeClient client) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class || method.getName().equals("close")) {
            return invoke(client, method, args);
          }
          Mark m = marks.get(node);
          if (m != null) {
            throw refused(m, method.getName());
          }
          try {
            return invoke(client, method, args);
          } catch (NsoException e) {
            if (!NodeUnresponsiveException.isNoAnswer(e)) {
              throw e;
            }
            Mark mark = marks.computeIfAbsent(node, n -> new Mark(n, clock.instant(), e));
            throw e instanceof NodeUnresponsiveException
                ? e
                : new NodeUnresponsiveException(
                    e.where(),
                    e.operation(),
                    e.detail() + "; " + node + " is taken as hung from " + timeOf(mark),
                    e);
          }
        };
    return (NodeClient)
        Proxy.newProxyInstance(
            NodeClient.class.getClassLoader(), new Class<?>[] {NodeClient.class}, handler);
  }

  private static String timeOf(Mark m) {
    return TIME.format(m.at()) + " UTC and not asked again in this run";
  }

  private static NodeUnresponsiveException refused(Mark m, String method) {
    return new NodeUnresponsiveException(
        m.error().where(),
        method,
        "not asked: " + m.describe() + ", and this run does not ask it again",
        null);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
