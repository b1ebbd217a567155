package dev.nsoha.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.nsoha.core.error.ReadOnlyException;
import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.core.model.ConnectedSecondary;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.Wait;
import dev.nsoha.core.spi.NodeClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The write probe against a small simulated cluster: three nodes whose primary replicates every
 * commit synchronously to its connected secondaries, refuses writes while read-only, and fails
 * over. The probe finds the writable primary, measures the window while there is none, and notices
 * a write that a node does not have.
 */
class WriteProbeTest {
  private static final NodeId N1 = NodeId.of("n1");
  private static final NodeId N2 = NodeId.of("n2");
  private static final NodeId N3 = NodeId.of("n3");
  private static final WriteProbe.Target DUMMIES = WriteProbe.Target.dummies();

  /** The cluster's state; every access holds the lock of this object. */
  private final class Cluster {
    NodeId primary = N1;
    boolean readOnly;
    final Set<NodeId> down = new LinkedHashSet<>();
    final Set<NodeId> connected = new LinkedHashSet<>(List.of(N2, N3));
    final Map<NodeId, Set<String>> data = new LinkedHashMap<>();
    final Map<NodeId, NodeClient> clients = new LinkedHashMap<>();

    Cluster() {
      for (NodeId n : List.of(N1, N2, N3)) {
        data.put(n, new LinkedHashSet<>());
        clients.put(n, client(n));
      }
    }

    private NodeClient client(NodeId n) {
      NodeClient c = mock(NodeClient.class, n + "-client");
      when(c.haStatus()).thenAnswer(i -> status(n));
      when(c.readConfig(any()))
          .thenAnswer(
              i -> {
                synchronized (this) {
                  up(n);
                  List<Map<String, Object>> entries = new ArrayList<>();
                  for (String name : data.get(n)) {
                    entries.add(Map.of("name", name, "dummy", "10.0.0.1"));
                  }
                  return DataTree.of(Map.of("dummy:dummies", Map.of("dummy", entries)));
                }
              });
      doAnswer(
              i -> {
                synchronized (this) {
                  up(n);
                  if (!n.equals(primary) || readOnly) {
                    throw new ReadOnlyException(n.value(), "commit", "node is in read-only mode");
                  }
                  Set<String> names = DUMMIES.names(i.getArgument(0));
                  data.get(n).addAll(names);
                  for (NodeId s : connected) {
                    if (!down.contains(s)) {
                      data.get(s).addAll(names);
                    }
                  }
                  return null;
                }
              })
          .when(c)
          .mergeConfig(any());
      return c;
    }

    private void up(NodeId n) {
      if (down.contains(n)) {
        throw new UnreachableException(n.value(), "connect", "Connection refused");
      }
    }

    synchronized HaStatus status(NodeId n) {
      up(n);
      boolean isPrimary = n.equals(primary);
      HaMode mode = isPrimary ? HaMode.PRIMARY : HaMode.SECONDARY;
      List<ConnectedSecondary> cs =
          isPrimary
              ? connected.stream().map(s -> new ConnectedSecondary(s, "127.0.0.1")).toList()
              : List.of();
      return new HaStatus(
          true,
          mode,
          Optional.of(n),
          mode,
          Optional.empty(),
          Optional.ofNullable(isPrimary ? null : primary),
          readOnly || !isPrimary,
          cs);
    }
  }

  private static void awaitAcks(WriteProbe probe, int atLeast) {
    Wait.until(
        atLeast + " acknowledged writes",
        "probe",
        () -> probe.acknowledged().size(),
        n -> n >= atLeast,
        String::valueOf,
        Duration.ofSeconds(20));
  }

  private static void awaitRefusals(WriteProbe probe, int atLeast) {
    Wait.until(
        atLeast + " refused writes",
        "probe",
        () -> probe.refusals().size(),
        n -> n >= atLeast,
        String::valueOf,
        Duration.ofSeconds(20));
  }

  @Test
  void followsThePrimaryThroughAReadOnlyWindowAndAFailoverLosingNothing() {
    Cluster c = new Cluster();
    WriteProbe probe = WriteProbe.start(c.clients, DUMMIES, Duration.ofMillis(10));
    try {
      awaitAcks(probe, 5);
      synchronized (c) {
        c.readOnly = true;
      }
      long roStart = System.nanoTime();
      awaitRefusals(probe, 5);
      synchronized (c) {
        // n1 goes away; n2 takes over, writable, with n3 connected.
        c.down.add(N1);
        c.primary = N2;
        c.readOnly = false;
        c.connected.clear();
        c.connected.add(N3);
      }
      long roEnd = System.nanoTime();
      int before = probe.acknowledged().size();
      awaitAcks(probe, before + 5);
      probe.stop();

      assertThat(probe.acknowledged())
          .extracting(WriteProbe.Write::node)
          .contains(N1, N2)
          .doesNotContain(N3);
      assertThat(probe.refusals())
          .anySatisfy(r -> assertThat(r.reason()).contains("read-only mode"))
          .anySatisfy(r -> assertThat(r.reason()).contains("no writable primary"));
      assertThat(probe.longestGap()).isPresent();
      assertThat(probe.longestGap().get().length().toNanos()).isGreaterThan(roEnd - roStart);
      assertThat(probe.attempts()).isEqualTo(probe.acknowledged().size() + probe.refusals().size());
      assertThat(probe.acknowledged()).extracting(WriteProbe.Write::name).doesNotHaveDuplicates();

      synchronized (c) {
        // n1 comes back as a secondary of n2 and gets n2's full copy, as NSO's join does.
        c.down.remove(N1);
        c.connected.add(N1);
        c.data.get(N1).addAll(c.data.get(N2));
      }
      assertThat(probe.missing(Duration.ofSeconds(5))).isEmpty();
      assertThat(probe.summary()).contains("writes acknowledged").contains("longest gap");
    } finally {
      probe.stop();
    }
  }

  @Test
  void reportsTheWritesANodeDoesNotHave() {
    Cluster c = new Cluster();
    WriteProbe probe = WriteProbe.start(c.clients, DUMMIES, Duration.ofMillis(10));
    try {
      awaitAcks(probe, 3);
      synchronized (c) {
        // n3 leaves HA: later writes are not replicated to it.
        c.connected.remove(N3);
      }
      int before = probe.acknowledged().size();
      awaitAcks(probe, before + 3);
      probe.stop();

      Map<NodeId, List<String>> missing = probe.missing(Duration.ofMillis(300));
      assertThat(missing).containsOnlyKeys(N3);
      List<String> acked = probe.acknowledged().stream().map(WriteProbe.Write::name).toList();
      assertThat(missing.get(N3)).isNotEmpty().isSubsetOf(acked);
      assertThat(acked.subList(0, 3)).doesNotContainAnyElementsOf(missing.get(N3));
    } finally {
      probe.stop();
    }
  }
}
