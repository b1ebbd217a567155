package dev.nsoha.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.error.OperationFailedException;
import dev.nsoha.core.error.ReadOnlyException;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaFlavour;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.RaftStatus;
import dev.nsoha.core.plan.Wait;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * The HA Raft part of the {@link NodeClient} contract, against a live three-member Raft cluster (n1
 * leader, n2 and n3 followers), written once and run by each transport with a small {@code final}
 * subclass. Every test starts from the nominal cluster ({@link LiveRaftCluster#restoreNominal()});
 * the order is random.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.Random.class)
public abstract class AbstractRaftNodeClientContractTest {
  protected static final NodeId N1 = NodeId.of("n1");
  protected static final NodeId N2 = NodeId.of("n2");
  protected static final NodeId N3 = NodeId.of("n3");
  protected static final Duration WAIT = Duration.ofSeconds(60);

  /** Starts the cluster; called once before all tests. */
  protected abstract LiveRaftCluster startCluster() throws Exception;

  /** The transport under test. */
  protected abstract NodeClient.Factory factory();

  private LiveRaftCluster cluster;
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

  private static RaftStatus waitFor(NodeClient c, String what, Predicate<RaftStatus> p) {
    return Wait.until(
            what,
            c.endpoint().id().value(),
            c::raftStatus,
            s -> s.isPresent() && p.test(s.get()),
            s -> s.map(RaftStatus::summary).orElse("no HA Raft status"),
            WAIT)
        .orElseThrow();
  }

  private static DataTree dummy(String name, String ip) {
    return DataTree.of(
        Map.of("dummy:dummies", Map.of("dummy", List.of(Map.of("name", name, "dummy", ip)))));
  }

  @Test
  void everyMemberReportsHaRaft() {
    for (NodeId id : cluster.ids()) {
      assertThat(client(id).haFlavour()).as("HA flavour of %s", id).isEqualTo(HaFlavour.RAFT);
    }
  }

  @Test
  void theLeaderReportsItselfTheMembersAndAnInSyncReplicationPerFollower() {
    String n1 = cluster.memberName(N1);
    String n2 = cluster.memberName(N2);
    String n3 = cluster.memberName(N3);
    RaftStatus s = waitFor(client(N1), "every replication in-sync", RaftStatus::allInSync);
    assertThat(s.role()).isEqualTo(RaftStatus.Role.LEADER);
    assertThat(s.leader()).contains(n1);
    assertThat(s.localNode()).isEqualTo(n1);
    assertThat(s.members()).containsExactlyInAnyOrder(n1, n2, n3);
    assertThat(s.connectedNodes()).containsExactlyInAnyOrder(n2, n3);
    assertThat(s.replications())
        .extracting(RaftStatus.Replication::node)
        .containsExactlyInAnyOrder(n2, n3);
    assertThat(s.replications())
        .allSatisfy(
            r -> {
              assertThat(r.state()).isEqualTo("in-sync");
              assertThat(r.lag()).isZero();
              assertThat(r.index()).isEqualTo(s.currentIndex());
            });
    assertThat(s.currentIndex()).isPositive();
    assertThat(s.appliedIndex()).isEqualTo(s.currentIndex());
    assertThat(s.passive()).isFalse();
    assertThat(s.disableReason()).isEmpty();
    assertThat(s.certificates())
        .extracting(RaftStatus.Certificate::authority)
        .contains(true, false);
    assertThat(s.certificates())
        .allSatisfy(
            c ->
                assertThat(c.expires())
                    .as("expiry of %s", c.filePath())
                    .get()
                    .satisfies(t -> assertThat(t).isAfter(OffsetDateTime.now())));
  }

  @Test
  void aFollowerNamesItsLeaderAndHasNoReplications() {
    RaftStatus s =
        waitFor(
            client(N3),
            "follower of " + cluster.memberName(N1),
            st -> st.leader().isPresent() && st.role() == RaftStatus.Role.FOLLOWER);
    assertThat(s.leader()).contains(cluster.memberName(N1));
    assertThat(s.localNode()).isEqualTo(cluster.memberName(N3));
    assertThat(s.members()).hasSize(3);
    assertThat(s.connectedNodes()).contains(cluster.memberName(N1));
    assertThat(s.replications()).isEmpty();
  }

  @Test
  void readOnlyOnTheLeaderRefusesWritesClusterWideUntilCleared() {
    NodeClient leader = client(N1);
    String name = "r-" + UUID.randomUUID().toString().substring(0, 8);
    leader.raftReadOnly(true);
    try {
      assertThatThrownBy(() -> leader.mergeConfig(dummy(name, "10.9.8.7")))
          .isInstanceOf(ReadOnlyException.class);
    } finally {
      leader.raftReadOnly(false);
    }
    leader.mergeConfig(dummy(name, "10.9.8.7"));
    assertThat(leader.readRunningConfig().toJson()).contains(name);
  }

  @Test
  void readOnlyOnAFollowerIsRefusedNamingTheLeader() {
    assertThatThrownBy(() -> client(N2).raftReadOnly(true))
        .isInstanceOf(NsoException.class)
        .hasMessageContaining(cluster.memberName(N1));
  }

  @Test
  void createClusterWhereAClusterExistsIsRefused() {
    assertThatThrownBy(
            () ->
                client(N1)
                    .raftCreateCluster(List.of(cluster.memberName(N2), cluster.memberName(N3))))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("already exists");
  }

  @Test
  void createClusterOnStalledMembersMakesTheCallerLeader() {
    cluster.dissolve();
    NodeClient c2 = client(N2);
    String n1 = cluster.memberName(N1);
    String n2 = cluster.memberName(N2);
    String n3 = cluster.memberName(N3);
    waitFor(
        c2,
        "stalled with both others connected",
        s ->
            s.role() == RaftStatus.Role.STALLED && s.connectedNodes().containsAll(List.of(n1, n3)));
    c2.raftCreateCluster(List.of(n1, n3));
    RaftStatus s = waitFor(client(N2), "leader with every member in sync", RaftStatus::allInSync);
    assertThat(s.leader()).contains(n2);
    assertThat(s.members()).containsExactlyInAnyOrder(n1, n2, n3);
    RaftStatus f =
        waitFor(
            client(N1),
            "follower of " + n2,
            st -> st.role() == RaftStatus.Role.FOLLOWER && st.leader().equals(Optional.of(n2)));
    assertThat(f.members()).containsExactlyInAnyOrder(n1, n2, n3);
  }
}
