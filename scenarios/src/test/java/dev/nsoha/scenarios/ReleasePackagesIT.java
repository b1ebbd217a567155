package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.host.install.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The bundled package store holds the package upgrade's packages built for each release (issue 27,
 * item 6): after an NSO version upgrade, the default packages are the ones the new release loads.
 * Judged by the compiling version each package's schema file records.
 */
class ReleasePackagesIT {
  @Test
  void theDefaultPackagesAreBuiltForTheReleaseTheClusterRuns() {
    Bundle b = Bundle.require();
    for (String v : List.of("6.4.4", "6.5.1")) {
      Path dummy = b.packageArchive("dummy-1.1", Optional.of(NsoVersion.parse(v)));
      assertThat(dummy).isEqualTo(b.packageStore().resolve("nso-" + v + "/dummy-1.1.tar.gz"));
      assertThat(fxsHeader(dummy, "dummy-1.1/load-dir/dummy.fxs")).contains("ncs-version: " + v);
      Path inert = b.packageArchive("inert-1.0", Optional.of(NsoVersion.parse(v)));
      assertThat(inert.getParent().getFileName().toString()).isEqualTo("nso-" + v);
    }
    // A release the store has no build for: the store's own archive.
    assertThat(b.packageArchive("dummy-1.1", Optional.of(NsoVersion.parse("6.3.1"))))
        .isEqualTo(b.packageArchive("dummy-1.1"));
  }

  private static String fxsHeader(Path archive, String member) {
    ProcessRunner.Result r =
        ProcessRunner.run(
            "test",
            "read " + member,
            List.of("tar", "-xzOf", archive.toString(), member),
            archive.getParent(),
            Map.of(),
            Duration.ofSeconds(30));
    assertThat(r.ok()).as(r.output()).isTrue();
    return r.output();
  }
}
