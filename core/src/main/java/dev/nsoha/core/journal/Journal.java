package dev.nsoha.core.journal;

import dev.nsoha.core.digest.OriginalDigests;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.ClusterSpec.NodeSpec;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.plan.ClusterSnapshot;
import dev.nsoha.core.spi.Backup;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run knows and must not forget: the plan and its target, the cluster, the configuration
 * fingerprint and every node's state before the first attempt, every backup with its checksum, and
 * every attempt (upgrade or rollback) with its steps' outcomes and times. A rerun of the same plan
 * and target continues from it; a rollback reads its backups and the install the nodes ran before.
 *
 * <p>The journal is a JSON document (format {@value #FORMAT}, described in {@code
 * docs/journal.md}); this class is a thin typed view over it, so that a journal written by a newer
 * build with extra fields is kept whole when an older one rewrites it. Not thread-safe; the {@link
 * JournalListener} serialises its updates.
 */
public final class Journal {
  /** The format version this build writes and reads. */
  public static final int FORMAT = 1;

  /** Where a run stands. */
  public enum State {
    /** An upgrade attempt is running, or was killed while running. */
    RUNNING,
    /** The last upgrade attempt stopped at a failed step or failed verification. */
    FAILED,
    /** The upgrade finished and was verified. */
    COMPLETED,
    /** A rollback attempt is running, or was killed while running. */
    ROLLING_BACK,
    /** The last rollback attempt stopped at a failed step or failed verification. */
    ROLLBACK_FAILED,
    /** The rollback finished and was verified: the cluster is as before the run. */
    ROLLED_BACK;

    public String text() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static State parse(String s) {
      return valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** Whether a run with another plan, target or cluster may replace this journal. */
    public boolean finished() {
      return this == COMPLETED || this == ROLLED_BACK;
    }
  }

  private final Map<String, Object> root;

  private Journal(Map<String, Object> root) {
    this.root = root;
  }

  /**
   * A new journal for a first attempt.
   *
   * @param plan the plan's name, e.g. {@code upgrade-nso}
   * @param target what the plan upgrades to, in words that identify it ({@code NSO 6.5.1 at
   *     /opt/nso-6.5.1}, {@code dummy-1.1, inert-1.0})
   * @param targetDetail the target's parts for a rollback or a reader (install dir and version,
   *     package files)
   * @param from what the nodes ran before (install dir and version), for a rollback
   * @param before every node's state before the run, with configuration fingerprints
   * @param originalFingerprint the configuration fingerprint every node must show afterwards
   */
  public static Journal start(
      String plan,
      String target,
      Map<String, Object> targetDetail,
      ClusterSpec cluster,
      String transport,
      Map<String, Object> from,
      ClusterSnapshot before,
      String originalFingerprint,
      Instant now) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("format", FORMAT);
    r.put("tool", "nso-ha-upgrade");
    r.put("runId", now.toString());
    r.put("plan", plan);
    r.put("target", target);
    r.put("targetDetail", new LinkedHashMap<>(targetDetail));
    r.put("cluster", clusterKey(cluster));
    r.put("nodes", nodes(cluster));
    r.put("transport", transport);
    r.put("from", new LinkedHashMap<>(from));
    r.put("originalFingerprint", originalFingerprint);
    r.put("before", before.toMap());
    r.put("state", State.RUNNING.text());
    r.put("created", now.toString());
    r.put("updated", now.toString());
    r.put("backups", new ArrayList<Object>());
    r.put("attempts", new ArrayList<Object>());
    return new Journal(r);
  }

