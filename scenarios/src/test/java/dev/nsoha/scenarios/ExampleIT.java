package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.ConfigPath;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.transport.cli.CliOptions;
import dev.nsoha.transport.restconf.RestconfOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each of the four example variants, end to end on simulator nodes started with the bundled
 * installs' tools, exactly as {@code make upgrade-nso} (and friends) run them. The final state is
 * asserted by reading the nodes directly, over the other transport than the one the run used.
 */
class ExampleIT {
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

      String other = transport.equals("cli") ? "restconf" : "cli";
      ClusterSpec spec = ClusterSpec.example(cluster.a, cluster.b, cluster.c);
      boolean nso = scenario.equals("upgrade-nso");
      String version =
          nso
              ? Bundle.require().newInstall().version().text()
              : Bundle.require().oldInstall().version().text();
      for (ClusterSpec.NodeSpec n : spec.nodes()) {
        NodeEndpoint ex = NodeEndpoint.example(n.id(), n.address());
        NodeEndpoint endpoint =
            new NodeEndpoint(
                ex.id(),
                ex.address(),
                cluster.cliPort,
                ex.restconfPort(),
                ex.credentials(),
                ex.options());
        try (NodeClient c =
            Transports.create(
                    CliOptions.lab(dir.resolve("run/known_hosts")), RestconfOptions.defaults())
                .factory(other)
                .create(endpoint)) {
          HaStatus st = c.haStatus();
          assertThat(c.version().text()).as("version of %s", n.id()).isEqualTo(version);
          List<PackageStatus> pkgs = c.packages();
          assertThat(pkgs).allSatisfy(p -> assertThat(p.isUp()).as(p.toString()).isTrue());
          DataTree dummies = c.readConfig(ConfigPath.parse("/dummy:dummies"));
          assertThat(dummies.entry("name", "d1", "dummy:dummies", "dummy"))
              .hasValueSatisfying(e -> assertThat(e).containsEntry("dummy", "1.2.3.4"));
          if (n.id().equals(NodeId.of("n1"))) {
            assertThat(st.isPrimary()).isTrue();
            assertThat(st.connectedSecondaries()).hasSize(2);
          } else {
            assertThat(st.isSecondary()).as("%s: %s", n.id(), st.summary()).isTrue();
          }
          if (!nso) {
            assertThat(pkgs)
                .anySatisfy(p -> assertThat(p.name() + " " + p.version()).isEqualTo("dummy 1.1"));
            assertThat(pkgs)
                .anySatisfy(p -> assertThat(p.name() + " " + p.version()).isEqualTo("inert 1.0"));
            assertThat(dummies.entry("name", "d1", "dummy:dummies", "dummy"))
                .hasValueSatisfying(e -> assertThat(e).containsEntry("description", "hello world"));
            assertThat(
                    c.readConfig(ConfigPath.parse("/inert:inerts"))
                        .entry("name", "i1", "inert:inerts", "inert"))
                .hasValueSatisfying(e -> assertThat(e).containsEntry("dummy", "4.3.2.1"));
          }
        }
      }
    } finally {
      cluster.stop();
      ExampleCluster.remove(dir.resolve("run"));
    }
  }
}
