package dev.nsoha.sim.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.sim.data.Content;
import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.data.NodeRefusal;
import dev.nsoha.sim.data.Transaction;
import dev.nsoha.sim.data.WithDefaults;
import dev.nsoha.sim.ha.HaRole;
import dev.nsoha.sim.ha.HaState;
import dev.nsoha.sim.testkit.SimCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HaReplicationIT {
  @TempDir Path tmp;
  SimCluster c;

  @BeforeEach
  void start() throws Exception {
    c = SimCluster.builder().baseDir(tmp).start();
  }

  @AfterEach
  void stop() {
    c.close();
  }

  @Test
  void commitOnPrimaryIsReplicatedToBothSecondaries() {
    HaState p = c.node("n1").haStatus();
    assertThat(p.mode()).isEqualTo(HaRole.PRIMARY);
    assertThat(p.connectedSecondaries()).containsOnlyKeys("n2", "n3");
    assertThat(p.connectedSecondaries().get("n2")).isEqualTo(c.address("n2"));
    assertThat(c.node("n2").haStatus().mode()).isEqualTo(HaRole.SECONDARY);
    assertThat(c.node("n2").haStatus().beSecondaryResult()).isEqualTo("initialized");

    try (Transaction t = c.node("n1").newTransaction("admin")) {
      t.setLeaf(DataPath.parseKeypath("/dummy:dummies/dummy{d1}/dummy"), "1.2.3.4");
      t.commit();
    }
    for (String id : c.ids()) {
      DataNode d =
          c.node(id)
              .read(
                  DataPath.parseRestconf("dummy:dummies/dummy=d1/dummy"),
                  Content.CONFIG,
                  WithDefaults.EXPLICIT);
      assertThat(d).as(id).isNotNull();
      assertThat(d.value()).isEqualTo("1.2.3.4");
      assertThat(c.node(id).transactionId()).isEqualTo(c.node("n1").transactionId());
    }
    assertThatThrownBy(() -> c.node("n2").newTransaction("admin"))
        .isInstanceOf(NodeRefusal.class)
        .hasMessage("node is in read-only mode");
  }
}
