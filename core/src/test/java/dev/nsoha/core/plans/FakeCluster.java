package dev.nsoha.core.plans;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.when;

import dev.nsoha.core.error.OperationFailedException;
import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.ConnectedSecondary;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.model.PackageReloadResult;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.model.ReloadOptions;
import dev.nsoha.core.model.SoftwarePackage;
import dev.nsoha.core.model.SyncResult;
import dev.nsoha.core.plan.ClusterAccess;
import dev.nsoha.core.spi.Backup;
import dev.nsoha.core.spi.Install;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeHost;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mockito.invocation.Invocation;

/**
 * Mockito mocks of three nodes' clients and hosts whose answers follow a small model of rule-based
 * HA, so that the plans' waits and postconditions see the effects of their calls. The mocks record
 * every call; {@link #calls()} lists the state-changing ones across all nodes in the order they
 * were made.
 */
final class FakeCluster implements ClusterAccess {
  static final NodeId N1 = NodeId.of("n1");
  static final NodeId N2 = NodeId.of("n2");
  static final NodeId N3 = NodeId.of("n3");
  static final NsoVersion OLD = NsoVersion.parse("6.4.4");
  static final Install NEW = new Install(Path.of("/opt/nso-6.5.1"), NsoVersion.parse("6.5.1"));

  /** The methods that change a node; reads are left out of {@link #calls()}. */
  private static final Set<String> MUTATING =
      Set.of(
          "setReadOnly",
          "enableHa",
          "disableHa",
          "bePrimary",
          "beSecondaryTo",
          "beNone",
          "mergeConfig",
          "fetchPackage",
          "installPackage",
          "reloadPackages",
          "haSyncAndReload",
          "backup",
          "stop",
          "start",
          "rebuildPackages",
          "stagePackages",
          "useStagedPackages");

  final class Node {
    final NodeId id;
    final HaMode nominal;
    boolean running = true;
    NsoVersion version = OLD;
    String builtFor = OLD.majorMinor();
    String staged;
    boolean enabled = true;
    HaMode mode;
    boolean readOnly;
    NodeId primary;
    final Map<String, String> packages = new LinkedHashMap<>(Map.of("dummy", "1.0"));
    final Map<String, SoftwarePackage.State> store =
        new LinkedHashMap<>(Map.of("dummy-1.0.tar.gz", SoftwarePackage.State.LOADED));
    final NodeClient client;
    final NodeHost host;

    Node(NodeId id, HaMode nominal) {
      this.id = id;
      this.nominal = nominal;
      this.mode = nominal;
      this.primary = nominal == HaMode.SECONDARY ? N1 : null;
      this.client = mock(NodeClient.class, id + "-client");
      this.host = mock(NodeHost.class, id + "-host");
    }

    void up() {
      if (!running) {
        throw new UnreachableException(id + " (127.0.0.1, fake)", "read", "Connection refused");
      }
    }

    boolean packagesUp() {
      return builtFor.equals(version.majorMinor());
    }

    HaStatus status() {
      up();
      List<ConnectedSecondary> connected = new ArrayList<>();
      if (mode == HaMode.PRIMARY) {
        for (Node o : nodes.values()) {
          if (o != this
              && o.running
              && o.enabled
              && o.mode == HaMode.SECONDARY
              && id.equals(o.primary)) {
            connected.add(new ConnectedSecondary(o.id, "127.0.0.1"));
          }
        }
      }
      return new HaStatus(
          enabled,
          mode,
          Optional.of(id),
          mode,
          Optional.ofNullable(mode == HaMode.SECONDARY ? "connected" : null),
          Optional.ofNullable(mode == HaMode.SECONDARY ? primary : null),
          readOnly || mode == HaMode.SECONDARY,
          connected);
    }

    /**
     * The start-up rules with assume-nominal-role and join-ha true: join a primary of the same
     * version, else be nominal.
     */
    void applyStartUpRules() {
      Optional<Node> current =
          nodes.values().stream()
              .filter(o -> o != this && o.running && o.enabled && o.mode == HaMode.PRIMARY)
              .findFirst();
      if (current.isPresent() && current.get().version.sameMajorMinor(version)) {
        mode = HaMode.SECONDARY;
        primary = current.get().id;
      } else if (nominal == HaMode.PRIMARY && current.isEmpty()) {
        mode = HaMode.PRIMARY;
        primary = null;
      } else {
        mode = HaMode.NONE;
        primary = null;
      }
    }

