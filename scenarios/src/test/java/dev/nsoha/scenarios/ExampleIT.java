package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each of the four example variants, end to end on simulator nodes started with the bundled
 * installs' tools, exactly as {@code make upgrade-nso} (and friends) run them. The final state is
 * judged by the independent {@link ClusterReader}, not by the program's own verification: roles,
 * versions, packages and the example's configuration on every node.
 */
class ExampleIT {
  private static final Duration JUDGE = Duration.ofSeconds(30);

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} over {1}")
  @CsvSource({
    "upgrade-nso, cli",
    "upgrade-nso, restconf",
    "upgrade-pkgs-sys, cli",
    "upgrade-pkgs-sys, restconf"
  })
  void theExampleRunsEndToEnd(String scenario, String transport) throws IOException {
    ExampleCluster cluster = new ExampleCluster();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path report = dir.resolve("report.json");
    List<String> args =
        new ArrayList<>(
            List.of("example", scenario, "--transport", transport, "--report", report.toString()));
    args.addAll(cluster.nodeArgs(dir.resolve("run")));
    try {
      long t0 = System.nanoTime();
      int code =
          Main.run(
              new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
      System.out.printf(
          "%s over %s took %.1f s%n", scenario, transport, (System.nanoTime() - t0) / 1e9);
      assertThat(code).as("exit code; stdout:%n%s%nstderr:%n%s", out, err).isZero();
      assertThat(out.toString()).contains("Verified:").contains("##### Done!");
      assertThat(Files.readString(report))
          .contains("\"succeeded\": true")
          .contains("\"verification\"");

      boolean nso = scenario.equals("upgrade-nso");
      ClusterReader.Expected expected =
          nso
              ? new ClusterReader.Expected(
                  "n1", Bundle.require().newInstall().version().text(), Map.of("dummy", "1.0"))
              : new ClusterReader.Expected(
                  "n1",
                  Bundle.require().oldInstall().version().text(),
                  Map.of("dummy", "1.1", "inert", "1.0"));
      try (ClusterReader reader = ClusterReader.of(cluster)) {
        reader.converged(
            scenario + " over " + transport,
            expected,
            reader.onEveryNode(
                nso ? ClusterReader.EXAMPLE_CONFIG : ClusterReader.EXAMPLE_PACKAGES_CONFIG),
            List.of(),
            JUDGE);
      }
    } finally {
      cluster.stop();
      ExampleCluster.remove(dir.resolve("run"));
    }
  }
}
