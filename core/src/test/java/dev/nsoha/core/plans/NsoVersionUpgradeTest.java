package dev.nsoha.core.plans;

import static dev.nsoha.core.plans.FakeCluster.N1;
import static dev.nsoha.core.plans.FakeCluster.N2;
import static dev.nsoha.core.plans.FakeCluster.N3;
import static dev.nsoha.core.plans.FakeCluster.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.nsoha.core.error.HostException;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.plan.Plan;
import dev.nsoha.core.plan.PlanEvent;
import dev.nsoha.core.plan.PlanRunner;
import dev.nsoha.core.plan.PlanSettings;
import dev.nsoha.core.plan.RunReport;
import dev.nsoha.core.plan.RunResult;
import dev.nsoha.core.spi.Install;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class NsoVersionUpgradeTest {
  private static final PlanSettings FAST =
      new PlanSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));

  private final FakeCluster cluster = new FakeCluster();
  private final List<PlanEvent> events = new ArrayList<>();

  private RunResult run(Plan plan) {
    return new PlanRunner(cluster, FAST, List.of(events::add)).run(plan);
  }

  @Test
  void theStepsReadLikeTheExamplesStepList() {
    Plan plan = NsoVersionUpgrade.plan(cluster.spec(), NEW);
    assertThat(plan.steps())
        .extracting(s -> s.title())
        .containsExactly(
            "Enable read-only mode for node n1 and n2",
            "Create a backup of node n1, n2 and n3 before upgrading",
            "Disable high availability for node n3",
            "Disable node n1 high availability for node n2 to assume primary role in read-only mode",
            "Rebuild node n1 package(s) with NSO 6.5.1",
            "Upgrade node n1 to NSO 6.5.1",
            "Disable high availability for node n2",
            "Enable high availability for node n1 that will assume primary role",
            "Rebuild node n2 package(s) with NSO 6.5.1",
            "Upgrade node n2 to NSO 6.5.1",
            "Enable high availability for node n2 that will assume secondary role",
            "Rebuild node n3 package(s) with NSO 6.5.1",
            "Upgrade node n3 to NSO 6.5.1",
            "Enable high availability for node n3 that will assume secondary role",
            "Disable read-only mode for node n1",
            "Check that n1 is primary with n2 and n3 connected, every node on NSO 6.5.1");
    assertThat(plan.steps().get(3).nodes()).containsExactly(N1, N2);
  }

  @Test
  void makesExactlyTheExpectedCallsOnTheExpectedNodesInOrder() {
    RunResult result = run(NsoVersionUpgrade.plan(cluster.spec(), NEW));

    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(cluster.calls())
        .containsExactly(
            "n1.setReadOnly(true)",
            "n2.setReadOnly(true)",
            "n1-host.backup()",
            "n2-host.backup()",
            "n3-host.backup()",
            "n3.disableHa()",
            "n1.disableHa()",
            "n2.bePrimary()",
            "n1-host.rebuildPackages(6.5.1)",
            "n1-host.stop()",
            "n1-host.start(6.5.1, true)",
            "n2.disableHa()",
            "n1.enableHa()",
            "n1.setReadOnly(true)",
            "n2-host.rebuildPackages(6.5.1)",
            "n2-host.stop()",
            "n2-host.start(6.5.1, true)",
            "n2.enableHa()",
            "n3-host.rebuildPackages(6.5.1)",
            "n3-host.stop()",
            "n3-host.start(6.5.1, true)",
            "n3.enableHa()",
            "n1.setReadOnly(false)");

    // The same order, said with Mockito's own InOrder over the mocks that matter most.
    InOrder order = inOrder(cluster.client(N1), cluster.client(N2), cluster.host(N1));
    order.verify(cluster.client(N1)).disableHa();
    order.verify(cluster.client(N2)).bePrimary();
    order.verify(cluster.host(N1)).start(NEW, true);
    order.verify(cluster.client(N2)).disableHa();
    order.verify(cluster.client(N1)).enableHa();

    assertThat(cluster.node(N1).mode).isEqualTo(HaMode.PRIMARY);
    assertThat(cluster.node(N1).readOnly).isFalse();
    assertThat(cluster.node(N1).status().connectedSecondaries()).hasSize(2);
    assertThat(cluster.nodes.values())
        .allSatisfy(n -> assertThat(n.version).isEqualTo(NEW.version()));
  }

  @Test
  void stopsAtTheFirstFailureAndSaysWhere() {
    doThrow(
            new HostException(
                "n1 (127.0.1.1)", "start NSO 6.5.1", "ncs exited with status 1: port 2024 in use"))
        .when(cluster.host(N1))
        .start(any(Install.class), anyBoolean());

    RunResult result = run(NsoVersionUpgrade.plan(cluster.spec(), NEW));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.failedStep()).contains(6);
    assertThat(result.failedTitle()).contains("Upgrade node n1 to NSO 6.5.1");
    assertThat(result.summary()).contains("step 6").contains("port 2024 in use");
    assertThat(result.nodeStates().nodes()).containsKeys(N1, N2, N3);
    assertThat(result.nodeStates().node(N2).summary()).contains("enabled primary");
    assertThat(result.nodeStates().node(N2).isPrimary()).isTrue();
    // Nothing after the failed step ran: n2 is still the (read-only) primary that took over.
    verify(cluster.client(N2), never()).disableHa();
    verify(cluster.client(N1), never()).enableHa();
    verify(cluster.host(N2), never()).stop();
    assertThat(cluster.node(N2).mode).isEqualTo(HaMode.PRIMARY);
    assertThat(events)
        .filteredOn(PlanEvent.StepFailed.class::isInstance)
        .singleElement()
        .satisfies(
            e ->
                assertThat(((PlanEvent.StepFailed) e).nodeStates().nodes())
                    .containsKeys(N1, N2, N3));
  }

  @Test
  void aRerunAfterAFailureSkipsWhatIsDoneAndFinishes() {
    boolean[] failOnce = {true};
    doAnswer(
            i -> {
              if (failOnce[0]) {
                failOnce[0] = false;
                throw new HostException(
                    "n2 (127.0.2.1)", "rebuild packages", "make: *** [Makefile:26] Error 1");
              }
              cluster.node(N2).builtFor = NEW.version().majorMinor();
              return null;
            })
        .when(cluster.host(N2))
        .rebuildPackages(any(Install.class));

    RunResult first = run(NsoVersionUpgrade.plan(cluster.spec(), NEW));
    assertThat(first.failedTitle()).contains("Rebuild node n2 package(s) with NSO 6.5.1");
    int callsAfterFirst = cluster.calls().size();

    RunResult second = run(NsoVersionUpgrade.plan(cluster.spec(), NEW));
    assertThat(second.succeeded()).as(second.summary()).isTrue();
    assertThat(second.stepsSkipped()).isGreaterThanOrEqualTo(6);
    List<String> secondCalls = cluster.calls().subList(callsAfterFirst, cluster.calls().size());
    // The backup runs again (it is cheap and safe); nothing that was done before is repeated.
    assertThat(secondCalls)
        .containsExactly(
            "n1-host.backup()",
            "n2-host.backup()",
            "n3-host.backup()",
            "n2-host.rebuildPackages(6.5.1)",
            "n2-host.stop()",
            "n2-host.start(6.5.1, true)",
            "n2.enableHa()",
            "n3-host.rebuildPackages(6.5.1)",
            "n3-host.stop()",
            "n3-host.start(6.5.1, true)",
            "n3.enableHa()",
            "n1.setReadOnly(false)");
  }

  @Test
  void theReportHasEveryStepWithItsOutcome() {
    RunReport report = new RunReport();
    new PlanRunner(cluster, FAST, List.of(report)).run(NsoVersionUpgrade.plan(cluster.spec(), NEW));
    String json = report.toJson();
    assertThat(json)
        .contains("\"plan\": \"upgrade-nso\"")
        .contains("\"title\": \"Upgrade node n3 to NSO 6.5.1\"")
        .contains("\"outcome\": \"done\"")
        .doesNotContain("\"outcome\": \"not run\"")
        .contains("\"succeeded\": true")
        .contains("backup of n1: /backups/n1.tar.gz");
  }
}
