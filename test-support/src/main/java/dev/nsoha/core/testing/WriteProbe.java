package dev.nsoha.core.testing;

import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.model.ConfigPath;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.Wait;
import dev.nsoha.core.spi.NodeClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test support: a client that writes a unique configuration entry every {@code interval} (50 ms by
 * default) to whichever node is primary and writable, records which writes were acknowledged, and
 * at the end checks that every acknowledged write is present on every node. The longest gap between
 * two acknowledged writes is the cluster's write-unavailable window, measured from outside.
 *
 * <p>It uses only {@link NodeClient}s, its own ones (the caller creates and closes them), so the
 * same probe runs over either transport, against the simulator or real NSO. A write counts as
 * acknowledged when {@link NodeClient#mergeConfig} returned normally; a write that failed may or
 * may not have been committed and is not checked. After a failed write (or before the first) the
 * probe looks for the writable primary by reading every node's HA status, in cluster order.
 *
 * <pre>{@code
 * try (WriteProbe probe = WriteProbe.start(clients, WriteProbe.Target.dummies())) {
 *   ... run the upgrade ...
 *   probe.stop();
 *   assertThat(probe.missing(Duration.ofSeconds(30))).isEmpty();
 *   System.out.println(probe.summary());
 * }
 * }</pre>
 *
 * <p>Thread-safe: the writes run on the probe's own thread; the accessors may be called from any
 * thread, also while it runs.
 */
public final class WriteProbe implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WriteProbe.class);

  /** NSO-independent pace of the writes: one every 50 ms. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(50);

  /** What the probe writes and how it finds its entries again. */
  public interface Target {
    /** Where the entries live, read back by {@link #names}. */
    ConfigPath path();

    /** The tree that creates entry {@code name}, the probe's {@code seq}-th write. */
    DataTree entry(String name, long seq);

    /** The names of the entries present in {@code read}, a read of {@link #path()}. */
    Set<String> names(DataTree read);

    /**
     * Entries {@code dummies dummy <name> dummy 10.x.y.z} of the example's {@code dummy} package.
     */
    static Target dummies() {
      ConfigPath path = ConfigPath.parse("/dummy:dummies");
      return new Target() {
        @Override
        public ConfigPath path() {
          return path;
        }

        @Override
        public DataTree entry(String name, long seq) {
          String ip = "10." + ((seq >> 16) & 255) + "." + ((seq >> 8) & 255) + "." + (seq & 255);
          return DataTree.of(
              Map.of("dummy:dummies", Map.of("dummy", List.of(Map.of("name", name, "dummy", ip)))));
        }

        @Override
        public Set<String> names(DataTree read) {
          Set<String> out = new LinkedHashSet<>();
          read.get("dummy:dummies", "dummy")
              .filter(List.class::isInstance)
              .map(List.class::cast)
              .ifPresent(
                  l -> {
                    for (Object e : l) {
                      if (e instanceof Map<?, ?> m && m.get("name") != null) {
                        out.add(String.valueOf(m.get("name")));
                      }
                    }
                  });
          return out;
        }
      };
    }
  }

  /**
   * One acknowledged write.
   *
   * @param seq the probe's sequence number of the attempt
   * @param name the entry's unique name
   * @param node the primary that acknowledged it
   * @param sentNanos {@link System#nanoTime()} when it was sent
   * @param ackNanos {@link System#nanoTime()} when the acknowledgement arrived
   * @param acknowledged the wall-clock time of the acknowledgement
   */
  public record Write(
      long seq, String name, NodeId node, long sentNanos, long ackNanos, Instant acknowledged) {}

  /** A write that was not acknowledged, or a tick without a writable primary, and why. */
  public record Refusal(long seq, Instant at, String reason) {}

  /** The longest time without an acknowledged write, between two acknowledged writes. */
  public record Gap(Instant from, Instant to, Duration length) {}

  private final Map<NodeId, NodeClient> clients;
  private final Target target;
  private final String prefix;
  private final ScheduledExecutorService exec;
  private final long startNanos = System.nanoTime();
  private final Object lock = new Object();
  private final List<Write> acked = new ArrayList<>();
  private final List<Refusal> refused = new ArrayList<>();
  private long seq;
  private NodeId current;
  private volatile boolean stopped;
  private long stopNanos;

  private WriteProbe(Map<NodeId, NodeClient> clients, Target target) {
    this.clients = new LinkedHashMap<>(clients);
    this.target = Objects.requireNonNull(target, "target");
    this.prefix = "wp" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    this.exec =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "write-probe");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts writing every 50 ms. */
  public static WriteProbe start(Map<NodeId, NodeClient> clients, Target target) {
    return start(clients, target, DEFAULT_INTERVAL);
  }

  /**
   * Starts writing every {@code interval} to the writable primary among {@code clients} (the
   * probe's own clients, one per node, in cluster order; the caller closes them).
   */
  public static WriteProbe start(
      Map<NodeId, NodeClient> clients, Target target, Duration interval) {
    if (clients.isEmpty()) {
      throw new IllegalArgumentException("the write probe needs at least one node");
    }
    WriteProbe p = new WriteProbe(clients, target);
    p.exec.scheduleAtFixedRate(p::tick, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    return p;
  }

  private void tick() {
    if (stopped) {
      return;
    }
    long n;
    synchronized (lock) {
      n = ++seq;
    }
    try {
      NodeId node = current != null ? current : findWritablePrimary(n);
      if (node == null) {
        return;
      }
      String name = prefix + "-" + n;
      long sent = System.nanoTime();
      try {
        clients.get(node).mergeConfig(target.entry(name, n));
      } catch (NsoException e) {
        current = null;
        refuse(n, node + ": " + e.getMessage());
        return;
      }
      long ack = System.nanoTime();
      current = node;
      synchronized (lock) {
        acked.add(new Write(n, name, node, sent, ack, Instant.now()));
      }
    } catch (RuntimeException e) {
      // The schedule stops at the first exception a tick throws; the probe must keep going.
      current = null;
      refuse(n, "probe error: " + e);
      log.debug("write probe tick {} failed", n, e);
    }
  }

  private NodeId findWritablePrimary(long n) {
    List<String> seen = new ArrayList<>();
    for (Map.Entry<NodeId, NodeClient> e : clients.entrySet()) {
      try {
        HaStatus st = e.getValue().haStatus();
        if (st.isPrimary() && !st.readOnly()) {
          return e.getKey();
        }
        seen.add(e.getKey() + " " + st.summary());
      } catch (NsoException ex) {
        seen.add(e.getKey() + " " + ex.code().name().toLowerCase(Locale.ROOT));
      }
    }
    refuse(n, "no writable primary: " + String.join("; ", seen));
    return null;
  }

  private void refuse(long n, String reason) {
    synchronized (lock) {
      refused.add(new Refusal(n, Instant.now(), reason));
    }
  }

  /** Stops writing and waits for a write in flight to finish. Idempotent. */
  public void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    exec.shutdown();
    try {
      if (!exec.awaitTermination(60, TimeUnit.SECONDS)) {
        exec.shutdownNow();
      }
    } catch (InterruptedException e) {
      exec.shutdownNow();
      Thread.currentThread().interrupt();
    }
    synchronized (lock) {
      stopNanos = System.nanoTime();
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** The acknowledged writes, in order. */
  public List<Write> acknowledged() {
    synchronized (lock) {
      return List.copyOf(acked);
    }
  }

  /** The attempts that were not acknowledged, in order. */
  public List<Refusal> refusals() {
    synchronized (lock) {
      return List.copyOf(refused);
    }
  }

  /** How many ticks ran (acknowledged writes + refusals). */
  public long attempts() {
    synchronized (lock) {
      return seq;
    }
  }

  /**
   * The longest time between two consecutive acknowledged writes (acknowledgement to
   * acknowledgement); empty with fewer than two.
   */
  public Optional<Gap> longestGap() {
    List<Write> w = acknowledged();
    Gap best = null;
    for (int i = 1; i < w.size(); i++) {
      long d = w.get(i).ackNanos() - w.get(i - 1).ackNanos();
      if (best == null || d > best.length().toNanos()) {
        best = new Gap(w.get(i - 1).acknowledged(), w.get(i).acknowledged(), Duration.ofNanos(d));
      }
    }
    return Optional.ofNullable(best);
  }

  /** How long the probe ran, start to {@link #stop()} (or to now while it runs). */
  public Duration elapsed() {
    synchronized (lock) {
      return Duration.ofNanos((stopNanos != 0 ? stopNanos : System.nanoTime()) - startNanos);
    }
  }

  /**
   * The acknowledged writes missing on each node, waiting up to {@code timeout} for replication to
   * catch up; an empty map when every acknowledged write is on every node. A node that cannot be
   * read misses everything.
   */
  public Map<NodeId, List<String>> missing(Duration timeout) {
    List<String> names = acknowledged().stream().map(Write::name).toList();
    Map<NodeId, List<String>> last = new LinkedHashMap<>();
    try {
      Wait.until(
          "every acknowledged write is on every node",
          String.join(", ", clients.keySet().stream().map(NodeId::value).toList()),
          () -> {
            last.clear();
            for (Map.Entry<NodeId, NodeClient> e : clients.entrySet()) {
              Set<String> present = present(e.getValue());
              List<String> miss = names.stream().filter(x -> !present.contains(x)).toList();
              if (!miss.isEmpty()) {
                last.put(e.getKey(), miss);
              }
            }
            return Map.copyOf(last);
          },
          Map::isEmpty,
          m -> describeMissing(m),
          timeout);
    } catch (NsoException timedOut) {
      log.debug("write probe: writes still missing after {}", timeout, timedOut);
    }
    return Map.copyOf(last);
  }

  private Set<String> present(NodeClient client) {
    try {
      return target.names(client.readConfig(target.path()));
    } catch (NsoException e) {
      return Set.of();
    }
  }

  private static String describeMissing(Map<NodeId, List<String>> m) {
    return m.entrySet().stream()
        .map(e -> e.getKey() + " misses " + e.getValue().size())
        .collect(Collectors.joining(", "));
  }

  /**
   * {@code 412 writes acknowledged of 455, longest gap 1.234 s (…), 0 missing}: what a test or a
   * benchmark prints.
   */
  public String summary() {
    return acknowledged().size()
        + " writes acknowledged of "
        + attempts()
        + " attempts, longest gap between two "
        + longestGap()
            .map(
                g ->
                    String.format(
                        "%.3f s (%s to %s)", g.length().toNanos() / 1e9, g.from(), g.to()))
            .orElse("n/a (fewer than two acknowledged writes)");
  }
}
