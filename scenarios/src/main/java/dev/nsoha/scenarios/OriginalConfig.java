package dev.nsoha.scenarios;

import dev.nsoha.core.digest.OriginalDigests;
import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.io.PrivateFiles;
import dev.nsoha.core.journal.Journal;
import dev.nsoha.core.journal.JournalStore;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.ClusterAccess;
import dev.nsoha.core.plan.ClusterSnapshot;
import dev.nsoha.core.spi.NodeClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configuration as it was before a run's first attempt, as the journal keeps it: digests in a
 * file beside the journal ({@link OriginalDigests}), taken from the primary before anything
 * changed, and the check that a node still holds all of it.
 */
public final class OriginalConfig {
  /** The HA tree differs per node and the upgrade changes it: it is left out. */
  static final Set<String> SKIPPED = Set.of(ClusterSnapshot.HA_TREE);

  private OriginalConfig() {}

  /**
   * Digests {@code primary}'s running configuration into a file beside the journal and records it
   * in {@code journal}.
   */
  static OriginalDigests.Ref record(Journal journal, JournalStore store, NodeClient primary) {
    Path dir = PrivateFiles.directory(store.file().getParent());
    OriginalDigests.Ref ref =
        OriginalDigests.write(
            dir, store.file().getFileName() + ".digests", SKIPPED, primary::streamRunningConfig);
    journal.originalDigests(ref);
    return ref;
  }

  /**
   * The final observation of the cluster with the containment check in the same pass: each node's
   * configuration streams once, into its fingerprint and the check against the digests the journal
   * keeps ({@link #problemsSeen} then answers without reading again).
   */
  static Observed observe(ClusterAccess cluster, Journal journal, JournalStore store) {
    Optional<OriginalDigests.Ref> ref = journal.originalDigests();
    Map<NodeId, OriginalDigests.Checker> checkers = new ConcurrentHashMap<>();
    ClusterSnapshot.ConfigTap tap = ClusterSnapshot.FINGERPRINT_ONLY;
    if (ref.isPresent()) {
      try {
        OriginalDigests.Loaded loaded = OriginalDigests.load(store.file().getParent(), ref.get());
        tap =
            (id, fp) -> {
              OriginalDigests.Checker c =
                  loaded.checker(SKIPPED, OriginalDigests.DEFAULT_LIMIT, fp);
              checkers.put(id, c);
              return c.events();
            };
      } catch (OriginalDigests.DigestFileException e) {
        // problems() reports it per node.
      }
    }
    return new Observed(ClusterSnapshot.observe(cluster, tap), Map.copyOf(checkers));
  }

  /**
   * An observation and the containment checks fed in the same pass.
   *
   * @param snapshot the cluster as observed
   * @param checkers per node whose configuration was streamed, its check
   */
  record Observed(ClusterSnapshot snapshot, Map<NodeId, OriginalDigests.Checker> checkers) {
    /**
     * What {@code node} lost or changed of the original configuration, from the check of the same
     * pass when its configuration was read whole; otherwise read again ({@link #problems}).
     */
    Optional<List<String>> problemsSeen(
        NodeId node, Journal journal, JournalStore store, NodeClient client) {
      OriginalDigests.Checker c = checkers.get(node);
      if (c == null || snapshot.node(node).configFingerprint().isEmpty()) {
        return problems(journal, store, client);
      }
      return Optional.of(describe(c.finish()));
    }
  }

  private static List<String> describe(OriginalDigests.Check c) {
    List<String> out = new ArrayList<>(c.problems());
    if (c.total() > c.problems().size()) {
      out.add("and " + (c.total() - c.problems().size()) + " more paths missing or changed");
    }
    return out;
  }

  /**
   * What {@code node} lost or changed of the original configuration, each a path and what happened
   * to it ({@code /dummy:dummies/dummy{d1} missing (present before the upgrade began)}); empty when
   * it holds everything; no answer at all when the journal keeps no digests (a journal of an older
   * build), so that the caller falls back to the fingerprint.
   */
  public static Optional<List<String>> problems(
      Journal journal, JournalStore store, NodeClient node) {
    Optional<OriginalDigests.Ref> ref = journal.originalDigests();
    if (ref.isEmpty()) {
      return Optional.empty();
    }
    try {
      OriginalDigests.Check c =
          OriginalDigests.check(
              store.file().getParent(),
              ref.get(),
              SKIPPED,
              node::streamRunningConfig,
              OriginalDigests.DEFAULT_LIMIT);
      return Optional.of(describe(c));
    } catch (OriginalDigests.DigestFileException e) {
      return Optional.of(List.of(e.getMessage() + "; nothing can be proven kept"));
    } catch (NsoException e) {
      return Optional.of(List.of("its configuration cannot be read: " + e.detail()));
    }
  }
}
