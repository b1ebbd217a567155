package dev.nsoha.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.sim.pkg.PackageBuilder;
import dev.nsoha.sim.testkit.SimCluster;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The package-upgrade flow of the example over the SSH CLI, on a simulated system install. */
@Timeout(120)
class SystemInstallCliIT {

  @Test
  void fetchInstallHaSyncAndReloadThenConfigureNewModels(@TempDir Path dir) throws Exception {
    Path store = dir.resolve("new-packages");
    Path dummy11 = PackageBuilder.example(store, "dummy-1.1", "6.4.4", true);
    Path inert10 = PackageBuilder.example(store, "inert-1.0", "6.4.4", true);
    int[] ports = SimCluster.freePorts(3);
    try (SimCluster cluster =
        SimCluster.builder()
            .baseDir(dir.resolve("cluster"))
            .systemInstall(true)
            .ports(ports[0], ports[1], ports[2])
            .start()) {
      Cli n1 = new Cli(cluster, "n1");
      assertThat(n1.c("software packages list"))
          .isEqualTo("package {\n    name dummy-1.0.tar.gz\n    loaded\n}\n");
      assertThat(n1.c("software packages fetch package-from-file " + dummy11.toAbsolutePath()))
          .isEmpty();
      assertThat(n1.c("software packages fetch package-from-file " + inert10.toAbsolutePath()))
          .isEmpty();
      assertThat(n1.c("software packages list"))
          .contains(
              "    name dummy-1.1.tar.gz\n    installable\n",
              "    name inert-1.0.tar.gz\n    installable\n");
      assertThat(n1.c("software packages install package dummy-1.1 replace-existing"))
          .startsWith("installed ");
      assertThat(n1.c("software packages install package inert-1.0")).startsWith("installed ");
      String sync = n1.c("packages ha sync and-reload { wait-commit-queue-empty }");
      assertThat(sync)
          .startsWith(">>> System upgrade is starting.\n")
          .contains(">>> System upgrade has completed successfully.\n");
      cluster.awaitHa("n1", st -> st.connectedSecondaries().size() == 2, Duration.ofSeconds(30));
      assertThat(
              n1.c(
                  "config; dummies dummy d1 description \"hello world\" dummy 1.2.3.4; "
                      + "inerts inert i1 dummy 4.3.2.1; commit; end"))
          .isEqualTo("Entering configuration mode terminal\nCommit complete.\n");
      for (String id : cluster.ids()) {
        Cli cli = new Cli(cluster, id);
        assertThat(cli.c("show running-config dummies"))
            .as(id)
            .isEqualTo("dummies dummy d1\n description \"hello world\"\n dummy       1.2.3.4\n!\n");
        assertThat(cli.c("show running-config inerts inert i1 dummy"))
            .as(id)
            .isEqualTo("inerts inert i1\n dummy 4.3.2.1\n!\n");
        assertThat(cli.c("show packages package dummy package-version"))
            .as(id)
            .isEqualTo("packages package dummy\n package-version 1.1\n");
      }
      assertThat(n1.c("software packages list"))
          .contains("    name dummy-1.1.tar.gz\n    loaded\n")
          .doesNotContain("    name dummy-1.0.tar.gz\n    loaded\n");
      try (JschCli cli =
          JschCli.connect(cluster.address("n1"), cluster.cliPort(), "admin", "admin")) {
        JschCli.ExecResult r = cli.exec("switch cli; software packages deinstall package nosuch");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).startsWith("Error: ");
      }
    }
  }

  /** C-style commands on a node's exec channel. */
  private record Cli(SimCluster cluster, String id) {
    String c(String commands) throws Exception {
      try (JschCli cli =
          JschCli.connect(cluster.address(id), cluster.cliPort(), "admin", "admin")) {
        JschCli.ExecResult r = cli.exec("switch cli; " + commands);
        assertThat(r.status()).as("'%s' on %s: %s", commands, id, r.out()).isZero();
        return r.out();
      }
    }
  }
}