  /**
   * A journal read back from its JSON form.
   *
   * @throws IllegalArgumentException when it is not a journal this build understands
   */
  @SuppressWarnings("unchecked")
  public static Journal fromJson(Object json) {
    if (!(json instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("not a journal: the top level is not an object");
    }
    Object format = m.get("format");
    if (!(format instanceof Long f) || f != FORMAT) {
      throw new IllegalArgumentException(
          "journal format " + format + " is not the format " + FORMAT + " this build reads");
    }
    for (String k : List.of("plan", "target", "cluster", "originalFingerprint", "state")) {
      if (!(m.get(k) instanceof String)) {
        throw new IllegalArgumentException("not a journal: no '" + k + "'");
      }
    }
    Journal j = new Journal((Map<String, Object>) m);
    State.parse(j.str("state"));
    return j;
  }

  /** The identity of a cluster: {@code n1=127.0.1.1:primary,n2=...:failover-primary,...}. */
  public static String clusterKey(ClusterSpec cluster) {
    List<String> parts = new ArrayList<>();
    for (NodeSpec n : cluster.nodes()) {
      parts.add(n.id() + "=" + n.address() + ":" + role(n));
    }
    return String.join(",", parts);
  }

  private static String role(NodeSpec n) {
    return n.nominalRole() == HaMode.PRIMARY
        ? "primary"
        : n.failoverPrimary() ? "failover-primary" : "secondary";
  }

  private static List<Object> nodes(ClusterSpec cluster) {
    List<Object> out = new ArrayList<>();
    for (NodeSpec n : cluster.nodes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", n.id().value());
      m.put("address", n.address());
      m.put("role", role(n));
      out.add(m);
    }
    return out;
  }

  /** The JSON document. */
  public Map<String, Object> toJson() {
    return root;
  }

  public String plan() {
    return str("plan");
  }

  public String target() {
    return str("target");
  }

  public String cluster() {
    return str("cluster");
  }

  public String runId() {
    return str("runId");
  }

  public String originalFingerprint() {
    return str("originalFingerprint");
  }

  public State state() {
    return State.parse(str("state"));
  }

  /** The target's parts as recorded, e.g. {@code install}, {@code version}, {@code packages}. */
  public Map<String, Object> targetDetail() {
    return map(root.get("targetDetail"));
  }

  /** What the nodes ran before: {@code install}, {@code version}. */
  public Map<String, Object> from() {
    return map(root.get("from"));
  }

  /** Every node's state before the run, as {@link ClusterSnapshot#toMap()} wrote it. */
  public Map<String, Object> before() {
    return map(root.get("before"));
  }

  /** The package {@code name-version}s {@code node} ran before the run. */
  public List<String> packagesBefore(NodeId node) {
    Map<String, Object> n = map(before().get(node.value()));
    List<String> out = new ArrayList<>();
    for (Object p : list(n.get("packages"))) {
      Map<String, Object> pm = map(p);
      out.add(pm.get("name") + "-" + pm.get("version"));
    }
    return out;
  }

  /** Why this journal does not match a run of {@code plan} to {@code target} on {@code cluster}. */
  public Optional<String> mismatch(String plan, String target, ClusterSpec cluster) {
    List<String> diffs = new ArrayList<>();
    if (!plan().equals(plan)) {
      diffs.add("its plan is " + plan() + ", this run's is " + plan);
    }
    if (!target().equals(target)) {
      diffs.add("its target is " + target() + ", this run's is " + target);
    }
    if (!cluster().equals(clusterKey(cluster))) {
      diffs.add("its cluster is " + cluster() + ", this run's is " + clusterKey(cluster));
    }
    return diffs.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", diffs));
  }

  public void state(State s, Instant now) {
    root.put("state", s.text());
    root.put("updated", now.toString());
  }

  /** Adds a backup, taken during attempt {@code attempt} (numbered from 1). */
  public void addBackup(Backup b, int attempt, int step) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("node", b.node().value());
    m.put("file", b.file().toString());
    m.put("sha256", b.sha256());
    m.put("taken", b.taken().toString());
    m.put("attempt", attempt);
    m.put("step", step);
    list(root.get("backups")).add(m);
  }

  /**
   * Every node's first backup: the one taken before the run changed anything on it, which is what a
   * rollback restores.
   */
  public Map<NodeId, Backup> firstBackups() {
    Map<NodeId, Backup> out = new LinkedHashMap<>();
    for (Object o : list(root.get("backups"))) {
      Map<String, Object> m = map(o);
      NodeId id = NodeId.of((String) m.get("node"));
      out.putIfAbsent(
          id,
          new Backup(
              id,
              Path.of((String) m.get("file")),
              (String) m.get("sha256"),
              Instant.parse((String) m.get("taken"))));
    }
    return out;
  }

