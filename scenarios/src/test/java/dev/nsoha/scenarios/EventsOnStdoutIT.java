package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --events - --quiet} in CI-style output (no terminal): standard output carries nothing but
 * the documented NDJSON, and standard error only the result line. The same run, over RESTCONF,
 * writes a debug log in which neither the password (also not as a Basic authorization) nor the HA
 * token appears. The cluster it leaves is judged by the independent {@link ClusterReader}.
 */
class EventsOnStdoutIT {
  @TempDir Path dir;

  @Test
  void standardOutputCarriesOnlyTheEvents() throws IOException {
    ExampleCluster cluster = new ExampleCluster();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path log = dir.resolve("debug.log");
    List<String> args =
        new ArrayList<>(
            List.of(
                "example",
                "upgrade-pkgs-sys",
                "--transport",
                "restconf",
                "--events",
                "-",
                "--quiet",
                "--log-file",
                log.toString()));
    args.addAll(cluster.nodeArgs(dir.resolve("run")));
    try {
      int code =
          Main.run(
              new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
      assertThat(code).as("stdout:%n%s%nstderr:%n%s", out, err).isZero();
      ObjectMapper json = new ObjectMapper();
      List<JsonNode> lines = new ArrayList<>();
      for (String l : out.toString().lines().toList()) {
        lines.add(json.readTree(l));
      }
      SeeingTheRunIT.assertEventsFollowTheSchema(lines);
      assertThat(lines.get(0).path("transport").asText()).isEqualTo("restconf");
      assertThat(lines.get(0).path("before").path("n1").path("ha").path("mode").asText())
          .isEqualTo("primary");
      // --quiet: the result line only
      assertThat(err.toString().lines().toList())
          .singleElement(InstanceOfAssertFactories.STRING)
          .startsWith("Verified: n1 is primary");

      try (ClusterReader reader = ClusterReader.of(cluster)) {
        reader.converged(
            "the package upgrade",
            new ClusterReader.Expected(
                "n1",
                Bundle.require().oldInstall().version().text(),
                Map.of("dummy", "1.1", "inert", "1.0")),
            reader.onEveryNode(ClusterReader.EXAMPLE_PACKAGES_CONFIG),
            List.of(),
            Duration.ofSeconds(30));
      }

      String text = Files.readString(log);
      assertThat(text).contains("--> GET http://").contains("<-- 200");
      assertThat(text)
          .doesNotContain("admin")
          .doesNotContain("super-secret")
          .doesNotContain("YWRtaW46YWRtaW4");
    } finally {
      cluster.stop();
      ExampleCluster.remove(dir.resolve("run"));
    }
  }
}
