package dev.nsoha.scenarios;

import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.plan.ClusterAccess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The check at the end of every run, independent of the plan's steps: the cluster is whole in its
 * nominal roles, every node runs what it should with its packages up, and the configuration that
 * existed before the run is on every node, compared by a fingerprint of the non-HA configuration.
 */
public final class Verification {
  /**
   * The HA subtree differs per node only in ways that do not matter here, and the upgrade itself
   * changes it.
   */
  static final String HA_TREE = "tailf-ncs:high-availability";

  private Verification() {}

  /** The outcome: the problems found (none means verified) and what was observed per node. */
  public record Outcome(List<String> problems, Map<String, Object> observed) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** The running configuration without the HA tree, fingerprinted. */
  public static String fingerprint(DataTree running) {
    Map<String, Object> m = new LinkedHashMap<>(running.asMap());
    m.remove(HA_TREE);
    return DataTree.of(m).fingerprint();
  }

  /** The config fingerprint of every node, or {@code unreadable: ...}. */
  public static Map<NodeId, String> fingerprints(ClusterAccess cluster) {
    Map<NodeId, String> out = new LinkedHashMap<>();
    for (NodeId id : cluster.spec().ids()) {
      try {
        out.put(id, fingerprint(cluster.client(id).readRunningConfig()));
      } catch (NsoException e) {
        out.put(id, "unreadable: " + e.getMessage());
      }
    }
    return out;
  }

  /**
   * Verifies the cluster.
   *
   * @param before the configuration fingerprint taken before the run (on the primary)
   * @param versionOk what each node's version must satisfy, with its description
   * @param packagesOk what each node's package list must satisfy, with its description
   */
  public static Outcome verify(
      ClusterAccess cluster,
      String before,
      Predicate<String> versionOk,
      String versionWanted,
      Predicate<List<PackageStatus>> packagesOk,
      String packagesWanted) {
    ClusterSpec spec = cluster.spec();
    List<String> problems = new ArrayList<>();
    Map<String, Object> observed = new LinkedHashMap<>();
    NodeId p = spec.primary().id();
    HaStatus ps = null;
    for (NodeId id : spec.ids()) {
      Map<String, Object> node = new LinkedHashMap<>();
      observed.put(id.value(), node);
      try {
        HaStatus st = cluster.client(id).haStatus();
        node.put("ha", st.summary());
        if (id.equals(p)) {
          ps = st;
        }
        String version = cluster.client(id).version().text();
        node.put("version", version);
        if (!versionOk.test(version)) {
          problems.add(id + " runs NSO " + version + ", expected " + versionWanted);
        }
        List<PackageStatus> pkgs = cluster.client(id).packages();
        node.put(
            "packages",
            pkgs.stream().map(x -> x.name() + " " + x.version() + " " + x.operStatus()).toList());
        if (!packagesOk.test(pkgs)) {
          problems.add(id + " packages " + node.get("packages") + ", expected " + packagesWanted);
        }
        String fp = fingerprint(cluster.client(id).readRunningConfig());
        node.put("configFingerprint", fp);
        if (!fp.equals(before)) {
          problems.add(
              id
                  + " configuration differs from before the run (fingerprint "
                  + fp.substring(0, 12)
                  + ", before "
                  + before.substring(0, Math.min(12, before.length()))
                  + ")");
        }
      } catch (NsoException e) {
        problems.add(id + " cannot be read: " + e.getMessage());
        node.put("error", e.getMessage());
      }
    }
    if (ps == null || !ps.isPrimary()) {
      problems.add(p + " is not primary" + (ps == null ? "" : " (" + ps.summary() + ")"));
    } else {
      for (ClusterSpec.NodeSpec s : spec.secondaries()) {
        if (!ps.hasConnectedSecondary(s.id())) {
          problems.add(s.id() + " is not connected to " + p);
        }
      }
    }
    return new Outcome(problems, observed);
  }
}
