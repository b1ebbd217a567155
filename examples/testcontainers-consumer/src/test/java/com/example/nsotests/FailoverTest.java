package com.example.nsotests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nsoha.core.model.ConfigPath;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.testcontainers.NsoSimCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailoverTest {
  static final ConfigPath DUMMIES = ConfigPath.parse("/dummy:dummies");

  static DataTree dummy(String name, String ip) {
    return DataTree.of(
        Map.of("dummy:dummies", Map.of("dummy", List.of(Map.of("name", name, "dummy", ip)))));
  }

  @Test
  void newPrimaryTakesWritesAndOldPrimaryRejoinsAsSecondary() {
    // n1 primary, n2 failover-primary, n3 secondary; start() returns with n2 and n3 connected
    try (NsoSimCluster c = NsoSimCluster.of(3).withVersion("6.4.4").start()) {
      NodeId n1 = c.primary(); // the nominal primary
      NodeId n2 = c.failoverPrimary();
      NodeId n3 = NodeId.of("n3");
      c.client(n1, "restconf").mergeConfig(dummy("d1", "10.0.0.1")); // or "cli"
      for (NodeId s : List.of(n2, n3)) { // each commit is replicated to the connected secondaries
        assertTrue(c.client(s, "cli").readConfig(DUMMIES).toJson().contains("10.0.0.1"));
      }

      c.node(n1).stop(); // graceful stop; n1's volumes are kept
      // n2 takes over, read-only until a secondary (n3) joins it: wait for a writable primary
      NodeId primary = c.awaitWritablePrimary(Duration.ofSeconds(60));
      assertEquals(n2, primary);
      c.client(primary, "restconf").mergeConfig(dummy("d2", "10.0.0.2"));

      c.node(n1).start(); // start-up rules: n1 finds n2 primary and joins it as a secondary
      c.awaitConnected(n2, Duration.ofSeconds(60));
      assertTrue(c.haStatus(n1).isSecondary());
      assertTrue(c.client(n1, "cli").readConfig(DUMMIES).toJson().contains("10.0.0.2"));
    }
  }
}