    void leave() {
      for (Node o : nodes.values()) {
        if (id.equals(o.primary)) {
          o.mode = HaMode.NONE;
        }
      }
    }
  }

  final Map<NodeId, Node> nodes = new LinkedHashMap<>();
  final ClusterSpec spec;

  FakeCluster() {
    this(3);
  }

  /** {@code count} nodes: n1 primary, n2 failover-primary, the rest plain secondaries. */
  FakeCluster(int count) {
    List<String> addresses = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      addresses.add("127.0." + i + ".1");
    }
    spec = ClusterSpec.example(addresses);
    for (ClusterSpec.NodeSpec n : spec.nodes()) {
      nodes.put(n.id(), new Node(n.id(), n.nominalRole()));
    }
    nodes.values().forEach(this::stub);
  }

  private void stub(Node n) {
    NodeClient c = n.client;
    when(c.transport()).thenReturn("fake");
    when(c.haStatus()).thenAnswer(i -> n.status());
    when(c.version())
        .thenAnswer(
            i -> {
              n.up();
              return n.version;
            });
    doAnswer(
            i -> {
              n.up();
              n.readOnly = i.getArgument(0);
              return null;
            })
        .when(c)
        .setReadOnly(anyBoolean());
    when(c.disableHa())
        .thenAnswer(
            i -> {
              n.up();
              if (n.mode == HaMode.PRIMARY) {
                n.leave();
              }
              n.enabled = false;
              n.mode = HaMode.NONE;
              n.primary = null;
              n.readOnly = false;
              return "NSO Built-in HA disabled";
            });
    when(c.enableHa())
        .thenAnswer(
            i -> {
              n.up();
              if (!n.enabled) {
                n.enabled = true;
                n.applyStartUpRules();
              }
              return "enabled";
            });
    when(c.bePrimary())
        .thenAnswer(
            i -> {
              n.up();
              n.mode = HaMode.PRIMARY;
              n.primary = null;
              return "ok";
            });
    when(c.packages())
        .thenAnswer(
            i -> {
              n.up();
              List<PackageStatus> out = new ArrayList<>();
              n.packages.forEach(
                  (name, v) ->
                      out.add(
                          new PackageStatus(
                              name,
                              v,
                              n.packagesUp() ? "up" : "file-load-error",
                              n.packagesUp()
                                  ? Optional.empty()
                                  : Optional.of(
                                      "must be rebuilt for NSO " + n.version.majorMinor()))));
              return out;
            });
    when(c.softwarePackages())
        .thenAnswer(
            i -> {
              n.up();
              return n.store.entrySet().stream()
                  .map(e -> new SoftwarePackage(e.getKey(), e.getValue()))
                  .toList();
            });
    when(c.fetchPackage(anyString()))
        .thenAnswer(
            i -> {
              n.up();
              String file = Path.of((String) i.getArgument(0)).getFileName().toString();
              n.store.putIfAbsent(file, SoftwarePackage.State.INSTALLABLE);
              return "ok";
            });
    when(c.installPackage(anyString(), anyBoolean()))
        .thenAnswer(
            i -> {
              n.up();
              String base = i.getArgument(0);
              boolean replace = i.getArgument(1);
              String pkg = base.substring(0, base.lastIndexOf('-'));
              if (!n.store.containsKey(base + ".tar.gz")) {
                throw new OperationFailedException(
                    n.id.value(), "install", "no such package " + base);
              }
              for (Map.Entry<String, SoftwarePackage.State> e : n.store.entrySet()) {
                if (e.getKey().startsWith(pkg + "-")
                    && !e.getKey().startsWith(base)
                    && e.getValue() != SoftwarePackage.State.INSTALLABLE) {
                  if (!replace) {
                    throw new OperationFailedException(
                        n.id.value(), "install", "another version is installed");
                  }
                  e.setValue(SoftwarePackage.State.INSTALLABLE);
                }
              }
              n.store.put(base + ".tar.gz", SoftwarePackage.State.INSTALLED);
              return "installed " + base;
            });
    when(c.haSyncAndReload(any(ReloadOptions.class)))
        .thenAnswer(
            i -> {
              n.up();
              List<PackageReloadResult> results = new ArrayList<>();
              n.store.replaceAll(
                  (k, v) ->
                      v == SoftwarePackage.State.INSTALLED ? SoftwarePackage.State.LOADED : v);
              Map<String, String> active = new LinkedHashMap<>();
              n.store.forEach(
                  (k, v) -> {
                    if (v == SoftwarePackage.State.LOADED) {
                      String base = k.replace(".tar.gz", "");
                      active.put(
                          base.substring(0, base.lastIndexOf('-')),
                          base.substring(base.lastIndexOf('-') + 1));
                    }
                  });
              List<SyncResult.SecondarySync> synced = new ArrayList<>();
              for (Node o : nodes.values()) {
                if (o == n || (o.running && o.mode == HaMode.SECONDARY && n.id.equals(o.primary))) {
                  o.packages.clear();
                  o.packages.putAll(active);
                  if (o != n) {
                    synced.add(new SyncResult.SecondarySync(o.id, true, Optional.empty()));
                  }
                }
              }
              active
                  .keySet()
                  .forEach(p -> results.add(new PackageReloadResult(p, true, Optional.empty())));
              return new SyncResult(synced, results);
            });

    NodeHost h = n.host;
    when(h.node()).thenReturn(n.id);
    when(h.backup())
        .thenAnswer(
            i ->
                new Backup(
                    n.id, Path.of("/backups/" + n.id + ".tar.gz"), "0".repeat(64), Instant.EPOCH));
    doAnswer(
            i -> {
              n.running = false;
              n.readOnly = false;
              if (n.mode == HaMode.PRIMARY) {
                n.leave();
              }
              n.mode = HaMode.NONE;
              return null;
            })
        .when(h)
        .stop();
    doAnswer(
            i -> {
              Install inst = i.getArgument(0);
              n.running = true;
              n.version = inst.version();
              if (n.enabled) {
                n.applyStartUpRules();
              }
              return null;
            })
        .when(h)
        .start(any(Install.class), anyBoolean());
    doAnswer(
            i -> {
              n.builtFor = ((Install) i.getArgument(0)).version().majorMinor();
              return null;
            })
        .when(h)
        .rebuildPackages(any(Install.class));
    when(h.stagePackages(any(Install.class)))
        .thenAnswer(
            i -> {
              n.staged = ((Install) i.getArgument(0)).version().majorMinor();
              return true;
            });
    when(h.useStagedPackages())
        .thenAnswer(
            i -> {
              if (n.running) {
                throw new IllegalStateException(n.id + " is running");
              }
              if (n.staged == null) {
                return false;
              }
              n.builtFor = n.staged;
              n.staged = null;
              return true;
            });
    when(h.isRunning()).thenAnswer(i -> n.running);
    when(h.installedVersion()).thenAnswer(i -> n.version);
  }

  Node node(NodeId id) {
    return nodes.get(id);
  }

  @Override
  public ClusterSpec spec() {
    return spec;
  }

  @Override
  public NodeClient client(NodeId node) {
    return nodes.get(node).client;
  }

  @Override
  public NodeHost host(NodeId node) {
    return nodes.get(node).host;
  }

  /**
   * Every state-changing call made on any mock so far, in order, as {@code n1.disableHa()} or
   * {@code n1-host.start(6.5.1, true)}, read from Mockito's own invocation records.
   */
  List<String> calls() {
    List<Invocation> all = new ArrayList<>();
    for (Node n : nodes.values()) {
      all.addAll(mockingDetails(n.client).getInvocations());
      all.addAll(mockingDetails(n.host).getInvocations());
    }
    return all.stream()
        .filter(i -> MUTATING.contains(i.getMethod().getName()))
        .sorted(Comparator.comparingInt(Invocation::getSequenceNumber))
        .map(FakeCluster::render)
        .toList();
  }

  private static String render(Invocation i) {
    String mock = mockingDetails(i.getMock()).getMockCreationSettings().getMockName().toString();
    String who =
        mock.endsWith("-client") ? mock.substring(0, mock.length() - "-client".length()) : mock;
    List<String> args = new ArrayList<>();
    for (Object a : i.getArguments()) {
      args.add(a instanceof Install inst ? inst.version().text() : String.valueOf(a));
    }
    return who + "." + i.getMethod().getName() + "(" + String.join(", ", args) + ")";
  }
}
