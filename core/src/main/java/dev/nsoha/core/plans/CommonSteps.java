package dev.nsoha.core.plans;

import dev.nsoha.core.error.OperationFailedException;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.ClusterSpec.NodeSpec;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.model.SyncResult;
import dev.nsoha.core.plan.Check;
import dev.nsoha.core.plan.ClusterSnapshot;
import dev.nsoha.core.plan.ClusterSnapshot.NodeSnapshot;
import dev.nsoha.core.plan.Step;
import dev.nsoha.core.plan.StepContext;
import dev.nsoha.core.spi.Backup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The steps and checks every plan shares: the backup of every node, the final check over one {@link
 * ClusterSnapshot}, the nominal-roles part of that check, and the words the checks use.
 */
public final class CommonSteps {
  private CommonSteps() {}

  /**
   * A step that backs up every node in {@code nodes}, one after the other, and notes where each
   * backup went with its checksum. It always runs: a rerun takes fresh backups.
   */
  public static Step backup(String title, List<NodeId> nodes) {
    return Step.always(
        title,
        nodes,
        ctx -> {
          for (NodeId n : nodes) {
            Backup b = ctx.host(n).backup();
            ctx.backupTaken(b);
            ctx.note("backup of " + n + ": " + b.file() + " (sha256 " + b.sha256() + ")");
          }
        });
  }

  /**
   * A step that observes the cluster once and fails, naming every problem, unless {@code check}
   * holds for that snapshot; when it holds its words go to the report.
   */
  public static Step finalCheck(
      String title, List<NodeId> nodes, Function<ClusterSnapshot, Check> check) {
    return Step.always(
        title,
        nodes,
        ctx -> {
          Check c = check.apply(ctx.observe());
          if (!c.holds()) {
            throw new OperationFailedException(join(nodes), "final check", c.observed());
          }
          ctx.note(c.observed());
        });
  }

  /**
   * What is wrong with the cluster's roles in {@code s}: the nominal primary not primary, a
   * secondary not connected to it or not in secondary mode. Empty when the roles are nominal.
   */
  public static List<String> nominalRoleProblems(ClusterSnapshot s, ClusterSpec cluster) {
    List<String> problems = new ArrayList<>();
    NodeId p = cluster.primary().id();
    Optional<HaStatus> ps = s.node(p).ha();
    if (ps.isEmpty() || !ps.get().isPrimary()) {
      problems.add(
          p + " is not primary (" + ps.map(HaStatus::summary).orElse("not readable") + ")");
    }
    for (NodeSpec sec : cluster.secondaries()) {
      NodeId id = sec.id();
      if (ps.isPresent() && !ps.get().hasConnectedSecondary(id)) {
        problems.add(id + " is not connected to " + p);
      }
      Optional<HaStatus> ss = s.node(id).ha();
      if (ss.map(st -> st.mode() != HaMode.SECONDARY).orElse(true)) {
        problems.add(
            id + " is not secondary (" + ss.map(HaStatus::summary).orElse("not readable") + ")");
      }
    }
    return problems;
  }

  /** A check on one node: holds when {@code ok}, otherwise "not yet {what}", with its state. */
  public static Check single(ClusterSnapshot s, NodeId n, boolean ok, String what) {
    return new Check(ok, (ok ? "" : "not yet " + what + ": ") + s.describe(n));
  }

  /** A check on several nodes: holds when {@code p} holds for every one, with their states. */
  public static Check all(
      ClusterSnapshot s, List<NodeId> nodes, Predicate<NodeSnapshot> p, String what) {
    boolean ok = nodes.stream().map(s::node).allMatch(p);
    return new Check(
        ok,
        (ok ? "" : "not yet " + what + ": ")
            + nodes.stream().map(s::describe).collect(Collectors.joining("; ")));
  }

  /** Whether {@code n}'s HA status was read and satisfies {@code p}. */
  public static boolean ha(ClusterSnapshot s, NodeId n, Predicate<HaStatus> p) {
    return s.node(n).ha().map(p::test).orElse(false);
  }

  /** {@code [dummy-1.0, inert-1.0 DOWN (error: ...)]}. */
  public static String describePackages(List<PackageStatus> pkgs) {
    return pkgs.stream()
        .map(
            x ->
                x.name()
                    + "-"
                    + x.version()
                    + (x.isUp()
                        ? ""
                        : " DOWN ("
                            + x.operStatus()
                            + x.errorInfo().map(i -> ": " + i).orElse("")
                            + ")"))
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /** Waits (within the HA timeout) until {@code n} reports itself primary. */
  static void awaitPrimary(StepContext ctx, NodeId n) {
    ctx.waitUntil(
        n + " is primary",
        n,
        ctx.client(n)::haStatus,
        HaStatus::isPrimary,
        HaStatus::summary,
        ctx.settings().haTimeout());
  }

  /** {@code n1}, {@code n1 and n2}, {@code n1, n2 and n3}. */
  public static String join(List<NodeId> ids) {
    if (ids.size() <= 1) {
      return ids.stream().map(NodeId::value).collect(Collectors.joining());
    }
    return ids.subList(0, ids.size() - 1).stream()
            .map(NodeId::value)
            .collect(Collectors.joining(", "))
        + " and "
        + ids.get(ids.size() - 1);
  }

  /** The ids of the cluster's secondaries, failover-primary first, in cluster order. */
  public static List<NodeId> secondaries(ClusterSpec cluster) {
    return cluster.secondaries().stream().map(NodeSpec::id).toList();
  }

  /**
   * Fails with every secondary that did not sync and every package that did not reload, in NSO's
   * words, when {@code sync} (the result of {@code packages ha sync and-reload} on {@code primary})
   * is not all good.
   */
  static void requireSynced(NodeId primary, SyncResult sync) {
    if (sync.ok()) {
      return;
    }
    throw new OperationFailedException(
        primary.value(),
        "packages ha sync and-reload",
        Stream.concat(
                sync.failedSecondaries().stream()
                    .map(
                        s ->
                            "secondary "
                                + s.node()
                                + " failed to sync: "
                                + s.info().orElse("no reason given")),
                sync.failedReloads().stream()
                    .map(r -> r.packageName() + ": " + r.info().orElse("failed")))
            .collect(Collectors.joining("; ")));
  }
}
