package dev.nsoha.scenarios.cli;

import dev.nsoha.core.digest.OriginalDigests;
import dev.nsoha.core.journal.Journal;
import dev.nsoha.core.journal.JournalStore;
import dev.nsoha.core.json.JsonWriter;
import dev.nsoha.scenarios.ExitCodes;
import dev.nsoha.scenarios.input.UsageException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code journal show}: what the run journal records. */
@Command(
    name = "journal",
    mixinStandardHelpOptions = true,
    description = "Read the run journal.",
    subcommands = {JournalCommand.Show.class},
    footer = {"", "Examples:", "  nso-ha-upgrade journal show --run-root nso-run"})
public final class JournalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /**
   * The journal of the run the options describe: {@code --journal}, else the one the upgrades write
   * for that cluster.
   *
   * @throws UsageException when there is none
   */
  static Journal load(RunOptions run, LocalNodesOptions nodes) {
    Path f = run.journalFile(Optional.of(nodes.runRoot));
    Optional<Journal> j = new JournalStore(f).load();
    return j.orElseThrow(() -> new UsageException("no journal at " + f));
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Print the journal: plan, target, cluster, state, backups and every attempt.",
        "It takes the options of the upgrades and finds the journal they write (--journal, else"
            + " <run-root>/journal.json)."
      },
      footer = {"", "Examples:", "  nso-ha-upgrade journal show --run-root nso-run --json"})
  static final class Show extends UpgradeCommandBase {
    @Option(
        names = "--json",
        description = "Print the journal's JSON as it is stored (default: a summary).")
    boolean json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      placeRunFiles();
      Journal j = load(run, nodes);
      if (json) {
        out.print(JsonWriter.pretty(j.toJson()));
      } else {
        print(j, run.journalFile(Optional.of(nodes.runRoot)), out);
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** The journal in words. */
  static void print(Journal j, Path file, PrintWriter out) {
    Map<String, Object> root = j.toJson();
    out.printf("journal:  %s%n", file);
    out.printf("plan:     %s to %s%n", j.plan(), j.target());
    out.printf("cluster:  %s (over %s)%n", j.cluster(), root.get("transport"));
    out.printf(
        "state:    %s (started %s, updated %s)%n",
        j.state().text(), j.runId(), root.get("updated"));
    out.printf("from:     %s%n", j.from());
    out.printf("original configuration fingerprint: %s%n", j.originalFingerprint());
    Optional<OriginalDigests.Ref> digests = j.originalDigests();
    if (digests.isEmpty()) {
      out.println(
          "original configuration digests: none (a journal of an older build: reruns compare the"
              + " fingerprint only)");
    } else {
      OriginalDigests.Ref d = digests.get();
      String state;
      try {
        OriginalDigests.verifyFile(file.toAbsolutePath().getParent(), d);
        state = "intact";
      } catch (OriginalDigests.DigestFileException e) {
        state = "NOT USABLE: " + e.getMessage();
      }
      out.printf(
          "original configuration digests: %s (%,d list entries and subtrees, %,d leaves, %,d"
              + " bytes, sha256 %s): %s%n",
          file.toAbsolutePath().resolveSibling(d.file()),
          d.records(),
          d.leaves(),
          d.bytes(),
          d.sha256(),
          state);
      d.subtrees()
          .forEach(
              (name, sub) ->
                  out.printf(
                      "  /%s: %s records, digest %s%n",
                      name, sub.get("records"), sub.get("sha256")));
    }
    out.println("before:");
    j.before()
        .forEach(
            (id, n) ->
                out.printf("  %s: %s%n", id, n instanceof Map<?, ?> m ? m.get("summary") : n));
    out.println("backups:");
    for (Object b : (List<?>) root.getOrDefault("backups", List.of())) {
      Map<?, ?> m = (Map<?, ?>) b;
      out.printf(
          "  %s: %s (sha256 %s, taken %s, attempt %s)%n",
          m.get("node"), m.get("file"), m.get("sha256"), m.get("taken"), m.get("attempt"));
    }
    for (Map<String, Object> a : j.attempts()) {
      out.printf(
          "attempt %s (%s of %s), started %s%s%n",
          a.get("number"),
          a.get("kind"),
          a.get("plan"),
          a.get("started"),
          a.containsKey("result") ? ": " + a.get("result") : ": did not finish");
      for (Object o : (List<?>) a.getOrDefault("steps", List.of())) {
        Map<?, ?> s = (Map<?, ?>) o;
        out.printf(
            "  [%2s] %-8s %s%s%n",
            s.get("number"),
            s.get("outcome"),
            s.get("title"),
            s.containsKey("durationMs") ? " (" + s.get("durationMs") + " ms)" : "");
      }
    }
  }
}
