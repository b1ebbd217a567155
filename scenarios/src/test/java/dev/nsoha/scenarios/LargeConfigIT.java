package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.scenarios.flow.ExampleFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast NSO version upgrade of a cluster loaded with {@value #ENTRIES} dummy entries (loaded
 * into n1 with the install's {@code ncs_load -l -m} by {@code example --dummies}), over RESTCONF,
 * the program in its own JVM with a 64 MiB heap: it streams every configuration (the fingerprint,
 * the digests and the containment check), so it finishes where reading a node's configuration whole
 * would not fit. Judged from outside: the test's own reader ({@link ClusterReader}) finds the
 * nominal roles and the new version, and streams each node's dummy list to find every entry with
 * its value.
 */
class LargeConfigIT {
  /**
   * The production-like size for the suite: 100,000 entries on every node (about 6 MB of
   * XML), served by the simulator's copy-on-write datastore; the program's heap stays at {@link
   * #PROGRAM_HEAP}.
   */
  static final int ENTRIES = 100_000;

  /** Each run of the program ends within this, on a busy machine. */
  static final Duration BOUND = Duration.ofMinutes(10);

  /**
   * The program's heap: a quarter of the launcher's bound, far below a configuration read whole.
   */
  static final String PROGRAM_HEAP = "-Xmx64m";

  /**
   * The simulator's nodes get a larger heap than their default for this size (the simulator's own
   * datastore at production size is another branch's work).
   */
  static final String SIM_OPTS = "-Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k";

  @TempDir Path dir;

  @Test
  void theFastUpgradeOfALoadedClusterRunsInASmallHeapAndKeepsEveryEntry() throws Exception {
    ExampleCluster cluster = new ExampleCluster();
    Map<String, String> env = Map.of("NSOSIM_JAVA_OPTS", SIM_OPTS);
    long started = System.nanoTime();
    try (ClusterReader reader = ClusterReader.of(cluster)) {
      OrchestratorJvm.Outcome setup =
          OrchestratorJvm.run(
              cluster,
              dir,
              env,
              List.of(PROGRAM_HEAP),
              BOUND,
              "example",
              "upgrade-nso",
              "--transport",
              "restconf",
              "--setup-only",
              "--dummies",
              Integer.toString(ENTRIES));
      assertThat(setup.code()).as("%s", setup).isZero();
      assertThat(setup.out()).contains("loaded " + ENTRIES + " more dummy entries");
      long setUp = System.nanoTime();
      for (String n : List.of("n1", "n2", "n3")) {
        assertThat(problems(reader, n)).as("%s before the upgrade", n).isEmpty();
      }
      String oldVersion = reader.view("n1", false).version();

      OrchestratorJvm.Outcome up =
          OrchestratorJvm.run(
              cluster,
              dir,
              env,
              List.of(PROGRAM_HEAP),
              BOUND,
              "upgrade-nso",
              "--transport",
              "restconf",
              "--strategy",
              "fast");
      assertThat(up.code()).as("%s", up).isZero();
      long upgraded = System.nanoTime();

      for (String n : List.of("n1", "n2", "n3")) {
        ClusterReader.View v = reader.view(n, false);
        assertThat(v.version()).as("%s version", n).isNotEqualTo(oldVersion);
        assertThat(v.mode()).as("%s mode", n).isEqualTo(n.equals("n1") ? "primary" : "secondary");
        assertThat(problems(reader, n)).as("%s after the upgrade", n).isEmpty();
      }
      assertThat(reader.view("n1", false).connected()).containsExactlyInAnyOrder("n2", "n3");
      System.out.printf(
          "LargeConfigIT: %d entries; set up and loaded in %d s, fast upgrade in %d s (program heap"
              + " %s)%n",
          ENTRIES,
          Duration.ofNanos(setUp - started).toSeconds(),
          Duration.ofNanos(upgraded - setUp).toSeconds(),
          PROGRAM_HEAP);
    } finally {
      cluster.stop();
      ExampleCluster.remove(dir.resolve("run"));
    }
  }

  /** What is wrong with node {@code n}'s dummy list: d1 and every bulk entry with its value. */
  private static List<String> problems(ClusterReader reader, String n) {
    boolean[] seen = new boolean[ENTRIES + 1];
    List<String> problems = new ArrayList<>();
    long count =
        reader.dummiesStreamed(
            n,
            (name, value) -> {
              if (name.equals("d1")) {
                seen[0] = "1.2.3.4".equals(value);
                return;
              }
              int i = name.startsWith("bulk-") ? Integer.parseInt(name.substring(5)) : -1;
              if (i < 1 || i > ENTRIES || !ExampleFlow.bulkAddress(i).equals(value)) {
                if (problems.size() < 10) {
                  problems.add("unexpected entry " + name + " = " + value);
                }
                return;
              }
              seen[i] = true;
            });
    for (int i = 0; i <= ENTRIES && problems.size() < 10; i++) {
      if (!seen[i]) {
        problems.add((i == 0 ? "d1" : ExampleFlow.bulkName(i)) + " missing or changed");
      }
    }
    if (count != ENTRIES + 1) {
      problems.add(count + " entries, expected " + (ENTRIES + 1));
    }
    return problems;
  }
}
