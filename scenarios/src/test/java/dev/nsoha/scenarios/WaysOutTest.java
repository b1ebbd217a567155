package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The two ways out a stopped run prints: the same command line, and rollback with its options. */
class WaysOutTest {
  private static WaysOut ways(String... args) {
    CommandLine cl = Main.commandLine();
    ParseResult pr = cl.parseArgs(args);
    while (pr.hasSubcommand()) {
      pr = pr.subcommand();
    }
    return WaysOut.of(pr.commandSpec()).orElseThrow();
  }

  @Test
  void anUpgradeIsRerunAsGivenAndRolledBackWithTheSameOptions() {
    WaysOut w =
        ways(
            "--no-color",
            "upgrade-nso",
            "--transport",
            "restconf",
            "-a",
            "10.0.0.1",
            "--strategy=fast",
            "--run-root",
            "/srv/nso run");
    assertThat(w.rerun())
        .isEqualTo(
            "nso-ha-upgrade --no-color upgrade-nso --transport restconf -a 10.0.0.1"
                + " --strategy=fast --run-root '/srv/nso run'");
    assertThat(w.rollback())
        .isEqualTo(
            "nso-ha-upgrade --no-color rollback --transport restconf -a 10.0.0.1"
                + " --strategy=fast --run-root '/srv/nso run'");
  }

  @Test
  void theExampleIsRerunAsTheUpgradeItselfWithoutTheExamplesOwnOptions() {
    WaysOut w =
        ways(
            "example",
            "upgrade-pkgs-sys",
            "--transport",
            "cli",
            "--ha-token-file",
            "/tmp/token",
            "-a",
            "127.0.1.1",
            "--ipc-port",
            "4561");
    assertThat(w.rerun())
        .isEqualTo("nso-ha-upgrade upgrade-pkgs-sys --transport cli -a 127.0.1.1 --ipc-port 4561");
    assertThat(w.rollback())
        .isEqualTo("nso-ha-upgrade rollback --transport cli -a 127.0.1.1 --ipc-port 4561");
  }
}
