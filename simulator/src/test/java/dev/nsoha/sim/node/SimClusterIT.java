package dev.nsoha.sim.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.testkit.SimCluster;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test cluster itself: a start that finds an address taken retries on another block with fresh
 * run dirs.
 */
class SimClusterIT {
  @TempDir Path tmp;

  @Test
  void aRetriedStartDoesNotReuseTheRunDirsOfTheFailedAttempt() throws Exception {
    int first = ThreadLocalRandom.current().nextInt(100, 250);
    List<Integer> tried = new ArrayList<>();
    int[] ports = SimCluster.freePorts(3);
    // n3's HA address of the first block is taken, so n1 and n2 of that attempt have already
    // written
    // their CDBs (with the first block's addresses) when the start fails.
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127." + first + ".3.1", ports[2]));
      try (SimCluster c =
          SimCluster.builder()
              .baseDir(tmp)
              .ports(ports[0], ports[1], ports[2])
              .enableHa(false)
              .octets(
                  () -> {
                    tried.add(tried.isEmpty() ? first : first + 1);
                    return tried.get(tried.size() - 1);
                  })
              .start()) {
        assertThat(tried).containsExactly(first, first + 1);
        assertThat(c.address("n1")).isEqualTo("127." + (first + 1) + ".1.1");
        for (String id : c.ids()) {
          assertThat(c.node(id).haNodeId()).as(id).isEqualTo(id);
          c.node(id)
              .invokeAction(DataPath.parseKeypath("/high-availability/enable"), null, "admin");
        }
        c.awaitHa("n1", st -> st.connectedSecondaries().size() == 2, Duration.ofSeconds(30));
      }
    }
  }
}
