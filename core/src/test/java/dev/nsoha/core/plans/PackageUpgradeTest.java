package dev.nsoha.core.plans;

import static dev.nsoha.core.plans.FakeCluster.N1;
import static dev.nsoha.core.plans.FakeCluster.N2;
import static dev.nsoha.core.plans.FakeCluster.N3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.nsoha.core.model.PackageReloadResult;
import dev.nsoha.core.model.ReloadOptions;
import dev.nsoha.core.model.SyncResult;
import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plan.PlanRunner;
import dev.nsoha.core.plan.PlanSettings;
import dev.nsoha.core.plan.RunResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PackageUpgradeTest {
  private static final PlanSettings FAST =
      new PlanSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
  private static final List<PackageFile> FILES =
      List.of(
          PackageFile.of(Path.of("/store/dummy-1.1.tar.gz")),
          PackageFile.of(Path.of("/store/inert-1.0.tar.gz")));

  private final FakeCluster cluster = new FakeCluster();

  private RunResult run(Plan plan) {
    return new PlanRunner(cluster, FAST, List.of()).run(plan);
  }

  @Test
  void makesExactlyTheExpectedCallsInOrder() {
    RunResult result = run(PackageUpgrade.plan(cluster.spec(), FILES));

    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(cluster.calls())
        .containsExactly(
            "n1-host.backup()",
            "n2-host.backup()",
            "n3-host.backup()",
            "n1.fetchPackage(/store/dummy-1.1.tar.gz)",
            "n1.fetchPackage(/store/inert-1.0.tar.gz)",
            "n1.installPackage(dummy-1.1, true)",
            "n1.installPackage(inert-1.0, false)",
            "n1.haSyncAndReload(" + ReloadOptions.waitForCommitQueue() + ")");
    verify(cluster.client(N1)).haSyncAndReload(ReloadOptions.waitForCommitQueue());
    assertThat(cluster.nodes.values())
        .allSatisfy(
            n ->
                assertThat(n.packages).containsEntry("dummy", "1.1").containsEntry("inert", "1.0"));
  }

  @Test
  void stopsWhenTheSyncReportsAFailedPackage() {
    when(cluster.client(N1).haSyncAndReload(any(ReloadOptions.class)))
        .thenReturn(
            new SyncResult(
                List.of(),
                List.of(
                    new PackageReloadResult(
                        "dummy",
                        false,
                        Optional.of("dummy.fxs: compiled for NSO 6.3, this is 6.4")))));

    RunResult result = run(PackageUpgrade.plan(cluster.spec(), FILES));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.failedTitle())
        .hasValueSatisfying(
            t -> assertThat(t).startsWith("Upgrade node n1 system install packages"));
    assertThat(result.summary()).contains("dummy: dummy.fxs: compiled for NSO 6.3");
    assertThat(cluster.node(N2).packages).containsEntry("dummy", "1.0");
  }

  @Test
  void stopsWhenASecondaryFailsToSyncAndNamesItWithNsosReason() {
    when(cluster.client(N1).haSyncAndReload(any(ReloadOptions.class)))
        .thenReturn(
            new SyncResult(
                List.of(
                    new SyncResult.SecondarySync(N2, true, Optional.empty()),
                    new SyncResult.SecondarySync(
                        N3, false, Optional.of("cannot store the packages: disk full"))),
                List.of(new PackageReloadResult("dummy", true, Optional.empty()))));

    RunResult result = run(PackageUpgrade.plan(cluster.spec(), FILES));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.failedTitle())
        .hasValueSatisfying(
            t -> assertThat(t).startsWith("Upgrade node n1 system install packages"));
    assertThat(result.summary())
        .contains("secondary n3 failed to sync: cannot store the packages: disk full")
        .doesNotContain("secondary n2");
  }

  @Test
  void aRerunSkipsFetchAndInstallAlreadyDone() {
    run(PackageUpgrade.plan(cluster.spec(), FILES));
    int before = cluster.calls().size();
    RunResult again = run(PackageUpgrade.plan(cluster.spec(), FILES));
    assertThat(again.succeeded()).isTrue();
    assertThat(cluster.calls().subList(before, cluster.calls().size()))
        .containsExactly("n1-host.backup()", "n2-host.backup()", "n3-host.backup()");
  }

  @Test
  void packageFileNamesMustCarryAVersion() {
    assertThat(PackageFile.of(Path.of("/x/dummy-1.1.tar.gz")))
        .satisfies(
            f -> {
              assertThat(f.packageName()).isEqualTo("dummy");
              assertThat(f.version()).isEqualTo("1.1");
              assertThat(f.isOtherVersionOf("dummy-1.0.tar.gz")).isTrue();
              assertThat(f.isOtherVersionOf("dummy-1.1.tar.gz")).isFalse();
              assertThat(f.isOtherVersionOf("dummyx-1.0.tar.gz")).isFalse();
            });
    assertThat(PackageFile.of(Path.of("ncs-6.4-router-nc-1.0.2.tar.gz")).packageName())
        .isEqualTo("ncs-6.4-router-nc");
    assertThatThrownBy(() -> PackageFile.of(Path.of("/x/dummy.tar.gz")))
        .hasMessageContaining("<package>-<version>");
    assertThatThrownBy(() -> PackageFile.of(Path.of("/x/dummy-1.1")))
        .hasMessageContaining("dummy-1.1.tar.gz");
  }
}
