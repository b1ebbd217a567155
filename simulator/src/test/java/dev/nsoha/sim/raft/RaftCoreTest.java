package dev.nsoha.sim.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The consensus engine on a fake clock and an in-memory network with cuts. */
class RaftCoreTest {
  static final long TICK = 100;

  /** A cluster of engines; messages are delivered in order when both ends are up and uncut. */
  static final class Net {
    final Map<String, RaftCore> cores = new LinkedHashMap<>();
    final Map<String, JsonNode> applied = new LinkedHashMap<>();
    final Map<String, List<RaftCore.Event>> events = new LinkedHashMap<>();
    final Set<String> down = new HashSet<>();
    final Set<Set<String>> cuts = new HashSet<>();
    final ArrayDeque<Object[]> queue = new ArrayDeque<>();
    final Random random = new Random(7);
    long now;

    Net(int n, String... passive) {
      for (int i = 1; i <= n; i++) {
        add("n" + i, List.of(passive).contains("n" + i), RaftLog.inMemory());
      }
    }

    void add(String id, boolean passive, RaftLog log) {
      events.put(id, new ArrayList<>());
      cores.put(id, new RaftCore(id, passive, TICK, 5, 1000, log, env(id), now));
    }

    boolean linked(String a, String b) {
      return !down.contains(a) && !down.contains(b) && !cuts.contains(Set.of(a, b));
    }

    RaftCore.Env env(String id) {
      return new RaftCore.Env() {
        @Override
        public void send(String to, RaftMessage m) {
          if (linked(id, to)) {
            queue.add(new Object[] {id, to, m});
          }
        }

        @Override
        public boolean connected(String node) {
          return linked(id, node);
        }

        @Override
        public void apply(JsonNode data) {
          applied.put(id, data);
        }

        @Override
        public long random(long max) {
          return (long) (random.nextDouble() * max);
        }

        @Override
        public void event(RaftCore.Event e, String node, String text) {
          events.get(id).add(e);
        }
      };
    }

    void step() {
      now += 10;
      for (Map.Entry<String, RaftCore> e : cores.entrySet()) {
        if (!down.contains(e.getKey())) {
          e.getValue().tick(now);
        }
      }
      while (!queue.isEmpty()) {
        Object[] q = queue.poll();
        String from = (String) q[0];
        String to = (String) q[1];
        if (linked(from, to)) {
          cores.get(to).receive(from, (RaftMessage) q[2], now);
        }
      }
    }

    void until(BooleanSupplier c, String what) {
      for (int i = 0; i < 5000; i++) {
        if (c.getAsBoolean()) {
          return;
        }
        step();
      }
      throw new AssertionError("timed out waiting for " + what + "; roles " + roles());
    }

    Map<String, String> roles() {
      Map<String, String> r = new LinkedHashMap<>();
      cores.forEach((k, v) -> r.put(k, v.role().yang() + "/t" + v.term() + "/c" + v.commitIndex()));
      return r;
    }

    String leader() {
      String l = null;
      for (Map.Entry<String, RaftCore> e : cores.entrySet()) {
        if (!down.contains(e.getKey()) && e.getValue().role() == RaftCore.Role.LEADER) {
          l = e.getKey();
        }
      }
      return l;
    }

    void create(String on) {
      List<String> others = new ArrayList<>(cores.keySet());
      others.remove(on);
      cores.get(on).createCluster(others, data("v0"), now);
      until(() -> cores.values().stream().allMatch(c -> c.commitIndex() >= 2), "cluster formed");
    }
  }

  static JsonNode data(String v) {
    return RaftMessage.MAPPER.createObjectNode().put("txid", v);
  }

  @Test
  void threeMembersElectReplicateAndFailOver() {
    Net net = new Net(3);
    assertThat(net.cores.get("n2").role()).isEqualTo(RaftCore.Role.STALLED);
    net.create("n1");
    assertThat(net.leader()).isEqualTo("n1");
    assertThat(net.cores.get("n2").members()).containsExactly("n1", "n2", "n3");
    assertThat(net.applied.get("n3").path("txid").asText()).isEqualTo("v0");

    long idx = net.cores.get("n1").propose(data("v1"), true);
    long term = net.cores.get("n1").term();
    net.until(() -> Boolean.TRUE.equals(net.cores.get("n1").outcome(idx, term)), "commit");
    net.until(() -> net.applied.get("n2").path("txid").asText().equals("v1"), "apply on n2");
    assertThat(net.applied.get("n1").path("txid").asText())
        .as("leader applies its own")
        .isEqualTo("v0");

    net.down.add("n1");
    net.until(() -> net.leader() != null, "new leader");
    String l = net.leader();
    assertThat(l).isIn("n2", "n3");
    assertThat(net.cores.get(l).term()).isGreaterThan(term);
    long i2 = net.cores.get(l).propose(data("v2"), false);
    long t2 = net.cores.get(l).term();
    net.until(() -> Boolean.TRUE.equals(net.cores.get(l).outcome(i2, t2)), "commit on new leader");

    net.down.remove("n1");
    net.until(
        () ->
            net.cores.get("n1").role() == RaftCore.Role.FOLLOWER
                && "v2".equals(net.applied.get("n1").path("txid").asText()),
        "old leader back as follower");
    assertThat(net.cores.get("n1").leader()).isEqualTo(l);
  }

