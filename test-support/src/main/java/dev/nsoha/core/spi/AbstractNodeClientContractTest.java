package dev.nsoha.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.digest.ConfigDigester;
import dev.nsoha.core.digest.ConfigEvents;
import dev.nsoha.core.digest.DigestRecord;
import dev.nsoha.core.error.AuthenticationException;
import dev.nsoha.core.error.ErrorCode;
import dev.nsoha.core.error.InvalidInputException;
import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.error.ReadOnlyException;
import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.core.model.Alarm;
import dev.nsoha.core.model.ConfigPath;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaConfig;
import dev.nsoha.core.model.HaFlavour;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.HaNodeConfig;
import dev.nsoha.core.model.HaSettings;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.model.PackageReloadResult;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.model.ReloadOptions;
import dev.nsoha.core.model.SoftwarePackage;
import dev.nsoha.core.model.SyncResult;
import dev.nsoha.core.plan.Wait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The behaviour every {@link NodeClient} must show against a live NSO node, written once and run by
 * each transport with a small {@code final} subclass that supplies a factory and a live cluster.
 * There are no transport-specific skips: where a transport cannot do something, this suite fails.
 *
 * <p>The cluster is the example's: three nodes n1 (nominal primary), n2 (secondary,
 * failover-primary) and n3 (secondary), HA enabled and all connected, laid out as a system install
 * whose store can take package files, with the {@code dummy} package (version 1.0) loaded. Every
 * test starts from that nominal state ({@link LiveCluster#restoreNominal()}), so the tests run in a
 * random order ({@link MethodOrderer.Random}: a new order each run; {@code
 * -Djunit.jupiter.execution.order.random.seed=<seed>} repeats one).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.Random.class)
public abstract class AbstractNodeClientContractTest {
  protected static final NodeId N1 = NodeId.of("n1");
  protected static final NodeId N2 = NodeId.of("n2");
  protected static final NodeId N3 = NodeId.of("n3");
  protected static final Duration WAIT = Duration.ofSeconds(60);
  private static final ConfigPath DUMMIES = ConfigPath.parse("/dummy:dummies");

  /** Starts the cluster; called once before all tests. */
  protected abstract LiveCluster startCluster() throws Exception;

  /** The transport under test. */
  protected abstract NodeClient.Factory factory();

  private LiveCluster cluster;
  private final List<NodeClient> clients = new ArrayList<>();

  @BeforeAll
  void startLiveCluster() throws Exception {
    cluster = startCluster();
  }

  @AfterAll
  void stopLiveCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /**
   * Every test sets up its own precondition, the nominal cluster, so the suite runs in any order
   * (it runs in a random one).
   */
  @BeforeEach
  void restoreNominalState() {
    cluster.restoreNominal();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(NodeClient::close);
    clients.clear();
  }

  protected NodeClient client(NodeId id) {
    NodeClient c = factory().create(cluster.endpoint(id));
    clients.add(c);
    return c;
  }

  private static DataTree dummy(String name, String ip) {
    return DataTree.of(
        Map.of("dummy:dummies", Map.of("dummy", List.of(Map.of("name", name, "dummy", ip)))));
  }

  private static String uniqueName() {
    return "c-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static HaStatus waitFor(NodeClient c, String what, Predicate<HaStatus> p) {
    return Wait.until(what, c.endpoint().id().value(), c::haStatus, p, HaStatus::summary, WAIT);
  }

  // ---- identity
  // ---------------------------------------------------------------------------------------------

  @Test
  void factoryAndClientNameTheirTransport() {
    NodeClient c = client(N1);
    assertThat(c.transport()).isEqualTo(factory().transport()).isIn("cli", "restconf");
    assertThat(c.endpoint().id()).isEqualTo(N1);
  }

  @Test
  void versionIsTheRunningRelease() {
    assertThat(client(N1).version().sameRelease(cluster.version())).isTrue();
    assertThat(client(N3).version().sameRelease(cluster.version())).isTrue();
  }

  // ---- HA reads
  // ---------------------------------------------------------------------------------------------

  @Test
  void haStatusOfThePrimaryListsBothSecondaries() {
    HaStatus s = client(N1).haStatus();
    assertThat(s.enabled()).isTrue();
    assertThat(s.mode()).isEqualTo(HaMode.PRIMARY);
    assertThat(s.assignedRole()).isEqualTo(HaMode.PRIMARY);
    assertThat(s.currentId()).contains(N1);
    assertThat(s.readOnly()).isFalse();
    assertThat(s.connectedSecondaries())
        .extracting(cs -> cs.id())
        .containsExactlyInAnyOrder(N2, N3);
    assertThat(s.connectedSecondaries()).allSatisfy(cs -> assertThat(cs.address()).isNotBlank());
  }

  @Test
  void haStatusOfASecondaryNamesItsPrimary() {
    HaStatus s = client(N2).haStatus();
    assertThat(s.enabled()).isTrue();
    assertThat(s.mode()).isEqualTo(HaMode.SECONDARY);
    assertThat(s.currentId()).contains(N2);
    assertThat(s.primaryId()).contains(N1);
    assertThat(s.beSecondaryResult()).isPresent().get().isIn("connected", "initialized");
    assertThat(s.connectedSecondaries()).isEmpty();
  }

  @Test
  void aRuleBasedNodeReportsRuleBasedHaAndNoRaftStatus() {
    NodeClient c = client(N2);
    assertThat(c.raftStatus()).isEmpty();
    assertThat(c.haFlavour()).isEqualTo(HaFlavour.RULE_BASED);
  }

  @Test
  void haConfigHasTheThreeNodesTheirNominalRolesAndEverySettingWithItsDefault() {
    for (NodeId id : List.of(N1, N3)) {
      HaConfig cfg = client(id).haConfig();
      assertThat(cfg.nodes())
          .as("ha-node entries read on %s", id)
          .containsExactlyInAnyOrder(
              new HaNodeConfig(N1, cluster.endpoint(N1).address(), HaMode.PRIMARY, false),
              new HaNodeConfig(N2, cluster.endpoint(N2).address(), HaMode.SECONDARY, true),
              new HaNodeConfig(N3, cluster.endpoint(N3).address(), HaMode.SECONDARY, false));
      // The cluster sets enable-failover, both start-up flags, interval and attempts; it leaves
      // reconnect-secondaries and consensus/enabled to their YANG defaults, which are true.
      assertThat(cfg.settings())
          .as("HA settings read on %s", id)
          .isEqualTo(
              new HaSettings(
                  true,
                  true,
                  true,
                  cluster.reconnectInterval(),
                  cluster.reconnectAttempts(),
                  true,
                  true));
    }
  }

  // ---- configuration
  // ----------------------------------------------------------------------------------------

  @Test
  void mergeOnThePrimaryIsReadBackAndReplicatedToBothSecondaries() {
    String name = uniqueName();
    client(N1).mergeConfig(dummy(name, "10.1.2.3"));

    for (NodeId id : List.of(N1, N2, N3)) {
      NodeClient c = client(id);
      DataTree t = c.readConfig(DUMMIES);
      assertThat(t.entry("name", name, "dummy:dummies", "dummy"))
          .as("dummy %s on %s: %s (HA: %s)", name, id, t, c.haStatus().summary())
          .hasValueSatisfying(e -> assertThat(e).containsEntry("dummy", "10.1.2.3"));
    }
  }

  @Test
  void runningConfigHoldsTheHaTreeAndTheServiceData() {
    String name = uniqueName();
    NodeClient n1 = client(N1);
    n1.mergeConfig(dummy(name, "10.9.9.9"));
    DataTree all = n1.readRunningConfig();
    assertThat(all.asMap()).containsKeys("tailf-ncs:high-availability", "dummy:dummies");
    assertThat(all.entry("name", name, "dummy:dummies", "dummy")).isPresent();
  }

  @Test
  void theStreamedRunningConfigIsTheOneRead() {
    String name = uniqueName();
    NodeClient n1 = client(N1);
    n1.mergeConfig(dummy(name, "10.9.9.8"));
    List<DigestRecord> streamed = new ArrayList<>();
    n1.streamRunningConfig(new ConfigDigester(streamed::add, Set.of()));
    List<DigestRecord> read = new ArrayList<>();
    ConfigEvents.walk(n1.readRunningConfig(), new ConfigDigester(read::add, Set.of()));
    assertThat(streamed).isEqualTo(read);
    assertThat(streamed).anyMatch(r -> r.path().equals("/dummy:dummies/dummy{" + name + "}"));
  }

  @Test
  void readingConfigThatIsNotThereGivesAnEmptyTree() {
    DataTree t = client(N1).readConfig(ConfigPath.parse("/dummy:dummies/dummy=" + uniqueName()));
    assertThat(t.isEmpty()).isTrue();
  }

  @Test
  void mergeOnASecondaryIsRefusedAsReadOnly() {
    NodeClient n2 = client(N2);
    assertThatThrownBy(() -> n2.mergeConfig(dummy(uniqueName(), "10.0.0.1")))
        .isInstanceOf(ReadOnlyException.class)
        .hasMessageContaining("n2")
        .hasMessageContaining(cluster.endpoint(N2).address())
        .hasMessageContaining("read-only");
  }

  @Test
  void anInvalidValueIsRefused() {
    NodeClient n1 = client(N1);
    String name = uniqueName();
    assertThatThrownBy(() -> n1.mergeConfig(dummy(name, "not-an-address")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("n1");
    assertThat(n1.readConfig(DUMMIES).entry("name", name, "dummy:dummies", "dummy")).isEmpty();
  }

  @Test
  void anUnknownElementIsRefused() {
    NodeClient n1 = client(N1);
    DataTree bad =
        DataTree.of(
            Map.of(
                "dummy:dummies",
                Map.of("dummy", List.of(Map.of("name", uniqueName(), "no-such-leaf", "x")))));
    assertThatThrownBy(() -> n1.mergeConfig(bad)).isInstanceOf(InvalidInputException.class);
  }

  // ---- read-only
  // --------------------------------------------------------------------------------------------

  @Test
  void readOnlyRefusesWritesUntilCleared() {
    NodeClient n1 = client(N1);
    n1.setReadOnly(true);
    assertThat(n1.haStatus().readOnly()).isTrue();
    assertThatThrownBy(() -> n1.mergeConfig(dummy(uniqueName(), "10.0.0.2")))
        .isInstanceOf(ReadOnlyException.class);

    n1.setReadOnly(false);
    assertThat(n1.haStatus().readOnly()).isFalse();
    String name = uniqueName();
    n1.mergeConfig(dummy(name, "10.0.0.3"));
    assertThat(n1.readConfig(DUMMIES).entry("name", name, "dummy:dummies", "dummy")).isPresent();
  }

  // ---- HA actions
  // -------------------------------------------------------------------------------------------

  @Test
  void disableAndEnableTakeANodeOutOfTheGroupAndBack() {
    NodeClient n1 = client(N1);
    NodeClient n3 = client(N3);

    assertThat(n3.disableHa()).contains("disabled");
    HaStatus off = n3.haStatus();
    assertThat(off.enabled()).isFalse();
    assertThat(off.mode()).isEqualTo(HaMode.NONE);
    waitFor(n1, "n3 is no longer connected to n1", s -> !s.hasConnectedSecondary(N3));

    assertThat(n3.enableHa()).contains("enabled");
    waitFor(n3, "n3 is a secondary again", s -> s.enabled() && s.isSecondary());
    waitFor(n1, "n3 is connected to n1 again", s -> s.hasConnectedSecondary(N3));
  }

  @Test
  void beNoneThenBeSecondaryToRejoinsThePrimary() {
    NodeClient n1 = client(N1);
    NodeClient n3 = client(N3);

    n3.beNone();
    waitFor(n3, "n3 has role none", s -> s.mode() == HaMode.NONE);
    waitFor(n1, "n3 is no longer connected to n1", s -> !s.hasConnectedSecondary(N3));

    assertThat(n3.beSecondaryTo(N1)).contains("n1");
    waitFor(
        n3,
        "n3 is a secondary of n1",
        s -> s.isSecondary() && s.primaryId().equals(Optional.of(N1)));
    waitFor(n1, "n3 is connected to n1", s -> s.hasConnectedSecondary(N3));
  }

  @Test
  void bePrimaryOnThePrimaryKeepsItPrimary() {
    NodeClient n1 = client(N1);
    assertThat(n1.bePrimary()).isNotNull();
    HaStatus s = waitFor(n1, "n1 is primary", HaStatus::isPrimary);
    assertThat(s.assignedRole()).isEqualTo(HaMode.PRIMARY);
  }

  @Test
  void bePrimaryOnADisabledFailoverPrimaryTakesOver() {
    NodeClient n1 = client(N1);
    NodeClient n2 = client(N2);
    client(N3).disableHa();
    n1.disableHa();
    n2.bePrimary();
    HaStatus s = waitFor(n2, "n2 is primary", HaStatus::isPrimary);
    assertThat(s.currentId()).contains(N2);
  }

  @Test
  void beSecondaryToAnUnknownNodeIsRefused() {
    NodeClient n3 = client(N3);
    assertThatThrownBy(() -> n3.beSecondaryTo(NodeId.of("no-such-node")))
        .isInstanceOf(NsoException.class)
        .satisfies(
            e ->
                assertThat(((NsoException) e).code())
                    .isIn(ErrorCode.NOT_FOUND, ErrorCode.INVALID_INPUT))
        .hasMessageContaining("n3");
    assertThat(n3.haStatus().primaryId()).contains(N1);
  }

  // ---- packages
  // ---------------------------------------------------------------------------------------------

  @Test
  void everyNodeHasTheDummyPackageUp() {
    for (NodeId id : List.of(N1, N2, N3)) {
      List<PackageStatus> pkgs = client(id).packages();
      assertThat(pkgs)
          .as("packages on %s", id)
          .anySatisfy(
              p -> {
                assertThat(p.name()).isEqualTo("dummy");
                assertThat(p.isUp()).isTrue();
                assertThat(p.errorInfo()).isEmpty();
              });
    }
  }

  @Test
  void softwarePackagesListsTheLoadedPackageFile() {
    List<SoftwarePackage> list = client(N1).softwarePackages();
    assertThat(list)
        .anySatisfy(
            p -> {
              assertThat(p.baseName()).startsWith("dummy-");
              assertThat(p.state()).isEqualTo(SoftwarePackage.State.LOADED);
            });
  }

  @Test
  void reloadOnOneNodeReportsEachPackage() {
    List<PackageReloadResult> results = client(N3).reloadPackages(ReloadOptions.defaults());
    assertThat(results)
        .anySatisfy(
            r -> {
              assertThat(r.packageName()).isEqualTo("dummy");
              assertThat(r.ok()).isTrue();
            });
  }

  @Test
  void fetchingAFileThatDoesNotExistFails() {
    NodeClient n1 = client(N1);
    assertThatThrownBy(() -> n1.fetchPackage("/nonexistent/dir/nothing-9.9.tar.gz"))
        .isInstanceOf(NsoException.class)
        .satisfies(
            e ->
                assertThat(((NsoException) e).code())
                    .isIn(
                        ErrorCode.OPERATION_FAILED, ErrorCode.NOT_FOUND, ErrorCode.INVALID_INPUT));
  }

  @Test
  void installingAPackageThatIsNotInTheStoreFails() {
    NodeClient n1 = client(N1);
    assertThatThrownBy(() -> n1.installPackage("nothing-9.9", false))
        .isInstanceOf(NsoException.class)
        .satisfies(
            e ->
                assertThat(((NsoException) e).code())
                    .isIn(
                        ErrorCode.OPERATION_FAILED, ErrorCode.NOT_FOUND, ErrorCode.INVALID_INPUT));
  }

  @Test
  void deinstallingAPackageThatIsNotInstalledFails() {
    NodeClient n1 = client(N1);
    assertThatThrownBy(() -> n1.deinstallPackage("nothing-9.9"))
        .isInstanceOf(NsoException.class)
        .satisfies(
            e ->
                assertThat(((NsoException) e).code())
                    .isIn(
                        ErrorCode.OPERATION_FAILED, ErrorCode.NOT_FOUND, ErrorCode.INVALID_INPUT));
  }

  @Test
  void fetchInstallAndHaSyncUpgradeThePackageOnEveryNode() {
    NodeClient n1 = client(N1);
    n1.fetchPackage(cluster.packageFile("dummy-1.1", cluster.version()).toString());
    assertThat(n1.softwarePackages())
        .anySatisfy(
            p -> {
              assertThat(p.baseName()).isEqualTo("dummy-1.1");
              assertThat(p.state()).isEqualTo(SoftwarePackage.State.INSTALLABLE);
            });

    n1.installPackage("dummy-1.1", true);
    assertThat(n1.softwarePackages())
        .anySatisfy(
            p -> {
              assertThat(p.baseName()).isEqualTo("dummy-1.1");
              assertThat(p.state())
                  .isIn(SoftwarePackage.State.INSTALLED, SoftwarePackage.State.LOADED);
            });

    SyncResult sync = n1.haSyncAndReload(ReloadOptions.waitForCommitQueue());
    assertThat(sync.secondaries())
        .as("sync results")
        .containsExactlyInAnyOrder(
            new SyncResult.SecondarySync(N2, true, Optional.empty()),
            new SyncResult.SecondarySync(N3, true, Optional.empty()));
    assertThat(sync.reloadResults())
        .as("reload results")
        .containsExactly(new PackageReloadResult("dummy", true, Optional.empty()));
    assertThat(sync.ok()).isTrue();

    for (NodeId id : List.of(N1, N2, N3)) {
      assertThat(client(id).packages())
          .as("packages on %s", id)
          .anySatisfy(
              p -> {
                assertThat(p.name()).isEqualTo("dummy");
                assertThat(p.version()).isEqualTo("1.1");
                assertThat(p.isUp()).isTrue();
              });
    }
    // The new leaf of dummy 1.1 is usable through the primary and replicated.
    String name = uniqueName();
    n1.mergeConfig(
        DataTree.of(
            Map.of(
                "dummy:dummies",
                Map.of(
                    "dummy",
                    List.of(
                        Map.of(
                            "name", name, "description", "hello world", "dummy", "10.4.4.4"))))));
    assertThat(client(N3).readConfig(DUMMIES).entry("name", name, "dummy:dummies", "dummy"))
        .hasValueSatisfying(e -> assertThat(e).containsEntry("description", "hello world"));
  }

  @Test
  void haSyncOfAPackageBuiltForAnotherReleaseReportsEverySecondaryAsFailed() {
    NodeClient n1 = client(N1);
    NsoVersion other = otherRelease(cluster.version());
    // A package that holds no data, so that the reload needs no force and only this package fails.
    n1.fetchPackage(cluster.packageFile("inert-1.0", other).toString());
    n1.installPackage("inert-1.0", false);

    SyncResult sync = n1.haSyncAndReload(ReloadOptions.waitForCommitQueue());

    assertThat(sync.ok()).isFalse();
    assertThat(sync.secondaries())
        .extracting(SyncResult.SecondarySync::node)
        .containsExactlyInAnyOrder(N2.value(), N3.value());
    assertThat(sync.failedSecondaries())
        .as("the secondaries refuse the package, with NSO's reason")
        .hasSize(2)
        .allSatisfy(
            s -> assertThat(s.info()).hasValueSatisfying(i -> assertThat(i).contains("inert")));
    assertThat(sync.failedReloads())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.packageName()).isEqualTo("inert");
              assertThat(r.info())
                  .hasValueSatisfying(i -> assertThat(i).contains(other.majorMinor()));
            });
    assertThat(sync.reloadResults())
        .contains(new PackageReloadResult("dummy", true, Optional.empty()));
    // NSO leaves the primary read-write after a failed sync and reload (docs/nso-interface.md,
    // "Read-only mode").
    assertThat(n1.haStatus().readOnly()).isFalse();
  }

  /** A release whose packages this cluster's release must not load: the previous minor release. */
  private static NsoVersion otherRelease(NsoVersion v) {
    return v.minor() > 0
        ? NsoVersion.parse(v.major() + "." + (v.minor() - 1) + ".1")
        : NsoVersion.parse((v.major() - 1) + ".9.1");
  }

  // ---- alarms
  // -----------------------------------------------------------------------------------------------

  private static List<Alarm> raisedHaAlarms(List<Alarm> alarms) {
    return alarms.stream().filter(a -> a.raised() && a.isHaNodeDown()).toList();
  }

  private static String summaries(List<Alarm> alarms) {
    return alarms.stream().map(Alarm::summary).toList().toString();
  }

  @Test
  void aNominalClusterHasNoRaisedHaAlarm() {
    for (NodeId id : List.of(N1, N2, N3)) {
      List<Alarm> alarms = client(id).alarms();
      assertThat(raisedHaAlarms(alarms)).as("alarms on %s: %s", id, summaries(alarms)).isEmpty();
    }
  }

  @Test
  void aSecondaryThatGoesAwayRaisesHaSecondaryDownOnThePrimaryUntilItIsBack() {
    NodeClient n1 = client(N1);
    cluster.stopNode(N3);
    List<Alarm> alarms =
        Wait.until(
            "n1 raises an HA alarm about n3",
            "n1",
            n1::alarms,
            l -> raisedHaAlarms(l).stream().anyMatch(a -> a.haNode().equals(Optional.of("n3"))),
            AbstractNodeClientContractTest::summaries,
            WAIT);
    assertThat(raisedHaAlarms(alarms))
        .as(summaries(alarms))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.type()).isEqualTo("ha-secondary-down");
              assertThat(a.device()).isEqualTo("ncs");
              assertThat(a.managedObject()).contains("high-availability").contains("n3");
              assertThat(a.severity()).isEqualTo("critical");
              assertThat(a.text()).isEqualTo("Lost connection to secondary");
              assertThat(a.lastStatusChange()).isPresent();
            });

    cluster.restoreNominal();
    List<Alarm> after = client(N1).alarms();
    assertThat(raisedHaAlarms(after)).as(summaries(after)).isEmpty();
    // NSO keeps a cleared alarm in the list, cleared: it is not raised.
    assertThat(after)
        .as(summaries(after))
        .filteredOn(a -> a.type().equals("ha-secondary-down"))
        .filteredOn(a -> a.haNode().equals(Optional.of("n3")))
        .isNotEmpty()
        .allSatisfy(
            a -> {
              assertThat(a.cleared()).isTrue();
              assertThat(a.raised()).isFalse();
            });
  }

  // ---- connection errors
  // ------------------------------------------------------------------------------------

  @Test
  void wrongCredentialsGiveTheAuthenticationError() {
    NodeEndpoint good = cluster.endpoint(N1);
    NodeEndpoint bad =
        new NodeEndpoint(
            good.id(),
            good.address(),
            good.cliPort(),
            good.restconfPort(),
            new Credentials(good.credentials().username(), "wrong-password"),
            good.options());
    try (NodeClient c = factory().create(bad)) {
      assertThatThrownBy(c::haStatus)
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("n1")
          .hasMessageNotContaining("wrong-password");
    }
  }

  @Test
  void aNodeThatDoesNotAnswerIsUnreachableAndNamed() {
    NodeEndpoint dead = cluster.unreachableEndpoint();
    try (NodeClient c = factory().create(dead)) {
      assertThatThrownBy(c::haStatus)
          .isInstanceOf(UnreachableException.class)
          .hasMessageContaining(dead.address());
    }
  }

  @Test
  void closeIsIdempotentAndAClosedClientRefusesCalls() {
    NodeClient c = factory().create(cluster.endpoint(N1));
    c.haStatus();
    c.close();
    c.close();
    assertThatThrownBy(c::haStatus)
        .isInstanceOf(UnreachableException.class)
        .hasMessageContaining("closed");
    try (NodeClient again = factory().create(cluster.endpoint(N1))) {
      assertThat(again.haStatus().isPrimary()).as("a new client reads the node").isTrue();
    }
  }
}
