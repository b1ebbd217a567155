package dev.nsoha.scenarios;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.model.RaftStatus;
import dev.nsoha.core.plan.ClusterSnapshot;
import dev.nsoha.core.plan.ClusterSnapshot.NodeSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The check at the end of every run, independent of the plan's steps: the cluster is whole in its
 * nominal roles, every node runs what it should with its packages up, and the configuration that
 * existed before the run is on every node: the same fingerprint of the non-HA configuration, or,
 * where writes accepted during the run made it grow, everything the digests of the original hold.
 */
public final class Verification {
  private Verification() {}

  /** The outcome: the problems found (none means verified) and what was observed per node. */
  public record Outcome(List<String> problems, ClusterSnapshot observed) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * Verifies the cluster as {@code observed} (a snapshot taken with the configuration
   * fingerprints).
   *
   * @param before the configuration fingerprint taken before the run (on the primary)
   * @param versionOk what each node's version must satisfy, with its description
   * @param packagesOk what each node's package list must satisfy, with its description
   */
  public static Outcome verify(
      ClusterSpec spec,
      ClusterSnapshot observed,
      String before,
      Predicate<String> versionOk,
      String versionWanted,
      Predicate<List<PackageStatus>> packagesOk,
      String packagesWanted) {
    return verify(
        spec,
        observed,
        before,
        versionOk,
        versionWanted,
        packagesOk,
        packagesWanted,
        id -> Optional.empty());
  }

  /**
   * As above; where a node's fingerprint differs from {@code before}, the configuration may have
   * grown by writes accepted once the cluster was writable again during the run (the write-window
   * policy allows that before the final check). Then {@code originalProblems} proves the node still
   * holds everything the configuration before the first attempt held, against the digests the
   * journal keeps: each problem it returns names a path that is missing or changed.
   *
   * @param originalProblems for a node, what it lost or changed of the original configuration;
   *     empty when no digests are kept (the fingerprint must then match)
   */
  public static Outcome verify(
      ClusterSpec spec,
      ClusterSnapshot observed,
      String before,
      Predicate<String> versionOk,
      String versionWanted,
      Predicate<List<PackageStatus>> packagesOk,
      String packagesWanted,
      Function<NodeId, Optional<List<String>>> originalProblems) {
    List<String> problems = new ArrayList<>();
    NodeId p = spec.primary().id();
    for (NodeId id : spec.ids()) {
      NodeSnapshot n = observed.node(id);
      if (!n.reachable()) {
        problems.add(id + " cannot be read: " + n.error().orElse(""));
        continue;
      }
      String version = n.version().orElseThrow().text();
      if (!versionOk.test(version)) {
        problems.add(id + " runs NSO " + version + ", expected " + versionWanted);
      }
      List<PackageStatus> pkgs = n.packages().orElse(List.of());
      if (!packagesOk.test(pkgs)) {
        problems.add(
            id
                + " packages "
                + pkgs.stream()
                    .map(x -> x.name() + " " + x.version() + " " + x.operStatus())
                    .toList()
                + ", expected "
                + packagesWanted);
      }
      String fp = n.configFingerprint().orElse("");
      if (!fp.equals(before)) {
        Optional<List<String>> lost = originalProblems.apply(id);
        if (lost.isEmpty()) {
          problems.add(
              id
                  + " configuration differs from before the run (fingerprint "
                  + fp.substring(0, Math.min(12, fp.length()))
                  + ", before "
                  + before.substring(0, Math.min(12, before.length()))
                  + ")");
        } else {
          lost.get().forEach(x -> problems.add(id + ": " + x));
        }
      }
    }
    if (spec.raft().isPresent()) {
      Optional<RaftStatus> l = observed.node(p).raft();
      if (l.isEmpty() || !l.get().isLeader()) {
        problems.add(
            p + " is not the HA Raft leader" + l.map(r -> " (" + r.summary() + ")").orElse(""));
      } else if (!l.get().allInSync() || l.get().members().size() != spec.ids().size()) {
        problems.add(
            "not every member is connected to " + p + " and in sync (" + l.get().summary() + ")");
      }
      return new Outcome(problems, observed);
    }
    Optional<HaStatus> ps = observed.node(p).ha();
    if (ps.isEmpty() || !ps.get().isPrimary()) {
      problems.add(p + " is not primary" + ps.map(st -> " (" + st.summary() + ")").orElse(""));
    } else {
      for (ClusterSpec.NodeSpec s : spec.secondaries()) {
        if (!ps.get().hasConnectedSecondary(s.id())) {
          problems.add(s.id() + " is not connected to " + p);
        }
      }
    }
    return new Outcome(problems, observed);
  }
}
