package dev.nsoha.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code packages ha sync and-reload} returns (docs/nso-interface.md, "Packages"): one {@code
 * sync-result} per secondary the primary synced its packages to, and the {@code reload-result}s of
 * the reload.
 *
 * @param secondaries one entry per secondary, in NSO's order
 * @param reloadResults every {@code reload-result} of the output, in NSO's order
 */
public record SyncResult(List<SecondarySync> secondaries, List<PackageReloadResult> reloadResults) {
  public SyncResult {
    secondaries = List.copyOf(secondaries);
    reloadResults = List.copyOf(reloadResults);
  }

  /**
   * One {@code sync-result} entry.
   *
   * @param node the {@code node} key as NSO prints it: a rule-based secondary's HA id ({@code n2}),
   *     or an HA Raft member's node name ({@code ncsd2@127.0.2.1}), which is no HA id
   * @param ok {@code result}
   * @param info NSO's reason when the sync to this secondary failed
   */
  public record SecondarySync(String node, boolean ok, Optional<String> info) {
    public SecondarySync {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(info, "info");
    }

    /** A rule-based secondary's entry. */
    public SecondarySync(NodeId node, boolean ok, Optional<String> info) {
      this(node.value(), ok, info);
    }
  }

  /** The secondaries whose sync failed. */
  public List<SecondarySync> failedSecondaries() {
    return secondaries.stream().filter(s -> !s.ok()).toList();
  }

  /** The reload results that failed. */
  public List<PackageReloadResult> failedReloads() {
    return reloadResults.stream().filter(r -> !r.ok()).toList();
  }

  /** Whether every secondary synced and every package reloaded. */
  public boolean ok() {
    return failedSecondaries().isEmpty() && failedReloads().isEmpty();
  }
}
