package dev.nsoha.scenarios;

import dev.nsoha.core.journal.Journal;
import dev.nsoha.core.journal.JournalStore;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.ClusterSnapshot;
import dev.nsoha.scenarios.input.UsageException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the journal for an upgrade run: a new one for a first attempt, or the unfinished one of the
 * same plan, target and cluster, which the run continues and whose original fingerprint it verifies
 * against. Anything else is refused with what to do.
 */
public final class RunJournal {
  private final Journal journal;
  private final JournalStore store;
  private final boolean resumed;
  private boolean archiveFirst;
  private boolean begun;

  private RunJournal(Journal journal, JournalStore store, boolean resumed, boolean archiveFirst) {
    this.journal = journal;
    this.store = store;
    this.resumed = resumed;
    this.archiveFirst = archiveFirst;
    this.begun = resumed;
  }

  public Journal journal() {
    return journal;
  }

  public JournalStore store() {
    return store;
  }

  /** Whether the run continues an earlier attempt. */
  public boolean resumed() {
    return resumed;
  }

  /** The journal of an earlier run, to roll it back. */
  public static RunJournal existing(Journal journal, JournalStore store) {
    return new RunJournal(journal, store, true, false);
  }

  /**
   * Makes a new journal real: moves an earlier one aside (if the run replaces it) and writes this
   * one. Until then nothing on disk has changed, so a refusal (preflight) leaves the old journal as
   * it was.
   */
  public void begin(PrintWriter out) {
    if (begun) {
      return;
    }
    if (archiveFirst) {
      store.archive(Instant.now()).ifPresent(p -> out.println("Earlier journal kept as " + p));
      archiveFirst = false;
    }
    store.save(journal);
    begun = true;
  }

  /**
   * The nodes that the unfinished run recorded in {@code file} may have left stopped, when this run
   * continues it (same plan, target and cluster; neither finished nor rolled back, and no {@code
   * --new-run}); empty otherwise. Reads the journal only.
   */
  public static Map<NodeId, Journal.StoppedBy> stoppedByRun(
      Path file, boolean newRun, String plan, String target, ClusterSpec cluster) {
    if (newRun) {
      return Map.of();
    }
    Optional<Journal> existing = new JournalStore(file).load();
    if (existing.isEmpty()) {
      return Map.of();
    }
    Journal j = existing.get();
    Journal.State st = j.state();
    boolean continues =
        j.mismatch(plan, target, cluster).isEmpty()
            && (st == Journal.State.RUNNING
                || st == Journal.State.FAILED
                || st == Journal.State.COMPLETED);
    return continues ? j.nodesStoppedByRun() : Map.of();
  }

  /**
   * Opens or starts the journal in {@code file}.
   *
   * @param newRun {@code --new-run}: move any journal aside and start afresh
   * @param fingerprint the configuration fingerprint before the run, for a new journal; empty only
   *     when the primary is down because the run this one continues stopped it
   * @throws UsageException when an unfinished run of another plan, target or cluster, or an
   *     unfinished rollback, is recorded there
   */
  public static RunJournal open(
      Path file,
      boolean newRun,
      String plan,
      String target,
      Map<String, Object> targetDetail,
      ClusterSpec cluster,
      String transport,
      Map<String, Object> from,
      ClusterSnapshot before,
      Optional<String> fingerprint,
      PrintWriter out) {
    JournalStore store = new JournalStore(file);
    Instant now = Instant.now();
    Optional<Journal> existing = store.load();
    boolean archive = false;
    if (existing.isPresent()) {
      Journal j = existing.get();
      Optional<String> mismatch = j.mismatch(plan, target, cluster);
      if (newRun
          || (mismatch.isPresent() && j.state().finished())
          || j.state() == Journal.State.ROLLED_BACK) {
        archive = true;
      } else if (mismatch.isPresent()) {
        throw new UsageException(
            "the journal "
                + store.file()
                + " records an unfinished "
                + j.plan()
                + " to "
                + j.target()
                + " ("
                + j.state().text()
                + ", started "
                + j.runId()
                + "), and this run does not match it: "
                + mismatch.get()
                + ". Finish that run by running the same command again, undo it with"
                + " 'nso-ha-upgrade rollback', or start over with --new-run (the old journal is"
                + " kept beside the new one). Nothing was changed.");
      } else if (j.state() == Journal.State.ROLLING_BACK
          || j.state() == Journal.State.ROLLBACK_FAILED) {
        throw new UsageException(
            "the journal "
                + store.file()
                + " records an unfinished rollback of "
                + j.plan()
                + " to "
                + j.target()
                + "; finish it with 'nso-ha-upgrade rollback', or start over with --new-run."
                + " Nothing was changed.");
      } else {
        out.println(
            "Continuing the run started "
                + j.runId()
                + " from its journal "
                + store.file()
                + "; the configuration is verified against "
                + (j.originalDigests().isPresent()
                    ? "the digests taken before it ("
                    : "the fingerprint taken before it (")
                + j.originalFingerprint().substring(0, 12)
                + ")");
        out.flush();
        return new RunJournal(j, store, true, false);
      }
    }
    Journal j =
        Journal.start(
            plan,
            target,
            targetDetail,
            cluster,
            transport,
            from,
            before,
            fingerprint.orElseThrow(
                () ->
                    new IllegalStateException(
                        "a new journal needs the configuration fingerprint before the run")),
            now);
    return new RunJournal(j, store, false, archive);
  }

  /** The fingerprint the verification compares with: the one taken before the first attempt. */
  public String originalFingerprint() {
    return journal.originalFingerprint();
  }

  public void state(Journal.State s) {
    if (!begun) {
      throw new IllegalStateException("the journal was not begun");
    }
    journal.state(s, Instant.now());
    store.save(journal);
  }

  public void put(String key, Object value) {
    journal.put(key, value);
    store.save(journal);
  }
}
