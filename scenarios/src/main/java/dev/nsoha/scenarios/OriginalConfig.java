package dev.nsoha.scenarios;

import dev.nsoha.core.digest.OriginalDigests;
import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.io.PrivateFiles;
import dev.nsoha.core.journal.Journal;
import dev.nsoha.core.journal.JournalStore;
import dev.nsoha.core.plan.ClusterSnapshot;
import dev.nsoha.core.spi.NodeClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
      List<String> out = new ArrayList<>(c.problems());
      if (c.total() > c.problems().size()) {
        out.add("and " + (c.total() - c.problems().size()) + " more paths missing or changed");
      }
      return Optional.of(out);
    } catch (OriginalDigests.DigestFileException e) {
      return Optional.of(List.of(e.getMessage() + "; nothing can be proven kept"));
    } catch (NsoException e) {
      return Optional.of(List.of("its configuration cannot be read: " + e.detail()));
    }
  }
}