  /** The attempts so far, each a map with {@code kind}, {@code started}, {@code steps}, ... */
  public List<Map<String, Object>> attempts() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : list(root.get("attempts"))) {
      out.add(map(o));
    }
    return out;
  }

  /**
   * Starts an attempt ({@code upgrade} or {@code rollback}) of a plan with {@code titles} as its
   * steps; returns its number, from 1.
   */
  public int startAttempt(String kind, String planName, List<String> titles, Instant now) {
    return startAttempt(kind, planName, titles, List.of(), now);
  }

  /** As {@link #startAttempt(String, String, List, Instant)} with each step's nodes. */
  public int startAttempt(
      String kind, String planName, List<String> titles, List<List<String>> nodes, Instant now) {
    List<Object> attempts = list(root.get("attempts"));
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("number", attempts.size() + 1);
    a.put("kind", kind);
    a.put("plan", planName);
    a.put("started", now.toString());
    List<Object> steps = new ArrayList<>();
    for (int i = 0; i < titles.size(); i++) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("number", i + 1);
      s.put("title", titles.get(i));
      if (i < nodes.size()) {
        s.put("nodes", new ArrayList<Object>(nodes.get(i)));
      }
      s.put("outcome", "not run");
      steps.add(s);
    }
    a.put("steps", steps);
    attempts.add(a);
    root.put("updated", now.toString());
    return attempts.size();
  }

  /** Step {@code number} of attempt {@code attempt}, as a mutable map. */
  public Map<String, Object> step(int attempt, int number) {
    return map(list(attempts().get(attempt - 1).get("steps")).get(number - 1));
  }

  /** Ends attempt {@code attempt} with {@code result} ({@code completed}, {@code failed: ...}). */
  public void endAttempt(int attempt, String result, Instant now) {
    Map<String, Object> a = attempts().get(attempt - 1);
    a.put("finished", now.toString());
    a.put("result", result);
    root.put("updated", now.toString());
  }

  /**
   * The titles of the steps that an earlier attempt of {@code kind} finished ({@code done} or
   * {@code skipped}), so that a resumed rollback can skip them.
   */
  public List<String> finishedSteps(String kind) {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> a : attempts()) {
      if (!kind.equals(a.get("kind"))) {
        continue;
      }
      for (Object o : list(a.get("steps"))) {
        Map<String, Object> s = map(o);
        Object outcome = s.get("outcome");
        if ("done".equals(outcome) || "skipped".equals(outcome)) {
          out.add((String) s.get("title"));
        }
      }
    }
    return out;
  }

  /**
   * The titles and nodes of the steps of {@code kind} attempts whose action ran, at least in part
   * (outcome {@code done}, {@code failed} or {@code started}): what the runs may have changed.
   */
  public List<Map.Entry<String, List<String>>> stepsThatRan(String kind) {
    List<Map.Entry<String, List<String>>> out = new ArrayList<>();
    for (Map<String, Object> a : attempts()) {
      if (!kind.equals(a.get("kind"))) {
        continue;
      }
      for (Object o : list(a.get("steps"))) {
        Map<String, Object> s = map(o);
        Object outcome = s.get("outcome");
        if ("done".equals(outcome) || "failed".equals(outcome) || "started".equals(outcome)) {
          List<String> nodes = new ArrayList<>();
          list(s.get("nodes")).forEach(n -> nodes.add(String.valueOf(n)));
          out.add(Map.entry((String) s.get("title"), nodes));
        }
      }
    }
    return out;
  }

  /**
   * Where a recorded run may have left a node stopped: the attempt and the step that stopped it.
   *
   * @param attempt the attempt's number, from 1
   * @param kind the attempt's kind, {@code upgrade} or {@code rollback}
   * @param step the step's number in that attempt, from 1
   * @param title the step's title
   * @param outcome the step's outcome: {@code started} (the run was interrupted in it), {@code
   *     failed}, or {@code done} (a step that leaves the node stopped for a later one to start)
   */
  public record StoppedBy(int attempt, String kind, int step, String title, String outcome) {
    /** {@code the interrupted upgrade stopped it in step 6 (Upgrade node n1 to NSO 6.5.1)}. */
    public String describe() {
      String who =
          switch (outcome) {
            case "started" -> "the interrupted " + kind;
            case "failed" -> "the failed " + kind;
            default -> "the " + kind;
          };
      return who + " stopped it in step " + step + " (" + title + ")";
    }
  }

  /**
   * The nodes that the recorded attempts may have left stopped, each with the step that stopped it.
   * The steps that stop nodes record them ({@code stops}, and {@code starts} for the ones they
   * start again); replaying every attempt in order, a node is left stopped by a step that stops it
   * and was interrupted or failed, or that finished without starting it again, unless a later step
   * that starts it finished or found its result in place.
   */
  public Map<NodeId, StoppedBy> nodesStoppedByRun() {
    Map<NodeId, StoppedBy> out = new LinkedHashMap<>();
    for (Map<String, Object> a : attempts()) {
      int attempt = ((Number) a.getOrDefault("number", 0L)).intValue();
      String kind = String.valueOf(a.get("kind"));
      for (Object o : list(a.get("steps"))) {
        Map<String, Object> s = map(o);
        String outcome = String.valueOf(s.get("outcome"));
        List<NodeId> stops = ids(s.get("stops"));
        List<NodeId> starts = ids(s.get("starts"));
        int number = ((Number) s.getOrDefault("number", 0L)).intValue();
        StoppedBy by = new StoppedBy(attempt, kind, number, (String) s.get("title"), outcome);
        switch (outcome) {
          case "started", "failed" -> stops.forEach(n -> out.put(n, by));
          case "done" -> {
            stops.forEach(n -> out.put(n, by));
            starts.forEach(out::remove);
          }
          case "skipped" -> {
            stops.forEach(out::remove);
            starts.forEach(out::remove);
          }
          default -> {
            // not run: changed nothing
          }
        }
      }
    }
    return out;
  }

  private static List<NodeId> ids(Object o) {
    List<NodeId> out = new ArrayList<>();
    list(o).forEach(n -> out.add(NodeId.of(String.valueOf(n))));
    return out;
  }

  /**
   * The digests of the configuration before the first attempt, which a rerun, a rollback and {@code
   * journal show} check against; empty in a journal written before digests were kept.
   */
  public Optional<OriginalDigests.Ref> originalDigests() {
    return OriginalDigests.Ref.fromJson(root.get("originalDigests"));
  }

  /** Records the digests of the configuration before the first attempt. */
  public void originalDigests(OriginalDigests.Ref ref) {
    root.put("originalDigests", ref.toJson());
  }

  /** Puts a top-level section, e.g. the verification of the last attempt. */
  public void put(String key, Object value) {
    root.put(key, value);
  }

  private String str(String key) {
    return Objects.requireNonNull((String) root.get(key), key);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return o instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
  }
}
