package dev.nsoha.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.spi.Install;
import dev.nsoha.core.spi.InstallerFile;
import dev.nsoha.scenarios.ExitCodes;
import dev.nsoha.scenarios.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a run keeps its journal and backups when the nodes are not under a run root on this
 * machine, and what the journal records as the target (issue 27, item 6).
 */
class RunFilesTest {
  @TempDir Path tmp;

  @Test
  void eachClusterHasADirectoryOfItsOwnUnderTheStateHome() {
    Path home = Path.of("/home/ops");
    Map<String, String> env = Map.of("XDG_STATE_HOME", "/var/lib/ops-state");
    ClusterSpec a = ClusterSpec.example("10.0.0.1", "10.0.0.2", "10.0.0.3");
    ClusterSpec b = ClusterSpec.example("10.0.1.1", "10.0.1.2", "10.0.1.3");
    Path da = LocalNodesOptions.clusterStateDir(a, env, home);
    assertThat(da.getParent()).isEqualTo(Path.of("/var/lib/ops-state/nso-ha-upgrade/clusters"));
    assertThat(da.getFileName().toString()).matches("n1-[0-9a-f]{12}");
    assertThat(LocalNodesOptions.clusterStateDir(b, env, home)).isNotEqualTo(da);
    assertThat(LocalNodesOptions.clusterStateDir(a, env, home)).isEqualTo(da);
    assertThat(LocalNodesOptions.clusterStateDir(a, Map.of(), home).getParent())
        .isEqualTo(Path.of("/home/ops/.local/state/nso-ha-upgrade/clusters"));
  }

  @Test
  void sshNodesWithoutARunRootUseTheClustersOwnJournal() throws Exception {
    Path file = tmp.resolve("hosts.properties");
    Files.write(
        file,
        List.of(
            "node.p1.address=127.0.161.1",
            "node.p1.role=primary",
            "node.p1.host=ssh",
            "node.p1.ssh=ops@127.0.161.1:22",
            "node.p2.address=127.0.162.1",
            "node.p2.role=failover-primary",
            "node.p2.host=ssh",
            "node.p2.ssh=ops@127.0.162.1:22",
            "node.p3.address=127.0.163.1",
            "node.p3.role=secondary",
            "node.p3.host=ssh",
            "node.p3.ssh=ops@127.0.163.1:22"));
    StringWriter out = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(out, true),
            "rollback",
            "--cluster-file",
            file.toString());
    assertThat(code).as(out.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(out.toString())
        .contains("no journal at ")
        .contains("/nso-ha-upgrade/clusters/p1-")
        .doesNotContain("nso-run");

    // --run-root given: it is used as it is.
    StringWriter out2 = new StringWriter();
    Path root = tmp.resolve("mine");
    Main.run(
        new PrintWriter(out2, true),
        new PrintWriter(out2, true),
        "rollback",
        "--cluster-file",
        file.toString(),
        "--run-root",
        root.toString());
    assertThat(out2.toString()).contains("no journal at " + root.resolve("journal.json"));
  }

  @Test
  void theJournalRecordsTheInstallerFileOrTheImageNotADirectoryThatIsNowhere() {
    Path installer = tmp.resolve("nso-6.5.1.linux.x86_64.installer.bin");
    Install fromInstaller =
        Install.fromInstaller(new InstallerFile(installer, v("6.5.1"), "linux", "x86_64"));
    assertThat(Upgrades.nsoTarget(fromInstaller))
        .isEqualTo("NSO 6.5.1 from installer " + installer.toAbsolutePath().normalize());
    assertThat(Upgrades.installMap(fromInstaller))
        .containsEntry("installer", installer.toAbsolutePath().normalize().toString())
        .containsEntry("version", "6.5.1")
        .doesNotContainKey("install");

    Install image = new Install(Path.of("/opt/ncs/ncs-6.5.1"), v("6.5.1"));
    assertThat(Upgrades.nsoTarget(image, Optional.of("nso-sim:6.5.1")))
        .isEqualTo("NSO 6.5.1 in image nso-sim:6.5.1");
    assertThat(Upgrades.installMap(image, Optional.of("nso-sim:6.5.1")))
        .containsEntry("image", "nso-sim:6.5.1")
        .doesNotContainKey("install");

    Install local = new Install(tmp.resolve("ncs-6.5.1"), v("6.5.1"));
    assertThat(Upgrades.nsoTarget(local)).isEqualTo("NSO 6.5.1 at " + tmp.resolve("ncs-6.5.1"));
  }

  private static NsoVersion v(String s) {
    return NsoVersion.parse(s);
  }
}
