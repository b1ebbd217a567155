package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line without a cluster: help, version, usage errors, transports, plans. */
class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void helpListsEveryCommand() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .contains("example", "upgrade-nso", "upgrade-pkgs-sys", "status", "plan", "Exit codes");
  }

  @Test
  void versionIsPrinted() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("nso-ha-upgrade ");
    assertThat(out.toString().lines().toList().get(1))
        .startsWith("Java " + Runtime.version().feature());
  }

  @Test
  void aLogFileThatCannotBeWrittenIsAUsageError(@TempDir Path dir) throws IOException {
    Path notADirectory = Files.createFile(dir.resolve("file"));
    assertThat(run("--log-file", notADirectory.resolve("x.log").toString(), "plan", "upgrade-nso"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("cannot write the log file");
  }

  @Test
  void anUnknownFlagIsAUsageError() {
    assertThat(run("status", "--no-such-flag")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--no-such-flag");
  }

  @Test
  void anUnknownTransportIsRefusedWithTheValidNames() {
    assertThat(run("status", "--transport", "carrier-pigeon")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("unknown transport 'carrier-pigeon'; valid transports: cli, restconf");
  }

  @Test
  void anUnknownScenarioIsRefusedWithTheValidNames() {
    assertThat(run("plan", "upgrade-everything")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("valid scenarios: upgrade-nso, upgrade-pkgs-sys");
  }

  @Test
  void twoNodesOnOneAddressAreRefused(@TempDir Path dir) throws IOException {
    Path pkg = Files.writeString(dir.resolve("x-1.1.tar.gz"), "");
    assertThat(
            run(
                "plan",
                "upgrade-pkgs-sys",
                "-a",
                "127.0.1.1",
                "-b",
                "127.0.1.1",
                "--package",
                pkg.toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("address 127.0.1.1 is given to two nodes");
  }

  @Test
  void planPrintsThePackageStepsForTheGivenCluster(@TempDir Path dir) throws IOException {
    Path pkg = Files.createFile(dir.resolve("dummy-1.1.tar.gz"));
    assertThat(
            run(
                "plan",
                "upgrade-pkgs-sys",
                "-a",
                "10.0.0.1",
                "-b",
                "10.0.0.2",
                "-c",
                "10.0.0.3",
                "--package",
                pkg.toString()))
        .isZero();
    assertThat(out.toString())
        .contains("n1 primary 10.0.0.1, n2 failover-primary 10.0.0.2, n3 secondary 10.0.0.3")
        .contains(" 1. Backup node n1, n2 and n3 before upgrading")
        .contains("Fetch package dummy-1.1 into node n1's package store")
        .contains("Install package dummy-1.1 on node n1")
        .contains(
            "Upgrade node n1 system install packages and sync the packages to node n2 and n3");
  }

  @Test
  void planPrintsTheRaftPackageStepsForARaftCluster(@TempDir Path dir) throws IOException {
    Path pkg = Files.createFile(dir.resolve("dummy-1.1.tar.gz"));
    assertThat(
            run(
                "plan",
                "upgrade-pkgs-sys",
                "--ha",
                "raft",
                "-a",
                "10.0.0.1",
                "-b",
                "10.0.0.2",
                "-c",
                "10.0.0.3",
                "--package",
                pkg.toString()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString())
        .contains("HA Raft package upgrade to [dummy-1.1]")
        .contains(" 1. Check that node n1 (ncsd1@10.0.0.1) leads every other member in sync")
        .contains(" 2. Backup member n1, n2 and n3 before upgrading")
        .contains("Install package dummy-1.1 on node n1")
        .contains(
            "Upgrade leader n1 (ncsd1@10.0.0.1) system install packages and sync the packages to"
                + " follower n2 and n3");
  }

  @Test
  void aClusterFileDescribesOtherLayouts(@TempDir Path dir) throws IOException {
    Path pkg = Files.createFile(dir.resolve("dummy-1.1.tar.gz"));
    Path file =
        Files.writeString(
            dir.resolve("cluster.properties"),
            String.join(
                "\n",
                "node.paris1.address=10.1.0.1",
                "node.paris1.role=primary",
                "node.paris2.address=10.1.0.2",
                "node.paris2.role=failover-primary",
                ""));
    assertThat(
            run(
                "plan",
                "upgrade-pkgs-sys",
                "--cluster-file",
                file.toString(),
                "--package",
                pkg.toString()))
        .isZero();
    assertThat(out.toString())
        .contains("paris1 primary 10.1.0.1, paris2 failover-primary 10.1.0.2")
        .contains("sync the packages to node paris2");
  }

  @Test
  void aMissingPackageFileIsNamed(@TempDir Path dir) {
    assertThat(
            run(
                "plan",
                "upgrade-pkgs-sys",
                "--package",
                dir.resolve("dummy-9.9.tar.gz").toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("dummy-9.9.tar.gz does not exist");
  }
}