  @Test
  void minorityCannotCommitAndLeaderLosesQuorum() {
    Net net = new Net(3);
    net.create("n1");
    net.cuts.add(Set.of("n1", "n2"));
    net.cuts.add(Set.of("n1", "n3"));
    long idx = net.cores.get("n1").propose(data("lost"), true);
    long term = net.cores.get("n1").term();
    net.until(() -> net.leader() != null && !net.leader().equals("n1"), "majority leader");
    net.until(() -> net.cores.get("n1").role() != RaftCore.Role.LEADER, "n1 steps down");
    assertThat(net.events.get("n1")).contains(RaftCore.Event.QUORUM_LOST);
    assertThat(net.cores.get("n1").outcome(idx, term)).isFalse();
    String l = net.leader();
    long i2 = net.cores.get(l).propose(data("won"), false);
    long t2 = net.cores.get(l).term();
    net.until(() -> Boolean.TRUE.equals(net.cores.get(l).outcome(i2, t2)), "majority commits");

    net.cuts.clear();
    net.until(
        () ->
            "won".equals(net.applied.get("n1").path("txid").asText())
                && net.cores.get("n1").currentIndex() == net.cores.get(l).currentIndex(),
        "healed");
    assertThat(net.leader()).isEqualTo(l);
  }

  @Test
  void passiveMemberVotesButNeverLeads() {
    Net net = new Net(3, "n2", "n3");
    net.create("n1");
    net.down.add("n1");
    for (int i = 0; i < 300; i++) {
      net.step();
    }
    assertThat(net.leader()).isNull();
    Net five = new Net(3, "n3");
    five.create("n1");
    five.down.add("n1");
    five.until(() -> five.leader() != null, "leader");
    assertThat(five.leader()).isEqualTo("n2");
  }

  @Test
  void followerTooFarBehindGetsASnapshot() {
    Net net = new Net(3);
    net.create("n1");
    net.down.add("n3");
    for (int i = 0; i < 20; i++) {
      long idx = net.cores.get("n1").propose(data("w" + i), true);
      long t = net.cores.get("n1").term();
      net.until(() -> Boolean.TRUE.equals(net.cores.get("n1").outcome(idx, t)), "commit " + idx);
      net.cores.get("n1").localDone(idx);
    }
    assertThat(net.cores.get("n1").replicationState("n3")).isEqualTo("unreachable");
    net.down.remove("n3");
    net.until(() -> "w19".equals(net.applied.get("n3").path("txid").asText()), "snapshot");
    net.until(() -> net.cores.get("n1").replicationState("n3").equals("in-sync"), "in-sync");
    assertThat(net.cores.get("n3").numEntries()).isLessThan(net.cores.get("n1").numEntries());
  }

  @Test
  void handoverAndWipedMemberNeedsToBeAddedAgain() {
    Net net = new Net(3);
    net.create("n1");
    net.cores.get("n1").handover("n2", net.now);
    net.until(() -> "n2".equals(net.leader()), "handover to n2");

    net.down.add("n3");
    net.step();
    net.cores.remove("n3");
    net.down.remove("n3");
    net.add("n3", false, RaftLog.inMemory());
    for (int i = 0; i < 100; i++) {
      net.step();
    }
    assertThat(net.cores.get("n3").role()).isEqualTo(RaftCore.Role.STALLED);
    assertThat(net.cores.get("n2").replicationState("n3")).isEqualTo("unreachable");
    net.cores.get("n2").addMember("n3");
    net.until(() -> net.cores.get("n3").role() == RaftCore.Role.FOLLOWER, "n3 rejoined");
    net.until(() -> net.cores.get("n2").replicationState("n3").equals("in-sync"), "in sync");
    assertThatThrownBy(() -> net.cores.get("n3").propose(data("x"), true))
        .isInstanceOf(IllegalStateException.class);
  }
}
